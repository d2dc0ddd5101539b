"""Speed of ``rhetoric.compare.compare`` on a synthetic corpus (no spaCy): prints seconds.

    python benchmarks/compare_speed.py [DOCUMENTS]

Builds DOCUMENTS analyses (default 100,000) of 5 sentences in 4 outlets and 3
voices, then times the doc-level and sentence-level comparison by outlet with the
default bootstrap and permutation counts (lowered automatically for big groups).
"""
from __future__ import annotations

import random
import sys
import time

from rhetoric.compare import compare
from rhetoric.contract.schema import Analysis, Sentence

VOICES = ("official", "expert", "commentary")
WORDS = "trade partnership growth may fall strong fragile record imbalance seems certainly".split()


def corpus(n: int, seed: int = 0) -> list[Analysis]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        outlet = f"outlet{i % 4}"
        sentences = []
        for _ in range(5):
            text = " ".join(rng.choice(WORDS) for _ in range(8))
            sentences.append(Sentence(0, len(text), text, voice=rng.choice(VOICES),
                                      optimism=rng.uniform(-1, 1) + (0.05 if outlet == "outlet0" else 0),
                                      hedging=rng.random(), uncertain=rng.random() < 0.3))
        docs.append(Analysis(id=str(i), text="", meta={"outlet": outlet, "date": f"{2010 + i % 15}-05-01"},
                             sentences=sentences))
    return docs


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    docs = corpus(n)
    for level in ("doc", "sentence"):
        start = time.perf_counter()
        result = compare(docs, ["outlet"], level=level, terms=10)
        took = time.perf_counter() - start
        p = min(pair.p for pair in result.pairs)
        print(f"{n} documents, {5 * n} sentences, by outlet, level={level}: {took:.1f} s "
              f"({len(result.groups)} groups, {len(result.pairs)} pairs, smallest p {p:.4f})")


if __name__ == "__main__":
    main()
