"""The reality check: each figure against indicator tables, and the rhetoric–reality gap.

Works on plain data after the converter (an :class:`~rhetoric.contract.schema.Analysis`), never on
spaCy objects. ``run_checks(analysis, tables)`` fills ``analysis.checks`` and
``analysis.summary["gap"]``. Rows come from three places: the shipped hand-sourced tables
(``corpora/indicators/*.csv``), the public catalogue (World Bank, EIA, FRED; see
:mod:`rhetoric.knowledge.catalogue`) and ``tables``, the user's CSVs (``--indicators``); a user
row with the same series, entity, counterpart and period replaces a shipped one.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import Optional, Sequence

from ..contract.schema import Analysis, Quantity
from ..knowledge import catalogue
from ..knowledge.countries import is_country_code, mention_spans, speaker_country, speaks_of_own_country
from ..knowledge.indicators import Indicator, load_table, load_tables
from ..knowledge.lexicon import canonical_concept
from .checks import StatedRows, check_quantity, entity_code, known_concepts, series_concept, text_indicators
from .gap import gap_summary

__all__ = ["run_checks", "load_table", "load_tables", "Indicator"]
EXCHANGE_RATE = "exchange rate"
# A country named at most this many characters before a figure is the one it is about (the
# reach of a period or concept, see rhetoric/knowledge/periods.json "max_distance").
NEAR_COUNTRY = 90


def _key(row: Indicator) -> tuple:
    return (canonical_concept(row.series), entity_code(row.entity), entity_code(row.counterpart) if row.counterpart
            else "", row.period)


def _merged(user: list[Indicator], shipped: list[Indicator]) -> list[Indicator]:
    """User rows plus the shipped rows they do not replace."""
    if not user:
        return shipped
    taken = {_key(r) for r in user}
    return user + [r for r in shipped if _key(r) not in taken]


def _sentence_texts(analysis: Analysis):
    """A ``text_at(offset)`` returning (sentence text, its start) around a character offset ('' if none)."""
    starts = [s.start for s in analysis.sentences]

    def text_at(offset: int) -> tuple[str, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and analysis.sentences[i].start <= offset < analysis.sentences[i].end:
            return analysis.sentences[i].text or "", analysis.sentences[i].start
        return "", offset

    return text_at


def quantity_entities(q: Quantity, sentence: str, offset: int, own: Optional[str]) -> list[str]:
    """The entities a figure is about, as ISO3 codes where known: those the quantity stage found
    and the countries its sentence names (demonyms too: 'the Ethiopian economy'; ``offset``: where
    the sentence starts), and the speaker's own country (``own``) when the sentence says 'our'/'we'
    or names no known country. For a one-country series, of several countries named the one named
    last before the figure ("El Salvador with $22 billion, Honduras with $15 billion")."""
    if series_concept(q) == EXCHANGE_RATE and catalogue.currency_entity(q.unit):
        return [catalogue.currency_entity(q.unit)]  # the rate of the currency named, e.g. yen -> Japan
    codes = [entity_code(e) for e in q.entities or []]
    spans = mention_spans(sentence)
    for _, _, code in spans:
        if code not in codes:
            codes.append(code)
    known = [c for c in codes if is_country_code(c)]
    if series_concept(q) in catalogue.concepts() and len(set(known)) > 1:
        near = [code for start, end, code in spans if 0 <= q.start - offset - end <= NEAR_COUNTRY]
        if near:
            return [near[-1]]
        if own in known:
            return [own]
    if own and own not in codes and (not known or speaks_of_own_country(sentence)):
        codes.append(own)
    return codes


def run_checks(analysis: Analysis, tables: Optional[Sequence[str]] = None, country: Optional[str] = None) -> Analysis:
    """Check every figure that links to an indicator and compute the gap; returns ``analysis``.

    ``country`` (``--country``) is the speaker's country, else metadata ``country_iso3``/``country``.
    """
    user = load_tables(tables, shipped=False) if tables else []
    shipped = load_tables()
    rows = _merged(user, shipped)
    own = speaker_country(analysis.meta, country)
    text_at = _sentence_texts(analysis)
    stated = text_indicators(analysis.quantities)
    doc_entities = {e for q in analysis.quantities for e in (q.entities or [])}
    grouped = StatedRows(stated)
    known = known_concepts(rows, grouped)
    outcomes, used = [], []
    for i, q in enumerate(analysis.quantities):
        about = dataclasses.replace(q, entities=quantity_entities(q, *text_at(q.start), own))
        concept = series_concept(about)
        extra = catalogue.lookup(concept, about.entities) if concept in catalogue.concepts() else []
        pool = _merged(user, shipped + extra) if extra else rows
        outcome = check_quantity(i, about, pool, grouped, doc_entities, known)
        if outcome:
            outcomes.append(outcome)
            used.extend(extra)
    analysis.checks = [o.check for o in outcomes]
    analysis.summary = dict(analysis.summary or {})
    analysis.summary["gap"] = gap_summary(analysis, outcomes, rows + used + [row for _, row in stated])
    return analysis

