"""What a figure means: its period, the concept it measures, the entities, modality and speaker.

Each function takes plain data (a sentence's text and offsets, words and lemmas read
from the parse beforehand) and the lexicon ``lex`` (the shipped one by default); the
component calls them in turn. Patterns built from a lexicon are kept per lexicon.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Optional

from ...knowledge.lexicon import Lexicon, _alternation, leading_words, load_lexicon, matches_at_words, phrase_key
from ...knowledge.lexicon import compiled as _re

# A period or concept more than this many characters away from a figure is about something
# else (one clause is rarely longer; the seed's "$88.4 billion ... in 2014" is 50 apart).
MAX_DISTANCE_KEY = "max_distance"
# After-the-figure mentions win ties ("$30.6 billion in the first half of 2015" vs an earlier
# year): a mention after the figure counts as this many characters nearer.
AFTER_BONUS = 25


# The year every period expression holds (the ``year`` groups of _period_re).
YEAR_DIGITS = r"(?:1[89]|20)\d\d"
YEAR = re.compile(YEAR_DIGITS)


@functools.lru_cache(maxsize=4)
def _period_re(lex: Lexicon) -> re.Pattern:
    halves = _alternation(lex.periods["halves"])
    quarters = _alternation(lex.periods["quarters"])
    months = _alternation(lex.months)
    year = rf"(?P<year>{YEAR_DIGITS})(?![\d,.]\d)"
    return re.compile(
        rf"(?i:(?<![\w])(?P<half>{halves})|(?P<quarter>{quarters}))\s+(?:of\s+|in\s+)?(?:the\s+)?(?:fiscal\s+|FY\s?)?{year}"
        rf"|{year.replace('year', 'year1')}\s+(?P<half2>(?i:h1|h2))\b|(?P<quarter2>(?i:q[1-4]))\s*(?:of\s+)?{year.replace('year', 'year2')}"
        rf"|(?<![\w])(?P<month>(?i:{months}))\.?\s+(?:of\s+)?{year.replace('year', 'year3')}"
        rf"|(?<![\w\d$€£¥.,:/-])(?<!since )(?<!Since ){year.replace('year', 'year4')}(?![\w%-])")


def periods_in(text: str, lex: Optional[Lexicon] = None) -> list[tuple[int, int, str]]:
    """Every period expression in ``text`` as (start, end, label): '2015-H1', '2015-Q3', '2015-03', '2014'."""
    if not YEAR.search(text):  # every period names a year: most sentences are done here
        return []
    lex = lex or load_lexicon()
    low_year, high_year = lex.periods["years"]
    out = []
    for m in _period_re(lex).finditer(text):
        g = m.groupdict()
        year = g["year"] or g["year1"] or g["year2"] or g["year3"] or g["year4"]
        if not low_year <= int(year) <= high_year:
            continue
        if g["half"] or g["half2"]:
            label = f"{year}-{lex.periods['halves'][phrase_key(g['half'] or g['half2'])]}"
        elif g["quarter"] or g["quarter2"]:
            label = f"{year}-{lex.periods['quarters'][phrase_key(g['quarter'] or g['quarter2'])]}"
        elif g["month"]:
            label = f"{year}-{lex.months[g['month'].lower()]:02d}"
        else:
            label = year
        out.append((m.start(), m.end(), label))
    return out


# Marks that close a clause: a period or concept beyond one of them belongs to another claim
# ("$88.4 billion in trade turnover ... in 2014 – including ... a $1 billion credit line").
CLAUSE_BREAK = re.compile(r"[–—;()\[\]]|\bincluding\b|\bwhile\b|\bwhereas\b|\bbut\b")


def nearest(mentions: list[tuple[int, int, str]], start: int, end: int, limit: int,
            text: Optional[str] = None) -> Optional[str]:
    """The label of the mention nearest to [start, end) within ``limit`` characters (after wins ties).

    With ``text``, mentions across a clause break (dash, semicolon, bracket, 'including', 'but') are skipped.
    ``mentions`` are sorted and do not overlap (as ``finditer`` finds them), so only those
    within ``limit`` are looked at: a sentence with thousands of figures and years (a number
    table without full stops) costs time in proportion to its length, not its square.
    """
    lo = bisect.bisect_left(mentions, start - limit, key=_mention_end)
    hi = bisect.bisect_right(mentions, end + limit + AFTER_BONUS, lo=lo, key=_mention_start)
    best, best_distance = None, limit + 1
    for m_start, m_end, label in mentions[lo:hi]:
        if m_start >= end:
            distance = m_start - end - AFTER_BONUS
        elif m_end <= start:
            distance = start - m_end
        else:
            continue  # overlaps the figure itself
        if distance >= best_distance:
            continue
        gap = (text[end:m_start] if m_start >= end else text[m_end:start]) if text is not None else ""
        if gap and CLAUSE_BREAK.search(gap):
            continue
        best, best_distance = label, distance
    return best


def _mention_start(mention: tuple) -> int:
    return mention[0]


def _mention_end(mention: tuple) -> int:
    return mention[1]


def period_of(text: str, start: int, end: int, periods: Optional[list] = None,
              lex: Optional[Lexicon] = None) -> Optional[str]:
    """The period a figure at [start, end) of sentence ``text`` refers to, or None."""
    return _nearest_found(periods_in, text, start, end, periods, lex)


def _nearest_found(find, text: str, start: int, end: int, mentions: Optional[list],
                   lex: Optional[Lexicon]) -> Optional[str]:
    """:func:`nearest` over ``mentions``, or over ``find(text, lex)`` when they are not given."""
    lex = lex or load_lexicon()
    mentions = find(text, lex) if mentions is None else mentions
    return nearest(mentions, start, end, lex.periods[MAX_DISTANCE_KEY], text)


@functools.lru_cache(maxsize=4)
def _concept_re(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{_alternation(lex.concept_of)})(?![\w])", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _concept_starts(lex: Lexicon) -> Optional[frozenset]:
    return leading_words(lex.concept_of)


def concept_matches(text: str, lex: Optional[Lexicon] = None) -> list[re.Match]:
    """The concept phrases in ``text``, as ``_concept_re(lex).finditer`` finds them."""
    lex = lex or load_lexicon()
    return matches_at_words(_concept_re(lex), text, _concept_starts(lex))


def concepts_in(text: str, lex: Optional[Lexicon] = None) -> list[tuple[int, int, str]]:
    """Concept mentions as (start, end, surface text lower-cased)."""
    return [(m.start(), m.end(), _re(r"\s+").sub(" ", m.group(0).lower())) for m in concept_matches(text, lex)]


def concept_of(text: str, start: int, end: int, concepts: Optional[list] = None,
               lex: Optional[Lexicon] = None) -> Optional[str]:
    """The concept phrase nearest to the figure, as written ('bilateral trade'), or None."""
    return _nearest_found(concepts_in, text, start, end, concepts, lex)


@functools.lru_cache(maxsize=4)
def _entity_re(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{_alternation(list(lex.entity_of) + lex.concepts['pair_phrases'])})(?![\w])",
                      re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _entity_starts(lex: Lexicon) -> Optional[frozenset]:
    return leading_words(list(lex.entity_of) + lex.concepts["pair_phrases"])


def entity_matches(text: str, lex: Optional[Lexicon] = None) -> list[re.Match]:
    """The entity aliases and pair phrases in ``text``, as ``_entity_re(lex).finditer`` finds them."""
    lex = lex or load_lexicon()
    return matches_at_words(_entity_re(lex), text, _entity_starts(lex))


def entities_in(text: str, lex: Optional[Lexicon] = None) -> list[str]:
    """Canonical entity names mentioned in ``text``, first mention first; pair phrases as '*pair*'."""
    lex = lex or load_lexicon()
    pairs = {p.lower() for p in lex.concepts["pair_phrases"]}
    out: list[str] = []
    for m in entity_matches(text, lex):
        low = _re(r"\s+").sub(" ", m.group(0).lower())
        if low in ("us",) and m.group(0) != "US":
            continue  # the pronoun
        name = "*pair*" if low in pairs else lex.entity_of[low]
        if name not in out:
            out.append(name)
    return out


def resolve_entities(sentence_entities: list[str], doc_entities: list[str]) -> list[str]:
    """Replace 'the two countries' by the document's two most mentioned entities."""
    out = [e for e in sentence_entities if e != "*pair*"]
    if "*pair*" in sentence_entities:
        for name in doc_entities[:2]:
            if name not in out:
                out.append(name)
    return out


def modality_of(words_before: list[str], ancestors: list[str], lex: Optional[Lexicon] = None) -> str:
    """'target' (goal, aim, pledge, 'to reach'), 'forecast' (expected, projected, will) or 'actual'.

    ``words_before`` are the lower-cased words just before the figure in its clause and
    ``ancestors`` the lemmas of its syntactic heads; a target cue wins over a forecast cue
    ("likely that Putin's goal of $100 billion ... will not be met" states a target).
    """
    lex = lex or load_lexicon()
    window = words_before[-lex.cues["target_tokens_before"]:]
    joined = " ".join(window)
    target_words, target_phrases, forecast_words, forecast_phrases = _modality_cues(lex)
    if _actual_last(joined, target_words | forecast_words, target_phrases + forecast_phrases, lex):
        return "actual"  # "managed to boost trade to", "amounted to": an outcome, whatever came before
    # Order matters: a target noun or verb ("goal", "pledged") first, then a forecast cue, and
    # only then an infinitive ("to reach"), which "expected to reach" makes a forecast.
    if any(w in target_words for w in window) or any(a in target_words for a in ancestors):
        return "target"
    if any(w in forecast_words for w in window) or any(_has(joined, cue) for cue in forecast_phrases):
        return "forecast"
    if any(_has(joined, cue) for cue in target_phrases):
        return "target"
    return "actual"


_TO_OUTCOME = re.compile(r"\bto (?:reach|hit|stand at|total)$")


def _actual_last(joined: str, words: set, phrases: list, lex: Lexicon) -> bool:
    """True when an outcome cue ('reached', 'amounted to') is the last modality cue before the figure."""
    cues = lex.cues["modality"]
    found = [m.end() for cue in cues.get("actual", ()) if cue in joined for m in _phrase_re(cue).finditer(joined)]
    if not found:
        # "increased by 37% ... to reach $42 billion": the infinitive states the outcome of a past movement
        moved = [m.end() for cue in cues.get("past_movements", ()) if cue in joined
                 for m in _phrase_re(cue).finditer(joined)]
        if moved and _TO_OUTCOME.search(joined[max(moved):]):
            return True
        return False
    rest = joined[max(found):]
    return not any(w in words for w in rest.split()) and not any(_has(rest, cue) for cue in phrases)


@functools.lru_cache(maxsize=4)
def _modality_cues(lex: Lexicon) -> tuple:
    """(target words, target phrases, forecast words, forecast phrases): one-word cues as sets."""
    cues = lex.cues["modality"]
    targets, forecasts = cues["target"], cues["forecast"]
    return ({c for c in targets if " " not in c}, [c for c in targets if " " in c],
            {c for c in forecasts if " " not in c}, [c for c in forecasts if " " in c])


@functools.lru_cache(maxsize=256)
def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(phrase)}(?![\w])")


def _has(joined: str, phrase: str) -> bool:
    return phrase in joined and _phrase_re(phrase).search(joined) is not None
