"""Is analysis linear in document and sentence length? Prints the three ratios of issue 15.

1. ``analyze`` on one long single-paragraph text of UN speeches (all newlines turned into
   spaces) against bare ``nlp.pipe`` (the trained spaCy model alone) on the same words in
   their paragraphs; target <= 1.3.
2. ``analyze`` on a text of short figure-dense sentences against bare ``nlp.pipe`` on the
   same text in paragraphs; target <= 1.5.
3. ``analyze`` on figures with no full stop at all against the same words with full
   stops; target <= 2.0. Before the fix this grew with the cube of the length.

Each figure is the best of ``--repeat`` runs. The default sizes are those of the issue
(5 MB, 5 MB, 20 KB); on a shared machine ``--mb 0.5`` gives the ratios in minutes.

Usage:  python benchmarks/sentence_cost.py [--mb 5] [--figure-kb 20] [--repeat 1]
        [--ungdc ../shared/data/ungdc/ungdc_2000_2024.jsonl.gz]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from pathlib import Path

from rhetoric.api import analyze_text, split_parts
from rhetoric.nlp.pipeline import load_model, load_pipeline

UNGDC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ungdc" / "ungdc_2000_2024.jsonl.gz"
# Our own figure-dense templates (no eval data).
FIGURES = ["exports rose {p}% to ${n} billion in {y}", "imports fell {p} percent in the first half of {y}",
           "the deficit reached {n} million euros in {y}", "output grew {p}% year on year in Q{q} {y}",
           "the budget of ${n} billion for {y} was {p}% above the {y2} level"]


def speeches(path: Path, chars: int) -> list[str]:
    """UN speeches, in order, until ``chars`` characters."""
    out, total = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            out.append(text)
            total += len(text)
            if total >= chars:
                break
    return out


def figure_sentences(chars: int, full_stops: bool, seed: int = 11) -> str:
    rng = random.Random(seed)
    parts, total = [], 0
    while total < chars:
        y = rng.randint(2000, 2023)
        clause = rng.choice(FIGURES).format(p=rng.randint(1, 40), n=rng.randint(2, 900), y=y, y2=y - 1,
                                            q=rng.randint(1, 4))
        part = clause[0].upper() + clause[1:] + "." if full_stops else clause + " and"
        parts.append(part)
        total += len(part) + 1
    return " ".join(parts)


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def bare(nlp, paragraphs: list[str]) -> None:
    for _ in nlp.pipe(paragraphs, batch_size=32):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of texts 1 and 2 in MB (default 5)")
    parser.add_argument("--figure-kb", type=float, default=20.0, help="size of text 3 in KB (default 20)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--ungdc", type=Path, default=UNGDC)
    args = parser.parse_args()
    nlp, model = load_pipeline(), load_model()
    chars = int(args.mb * 1_000_000)

    paragraphs = [p for text in speeches(args.ungdc, chars) for p in text.split("\n") if p.strip()]
    one_paragraph = " ".join(paragraphs)
    # Bare spaCy meets the same max_length limit, so it gets paragraphs (as the issue says).
    t_bare = best(args.repeat, lambda: bare(model, paragraphs))
    t_ours = best(args.repeat, lambda: analyze_text(one_paragraph))
    print(f"1. {len(one_paragraph) / 1e6:.2f} MB single paragraph: analyze {t_ours:.1f} s, bare nlp.pipe on "
          f"paragraphs {t_bare:.1f} s: ratio {t_ours / t_bare:.2f} (target <= 1.3)", flush=True)

    dense = figure_sentences(chars, full_stops=True)
    pieces = [part for _, part in split_parts(dense, 10_000)]
    t_bare = best(args.repeat, lambda: bare(model, pieces))
    t_ours = best(args.repeat, lambda: analyze_text(dense))
    print(f"2. {len(dense) / 1e6:.2f} MB figure-dense sentences: analyze {t_ours:.1f} s, bare nlp.pipe "
          f"{t_bare:.1f} s: ratio {t_ours / t_bare:.2f} (target <= 1.5)", flush=True)

    size = int(args.figure_kb * 1000)
    stops, no_stops = figure_sentences(size, full_stops=True), figure_sentences(size, full_stops=False)
    t_stops = best(args.repeat, lambda: analyze_text(stops))
    t_none = best(args.repeat, lambda: analyze_text(no_stops))
    print(f"3. {len(no_stops) / 1e3:.0f} KB of figures without full stops {t_none:.1f} s, with full stops "
          f"{t_stops:.1f} s: ratio {t_none / t_stops:.2f} (target <= 2.0)", flush=True)


if __name__ == "__main__":
    main()
