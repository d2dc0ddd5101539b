"""Periods against the document's date: "this year", "in the first half", "January–August",
"over the past five years", "from 2001 to 2005"; comparison bases ("up 10% compared with 2017").

``nlp.add_pipe("rhetoric_periods")`` runs after ``rhetoric_quantities`` and rereads each figure's
period with the document's date (``doc._.document_date``, set from metadata, ``--date`` or a
dateline; see :mod:`rhetoric.knowledge.dates`). Labels: ``YYYY``, ``YYYY-H1``, ``YYYY-Q3``,
``YYYY-MM`` and intervals ``START/END`` of those (``2001/2005``, ``2023-01/2023-08``). A period
named as the base of a comparison becomes ``Quantity.base_period``, not the figure's period.
An undated figure in a present-tense clause ("the population is 1.3 billion", "has reached
90%") takes the document's year. Population counts get the unit ``people``.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...knowledge.lexicon import _alternation, canonical_concept, load_lexicon
from ..extensions import doc_text, ensure_doc_defaults, register_extensions
from . import context

HERE = Path(__file__).resolve().parent
Mention = tuple[int, int, str]
# A base cue must sit right before its period: at most this many characters between them.
BASE_REACH = 45
POPULATION = "population"
PEOPLE = "people"
# Counted nouns that, with the concept population, are people.
PEOPLE_WORDS = {None, "", "people", "person", "persons", "inhabitant", "inhabitants", "citizen", "citizens", "count"}


@functools.lru_cache(maxsize=1)
def words() -> dict:
    """``relative_periods.json`` next to this module."""
    return json.loads((HERE / "relative_periods.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = load_lexicon()
    months = _alternation(lex.months)
    year = rf"(?:1[89]|20)\d\d"
    numbers = _alternation(list(lex.word_values))
    ordinal_halves = _alternation(lex.periods["halves"])
    ordinal_quarters = _alternation(lex.periods["quarters"])
    data = words()
    return {
        "interval": re.compile(
            rf"(?i:(?:from|between)\s+)(?P<a>{year})\s+(?i:to|and|through|until|till)\s+(?P<b>{year})"
            rf"|(?<![\w$.,])(?P<c>{year})\s*[–—-]\s*(?P<d>{year})(?![\w%])"),
        "month_range": re.compile(
            rf"(?<![\w])(?P<m1>(?i:{months}))\.?\s*(?:[–—-]|\s(?i:to|through|till|until)\s)\s*(?P<m2>(?i:{months}))\.?"
            rf"(?:,?\s+(?:of\s+)?(?P<year>{year}))?(?![\w])"),
        "first_months": re.compile(
            rf"(?i:the\s+first\s+)(?P<n>\d{{1,2}}|(?i:{numbers}))\s+(?i:months)"
            rf"(?:\s+(?i:of)\s+(?:(?P<year>{year})|(?i:the|this|last)\s+(?i:year)))?"),
        "part": re.compile(
            rf"(?<![\w])(?P<part>(?i:{ordinal_halves}|{ordinal_quarters}))(?!\s+(?:of\s+|in\s+)?(?:the\s+)?(?:fiscal\s+|FY\s?)?{year})"
            rf"(?:\s+(?i:of|in)\s+(?P<which>(?i:this|last|the|next)\s+(?i:year)))?(?![\w])"),
        "month": re.compile(
            rf"(?<![\w])(?i:in|for|during|of|since|by|through|until|end\s+of)\s+(?:the\s+month\s+of\s+)?"
            rf"(?P<month>(?:{'|'.join(m.capitalize() for m in sorted(lex.months, key=len, reverse=True))}))"
            rf"(?![\w])(?!\.?\s*\d)(?!\s+(?:of\s+)?(?:this|last|next)\s+year)"),
        "years": re.compile(rf"(?<![\w])(?i:{_alternation(data['years'])})(?![\w])"),
        "span": re.compile(
            rf"(?<![\w])(?i:(?:over|in|during|for|within)\s+)?(?i:the\s+)(?i:{_alternation(data['span_words'])})\s+"
            rf"(?:(?P<n>\d{{1,2}}|(?i:{numbers}))\s+(?i:years)|(?P<dec>(?i:{_alternation(data['decade_words'])})))(?![\w])"),
        "since": re.compile(rf"(?<![\w])(?i:since)\s+(?P<year>{year})(?![\w%])"),
        "base": re.compile(rf"(?<![\w])(?i:{_alternation(data['base_cues'])})\s+(?:(?i:{_alternation(data['same_period'])})\s+)?"
                           rf"(?:(?i:the\s+)?(?i:level\s+of\s+|end\s+of\s+)?)?(?:(?i:in)\s+)?$"),
        "same_period": re.compile(rf"(?<![\w])(?i:{_alternation(data['same_period'])})\s*$"),
        "present": re.compile(rf"(?<![\w])(?i:{_alternation(data['present'])})(?![\w])"),
    }


def _number(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    value = load_lexicon().word_values.get(text.lower())
    return int(value) if isinstance(value, (int, float)) else None


def _month(name: str) -> int:
    return int(load_lexicon().months[name.lower().rstrip(".")])


def _year_for(start_month: int, year: int, month: Optional[int]) -> int:
    """A part of a year named without its year is this year's, unless it has not begun yet
    at the document's date (then it is last year's: reports state what has happened)."""
    return year - 1 if month is not None and start_month > month else year


def relative_mentions(text: str, date: Optional[str]) -> list[Mention]:
    """Period mentions in ``text`` that need the document date or span several periods, as (start, end, label)."""
    p = _patterns()
    year = int(date[:4]) if date else None
    month = int(date[5:7]) if date and len(date) >= 7 else None
    out: list[Mention] = []
    for m in p["interval"].finditer(text):
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        if int(a) < int(b):
            out.append((m.start(), m.end(), f"{a}/{b}"))
    for m in p["month_range"].finditer(text):
        first, last = _month(m.group("m1")), _month(m.group("m2"))
        y = int(m.group("year")) if m.group("year") else (year and _year_for(first, year, month))
        if y and first < last:
            out.append((m.start(), m.end(), f"{y}-{first:02d}/{y}-{last:02d}"))
    for m in p["first_months"].finditer(text):
        n = _number(m.group("n"))
        which = m.group(0).lower()
        y = int(m.group("year")) if m.group("year") else (year and (year - 1 if "last year" in which else year))
        if y and n and 1 <= n <= 12:
            out.append((m.start(), m.end(), f"{y}-01/{y}-{n:02d}" if n > 1 else f"{y}-01"))
    if year is None:
        return out
    for m in p["part"].finditer(text):
        part = load_lexicon().periods["halves"].get(m.group("part").lower()) or \
            load_lexicon().periods["quarters"].get(m.group("part").lower())
        which = (m.group("which") or "").lower()
        first = (int(part[1]) - 1) * (6 if part[0] == "H" else 3) + 1
        y = year - 1 if which.startswith("last") else year + 1 if which.startswith("next") else \
            year if which else _year_for(first, year, month)
        out.append((m.start(), m.end(), f"{y}-{part}"))
    for m in p["month"].finditer(text):
        number = _month(m.group("month"))
        out.append((m.start("month"), m.end(), f"{_year_for(number, year, month)}-{number:02d}"))
    for m in p["years"].finditer(text):
        out.append((m.start(), m.end(), str(year + words()["years"][_norm(m.group(0))])))
    for m in p["span"].finditer(text):
        n = _number(m.group("n")) if m.group("n") else words()["decade_words"][_norm(m.group("dec"))]
        if n and n > 1:
            out.append((m.start(), m.end(), f"{year - n}/{year - 1}"))
    for m in p["since"].finditer(text):
        if int(m.group("year")) < year:
            out.append((m.start(), m.end(), f"{m.group('year')}/{year}"))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def all_mentions(text: str, date: Optional[str]) -> list[Mention]:
    """Explicit and relative period mentions, the longer one kept where two overlap."""
    found = sorted(relative_mentions(text, date) + context.periods_in(text), key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[Mention] = []
    for mention in sorted(found, key=lambda m: -(m[1] - m[0])):
        if all(mention[1] <= o[0] or mention[0] >= o[1] for o in out):
            out.append(mention)
    return sorted(out)


def split_bases(text: str, mentions: list[Mention], figures: list[tuple[int, int]]) -> tuple[list, list]:
    """(periods, bases): a mention right after a base cue ("compared with 2017", "than in 2019",
    "from $240 billion in 2023") is a comparison base, not a figure's period."""
    base_re, same_re = _patterns()["base"], _patterns()["same_period"]
    periods, bases = [], []
    for mention in mentions:
        before = text[max(0, mention[0] - BASE_REACH):mention[0]]
        figure_before = [f for f in figures if f[1] <= mention[0] and mention[0] - f[1] <= 6]
        cue_before_figure = any(base_re.search(text[max(0, f[0] - 25):f[0]]) and "from" in text[max(0, f[0] - 25):f[0]].lower()
                                for f in figure_before)
        if base_re.search(before) or same_re.search(before) or cue_before_figure:
            bases.append((mention, figure_before[0] if figure_before and cue_before_figure else None))
        else:
            periods.append(mention)
    return periods, bases


def _present(doc: Doc, char: int) -> bool:
    """True when the clause of the figure at ``char`` is in the present or present perfect tense."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for head in [tok, *tok.ancestors]:
        if head.pos_ in ("VERB", "AUX"):
            tags = {head.tag_} | {c.tag_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            lemmas = {c.lemma_.lower() for c in head.children if c.dep_ in ("aux", "auxpass")}
            if "MD" in tags or "will" in lemmas:
                return False
            return bool(tags & {"VBZ", "VBP"}) and "VBD" not in tags
    return False


def resolve(doc: Doc) -> None:
    """Reread the period and base period of every quantity on ``doc`` (see the module docstring)."""
    date = doc._.document_date
    quantities = doc._.quantities or []
    if not quantities:
        return
    text = doc_text(doc)
    limit = load_lexicon().periods[context.MAX_DISTANCE_KEY]
    present_re = _patterns()["present"]
    by_sentence: dict[int, tuple] = {}
    for q in quantities:
        sent = doc.char_span(q.start, q.end, alignment_mode="expand")
        if sent is None:
            continue
        sent = sent.sent
        if sent.start_char not in by_sentence:
            s_text = text[sent.start_char:sent.end_char]
            figures = [(o.start - sent.start_char, o.end - sent.start_char) for o in quantities
                       if sent.start_char <= o.start < sent.end_char]
            by_sentence[sent.start_char] = (s_text, *split_bases(s_text, all_mentions(s_text, date), figures))
        s_text, periods, bases = by_sentence[sent.start_char]
        start, end = q.start - sent.start_char, q.end - sent.start_char
        own = [b[0] for b in bases if b[1] == (start, end)]  # "from $X in 2023": 2023 is $X's own period
        period = context.nearest(periods + own, start, end, limit, s_text)
        base = context.nearest([b[0] for b in bases if b[1] != (start, end)], start, end, limit, s_text)
        if period is None and date and q.modality != "target" and (
                present_re.search(s_text) or _present(doc, q.start)):
            period = date[:4]
        q.period = period
        q.base_period = base if base != period else None
        if canonical_concept(q.concept) == POPULATION and (q.unit or "").lower() in PEOPLE_WORDS and q.kind == "count":
            q.unit = PEOPLE


@Language.factory("rhetoric_periods")
def make_periods(nlp: Language, name: str) -> "PeriodResolver":
    register_extensions()
    return PeriodResolver()


class PeriodResolver:
    """Resolve each figure's period against the document's date (after ``rhetoric_quantities``)."""

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        resolve(doc)
        return doc
