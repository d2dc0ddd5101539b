"""The attribution stage's own cost: words/s of the full pipeline with and without it.

Usage:
    python benchmarks/attribution_cost.py [FILE ...] [--repeat N]

Without files it uses the project's sample commentary (``corpora/samples``) and the
founding seed if present. Both pipelines process the same texts; the first pass warms
up, and the best of N timed passes is reported, so the figures are not skewed by a
slow first call. Prints words/s with and without attribution, the slowdown and the
milliseconds attribution adds per 1,000 words.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from rhetoric.analyze import analyze_text
from rhetoric.pipeline import ALL_STAGES, add_stages, load_model
from rhetoric.resources import corpus_path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_dc383d17b49d3f4c.txt"


def default_texts() -> list[str]:
    paths = sorted(corpus_path("samples").glob("*.txt")) if corpus_path("samples").is_dir() else []
    if SEED.is_file():
        paths.append(SEED)
    return [p.read_text(encoding="utf-8") for p in paths]


def words_per_second(nlp, texts: list[str], repeat: int) -> float:
    """Best-of-``repeat`` throughput of ``analyze_text`` over ``texts``, in words per second."""
    words = sum(len(t.split()) for t in texts)
    for t in texts:  # warm-up: lazy loads, caches
        analyze_text(t, nlp=nlp)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for t in texts:
            analyze_text(t, nlp=nlp)
        best = min(best, time.perf_counter() - start)
    return words / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [Path(f).read_text(encoding="utf-8") for f in args.files] or default_texts()
    # The same texts four times over, so each timed pass lasts long enough to measure.
    texts = texts * 4
    words = sum(len(t.split()) for t in texts)
    with_stage = add_stages(load_model(), ALL_STAGES)
    without = add_stages(load_model(), tuple(s for s in ALL_STAGES if s != "rhetoric_attribution"))
    fast = words_per_second(without, texts, args.repeat)
    full = words_per_second(with_stage, texts, args.repeat)
    print(f"texts: {len(texts)}  words: {words}  best of {args.repeat}")
    print(f"pipeline without attribution: {fast:,.0f} words/s  ({' '.join(without.pipe_names)})")
    print(f"pipeline with attribution:    {full:,.0f} words/s")
    print(f"slowdown: {fast / full:.2f}x  attribution cost: {1000 * (1 / full - 1 / fast) * 1000:.1f} ms per 1,000 words")


if __name__ == "__main__":
    main()
