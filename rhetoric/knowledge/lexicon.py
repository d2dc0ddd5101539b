"""The quantity stage's word lists and patterns, loaded once from the JSON files next to this module.

Files (all written for this project):
    numbers.json     number words, fractions, vague plurals ("tens of thousands"), ordinals
    scales.json      scale words and abbreviations (million, bn, k)
    currencies.json  currency signs, codes and words -> ISO 4217
    units.json       percent family, measurement units (words and symbols), kind per unit
    cues.json        approximators and bounds, change words, modality cues, rank words
    periods.json     months, halves, quarters, the year range and the period search distance
    concepts.json    concept synonyms (trade turnover = bilateral trade = ...) and entity aliases
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
_WORD = re.compile(r"[A-Za-z]+")
# A number in digits: '1/2', '3½', '1,200.5', '1,30,129' (Indian lakh/crore grouping), '1.99E-29', '2.998×10−8', '.5'. Each branch reads
# the first character, which the leading class has consumed, through a lookbehind, so the
# pattern starts with a character class (see ``Lexicon.digits_re``).
DIGITS = (r"[\d½¼¾⅓⅔⅛.](?:"
          r"(?<=\d)(?<![\d/].)\d{0,2}[/⁄]\d{1,3}(?![\d/])"  # a fraction; not part of a date 1/2/2015
          r"|(?<=[½¼¾⅓⅔⅛])|(?<=\d)\d*[½¼¾⅓⅔⅛]"
          r"|(?<=\d)(?:\d?(?:,\d\d)+,\d{3}(?![\d,])|\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][-+]?\d+|\s?[×x]\s?10\^?[−-]?\d+)?"
          r"|(?<=\.)\d+)")
FILES = ("numbers", "scales", "currencies", "units", "cues", "periods", "concepts")


@functools.lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` kept for good: the stage's inline patterns run for every number, and ``re``'s
    own cache (shared by the whole process, 512 patterns) is slower to consult and may evict them."""
    return re.compile(pattern, flags)


def phrase_key(text: str) -> str:
    """A matched phrase as the lexicon writes it: lower case, single spaces. The patterns built by
    :func:`_alternation` let any whitespace stand between words ("second\\nhalf", "or  more")."""
    return " ".join(text.lower().split())


def _alternation(words, flags_word: bool = True) -> str:
    """A regex alternation of ``words``, longest first, each escaped (spaces match any whitespace)."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


@dataclass(eq=False)  # compared and hashed by identity: functions cache what they build from one
class Lexicon:
    """Everything the extractor reads from data, with the regexes built from it."""

    numbers: dict
    scales: dict
    currencies: dict
    units: dict
    cues: dict
    periods: dict
    concepts: dict

    @functools.cached_property
    def word_values(self) -> dict:
        """Lower-cased number word -> value (units, tens and the 'a dozen' forms)."""
        return {**self.numbers["units"], **self.numbers["tens"]}

    @functools.cached_property
    def scale_values(self) -> dict:
        return {**{k.lower(): v for k, v in self.scales["words"].items()}}

    @functools.cached_property
    def currency_words(self) -> dict:
        return {k.lower(): v for k, v in self.currencies["words"].items()}

    @functools.cached_property
    def iso_codes(self) -> set:
        """Every ISO code a quantity or an indicator table may use."""
        codes = set(self.currencies["codes"]) | set(self.currencies["prefix"].values())
        codes |= {v for v in self.currencies["words"].values() if "/" not in v}
        return {self.currencies["code_alias"].get(c, c) for c in codes}

    @functools.cached_property
    def unit_words(self) -> dict:
        return {k.lower(): v for k, v in self.units["words"].items()}

    @functools.cached_property
    def months(self) -> dict:
        return self.periods["months"]

    @functools.cached_property
    def concept_of(self) -> dict:
        """Lower-cased surface phrase -> canonical concept."""
        return {p.lower(): name for name, phrases in self.concepts["concepts"].items() for p in phrases}

    @functools.cached_property
    def entity_of(self) -> dict:
        return {p.lower(): name for name, phrases in self.concepts["entities"].items() for p in phrases}

    # --- regexes -------------------------------------------------------------------
    @functools.cached_property
    def number_re(self) -> re.Pattern:
        """Digits ('1,200.5', '.5', '1.99E-29'), number words ('twenty-five thousand'), fractions, vague plurals."""
        return self._number_pattern(with_words=True)

    @functools.cached_property
    def digits_re(self) -> re.Pattern:
        """``number_re`` without its word branches (same groups), five times faster to scan; see :meth:`numbers_in`."""
        return self._number_pattern(with_words=False)

    @functools.cached_property
    def number_starts(self) -> frozenset:
        """The first word of every number phrase: a match of a word branch of ``number_re`` starts with one."""
        return leading_words([*self.numbers["units"], *self.numbers["tens"], *self.numbers["fractions"],
                              *self.numbers["vague"]])

    def numbers_in(self, text: str) -> list[re.Match]:
        """What ``number_re.finditer(text)`` finds, found faster: digits with ``digits_re``, and
        the word branches tried only where a word that opens a number phrase begins
        (:func:`matches_at_words`). Word and digit matches cannot overlap: the word branches
        match letters only."""
        if not text.isascii():
            return list(self.number_re.finditer(text))
        found = list(self.digits_re.finditer(text))
        words = matches_at_words(self.number_re, text, self.number_starts)
        return sorted(found + words, key=lambda m: m.start()) if words else found

    def _number_pattern(self, with_words: bool) -> re.Pattern:
        if not with_words:
            # Starting with a character class lets ``re`` skip to candidate characters in C;
            # the never-matching groups keep the names that ``number_re`` matches have.
            return re.compile(rf"(?P<digits>{DIGITS})(?:(?P<vague>(?!))|(?P<special>(?!))|(?P<fraction>(?!))"
                              rf"|(?P<words>(?!)))?", re.IGNORECASE)
        units = _alternation([w for w in self.numbers["units"] if " " not in w])
        tens = _alternation(self.numbers["tens"])
        base = rf"(?:(?:{tens})(?:[-\s](?:{units}))?|(?:{units}))"
        big = _alternation(self.scales["words"])
        chunk = rf"{base}(?:\s+hundred(?:\s+(?:and\s+)?{base})?)?"
        # "twenty-eight thousand six hundred forty-two": chunks chain only after a scale word
        words = rf"(?:(?:{chunk}\s+(?:{big})\s+(?:and\s+)?)*{chunk}(?:\s+(?:{big}))?)"
        special = _alternation([w for w in self.numbers["units"] if " " in w])
        fractions = _alternation(self.numbers["fractions"])
        vague = _alternation(self.numbers["vague"])
        return re.compile(
            rf"(?P<digits>{DIGITS})"
            rf"|(?<![\w-])(?:(?P<vague>{vague})|(?P<special>{special})|(?P<fraction>{fractions})|(?P<words>{words}))(?![\w])",
            re.IGNORECASE)

    @functools.cached_property
    def prefix_re(self) -> re.Pattern:
        """A currency sign or code just before a number (end-anchored on the preceding text)."""
        signs = _alternation(self.currencies["prefix"])
        codes = _alternation(self.currencies["codes"])
        return re.compile(rf"(?:(?<![\w$])(?P<code>{codes})\s?|(?P<sign>{signs})\s?)$")

    @functools.cached_property
    def scale_re(self) -> re.Pattern:
        """A scale word or abbreviation right after a number (start-anchored)."""
        words = _alternation(self.scales["words"])
        abbr = _alternation(self.scales["abbreviations"])
        return re.compile(rf"(?:(?:\s*|-)(?P<word>(?i:{words}))\b|(?P<abbr>{abbr})(?![\w]))")

    @functools.cached_property
    def percent_re(self) -> re.Pattern:
        return re.compile(rf"\s?-?(?P<unit>(?i:{_alternation(self.units['percent'])}))(?![\w])")

    @functools.cached_property
    def currency_after_re(self) -> re.Pattern:
        words = _alternation(list(self.currencies["words"]) + list(self.currencies["ambiguous_words"]))
        codes = _alternation(self.currencies["codes"])
        return re.compile(rf"\s(?:(?P<word>(?i:{words}))|(?P<code>{codes}))(?![\w])")

    @functools.cached_property
    def unit_word_re(self) -> re.Pattern:
        return re.compile(rf"[\s-]?(?P<unit>(?i:{_alternation(self.units['words'])}))(?![\w])")

    @functools.cached_property
    def unit_symbol_re(self) -> re.Pattern:
        return re.compile(rf"(?P<space>\s?|-)(?P<unit>{_alternation(self.units['symbols'])})(?![\w])")

    @functools.cached_property
    def bounds_before_re(self) -> re.Pattern:
        return re.compile(rf"(?<![\w])(?P<cue>(?i:{_alternation(self.cues['bounds_before'])}))\s*$")

    @functools.cached_property
    def change_before_re(self) -> re.Pattern:
        return re.compile(rf"(?<![\w])(?P<cue>(?i:{_alternation(self.cues['change_before'])}))\s+(?:(?i:by|of)\s+)?$")

    @functools.cached_property
    def change_after_re(self) -> re.Pattern:
        return re.compile(rf"^[\s-]*(?P<cue>(?i:{_alternation(self.cues['change_after'])}))(?![\w])")

    @functools.cached_property
    def month_re(self) -> re.Pattern:
        names = _alternation([m.capitalize() for m in self.months])
        return re.compile(rf"(?<![\w])(?:{names})\.?(?![\w])")

    @functools.cached_property
    def rank_re(self) -> re.Pattern:
        """Ranks: 'tenth-top', '2nd-largest', 'second largest', 'No. 1', 'number one', 'ranked 5th'."""
        ordinals = _alternation(self.numbers["ordinals"])
        words = _alternation(self.cues["rank_words"])
        return re.compile(
            rf"(?<![\w])(?:(?P<ord>(?i:{ordinals})|\d+(?:st|nd|rd|th))[\s-](?P<word>(?i:{words}))(?![\w])"
            rf"|(?:No\.?|[Nn]umber)\s(?P<no>\d+|one)(?![\w.,]\d)"
            rf"|(?i:ranked|ranks|ranking)\s(?P<ranked>\d+(?:st|nd|rd|th)|(?i:{ordinals}))(?![\w]))")


def leading_words(phrases) -> Optional[frozenset]:
    """The lower-cased leading ASCII letters of each phrase ('U.S.' -> 'u'), or None when
    some phrase does not start with an ASCII letter (then no word can be probed for it)."""
    words = set()
    for phrase in phrases:
        m = _WORD.match(phrase.lower())
        if m is None:
            return None
        words.add(m.group())
    return frozenset(words)


def matches_at_words(pattern: re.Pattern, text: str, starts: Optional[frozenset]) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern each of whose matches begins a word whose
    leading letters, lower-cased, are in ``starts`` (see :func:`leading_words`).

    Phrase alternations under IGNORECASE cannot use ``re``'s fast scan, and trying them at
    every character is most of their cost; here they are tried only where such a word
    begins. Non-ASCII text takes the plain scan: IGNORECASE folds some non-ASCII letters
    (the Kelvin sign, the long s) onto ASCII ones.
    """
    if starts is None or not text.isascii():
        return list(pattern.finditer(text))
    found: list[re.Match] = []
    end = 0
    for word in _WORD.finditer(text):
        if word.start() >= end and word.group().lower() in starts:
            m = pattern.match(text, word.start())
            if m:
                found.append(m)
                end = m.end()
    return found


def lexicon_files(directory: Path = HERE) -> dict[str, Path]:
    """File name -> path of every lexicon file in ``directory`` (the shipped folder by default)."""
    return {f"{name}.json": Path(directory) / f"{name}.json" for name in FILES}


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path = HERE) -> Lexicon:
    """The lexicon of ``directory`` (the shipped files by default), read once per process.

    Functions that use it take it as a parameter (``lex``) defaulting to this one."""
    data = {name: json.loads((Path(directory) / f"{name}.json").read_text(encoding="utf-8")) for name in FILES}
    return Lexicon(**data)


@functools.lru_cache(maxsize=4096)  # called for every (figure, indicator row) pair by the checks
def canonical_concept(concept: Optional[str]) -> Optional[str]:
    """'bilateral trade' -> 'trade turnover' (the name indicator tables use)."""
    if not concept:
        return None
    low = compiled(r"\s+").sub(" ", concept.lower().strip())
    return load_lexicon().concept_of.get(low, low)
