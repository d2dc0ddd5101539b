"""rhetoric: who speaks, how upbeat and how hedged, which figures, held against the numbers.

The library entry points::

    from rhetoric import analyze_text, analyze_path, analyze_many, load_pipeline

Importing ``rhetoric`` loads no spaCy: the names below are resolved on first use (PEP 562),
so the plain-data layers (reality, io, batch results, compare, render) and the CLI's
non-NLP commands start fast.
"""
from __future__ import annotations

import importlib
from typing import Any

# Public name -> the module that defines it (imported on first access).
_EXPORTS = {
    "SCHEMA": ".contract.schema",
    "Analysis": ".contract.schema",
    "analyze_document": ".api",
    "analyze_many": ".api",
    "analyze_path": ".api",
    "analyze_text": ".api",
    "RhetoricError": ".errors",
    "Document": ".io.readers",
    "read_path": ".io.readers",
    "load_pipeline": ".nlp.pipeline",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rhetoric' has no attribute '{name}'")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
