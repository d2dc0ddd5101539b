"""Research comparisons: groups with bootstrap CIs, effect sizes and permutation tests,
distinctive terms by weighted log-odds, and tone lined up with indicator series over time.

Works on :class:`~rhetoric.contract.schema.Analysis` objects and never needs spaCy, except
to analyse raw documents handed to :func:`load_analyses`. The names below are imported on
first use (PEP 562), so the CLI can read :mod:`rhetoric.compare.defaults` without numpy.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Comparison": ".groups", "GroupStat": ".groups", "PairStat": ".groups", "bin_date": ".groups",
    "compare": ".groups", "is_document": ".inputs", "load_analyses": ".inputs",
    "distinctive_terms": ".logodds", "Alignment": ".timeseries", "align": ".timeseries",
    "indicator_values": ".timeseries", "compare_path": ".run", "Result": ".run",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rhetoric.compare' has no attribute '{name}'")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
