"""Shared fixtures: the pipeline is loaded once per test session (spaCy load costs ~1 s)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_dc383d17b49d3f4c.txt"


@pytest.fixture(scope="session")
def nlp():
    from rhetoric.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_text() -> str:
    """Our own bundled sample speech commentary (written for the project)."""
    from rhetoric.resources import corpus_path

    return corpus_path("samples", "pivot_commentary.txt").read_text(encoding="utf-8")


def saved_blank_pipeline(tmp_path_factory, name: str, *extra_pipes: str) -> str:
    """A blank English pipeline with a sentencizer (plus ``extra_pipes``) saved to disk:
    loads in milliseconds, for tests about batching mechanics rather than analysis."""
    import spacy

    path = tmp_path_factory.mktemp("models") / name
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for pipe in extra_pipes:
        nlp.add_pipe(pipe)
    nlp.to_disk(path)
    return str(path)


@pytest.fixture(scope="session")
def blank_model(tmp_path_factory):
    return saved_blank_pipeline(tmp_path_factory, "blank")
