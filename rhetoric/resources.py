"""Where the shipped data lives: ``corpora/`` and ``models/`` of the project.

In a wheel both are installed inside the package (``rhetoric/_corpora``,
``rhetoric/_models``, mapped in ``setup.cfg``); in a source checkout they are the
top-level folders. Package-internal data (lexicons, patterns) sits next to the module
that reads it and is found with ``Path(__file__).parent``.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def corpus_path(*parts: str) -> Path:
    """A path inside the project's ``corpora/`` folder (gazetteers, indicators, samples)."""
    return _root("_corpora", "corpora").joinpath(*parts)


def model_path(*parts: str) -> Path:
    """A path inside the project's ``models/`` folder (trained classifiers and cards)."""
    return _root("_models", "models").joinpath(*parts)
