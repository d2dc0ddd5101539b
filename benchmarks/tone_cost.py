"""The tone stage's cost: its own sentences/s, and full-pipeline words/s with and without it.

Usage:
    python benchmarks/tone_cost.py [FILE ...] [--repeat N]

Without files it uses the project's sample texts (``corpora/samples``: the commentary
and the press corpus) and the founding seed if present. The tone stage alone is timed
on Docs already processed by every other stage, so its figure is the component's
``__call__`` only (lexicon matching, TextBlob's polarity, the uncertainty model). The first pass
warms up; the best of N timed passes is reported.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from rhetoric.api import analyze_text, prepare

from stage_timing import best_of, default_texts, with_and_without

TONE = "rhetoric_tone"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [Path(f).read_text(encoding="utf-8") for f in args.files] or default_texts()
    words = sum(len(t.split()) for t in texts)
    with_tone, without = with_and_without(TONE)

    # The stage alone: every other stage first (untimed), then only the tone component.
    docs = [without(prepare(without, t)) for t in texts]
    sentences = sum(1 for d in docs for _ in d.sents)
    tone = with_tone.get_pipe(TONE)
    alone = best_of(args.repeat, lambda: [tone(d) for d in docs])

    fast = words / best_of(args.repeat, lambda: [analyze_text(t, nlp=without) for t in texts])
    full = words / best_of(args.repeat, lambda: [analyze_text(t, nlp=with_tone) for t in texts])
    print(f"texts: {len(texts)}  sentences: {sentences}  words: {words}  best of {args.repeat}")
    print(f"tone stage alone: {sentences / alone:,.0f} sentences/s  ({1000 * alone / sentences:.3f} ms/sentence)")
    print(f"pipeline without tone: {fast:,.0f} words/s  ({' '.join(without.pipe_names)})")
    print(f"pipeline with tone:    {full:,.0f} words/s  ({' '.join(with_tone.pipe_names)})")
    added_ms = 1000 * 1000 * (1 / full - 1 / fast)  # seconds per word -> ms per 1,000 words
    print(f"slowdown: {100 * (fast - full) / fast:.1f}%  (+{added_ms:.1f} ms per 1,000 words)")


if __name__ == "__main__":
    main()
