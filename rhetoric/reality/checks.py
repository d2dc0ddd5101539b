"""Link each figure to an indicator and say whether the claim holds.

A quantity links to indicator rows by concept (through the synonyms of
``rhetoric/quantities/concepts.json``: trade turnover = bilateral trade = trade volume),
unit, entities ("Russia", "China", "the two countries") and period. Figures the document
itself states as facts (no speaker, actual, with concept and period) count as indicator
rows too, so the seed's "$30.6 billion in the first half of 2015" can judge a 2015 target.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from ..contract.fields import (CONSISTENT, OVERSTATED, TARGET_MET, TARGET_MISSED, UNDERSTATED, UNIT_MISMATCH,
                               UNVERIFIABLE)
from ..contract.schema import Check, Quantity
from ..knowledge.lexicon import canonical_concept, load_lexicon
from ..knowledge import catalogue
from ..knowledge.countries import iso3_of
from ..knowledge.indicators import Indicator

# Closer than this (relative) is consistent: the two customs services in the shipped table
# differ by up to ~8% on the same year (2014: 88.4 vs 95.4; 2010: 59.34 vs 55.45), so a
# claim within 10% of a source agrees with the data as well as the sources agree with each other.
CONSISTENT_TOLERANCE = 0.10
# Rates (growth, inflation, shares) are quoted rounded to the point or half point: half a
# percentage point either way is consistent whatever the relative difference.
RATE_TOLERANCE_PP = 0.5
# A stated movement ("fell 29%") within this many percentage points of the indicators' own
# change is consistent (half the 10% level tolerance's typical effect on a year-on-year rate).
MOVEMENT_TOLERANCE_PP = 5.0
# How many partial periods make a year: a half-year figure projects the year's pace x2.
PARTS_PER_YEAR = {"H": 2, "Q": 4}
LEVEL_CHANGES = ("=", "~", ">", "<")
CHECKED_KINDS = ("amount", "percent", "rank")
GROWTH = "economic growth"
PEOPLE = "people"  # population counts: kind count, unit people
# Series that are themselves rates: "inflation fell to 4%" states the rate's level.
RATE_CONCEPTS = (GROWTH, "inflation", "inflation (gdp deflator)")
# A claim more than this many times the indicator (or less than its inverse) measures
# something else: a scale or unit was misread ("$146.88 bln" read as 146.88 dollars), so
# the check says unit_mismatch and the gap leaves it out rather than judging it.
UNIT_MISMATCH_RATIO = 100.0


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


@functools.lru_cache(maxsize=4096)
def entity_code(name: str) -> str:
    """A table's or a text's entity as its ISO3 code ('Russia' -> 'RUS'); a name no table of
    countries knows stays as written, so user tables about any place still link."""
    return iso3_of(name) or name


def links(q: Quantity, rows: list[Indicator], same_unit: bool = True,
          doc_entities: Optional[set] = None, concept: Optional[str] = None) -> list[Indicator]:
    """Rows measuring the same concept, in the same unit (unless not ``same_unit``), about the quantity's entities.

    A figure whose sentence names no entity is taken to be about the document's entities
    (``doc_entities``), so "trade fell 5%" in a text about two other countries links to nothing.
    Entities compare as ISO3 codes ("Russia" = "Russian Federation" = "RUS").
    """
    concept = concept or canonical_concept(q.concept)
    entities = {entity_code(e) for e in (set(q.entities or []) or set(doc_entities or []))}
    out = []
    for row in rows:
        if canonical_concept(row.series) != concept or (same_unit and row.unit != (q.unit or "")):
            continue
        # a row about named entities needs a text that names them: without any, no link
        if row.entity and entity_code(row.entity) not in entities:
            continue
        if row.counterpart and entity_code(row.counterpart) not in entities:
            continue
        out.append(row)
    return out


def series_concept(q: Quantity) -> Optional[str]:
    """The concept a figure is checked as: a percent rise of GDP is the growth rate
    ("the economy grew 7%"), and a rise or fall of a rate is that rate's new level."""
    concept = canonical_concept(q.concept)
    if concept == "gdp" and q.kind == "percent":
        return GROWTH
    return concept


class StatedRows:
    """The document's own rows (:func:`text_indicators`) indexed once per document by concept,
    unit, entity, counterpart and year. A figure-dense document states as many rows as it has
    figures, so filtering all of them for every figure would take time in the square of their
    number; here a figure looks up only the few keys its own concept, unit and entities allow."""

    def __init__(self, stated: list[tuple[int, Indicator]]) -> None:
        self.stated = stated
        self.by_key: dict[tuple, list[tuple[int, Indicator]]] = {}
        self.first: dict[tuple, tuple[int, int]] = {}  # key without year -> (first index, count)
        for i, row in stated:
            key = (canonical_concept(row.series), row.unit,
                   entity_code(row.entity) if row.entity else "",
                   entity_code(row.counterpart) if row.counterpart else "")
            self.by_key.setdefault(key + ((row.period or "")[:4],), []).append((i, row))
            first, count = self.first.get(key, (i, 0))
            self.first[key] = (first, count + 1)

    def concepts(self) -> set:
        return {key[0] for key in self.first}

    def _keys(self, q: Quantity, concept: str, doc_entities: Optional[set]) -> list[tuple]:
        """The keys :func:`links` would accept: no entity, or one the figure is about."""
        entities = [""] + sorted({entity_code(e) for e in (set(q.entities or []) or set(doc_entities or []))})
        return [(concept, q.unit or "", e, c) for e in entities for c in entities]

    def any_linked(self, index: int, q: Quantity, concept: str, doc_entities: Optional[set] = None) -> bool:
        """True when a row other than figure ``index``'s own links to ``q``."""
        for key in self._keys(q, concept, doc_entities):
            first, count = self.first.get(key, (index, 0))
            if count > 1 or (count == 1 and first != index):
                return True
        return False

    def linked(self, index: int, q: Quantity, concept: str, doc_entities: Optional[set] = None,
               year: str = "") -> list[Indicator]:
        """The rows other than figure ``index``'s own that link to ``q`` with a period in ``year``, in text order."""
        found = [pair for key in self._keys(q, concept, doc_entities) for pair in self.by_key.get(key + (year,), ())
                 if pair[0] != index]
        return [row for _, row in sorted(found, key=lambda pair: pair[0])]


def known_concepts(rows: list[Indicator], stated: StatedRows) -> set:
    """Every concept a table, the catalogue or the document's own rows can check."""
    return {canonical_concept(r.series) for r in rows} | stated.concepts() | catalogue.concepts()


def check_quantity(index: int, q: Quantity, rows: list[Indicator], stated: StatedRows,
                   doc_entities: Optional[set], known: set) -> Optional[Outcome]:
    """The check of one quantity, or None when it measures nothing any table knows.

    ``stated`` (the document's own rows) and ``known`` (:func:`known_concepts`) are computed
    once per document by the caller."""
    if not q.concept or (q.kind not in CHECKED_KINDS and q.unit != PEOPLE):
        return None
    concept = series_concept(q)
    table = links(q, rows, doc_entities=doc_entities, concept=concept)
    if concept not in known and q.modality != "target":
        return None
    if not _unit_fits(q, concept, rows):
        return None  # "76 months", "number one": the series measures something else
    rate = concept in RATE_CONCEPTS and q.kind == "percent"
    if q.change in ("up", "down") and not rate:  # a movement in percent is judged on the levels' change
        if q.kind != "percent":
            return _unverifiable(index, q, "an absolute change; the tables hold levels")
        return _movement(index, q, links(q, rows, same_unit=False, doc_entities=doc_entities, concept=concept))
    if not table and not stated.any_linked(index, q, concept, doc_entities):
        return _unverifiable(index, q, "no indicator for this concept, unit and entities")
    if not q.period:
        return _unverifiable(index, q, "the figure has no period to look up")
    if q.modality == "target":
        # only rows of the target's year can judge it (the year itself or its parts)
        return _target(index, q, table, stated.linked(index, q, concept, doc_entities, q.period[:4]))
    full = [r for r in table if r.period == q.period]
    if not full:
        return _unverifiable(index, q, _missing(q.period, table))
    outcome = _level(index, q, full)
    if q.modality == "forecast" and outcome.check.verdict != UNIT_MISMATCH:
        outcome.check.note = "; ".join(x for x in ("a forecast, held against the outcome", outcome.check.note) if x)
    return outcome


def _missing(period: str, table: list[Indicator]) -> str:
    """Why no row matches ``period``: a partial period or an interval against yearly rows is
    not annualised (no silent pro-rating), a period outside the table is not there yet."""
    periods = {r.period for r in table}
    if "/" in period:
        return f"an interval ({period}); the tables hold single periods"
    if len(period) > 4 and periods and all(len(p) == 4 for p in periods):
        return f"a partial period ({period}); the linked tables hold full years only"
    return f"no indicator value for {period}"


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
    # a rate is also consistent within RATE_TOLERANCE_PP points ("about 5%" for 5.4%), as 10% of 2% is no margin
    slack = RATE_TOLERANCE_PP if row.unit == "percent" else 0.0
    if min(low * (1 - CONSISTENT_TOLERANCE), low - slack) <= actual <= max(high * (1 + CONSISTENT_TOLERANCE), high + slack):
        verdict = CONSISTENT
    else:
        verdict = OVERSTATED if claimed > actual else UNDERSTATED
    note = ("unverified source" if not row.verified else "") + _others(row, full)
    if unit_mismatch(claimed, actual):
        return _mismatch(index, q, row, claimed)
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
    if unit_mismatch(claimed, actual):
        return _mismatch(index, q, row, claimed)
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


def unit_mismatch(claimed: float, actual: float) -> bool:
    """True when claim and indicator differ by more than ``UNIT_MISMATCH_RATIO`` times either way."""
    if not claimed or not actual or (claimed > 0) != (actual > 0):
        return False
    ratio = abs(claimed / actual)
    return ratio > UNIT_MISMATCH_RATIO or ratio < 1 / UNIT_MISMATCH_RATIO


def _mismatch(index: int, q: Quantity, row: Indicator, claimed: float) -> Outcome:
    """A claim too far from its row to be the same measure: reported, never judged (no row for the gap)."""
    return Outcome(Check(quantity=index, series=row.series, period=q.period, claimed=claimed, actual=row.value,
                         relative_error=None, verdict=UNIT_MISMATCH, source=row.source,
                         note=f"claim and indicator differ more than {UNIT_MISMATCH_RATIO:g} times: "
                              "a scale or unit was misread; not judged"))


def _unit_fits(q: Quantity, concept: str, rows: list[Indicator]) -> bool:
    """Whether a figure's unit is one a catalogue series of its concept could hold (a percent
    movement of a level fits too: "the population grew 2%"). Concepts of the hand-sourced or
    the user's tables are not restricted: their checks say which unit they lack."""
    hand = any(canonical_concept(r.series) == concept and not r.file.startswith(catalogue.FILE_PREFIX) for r in rows)
    if concept not in catalogue.concepts() or hand:
        return True
    units = catalogue.units(concept)
    if q.kind == "percent" and q.change in ("up", "down"):
        return True
    return (q.unit or "") in units or (catalogue.ANY_CURRENCY in units and (q.unit or "") in load_lexicon().iso_codes)


def _unverifiable(index: int, q: Quantity, why: str, claimed: Optional[float] = None) -> Outcome:
    return Outcome(Check(quantity=index, series=series_concept(q), period=q.period,
                         claimed=claimed if claimed is not None else _claimed(q), actual=None,
                         relative_error=None, verdict=UNVERIFIABLE, source=None, note=why))
