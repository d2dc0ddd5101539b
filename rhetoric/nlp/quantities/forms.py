"""Figure forms the extractor reads as one thing but our genre means otherwise, fixed after it runs.

``nlp.add_pipe("rhetoric_forms")`` runs after ``rhetoric_quantities`` and, on ``doc._.quantities``:

- drops "the two countries" (a name for the parties) and figures of page furniture ("Views: 1,534", "Previous 1 2 3 Next"; ``furniture.json``);
- splits a movement written as a span, "from 12.5 per cent to 7.3 per cent" or "fell from
  $52.3 billion to $41 billion", into two figures, the second carrying the change (a range
  of values is written low to high: "from $800,000 to $1.3 million" stays one figure);
- reads a currency written into a compound adjective: "a 100-billion-dollar goal",
  "100-billion-U.S.-dollar";
- carries a currency to a bare scaled number later in the same paragraph ("... $185 billion ...
  200 billion is within reach");
- reads a movement hidden behind a bound or a filler ("surged nearly 42%", "rising just 1.9%");
- gives a figure restating a movement in another unit its direction ("fell 190 points, or 0.6%");
- re-reads the concept of each figure so that a concept named next to another figure is not
  taken ("inflation is down to 6.6%, and GDP growth about 6%"), and an elided one is
  inherited ("34% growth in GDP, and more than 35% this year").
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

from ...contract.fields import BOILERPLATE
from ...contract.schema import Quantity
from ...knowledge.countries import iso3_of
from ...knowledge.lexicon import Lexicon, canonical_concept, load_lexicon, phrase_key
from ..extensions import doc_text
from . import context

HERE = Path(__file__).resolve().parent
# "from A to B": both ends written with their unit, and a currency or percent family unit.
_FROM_TO = re.compile(r"^(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.DOTALL)
_FROM_BEFORE = re.compile(r"(?i:\bfrom)\s+(?:(?:about|around|nearly|almost|some|over|more\s+than)\s+)?$")
# A movement named before "from" ("inflation rose from", "a reduction in inflation from"); a
# spread of values ("range from", "between") is never split.
MOVEMENT_REACH = 60
_MOVEMENT = re.compile(r"(?i:\b(?:rose|risen|rise|rising|increased?|increasing|grew|grown|growth|jumped|climbed|surged|"
                       r"fell|fallen|falling|dropped|declined?|declining|decreased?|reduced?|reduction|reducing|cut|"
                       r"slowed|slowing|eased|brought\s+down|went\s+(?:up|down))\b)")
_SPREAD = re.compile(r"(?i:\b(?:range[sd]?|ranging|vary|varies|varying|between|anywhere)\b)")
_PERCENT_WORD = re.compile(r"(?i:%|per\s*cent|percent|pct)")
_COMPOUND_CURRENCY = re.compile(r"^-(?:(?P<us>U\.?S\.?)-)?(?P<word>[A-Za-z]+)(?![\w-])")
_SCALED = re.compile(r"(?i:\b(?:thousand|million|billion|trillion|bln|mln|trln|bn|tn|mn)\b)")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A concept mention after a figure belongs to it only when nothing but these joins them
# ("$88.4 billion in trade turnover", "4.8 per cent growth", "34% growth in GDP").
_AFTER_JOIN = re.compile(r"^\s*(?:(?:in|of|for|on|the|a|an|annual|annually|year-on-year|real|nominal|gdp|economic)\s+)*$",
                         re.IGNORECASE)
# What ends a concept's reach before a figure. Unlike periods, a dash does not: "extraordinary
# growth — nearly 17 per cent" (another figure in between already blocks, see read_concepts).
CONCEPT_BREAK = re.compile(r"[;()\[\]]|\bincluding\b|\bwhile\b|\bwhereas\b|\bbut\b")
# People counted at the scale of a nation ("our 1.25 billion people", "13 million Ecuadorians").
NATION_SCALE = 1_000_000
# The smallest UN member states have about 10,000 people: a "population" below is something else.
SMALLEST_NATION = 10_000
_PER_BEFORE = re.compile(r"(?i:\bper\s+)$")
# A group of nationals, not the nation: "10 million Filipinos abroad", "lifted 40 million Brazilians
# out of poverty", "10.5 million Afghans who have registered".
_SUBGROUP_AFTER = re.compile(r"^\s*(?:who|that|which|abroad|overseas|living|working|out\s+of|in\s+poverty|have\s+been|"
                             r"were|registered|displaced|[a-z]+ed\b)", re.IGNORECASE)
_SUBGROUP_BEFORE = re.compile(r"(?i:\b(?:lifted|helped|brought|employed|vaccinated|registered|displaced|evacuated|"
                              r"rescued|killed|left)\s+(?:(?:some|about|around|nearly|over|more\s+than)\s+)?)$")
# Counted by demonym ("230 million Indonesians") only from here: smaller groups of nationals
# ("1.3 million Americans were collecting jobless aid") are not a nation's population.
DEMONYM_SCALE = 5_000_000
POPULATION = "population"
PEOPLE = "people"
_OUR_BEFORE = re.compile(r"(?i:\b(?:our|its|their|a\s+(?:country|nation|population)\s+of(?:\s+just|\s+only|\s+some|\s+about)?)\s+)$")


def _is_money(unit: Optional[str]) -> bool:
    return bool(unit) and unit in load_lexicon().iso_codes


def split_from_to(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Split "from A to B" movements (see the module docstring) into two quantities."""
    out: list[Quantity] = []
    for q in quantities:
        pieces = _split(text, q)
        out.extend(pieces)
    return out


def _split(text: str, q: Quantity) -> list[Quantity]:
    if not isinstance(q.value, list) or len(q.value) != 2:
        return [q]
    m = _FROM_TO.match(q.text)
    if not m or not _FROM_BEFORE.search(text[max(0, q.start - 30):q.start]):
        return [q]
    first, second = float(q.value[0]), float(q.value[1])
    a, b = m.group("a"), m.group("b")
    written_twice = (bool(_PERCENT_WORD.search(a) and _PERCENT_WORD.search(b)) and q.kind == "percent") or \
        (_is_money(q.unit) and not a[:1].isdigit() and not b[:1].isdigit()
         and bool(_SCALED.search(a) and _SCALED.search(b)))
    before = text[max(0, q.start - MOVEMENT_REACH):q.start]
    moved = second < first or bool(_MOVEMENT.search(before))
    if not written_twice or not moved or _SPREAD.search(before):
        return [q]
    change = "down" if second < first else "up" if second > first else "="
    size = round((second / first - 1) * 100, 2) if first and q.kind != "percent" else None
    start_b = q.start + m.start("b")
    one = dataclasses.replace(q, end=q.start + len(a), text=a, value=first, change="=", size=None)
    two = dataclasses.replace(q, start=start_b, text=b, value=second, change=change, size=size)
    return [one, two]


def compound_currency(text: str, quantities: list[Quantity]) -> None:
    """'100-billion-dollar', '100-billion-U.S.-dollar': the currency word after the hyphen."""
    words = load_lexicon().currency_words
    for q in quantities:
        if q.unit is not None:
            continue
        m = _COMPOUND_CURRENCY.match(text[q.end:q.end + 20])
        if not m:
            continue
        word = m.group("word").lower()
        code = words.get(word) or words.get(word + "s")
        if m.group("us") and word in ("dollar", "dollars"):
            code = "USD"
        if code and "/" not in code:
            q.unit, q.kind = code, "amount"
            q.end += m.end()
            q.text = text[q.start:q.end]


def carry_currency(text: str, quantities: list[Quantity], sentences: list[int]) -> None:
    """A bare scaled number ('200 billion') takes the currency of the money figure in an earlier
    sentence of its paragraph (``sentences``: each quantity's sentence start). Within one sentence
    the extractor has already shared units, and a bare figure there is often another currency
    ("Y=50 billion" beside "$5.42 billion")."""
    previous: Optional[Quantity] = None
    previous_sentence = -1
    for q, sentence in zip(quantities, sentences):
        if previous is not None and _PARAGRAPH.search(text[previous.end:q.start]):
            previous = None
        if q.unit is None and q.kind == "count" and previous is not None and sentence != previous_sentence \
                and _SCALED.search(q.text) and canonical_concept(q.concept) != POPULATION:
            q.unit, q.kind = previous.unit, "amount"
        if _is_money(q.unit):
            previous, previous_sentence = q, sentence


# "lost 190 points, or 0.6%", "dropped by 1 to 1.5 degrees (1.8 to 2.7 Fahrenheit)": the same
# movement restated in another unit.
_RESTATED = re.compile(r"\s*(?:,?\s*or|\(|,?\s*i\.e\.,?)\s*(?:(?:about|around|nearly|almost|some|roughly)\s+)?")


# "would hit $100 billion in 2015 and $200 billion in 2020": the second figure's verb is elided.
_ELIDED = re.compile(r"(?:\s*(?:(?:in|by|for|per|a|the|year|annually|(?:1[89]|20)\d\d|[–—-]|,)\b|,)\s*)*"
                     r"\s*(?:,\s*)?(?:and|or)\s+(?:(?:about|around|nearly|almost|some|over|more\s+than|up\s+to)\s+)?",
                     re.IGNORECASE)


# "... 100 billion dollars in 2015 and 200 billion dollars in 2020, a target set by both sides"
_TARGET_APPOSITION = re.compile(r"^[^.;:!?]{0,60}?,\s*(?:a|the|which\s+is\s+a|as\s+a)\s+(?:target|goal|benchmark)s?\s+"
                                r"(?:set|agreed|announced|adopted|fixed|proclaimed|declared)\b", re.IGNORECASE)


_AFTER_NOUN = re.compile(r"^\s+(?:(?:increase|rise|gain|growth|drop|decline|fall|cut|reduction)\s+)?(?P<noun>[a-z]+)\b",
                         re.IGNORECASE)


def target_appositions(text: str, quantities: list[Quantity]) -> None:
    """Figures followed in their clause by ", a target set by ..." are targets; a figure whose own
    noun is a forecast or a target ("the 5% increase forecast", "a $100 billion target") is one."""
    after_nouns = load_lexicon().cues["modality"].get("after", {})
    for q in quantities:
        if _TARGET_APPOSITION.match(text[q.end:q.end + 120]):
            q.modality = "target"
            continue
        noun = _AFTER_NOUN.match(text[q.end:q.end + 40])
        if noun and noun.group("noun").lower() in after_nouns:
            q.modality = after_nouns[phrase_key(noun.group("noun"))]


def restated_changes(text: str, quantities: list[Quantity]) -> None:
    """A figure restating the one before ("fell 190 points, or 0.6%") takes its direction and
    modality; one whose verb is elided ("... in 2015 and $200 billion in 2020") takes its modality."""
    for a, b in zip(quantities, quantities[1:]):
        gap = text[a.end:b.start]
        if _RESTATED.fullmatch(gap):
            if a.change in ("up", "down") and b.change == "=":
                b.change = a.change
            b.modality = a.modality
        elif _ELIDED.fullmatch(gap) and b.modality == "actual" and a.unit == b.unit:
            b.modality = a.modality


# Words between a movement and its figure that do not change it ("rising just 1.9%", "increased
# by another 4 per cent", "grew by an average of around 23 percent").
_FILLERS = re.compile(r"(?:\s+(?:just|only|another|a\s+further|further|some|an\s+average\s+of|on\s+average|"
                      r"a\s+total\s+of|a\s+record))+\s*$", re.IGNORECASE)
# Nouns of movement before "of" ("a growth of 9 per cent", "an increase of 5%").
_MOVEMENT_NOUN = re.compile(r"(?<![\w])(?P<cue>growth|increase|rise|gain|jump|decline|decrease|drop|fall|reduction|cut)"
                            r"\s+(?:rate\s+)?(?:\(\w+\)\s+)?of\s*$", re.IGNORECASE)
_NOUN_DIRECTION = {"growth": "up", "increase": "up", "rise": "up", "gain": "up", "jump": "up",
                   "decline": "down", "decrease": "down", "drop": "down", "fall": "down", "reduction": "down", "cut": "down"}
CUE_REACH = 45
_BY_END = re.compile(r"\bby\s*$", re.IGNORECASE)


def movements(text: str, quantities: list[Quantity]) -> None:
    """A movement named before a bound or approximator, or behind a filler word, is the figure's
    change: "surged nearly 42 percent" is up (not ~), "rising just 1.9%" up, "a growth of 9 per cent" up."""
    lex = load_lexicon()
    for q in quantities:
        if q.change in ("up", "down") or isinstance(q.value, list) or q.kind == "rank":
            continue
        before = text[max(0, q.start - CUE_REACH):q.start]
        bound = lex.bounds_before_re.search(before)
        if bound:
            before = before[:bound.start()]
        filler = _FILLERS.search(before)
        if filler:
            before = before[:filler.start()] + " "
        if filler and q.kind != "percent":
            continue  # "go up by an average of 1500": a filler before a bare number says nothing sure
        if not bound and not filler and q.change == "=" and not _MOVEMENT_NOUN.search(before):
            continue  # nothing the extractor has not read already
        # before a bound, only a movement stated with "by" gives its size: "risen by more than 46%"
        # is up, while "up about 19%" keeps its approximation
        cue = lex.change_before_re.search(before) if not bound or _BY_END.search(before) else None
        noun = _MOVEMENT_NOUN.search(before)
        if cue:
            direction = lex.cues["change_before"].get(re.sub(r"\s+", " ", cue.group("cue").lower()))
        elif noun and q.kind == "percent":
            direction = _NOUN_DIRECTION[phrase_key(noun.group("cue"))]
        else:
            after = lex.change_after_re.match(text[q.end:q.end + CUE_REACH])
            direction = lex.cues["change_after"].get(after.group("cue").lower()) if after else None
        if direction in ("up", "down"):
            q.change = direction


def read_concepts(text: str, quantities: list[Quantity], starts: list[int], ends: list[int],
                  lex: Optional[Lexicon] = None) -> None:
    """Re-read each figure's concept within its sentence (``starts``/``ends``: sentence bounds per
    quantity): the nearest concept before it with no other figure between, else one joined
    right after it, else the previous figure's in the sentence (an elided concept)."""
    lex = lex or load_lexicon()
    limit = lex.periods[context.MAX_DISTANCE_KEY]
    cache: dict[int, list] = {}
    # The figures of each sentence that own the concepts next to them, grouped once: scanning
    # every figure of the document for each figure is quadratic in a figure-dense text.
    owners: dict[int, list] = {}
    for o, o_start in zip(quantities, starts):
        if _owns_concepts(o):
            owners.setdefault(o_start, []).append(o)
    previous: Optional[Quantity] = None
    for q, s_start, s_end in zip(quantities, starts, ends):
        if q.kind == "rank":
            continue
        if previous is not None and not s_start <= previous.start < s_end:
            previous = None  # concepts are inherited within a sentence only
        sentence = text[s_start:s_end]
        if s_start not in cache:
            cache[s_start] = context.concepts_in(sentence, lex)
        mentions = cache[s_start]
        lo, hi = q.start - s_start, q.end - s_start
        # figures that own the concepts next to them: amounts, percents and large counts, not "the two countries"
        others = [(o.start - s_start, o.end - s_start) for o in owners.get(s_start, ())
                  if o is not q and s_start <= o.start < s_end]
        if q.kind == "percent" and _SHARE_OF_GDP.match(sentence[hi:]):
            concept = SHARE_OF_GDP  # "a surplus of 5% of GDP": a share of the economy, not its growth
        else:
            concept = _before(sentence, mentions, lo, others, limit) or _after(sentence, mentions, hi, others)
        if concept is None and previous is not None and _elided(text, previous, q, mentions, s_start):
            concept = previous.concept
        q.concept = concept  # None too: the extractor's nearest mention belongs to another figure
        if q.concept and q.kind in ("amount", "percent"):
            previous = q
        _population(sentence, q, lo)


SHARE_OF_GDP = "share of gdp"
_SHARE_OF_GDP = re.compile(r"^\s*(?:(?:per\s*cent|percent|%)\s*)?of\s+(?:the\s+)?(?:(?:country|nation)['’]s\s+|our\s+|its\s+|their\s+|"
                           r"global\s+|world\s+|national\s+)?(?:gross\s+domestic\s+product|gdp|gross\s+national\s+"
                           r"(?:product|income)|gnp|gni|economy|national\s+income|output)\b", re.IGNORECASE)
# A count this large is a claim in its own right ("6 million inhabitants"), unlike "the two countries".
CLAIM_COUNT = 1000


def _owns_concepts(q: Quantity) -> bool:
    return q.kind in ("amount", "percent") or (
        q.kind == "count" and isinstance(q.value, (int, float)) and q.value >= CLAIM_COUNT)


# Words that may follow a figure whose concept is elided ("35 per cent this year", "8.7 per cent
# in 2013"): anything else after it is the figure's own noun ("a $1 billion credit line").
_ELIDED_AFTER = re.compile(r"^\s*(?:$|[.,;:!?)\]–—-]|(?:in|this|last|next|of|for|and|or|by|on|at|to|from|over|"
                           r"year|years|annually|respectively|compared|against|versus|a|an|the|per)\b)", re.IGNORECASE)


# What may stand between two figures sharing one concept, once the concept's own words and short
# brackets are taken out: "34% growth in GDP (GDP), and more than 35% this year", "5.6%, 7.3% and 8.7%".
_ELIDED_GAP = re.compile(r"^(?:[\s,;]|\b(?:and|or|to|from|in|by|for|of|at|than|more|less|over|under|about|around|nearly|"
                         r"almost|some|up|down|while|with|this|last|next|year|years|annually|a|an|the|per|cent|percent|forecasts?|"
                         r"expected|projected|estimated|targets?|compared|against|versus|vs|"
                         r"(?:1[89]|20)\d\d)\b|%)*$", re.IGNORECASE)


def _elided(text: str, previous: Quantity, q: Quantity, mentions: list, s_start: int) -> bool:
    """True when ``q`` repeats ``previous``'s concept without naming it: the same unit (or the
    level reached by a movement: "fell 29% to $30.6 billion"), nothing but connectives between
    them (a new subject, "industrial production increased to 6.7%", is not), and no noun of its
    own after it."""
    gap = text[previous.end:q.start]
    for m_start, m_end, _ in sorted(mentions, key=lambda m: -m[0]):
        a, b = m_start + s_start - previous.end, m_end + s_start - previous.end
        if 0 <= a and b <= len(gap):
            gap = gap[:a] + " " + gap[b:]
    gap = _no_short_brackets(gap)
    chained = bool(re.fullmatch(r"\s+to\s+", gap))
    return ((q.unit == previous.unit or chained) and bool(_ELIDED_GAP.match(gap))
            and bool(_ELIDED_AFTER.match(text[q.end:q.end + 20])))


def _before(sentence: str, mentions: list, lo: int, others: list, limit: int) -> Optional[str]:
    best = None
    for m_start, m_end, label in mentions:
        if m_end > lo or lo - m_end > limit:
            continue
        if any(m_end <= o_start and o_end <= lo for o_start, o_end in others):
            continue  # another figure sits between: the concept is that figure's
        if CONCEPT_BREAK.search(_no_short_brackets(sentence[m_end:lo])):
            continue
        best = label  # mentions come in order: the last valid one is the nearest
    return best


def _after(sentence: str, mentions: list, hi: int, others: list) -> Optional[str]:
    for m_start, m_end, label in mentions:
        if m_start >= hi and _AFTER_JOIN.match(_unit_stripped(sentence[hi:m_start])):
            return label
    return None


def _unit_stripped(gap: str) -> str:
    return re.sub(r"(?i)^\s*(?:%|per\s*cent|percent|points?)", "", gap)


def _no_short_brackets(gap: str) -> str:
    """A short bracket ('(GDP)') is an aside, not a clause break."""
    return re.sub(r"\([^()]{0,30}\)", "", gap)


def _population(sentence: str, q: Quantity, lo: int) -> None:
    """People counted at the scale of a nation: 'a population of 1.3 billion', 'our 1.25 billion people',
    '13 million Ecuadorians'; not a rate's denominator ('63 per 100,000 inhabitants') nor a group of
    nationals ('10 million Filipinos abroad', 'lifted 40 million Brazilians out of poverty')."""
    if q.kind != "count" or not isinstance(q.value, (int, float)) or q.value < SMALLEST_NATION:
        return
    before, after = sentence[:lo], sentence[lo + q.end - q.start:]
    if _PER_BEFORE.search(before):
        return
    unit = (q.unit or "").strip()
    if unit and after.lstrip().lower().startswith(unit.lower()):
        after = after.lstrip()[len(unit):]  # the counted noun is not part of the figure's text
    country = iso3_of(unit) or iso3_of(re.sub(r"(?i)s$", "", unit)) if unit else None
    demonym = (country is not None and q.value >= DEMONYM_SCALE and not _SUBGROUP_AFTER.match(after)
               and not _SUBGROUP_BEFORE.search(before))
    people = unit.lower() in ("people", "person", "inhabitant", "citizen", "")
    named = canonical_concept(q.concept) == POPULATION or (_OUR_BEFORE.search(before) and q.value >= NATION_SCALE)
    if demonym or (people and named):
        q.concept = q.concept if canonical_concept(q.concept) == POPULATION else POPULATION
        if demonym and not q.entities:
            q.entities = [country]
        q.unit = PEOPLE


@functools.lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    data = json.loads((HERE / "furniture.json").read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE)


def drop_furniture(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """Figures of page furniture ("Views: 1,534", "Previous 1 2 3 Next") are not figures: the
    cleanup stage has made those lines boilerplate, and their pattern says they state nothing."""
    out = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        sent = span.sent if span is not None and len(span) else None
        if sent is not None and sent._.voice == BOILERPLATE and _furniture().search(sent.text.strip()):
            continue
        out.append(q)
    return out


@functools.lru_cache(maxsize=1)
def _pair_re() -> re.Pattern:
    # the pair phrases that name countries ("the two sides" may be two teams: left as a count)
    phrases = [p for p in load_lexicon().concepts["pair_phrases"] if any(ch.isspace() for ch in p)
               and re.search(r"\b(?:countries|nations|states)\b", p)]
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?![\w])",
                      re.IGNORECASE)


def drop_pairs(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """"the two countries", "the two sides": a way to name the parties, not a figure."""
    spans = [m.span() for m in _pair_re().finditer(text)]
    return [q for q in quantities if not any(a <= q.start and q.end <= b for a, b in spans)]


def apply(doc: Doc, lex: Optional[Lexicon] = None) -> None:
    """All the fixes of this module on ``doc._.quantities``, in order (the quantities component
    calls it after writing them; ``lex``: the component's lexicon, saved with the pipeline)."""
    quantities = doc._.quantities or []
    if not quantities:
        return
    text = doc_text(doc)
    quantities = drop_pairs(text, drop_furniture(doc, quantities))
    quantities = split_from_to(text, quantities)
    compound_currency(text, quantities)
    starts, ends = [], []
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        sent = span.sent if span is not None and len(span) else None
        starts.append(sent.start_char if sent is not None else q.start)
        ends.append(sent.end_char if sent is not None else q.end)
    read_concepts(text, quantities, starts, ends, lex)  # first: a population is no money to carry a currency to
    carry_currency(text, quantities, starts)
    movements(text, quantities)
    target_appositions(text, quantities)
    restated_changes(text, quantities)
    doc._.quantities = quantities
