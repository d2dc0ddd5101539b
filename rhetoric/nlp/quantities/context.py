"""What a figure means: its period, the concept it measures, the entities, modality and speaker.

Each function takes a sentence (text and offsets, plus spaCy tokens where the parse helps)
and one :class:`~rhetoric.nlp.quantities.extract.Found`; the component calls them in turn.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ...knowledge.lexicon import _alternation, leading_words, load_lexicon, matches_at_words
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


@functools.lru_cache(maxsize=1)
def _period_re() -> re.Pattern:
    lex = load_lexicon()
    halves = _alternation(lex.periods["halves"])
    quarters = _alternation(lex.periods["quarters"])
    months = _alternation(lex.months)
    year = rf"(?P<year>{YEAR_DIGITS})(?![\d,.]\d)"
    return re.compile(
        rf"(?i:(?<![\w])(?P<half>{halves})|(?P<quarter>{quarters}))\s+(?:of\s+|in\s+)?(?:the\s+)?(?:fiscal\s+|FY\s?)?{year}"
        rf"|{year.replace('year', 'year1')}\s+(?P<half2>(?i:h1|h2))\b|(?P<quarter2>(?i:q[1-4]))\s*(?:of\s+)?{year.replace('year', 'year2')}"
        rf"|(?<![\w])(?P<month>(?i:{months}))\.?\s+(?:of\s+)?{year.replace('year', 'year3')}"
        rf"|(?<![\w\d$€£¥.,:/-])(?<!since )(?<!Since ){year.replace('year', 'year4')}(?![\w%-])")


def periods_in(text: str) -> list[tuple[int, int, str]]:
    """Every period expression in ``text`` as (start, end, label): '2015-H1', '2015-Q3', '2015-03', '2014'."""
    if not YEAR.search(text):  # every period names a year: most sentences are done here
        return []
    lex = load_lexicon()
    low_year, high_year = lex.periods["years"]
    out = []
    for m in _period_re().finditer(text):
        g = m.groupdict()
        year = g["year"] or g["year1"] or g["year2"] or g["year3"] or g["year4"]
        if not low_year <= int(year) <= high_year:
            continue
        if g["half"] or g["half2"]:
            label = f"{year}-{lex.periods['halves'][(g['half'] or g['half2']).lower()]}"
        elif g["quarter"] or g["quarter2"]:
            label = f"{year}-{lex.periods['quarters'][(g['quarter'] or g['quarter2']).lower()]}"
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
    """
    best, best_distance = None, limit + 1
    for m_start, m_end, label in mentions:
        if m_start >= end:
            distance = m_start - end - AFTER_BONUS
            gap = text[end:m_start] if text is not None else ""
        elif m_end <= start:
            distance = start - m_end
            gap = text[m_end:start] if text is not None else ""
        else:
            continue  # overlaps the figure itself
        if gap and CLAUSE_BREAK.search(gap):
            continue
        if distance < best_distance:
            best, best_distance = label, distance
    return best


def period_of(text: str, start: int, end: int, periods: Optional[list] = None) -> Optional[str]:
    """The period a figure at [start, end) of sentence ``text`` refers to, or None."""
    periods = periods_in(text) if periods is None else periods
    return nearest(periods, start, end, load_lexicon().periods[MAX_DISTANCE_KEY], text)


@functools.lru_cache(maxsize=1)
def _concept_re() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{_alternation(load_lexicon().concept_of)})(?![\w])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _concept_starts() -> Optional[frozenset]:
    return leading_words(load_lexicon().concept_of)


def concept_matches(text: str) -> list[re.Match]:
    """The concept phrases in ``text``, as ``_concept_re().finditer`` finds them."""
    return matches_at_words(_concept_re(), text, _concept_starts())


def concepts_in(text: str) -> list[tuple[int, int, str]]:
    """Concept mentions as (start, end, surface text lower-cased)."""
    return [(m.start(), m.end(), _re(r"\s+").sub(" ", m.group(0).lower())) for m in concept_matches(text)]


def concept_of(text: str, start: int, end: int, concepts: Optional[list] = None) -> Optional[str]:
    """The concept phrase nearest to the figure, as written ('bilateral trade'), or None."""
    concepts = concepts_in(text) if concepts is None else concepts
    return nearest(concepts, start, end, load_lexicon().periods[MAX_DISTANCE_KEY], text)


@functools.lru_cache(maxsize=1)
def _entity_re() -> re.Pattern:
    lex = load_lexicon()
    return re.compile(rf"(?<![\w])(?:{_alternation(list(lex.entity_of) + lex.concepts['pair_phrases'])})(?![\w])",
                      re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _entity_starts() -> Optional[frozenset]:
    lex = load_lexicon()
    return leading_words(list(lex.entity_of) + lex.concepts["pair_phrases"])


def entity_matches(text: str) -> list[re.Match]:
    """The entity aliases and pair phrases in ``text``, as ``_entity_re().finditer`` finds them."""
    return matches_at_words(_entity_re(), text, _entity_starts())


def entities_in(text: str) -> list[str]:
    """Canonical entity names mentioned in ``text``, first mention first; pair phrases as '*pair*'."""
    lex = load_lexicon()
    pairs = {p.lower() for p in lex.concepts["pair_phrases"]}
    out: list[str] = []
    for m in entity_matches(text):
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


def modality_of(words_before: list[str], ancestors: list[str]) -> str:
    """'target' (goal, aim, pledge, 'to reach'), 'forecast' (expected, projected, will) or 'actual'.

    ``words_before`` are the lower-cased words just before the figure in its clause and
    ``ancestors`` the lemmas of its syntactic heads; a target cue wins over a forecast cue
    ("likely that Putin's goal of $100 billion ... will not be met" states a target).
    """
    lex = load_lexicon()
    window = words_before[-lex.cues["target_tokens_before"]:]
    joined = " ".join(window)
    target_words, target_phrases, forecast_words, forecast_phrases = _modality_cues()
    if _actual_last(joined, target_words | forecast_words, target_phrases + forecast_phrases):
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


def _actual_last(joined: str, words: set, phrases: list) -> bool:
    """True when an outcome cue ('reached', 'amounted to') is the last modality cue before the figure."""
    cues = load_lexicon().cues["modality"]
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


@functools.lru_cache(maxsize=1)
def _modality_cues() -> tuple:
    """(target words, target phrases, forecast words, forecast phrases): one-word cues as sets."""
    cues = load_lexicon().cues["modality"]
    targets, forecasts = cues["target"], cues["forecast"]
    return ({c for c in targets if " " not in c}, [c for c in targets if " " in c],
            {c for c in forecasts if " " not in c}, [c for c in forecasts if " " in c])


@functools.lru_cache(maxsize=256)
def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(phrase)}(?![\w])")


def _has(joined: str, phrase: str) -> bool:
    return phrase in joined and _phrase_re(phrase).search(joined) is not None
