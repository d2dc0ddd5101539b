"""Link each figure to an indicator and say whether the claim holds.

A quantity links to indicator rows by concept (through the synonyms of
``rhetoric/quantities/concepts.json``: trade turnover = bilateral trade = trade volume),
unit, entities ("Russia", "China", "the two countries") and period. Figures the document
itself states as facts (no speaker, actual, with concept and period) count as indicator
rows too, so the seed's "$30.6 billion in the first half of 2015" can judge a 2015 target.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from ..contract.fields import CONSISTENT, OVERSTATED, TARGET_MET, TARGET_MISSED, UNDERSTATED, UNVERIFIABLE
from ..contract.schema import Check, Quantity
from ..knowledge.lexicon import canonical_concept
from ..knowledge.indicators import Indicator

# Closer than this (relative) is consistent: the two customs services in the shipped table
# differ by up to ~8% on the same year (2014: 88.4 vs 95.4; 2010: 59.34 vs 55.45), so a
# claim within 10% of a source agrees with the data as well as the sources agree with each other.
CONSISTENT_TOLERANCE = 0.10
# A stated movement ("fell 29%") within this many percentage points of the indicators' own
# change is consistent (half the 10% level tolerance's typical effect on a year-on-year rate).
MOVEMENT_TOLERANCE_PP = 5.0
# How many partial periods make a year: a half-year figure projects the year's pace x2.
PARTS_PER_YEAR = {"H": 2, "Q": 4}
LEVEL_CHANGES = ("=", "~", ">", "<")
CHECKED_KINDS = ("amount", "percent", "rank")


@dataclass
class Outcome:
    """A check plus the indicator row it used (for the gap's view of the trend)."""

    check: Check
    row: Optional[Indicator] = None


def text_indicators(quantities: list[Quantity]) -> list[tuple[int, Indicator]]:
    """Figures stated by the document itself as facts, as (quantity index, indicator row)."""
    out = []
    for i, q in enumerate(quantities):
        if (q.speaker is None and q.modality == "actual" and q.concept and q.period and q.kind in CHECKED_KINDS
                and q.change in LEVEL_CHANGES and isinstance(q.value, (int, float))):
            entities = list(q.entities or [])
            out.append((i, Indicator(
                series=canonical_concept(q.concept), entity=entities[0] if entities else "",
                counterpart=entities[1] if len(entities) > 1 else "", period=q.period, value=float(q.value),
                unit=q.unit or "", source=f"the document itself: '{q.text}' (characters {q.start}-{q.end})",
                note="stated in the text", verified=False, file="<document>", line=0)))
    return out


def links(q: Quantity, rows: list[Indicator], same_unit: bool = True,
          doc_entities: Optional[set] = None) -> list[Indicator]:
    """Rows measuring the same concept, in the same unit (unless not ``same_unit``), about the quantity's entities.

    A figure whose sentence names no entity is taken to be about the document's entities
    (``doc_entities``), so "trade fell 5%" in a text about two other countries links to nothing.
    """
    return list(_linking(q, rows, same_unit, doc_entities))


def _linking(q: Quantity, rows: Iterable[Indicator], same_unit: bool = True,
             doc_entities: Optional[set] = None) -> Iterator[Indicator]:
    """:func:`links` one row at a time, so asking whether there is any stops at the first."""
    concept = canonical_concept(q.concept)
    entities = set(q.entities or []) or set(doc_entities or [])
    for row in rows:
        if canonical_concept(row.series) != concept or (same_unit and row.unit != (q.unit or "")):
            continue
        # a row about named entities needs a text that names them: without any, no link
        if row.entity and row.entity not in entities:
            continue
        if row.counterpart and row.counterpart not in entities:
            continue
        yield row


class StatedByConcept(dict):
    """The document's own stated rows, ``(index, row)`` grouped by canonical concept."""

    @classmethod
    def of(cls, stated: list[tuple[int, Indicator]]) -> "StatedByConcept":
        groups = cls()
        for index, row in stated:
            groups.setdefault(canonical_concept(row.series), []).append((index, row))
        return groups


def known_concepts(rows: list[Indicator], stated) -> set:
    """The canonical concepts any table row or stated row measures."""
    pairs = [pair for group in stated.values() for pair in group] if isinstance(stated, dict) else stated
    return {canonical_concept(r.series) for r in rows} | {canonical_concept(r.series) for _, r in pairs}


def check_quantity(index: int, q: Quantity, rows: list[Indicator],
                   stated: list[tuple[int, Indicator]], doc_entities: Optional[set] = None,
                   known: Optional[set] = None) -> Optional[Outcome]:
    """The check of one quantity, or None when it measures nothing any table knows.

    ``known`` (:func:`known_concepts`) and ``stated`` grouped by concept
    (:class:`StatedByConcept`) may be computed once per document by the caller: a
    figure-dense document has as many stated rows as figures.
    """
    if not q.concept or q.kind not in CHECKED_KINDS:
        return None
    concept = canonical_concept(q.concept)
    if known is None:
        known = known_concepts(rows, stated)
    if isinstance(stated, StatedByConcept):
        stated = stated.get(concept, [])
    table = links(q, rows, doc_entities=doc_entities)
    if canonical_concept(q.concept) not in known and q.modality != "target":
        return None
    if q.change in ("up", "down"):  # a movement in percent is judged on the levels' change
        if q.kind != "percent":
            return _unverifiable(index, q, "an absolute change; the tables hold levels")
        return _movement(index, q, links(q, rows, same_unit=False, doc_entities=doc_entities))
    # The document's own rows (all but this figure's) are listed only for a target; the
    # other figures need to know whether there is one: with thousands of figures of one
    # concept, listing them for each figure would take time in the square of their number.
    if not table and next(_linking(q, (row for i, row in stated if i != index), doc_entities=doc_entities), None) is None:
        return _unverifiable(index, q, "no indicator for this concept, unit and entities")
    if not q.period:
        return _unverifiable(index, q, "the figure has no period to look up")
    if q.modality == "target":
        return _target(index, q, table, links(q, [row for i, row in stated if i != index], doc_entities=doc_entities))
    if q.modality == "forecast":
        return _unverifiable(index, q, "a forecast; compare it once the period is over")
    full = [r for r in table if r.period == q.period]
    if not full:
        return _unverifiable(index, q, f"no indicator value for {q.period}")
    return _level(index, q, full)


def _claimed(q: Quantity) -> float:
    return sum(q.value) / 2 if isinstance(q.value, list) else float(q.value)


def _closest(q: Quantity, candidates: list[Indicator]) -> Indicator:
    """The row nearest the claim: where sources disagree, a claim matching one of them is fair."""
    claimed = _claimed(q)
    return min(candidates, key=lambda r: (abs(r.value - claimed), not r.verified))


def _relative(claimed: float, actual: float) -> Optional[float]:
    """How far reality is from the claim, as a share of the claim: 1e11 claimed, 6.8e10 actual -> -0.32."""
    return round((actual - claimed) / abs(claimed), 4) if claimed else None


def _others(used: Indicator, candidates: list[Indicator]) -> str:
    rest = [f"{r.value:,.4g} ({r.entity}, {r.source})" for r in candidates if r is not used]
    return ("; other sources: " + "; ".join(rest)) if rest else ""


def _level(index: int, q: Quantity, full: list[Indicator]) -> Outcome:
    """An actual figure against the indicator for its period: consistent, overstated, understated."""
    row = _closest(q, full)
    claimed, actual = _claimed(q), row.value
    low, high = (q.value if isinstance(q.value, list) else (claimed, claimed))
    if q.change == ">":
        high = float("inf")
    elif q.change == "<":
        low = float("-inf")
    if low * (1 - CONSISTENT_TOLERANCE) <= actual <= high * (1 + CONSISTENT_TOLERANCE):
        verdict = CONSISTENT
    else:
        verdict = OVERSTATED if claimed > actual else UNDERSTATED
    note = ("unverified source" if not row.verified else "") + _others(row, full)
    return Outcome(Check(quantity=index, series=row.series, period=q.period, claimed=claimed, actual=actual,
                         relative_error=_relative(claimed, actual), verdict=verdict, source=row.source,
                         note=note.strip("; ") or None), row)


def _target(index: int, q: Quantity, table: list[Indicator], text: list[Indicator]) -> Outcome:
    """A target against the outcome: the full period if known, else a partial period's pace."""
    claimed = _claimed(q)
    full = [r for r in table + text if r.period == q.period]
    if full:
        preferred = [r for r in full if r.file != "<document>"] or full
        row = _closest(q, preferred)
        actual, how = row.value, ""
    else:
        partial = [r for r in table + text if r.period.startswith(q.period + "-") and r.period[5:6] in PARTS_PER_YEAR]
        if len(q.period) != 4 or not partial:
            return _unverifiable(index, q, f"no outcome for {q.period} yet")
        row = max(partial, key=lambda r: (r.period, r.file != "<document>"))
        actual = row.value * PARTS_PER_YEAR[row.period[5]]
        how = f"projected from {row.period} ({row.value:,.4g}) at the same pace"
    verdict = TARGET_MET if actual >= claimed * (1 - CONSISTENT_TOLERANCE) else TARGET_MISSED
    note = "; ".join(x for x in (how, "unverified source" if not row.verified else "", _others(row, full).strip("; ")) if x)
    return Outcome(Check(quantity=index, series=row.series, period=q.period, claimed=claimed, actual=actual,
                         relative_error=_relative(claimed, actual), verdict=verdict, source=row.source,
                         note=note or None), row)


def _movement(index: int, q: Quantity, table: list[Indicator]) -> Outcome:
    """A stated rise or fall against the change between the indicator's period and the one before."""
    claimed = q.size if q.size is not None else (_claimed(q) if q.change == "up" else -_claimed(q))
    if not q.period or len(q.period) != 4:
        return _unverifiable(index, q, "a movement over a partial period; no matching indicator pair", claimed)
    previous = str(int(q.period) - 1)
    for row in table:
        if row.period != q.period:
            continue
        before = [r for r in table if r.period == previous and r.entity == row.entity and r.counterpart == row.counterpart]
        if before and before[0].value:
            actual = round((row.value / before[0].value - 1) * 100, 2)
            if abs(claimed - actual) <= MOVEMENT_TOLERANCE_PP:
                verdict = CONSISTENT
            else:
                verdict = OVERSTATED if claimed > actual else UNDERSTATED
            return Outcome(Check(quantity=index, series=row.series, period=q.period, claimed=claimed, actual=actual,
                                 relative_error=_relative(claimed, actual), verdict=verdict,
                                 source=f"{row.source}; {before[0].source}",
                                 note=f"percent change {previous} to {q.period}"), row)
    return _unverifiable(index, q, f"no indicator pair for {previous} and {q.period}", claimed)


def _unverifiable(index: int, q: Quantity, why: str, claimed: Optional[float] = None) -> Outcome:
    return Outcome(Check(quantity=index, series=canonical_concept(q.concept), period=q.period,
                         claimed=claimed if claimed is not None else _claimed(q), actual=None,
                         relative_error=None, verdict=UNVERIFIABLE, source=None, note=why))
