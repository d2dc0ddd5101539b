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
from pathlib import Path

from rhetoric.api import analyze_text

from stage_timing import best_of, default_texts, with_and_without


def words_per_second(nlp, texts: list[str], repeat: int) -> float:
    """Best-of-``repeat`` throughput of ``analyze_text`` over ``texts``, in words per second."""
    words = sum(len(t.split()) for t in texts)
    return words / best_of(repeat, lambda: [analyze_text(t, nlp=nlp) for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [Path(f).read_text(encoding="utf-8") for f in args.files] or default_texts(include_jsonl=False)
    # The same texts four times over, so each timed pass lasts long enough to measure.
    texts = texts * 4
    words = sum(len(t.split()) for t in texts)
    with_stage, without = with_and_without("rhetoric_attribution")
    fast = words_per_second(without, texts, args.repeat)
    full = words_per_second(with_stage, texts, args.repeat)
    print(f"texts: {len(texts)}  words: {words}  best of {args.repeat}")
    print(f"pipeline without attribution: {fast:,.0f} words/s  ({' '.join(without.pipe_names)})")
    print(f"pipeline with attribution:    {full:,.0f} words/s")
    print(f"slowdown: {fast / full:.2f}x  attribution cost: {1000 * (1 / full - 1 / fast) * 1000:.1f} ms per 1,000 words")


if __name__ == "__main__":
    main()
