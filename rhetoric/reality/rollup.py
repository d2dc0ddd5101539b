"""Corpus roll-up of the reality checks: how many figures were checked, how many could not be (and
why), the verdicts, and the share consistent, per group (speaker, outlet, country, year ...).

Works on :class:`~rhetoric.contract.schema.Analysis` objects, as ``rhetoric compare`` and the corpus report read them.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable, Optional

from ..contract.fields import (CONSISTENT, OVERSTATED, TARGET_MET, TARGET_MISSED, UNDERSTATED, UNIT_MISMATCH,
                               UNVERIFIABLE)
from ..contract.schema import Analysis, Sentence

# Verdicts that judge a claim against a value (the denominator of the share consistent).
JUDGED = (CONSISTENT, OVERSTATED, UNDERSTATED, TARGET_MET, TARGET_MISSED)
AGREEING = (CONSISTENT, TARGET_MET)
# How many distinct reasons for unverifiable checks to keep per group.
TOP_REASONS = 3


@dataclass
class CheckRow:
    """The checks of one group."""

    group: str
    documents: int = 0
    figures: int = 0            # quantities in the group's documents
    linked: int = 0             # figures that link to an indicator concept (have a check)
    with_value: int = 0         # checks carrying an indicator value
    unverifiable: int = 0
    unit_mismatch: int = 0
    verdicts: dict = field(default_factory=dict)
    share_consistent: Optional[float] = None
    reasons: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _sentence_finder(analysis: Analysis) -> Callable[[int], Optional[Sentence]]:
    sentences = analysis.sentences
    starts = [s.start for s in sentences]

    def at(offset: int) -> Optional[Sentence]:
        i = bisect.bisect_right(starts, offset) - 1
        return sentences[i] if i >= 0 and offset < sentences[i].end else None

    return at


def check_rollup(analyses: Iterable[Analysis],
                 key: Callable[[Analysis, Optional[Sentence]], Optional[str]]) -> list[CheckRow]:
    """One :class:`CheckRow` per group; ``key(analysis, sentence)`` names a figure's group (None: left out)."""
    rows: dict[str, CheckRow] = {}
    docs: dict[str, set] = {}
    reasons: dict[str, Counter] = {}
    for analysis in analyses:
        at = _sentence_finder(analysis)
        checks = {c.quantity: c for c in analysis.checks}
        for index, q in enumerate(analysis.quantities):
            name = key(analysis, at(q.start))
            if name is None:
                continue
            row = rows.setdefault(name, CheckRow(group=name))
            docs.setdefault(name, set()).add(analysis.id)
            row.figures += 1
            check = checks.get(index)
            if check is None:
                continue
            row.linked += 1
            verdict = check.verdict
            row.verdicts[verdict] = row.verdicts.get(verdict, 0) + 1
            if verdict == UNIT_MISMATCH:
                row.unit_mismatch += 1
            elif check.actual is not None:
                row.with_value += 1
            if verdict == UNVERIFIABLE:
                row.unverifiable += 1
                reasons.setdefault(name, Counter())[_reason(check.note)] += 1
    for name, row in rows.items():
        row.documents = len(docs[name])
        judged = sum(row.verdicts.get(v, 0) for v in JUDGED)
        row.share_consistent = round(sum(row.verdicts.get(v, 0) for v in AGREEING) / judged, 4) if judged else None
        row.reasons = [f"{text} ({n})" for text, n in reasons.get(name, Counter()).most_common(TOP_REASONS)]
    return [rows[name] for name in sorted(rows)]


def _reason(note: Optional[str]) -> str:
    """A reason without the period it names ('no indicator value for 2002' -> 'no indicator value for ...')."""
    if not note:
        return "no reason given"
    words = ["…" if any(ch.isdigit() for ch in w) else w for w in note.split()]
    return " ".join(words)
