"""Periods against the document's date: "this year", "in the first half", "January–August",
"over the past five years", "from 2001 to 2005"; comparison bases ("up 10% compared with 2017").

``nlp.add_pipe("rhetoric_periods")`` runs after ``rhetoric_quantities`` and rereads each figure's
period with the document's date (``doc.user_data['rhetoric_date']``, see :func:`rhetoric.nlp.extensions.set_doc_date`, set from metadata, ``--date`` or a
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

from spacy.tokens import Doc

from ...knowledge.lexicon import Lexicon, _alternation, canonical_concept, load_lexicon, phrase_key
from ..extensions import doc_date, doc_text
from . import context

HERE = Path(__file__).resolve().parent
Mention = tuple[int, int, str]
# A base cue must sit right before its period: at most this many characters between them.
BASE_REACH = 45
POPULATION = "population"
PEOPLE = "people"


@functools.lru_cache(maxsize=1)
def words() -> dict:
    """``relative_periods.json`` next to this module."""
    return json.loads((HERE / "relative_periods.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = load_lexicon()
    months = _alternation(lex.months)
    year = context.YEAR_DIGITS
    numbers = _alternation(list(lex.word_values))
    ordinal_halves = _alternation(lex.periods["halves"])
    ordinal_quarters = _alternation(lex.periods["quarters"])
    data = words()
    return {
        "interval": re.compile(
            rf"(?i:(?:from|between)\s+)(?P<a>{year})\s+(?i:to|and|through|until|till)\s+(?P<b>{year})"
            rf"|(?<![\w$.,])(?P<c>{year})\s*[–—-]\s*(?P<d>{year})(?![\w%])"),
        "month_range": re.compile(
            rf"(?<![\w])(?:(?i:from|between)\s+)?(?P<m1>(?i:{months}))\.?\s*(?:[–—-]|(?i:to|through|till|until|and)\s)\s*"
            rf"(?P<m2>(?i:{months}))\.?"
            rf"(?:,?\s+(?:of\s+)?(?:(?P<year>{year})|(?P<which>(?i:this|last|next)\s+(?:fiscal\s+|financial\s+)?year)))?(?![\w])"),
        "first_months": re.compile(
            rf"(?i:the\s+first\s+)(?P<n>\d{{1,2}}|(?i:{numbers}))\s+(?P<what>(?i:months|quarters))"
            rf"(?:\s+(?i:of)\s+(?:(?i:FY\s?)?(?P<year>{year})(?:[-–/](?P<fy>\d\d)(?!\d))?|(?i:the|this|last)\s+(?i:year)))?"),
        "part": re.compile(
            rf"(?<![\w])(?P<part>(?i:{ordinal_halves}|{ordinal_quarters}))(?!\s+(?:of\s+|in\s+)?(?:the\s+)?(?:fiscal\s+|FY\s?)?{year})"
            rf"(?:\s+(?i:of|in)\s+(?P<which>(?i:this|last|the|next)\s+(?i:year)))?(?![\w])"),
        "month": re.compile(
            rf"(?:(?<![\w])(?i:in|for|during|of|since|by|through|until|on|end\s+of)|[’']s)\s+(?:the\s+month\s+of\s+)?"
            rf"(?P<month>(?:{'|'.join(m.capitalize() for m in sorted(lex.months, key=len, reverse=True))}))\.?"
            rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,.]\d))?"
            rf"(?:,?\s+(?:(?P<year>{year})|(?:of\s+)?(?P<which>(?i:this|last|next)\s+year)))?(?![\w])"),
        "months": re.compile(rf"(?<![\w])(?i:{_alternation(data['months'])})(?![\w])"),
        "fiscal": re.compile(rf"(?<![\w$.,])(?i:FY\s?)?(?P<a>{year})[-–/](?P<b>\d\d)(?![\w%\d])"),
        "years": re.compile(rf"(?<![\w])(?i:{_alternation(data['years'])})(?![\w])"),
        "span": re.compile(
            rf"(?<![\w])(?i:(?:over|in|during|for|within)\s+)?(?i:the\s+)(?i:{_alternation(data['span_words'])})\s+"
            rf"(?:(?P<n>\d{{1,2}}|(?i:{numbers}))\s+(?i:years)|(?P<dec>(?i:{_alternation(data['decade_words'])})))(?![\w])"),
        "since": re.compile(rf"(?<![\w])(?i:since)\s+(?P<year>{year})(?![\w%])"),
        "base": re.compile(rf"(?<![\w])(?i:{_alternation(data['base_cues'])})\s+(?:(?i:{_alternation(data['same_period'])})\s+)?"
                           rf"(?:(?i:the\s+)?(?i:level\s+of\s+|end\s+of\s+)?)?(?:(?i:in)\s+)?"
                           rf"(?:[a-z]+-[a-z]+\s+)?$"),
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
        y = int(m.group("year")) if m.group("year") else (year and _shifted(m.group("which"), year)) or \
            (year and _year_for(first, year, month))
        if y and first < last:
            out.append((m.start(), m.end(), f"{y}-{first:02d}/{y}-{last:02d}"))
    for m in p["first_months"].finditer(text):
        n = _number(m.group("n"))
        n = n * 3 if n and m.group("what").lower().startswith("quarter") else n
        which = m.group(0).lower()
        y = int(m.group("year")) if m.group("year") else (year and (year - 1 if "last year" in which else year))
        first = words()["fiscal_year_start_month"] if y and m.group("fy") and (y + 1) % 100 == int(m.group("fy")) else 1
        if y and n and 1 <= n <= 12:
            last = first + n - 1
            end = f"{y + (last - 1) // 12}-{(last - 1) % 12 + 1:02d}"
            out.append((m.start(), m.end(), f"{y}-{first:02d}/{end}" if n > 1 else f"{y}-{first:02d}"))
    for m in p["fiscal"].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if (a + 1) % 100 == b:
            first = words()["fiscal_year_start_month"]
            out.append((m.start(), m.end(), f"{a}-{first:02d}/{a + 1}-{first - 1:02d}" if first > 1 else str(a)))
    if year is None:
        return out
    for m in p["part"].finditer(text):
        written = phrase_key(m.group("part"))
        part = load_lexicon().periods["halves"].get(written) or load_lexicon().periods["quarters"].get(written)
        if part is None:
            continue
        which = (m.group("which") or "").lower()
        first = (int(part[1]) - 1) * (6 if part[0] == "H" else 3) + 1
        y = year - 1 if which.startswith("last") else year + 1 if which.startswith("next") else \
            year if which else _year_for(first, year, month)
        out.append((m.start(), m.end(), f"{y}-{part}"))
    for m in p["month"].finditer(text):
        number = _month(m.group("month"))
        y = int(m.group("year")) if m.group("year") else _shifted(m.group("which"), year) or \
            _year_for(number, year, month)
        out.append((m.start("month"), m.end(), f"{y}-{number:02d}"))
    if month is not None:
        for m in p["months"].finditer(text):
            index = year * 12 + month - 1 + words()["months"][_norm(m.group(0))]
            out.append((m.start(), m.end(), f"{index // 12}-{index % 12 + 1:02d}"))
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


def _shifted(which: Optional[str], year: int) -> Optional[int]:
    """'this year' / 'last year' / 'next year' after a month or quarter -> the year it means."""
    if not which:
        return None
    word = which.split()[0].lower()
    return year - 1 if word == "last" else year + 1 if word == "next" else year


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


_JOIN = re.compile(r"\s*(?:to|through|till|until|and|[–—-])\s*", re.IGNORECASE)
_SPAN_OPEN = re.compile(r"(?:from|during|between|over|in|for)\s+(?:the\s+(?:period|years?)\s+)?$", re.IGNORECASE)


def all_mentions(text: str, date: Optional[str]) -> list[Mention]:
    """Explicit and relative period mentions, the longer one kept where two overlap; two joined
    as a span ("from 2004-05 to 2013-14", "between March 2019 and May 2020") become one interval."""
    found = sorted(relative_mentions(text, date) + context.periods_in(text), key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[Mention] = []
    for mention in sorted(found, key=lambda m: -(m[1] - m[0])):
        if all(mention[1] <= o[0] or mention[0] >= o[1] for o in out):
            out.append(mention)
    out.sort()
    merged: list[Mention] = []
    for mention in out:
        joiner = text[merged[-1][1]:mention[0]] if merged else ""
        opener = _SPAN_OPEN.search(text[max(0, merged[-1][0] - 25):merged[-1][0]]) if merged else None
        if opener and _JOIN.fullmatch(joiner) and (joiner.strip().lower() != "and" or
                                                   opener.group(0).lower().startswith("between")):
            first = merged.pop()
            start, end = first[2].split("/")[0], mention[2].split("/")[-1]
            if start < end:
                merged.append((first[0], mention[1], f"{start}/{end}"))
                continue
            merged.append(first)
        merged.append(mention)
    return merged


_OWN_GAP = re.compile(r"\s*(?:(?:in|during|for|over|of)\s+)?(?:the\s+(?:same|corresponding)\s+(?:period|months?|quarter|"
                      r"time)\s*(?:(?:of|in)\s+)?)?(?:the\s+)?", re.IGNORECASE)
_FIGURE_CUE = re.compile(r"(?i:\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|than)\s+(?:(?:about|around|nearly|"
                         r"almost|some|over|more\s+than|only|just)\s+)?)$")


def shift_label(label: str, years: int) -> str:
    """'2020-04/2020-06' moved by -1 year -> '2019-04/2019-06'."""
    return "/".join(f"{int(part[:4]) + years}{part[4:]}" for part in label.split("/"))


def split_bases(text: str, mentions: list[Mention], figures: list[tuple[int, int]]) -> tuple[list, list]:
    """(periods, bases): a mention right after a base cue ("compared with 2017", "than in 2019",
    "from $240 billion in 2023", "as against $21 billion in the same period last year") is a
    comparison base, not a figure's period; it is the period of the base figure it follows.
    "The same period last year" is the sentence's own partial period a year earlier."""
    base_re, same_re = _patterns()["base"], _patterns()["same_period"]
    periods, bases = [], []
    for mention in mentions:
        before = text[max(0, mention[0] - BASE_REACH):mention[0]]
        owner = next((f for f in figures if f[1] <= mention[0] and _OWN_GAP.fullmatch(text[f[1]:mention[0]])
                      and _FIGURE_CUE.search(text[max(0, f[0] - 30):f[0]])), None)
        if base_re.search(before) or same_re.search(before) or owner:
            bases.append((mention, owner))
        else:
            periods.append(mention)
    partial = [m for m in periods if "-" in m[2]]
    if partial:  # "the same period last year": the sentence's partial period, a year (or more) back
        bases = [((m[0], m[1], shift_label(partial[0][2], int(m[2][:4]) - int(partial[0][2][:4])))
                  if same_re.search(text[max(0, m[0] - BASE_REACH):m[0]]) and "-" not in m[2] else m, owner)
                 for m, owner in bases]
    return periods, bases


# After a figure, a period past one of these belongs to the next clause ("10.4%, though it
# retreated in 2009"; "6.6%, where in 2012 ...").
_NEXT_CLAUSE = re.compile(r",\s*(?:though|although|which|where|when|while|but|and|as|after|before|since|whereas|with)\b",
                          re.IGNORECASE)
# A period opening the sentence ("Last year, ...", "In 2014, ...") covers all of it.
_OPENING = re.compile(r"^\W*(?:(?:in|during|over|for|by|since|throughout)\s+)?$", re.IGNORECASE)


def _reachable(text: str, mentions: list[Mention], end: int) -> list[Mention]:
    """Mentions that may be a figure's period: after it, only within its own clause."""
    return [m for m in mentions if m[0] < end or not _NEXT_CLAUSE.search(text[end:m[0]])]


def _opening(text: str, mentions: list[Mention], start: int) -> Optional[str]:
    """The period opening the sentence before a comma, if any and before the figure."""
    for m_start, m_end, label in mentions:
        if m_end <= start and _OPENING.match(text[:m_start]) and (
                text[m_end:m_end + 2].lstrip().startswith(",") or _patterns()["years"].fullmatch(text[m_start:m_end])):
            return label
    return None


# Modal verbs that speak of the present ("how can a country with a $22 billion economy ...").
PRESENT_MODALS = {"can", "may", "must"}
FINITE_PRESENT = {"VBZ", "VBP"}


def _present(doc: Doc, char: int) -> bool:
    """True when the first finite verb above the figure at ``char`` is in the present tense (or a
    present perfect, or 'can'/'may'/'must'); non-finite verbs ('leading to', 'based on') are passed over."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for head in [tok, *tok.ancestors]:
        if head.pos_ not in ("VERB", "AUX"):
            continue
        auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        finite = [t for t in [*auxes, head] if t.tag_ in FINITE_PRESENT | {"VBD", "MD"}]
        if not finite:
            continue  # a participle or infinitive: the tense is further up
        first = finite[0]
        if first.tag_ == "MD":
            return first.lower_ in PRESENT_MODALS
        return first.tag_ in FINITE_PRESENT
    return False


def _respectively(text: str, found: list, figures: list) -> None:
    """"5.6, 7.3 and 8.7 per cent in the past three years, respectively": one year each, in order."""
    if "respectively" not in text.lower():
        return
    shared = [q for q in found if q.period and "/" in q.period]
    if len(shared) < 2 or len({q.period for q in shared}) != 1:
        return
    first, last = shared[0].period.split("/")
    if len(first) == len(last) == 4 and int(last) - int(first) + 1 == len(shared):
        for k, q in enumerate(shared):
            q.period = str(int(first) + k)


# A sentence that may name a period: a digit, a month, or a period word. Others are skipped.
_MAYBE_PERIOD = re.compile(r"\d|\b(?:year|month|quarter|half|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
                           re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n\s*\n")


def _stock(q) -> bool:
    """A population with no date is the population now (at the document's date)."""
    return canonical_concept(q.concept) == POPULATION or q.unit == PEOPLE


def resolve(doc: Doc, lex: Optional[Lexicon] = None) -> None:
    """Reread the period and base period of every quantity on ``doc`` (see the module docstring).

    A figure whose sentence names no period of its own takes the document's year when its
    clause is in the present tense, else the period in force in its paragraph: the last one
    named before it ("In January-February, exports were ... . Imports were ...").
    """
    date = doc_date(doc)
    quantities = doc._.quantities or []
    if not quantities:
        return
    text = doc_text(doc)
    limit = (lex or load_lexicon()).periods[context.MAX_DISTANCE_KEY]
    present_re = _patterns()["present"]
    by_sentence: dict[int, list] = {}
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and len(span):
            by_sentence.setdefault(span.sent.start_char, []).append(q)
    current: Optional[str] = None
    last_end = 0
    for sent in doc.sents:
        if _PARAGRAPH.search(text[last_end:sent.start_char]):
            current = None  # a new paragraph starts afresh
        last_end = sent.end_char
        s_text = text[sent.start_char:sent.end_char]
        found = by_sentence.get(sent.start_char, [])
        if not found and not _MAYBE_PERIOD.search(s_text):
            continue
        figures = [(q.start - sent.start_char, q.end - sent.start_char) for q in found]
        periods, bases = split_bases(s_text, all_mentions(s_text, date), figures)
        for q, (start, end) in zip(found, figures):
            own = [b[0] for b in bases if b[1] == (start, end)]  # "from $X in 2023": 2023 is $X's own period
            period = context.nearest(_reachable(s_text, periods + own, end), start, end, limit, s_text) \
                or _opening(s_text, periods, start)
            base = context.nearest([b[0] for b in bases if b[1] != (start, end)], start, end, limit, s_text)
            if period is None and base is not None:
                # "in 2023 - a 26.3% increase from 2022": a change against a base is measured in
                # the sentence's own period, even across a dash
                period = context.nearest(periods, start, end, 2 * limit)
            if period is None and q.modality != "target":
                earlier = [m for m in periods if m[1] <= start]
                if date and (present_re.search(s_text) or _present(doc, q.start) or _stock(q)):
                    period = date[:4]
                elif len(periods) == 1 and earlier:
                    period = earlier[0][2]  # the sentence's one period, across "while" and the like
                elif not periods:
                    period = current
            q.period = period
            q.base_period = base if base != period else None
        _respectively(s_text, found, figures)
        if periods:
            current = max(periods)[2]  # the last named in the sentence
