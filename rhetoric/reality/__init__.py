"""The reality check: each figure against indicator tables, and the rhetoric–reality gap.

Works on plain data after the converter (an :class:`~rhetoric.contract.schema.Analysis`), never on
spaCy objects. ``run_checks(analysis, tables)`` fills ``analysis.checks`` and
``analysis.summary["gap"]``; ``tables`` are extra indicator CSV paths (``--indicators``),
read on top of the shipped ``corpora/indicators/*.csv`` (loaded once per process).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..contract.schema import Analysis
from .checks import StatedByConcept, check_quantity, known_concepts, text_indicators
from .gap import gap_summary
from ..knowledge.indicators import Indicator, load_table, load_tables

__all__ = ["run_checks", "load_table", "load_tables", "Indicator"]


def run_checks(analysis: Analysis, tables: Optional[Sequence[str]] = None) -> Analysis:
    """Check every figure that links to an indicator and compute the gap; returns ``analysis``."""
    rows = load_tables(tables)
    stated = text_indicators(analysis.quantities)
    doc_entities = {e for q in analysis.quantities for e in (q.entities or [])}
    grouped, known = StatedByConcept.of(stated), known_concepts(rows, stated)
    outcomes = [o for o in (check_quantity(i, q, rows, grouped, doc_entities, known)
                            for i, q in enumerate(analysis.quantities)) if o]
    analysis.checks = [o.check for o in outcomes]
    analysis.summary = dict(analysis.summary or {})
    analysis.summary["gap"] = gap_summary(analysis, outcomes, rows + [row for _, row in stated])
    return analysis
