"""Shared pieces of the per-stage cost benchmarks: sample texts, best-of timing, and the
pipeline with and without one stage."""
from __future__ import annotations

import json
import time
from pathlib import Path

from rhetoric.nlp.cleanup import adapt_tokenizer
from rhetoric.nlp.pipeline import ALL_STAGES, add_stages, load_model
from rhetoric.resources import corpus_path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_dc383d17b49d3f4c.txt"


def default_texts(include_jsonl: bool = True) -> list[str]:
    """Our own sample texts (and the sample corpus' records) plus the founding seed if present."""
    samples = corpus_path("samples")
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    if include_jsonl:
        for jsonl in sorted(samples.glob("*.jsonl")):
            with open(jsonl, encoding="utf-8") as handle:
                texts += [json.loads(line)["text"] for line in handle if line.strip()]
    if SEED.is_file():
        texts.append(SEED.read_text(encoding="utf-8"))
    return texts


def best_of(repeat: int, run) -> float:
    """Shortest wall time of ``repeat`` calls of ``run`` after one warm-up call."""
    run()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def with_and_without(stage: str):
    """The full pipeline, and the same pipeline without ``stage`` (tokenizers adapted as load_pipeline does)."""
    return (add_stages(adapt_tokenizer(load_model()), ALL_STAGES),
            add_stages(adapt_tokenizer(load_model()), tuple(s for s in ALL_STAGES if s != stage)))
