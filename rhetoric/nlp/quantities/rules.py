"""The quantity text rules' own word lists and pattern fragments (``rules.json`` here), compiled.

Shared knowledge (number words, scales, currencies, units, cues, periods, concepts) is the
lexicon of :mod:`rhetoric.knowledge.lexicon`; this file holds what only the extractor's
exclusions and readers use. Functions take a :class:`Rules` (default: :func:`load_rules`).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES_FILE = "rules.json"


def _words(words: list) -> str:
    """A regex alternation of ``words`` in the order given (the first match wins), each escaped."""
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True, eq=False)  # hashed by identity: functions cache what they build from one
class Rules:
    """What ``rules.json`` says, ready to use."""

    vulgar: dict                 # '½' -> 0.5
    currency_only_scales: frozenset
    money_before: re.Pattern     # a money word shortly before the figure
    metre_words: frozenset
    attachable_codes: frozenset
    clock_after: re.Pattern
    urlish: re.Pattern
    video_lines: frozenset
    one_not_number_before: re.Pattern
    one_not_number_after: re.Pattern
    fraction_share_before: re.Pattern  # "by nearly half": a fraction that is a figure
    fraction_period_before: re.Pattern  # "the first half": a period
    year_before: re.Pattern
    not_names: frozenset
    letters: frozenset
    bounds_after: re.Pattern

    @classmethod
    def from_dict(cls, data: dict) -> "Rules":
        fractions, one = data["fractions"], data["one_not_number"]
        return cls(
            vulgar=dict(data["vulgar_fractions"]),
            currency_only_scales=frozenset(data["currency_only_scales"]["abbreviations"]),
            money_before=re.compile(rf"(?i:\b(?:{_words(data['money_words']['words'])})\b)[^.,;]{{0,12}}$"),
            metre_words=frozenset(data["metre_words"]["words"]),
            attachable_codes=frozenset(data["attachable_codes"]["codes"]),
            clock_after=re.compile(data["clock_after"]["pattern"]),
            urlish=re.compile(data["url_hints"]["pattern"]),
            video_lines=frozenset(float(v) for v in data["video_lines"]["values"]),
            one_not_number_before=re.compile(rf"(?i:\b(?:{_words(one['before'])}))\s+$"),
            one_not_number_after=re.compile(one["after_pattern"]),
            fraction_share_before=re.compile(
                rf"(?i:\bby|\bthan)\s+(?:(?i:{_words(fractions['approximators'])})\s+)?$"),
            fraction_period_before=re.compile(rf"(?i:{_words(fractions['period_words'])})[\s-]+$"),
            year_before=re.compile(rf"(?i:\b(?:{_words(data['years']['before'])})\s+$)|\d\s+$"),
            not_names=frozenset(data["names"]["not_names"]),
            letters=frozenset(data["names"]["letters"]),
            bounds_after=re.compile(rf"^\s?(?P<cue>{_words(data['bounds_after']['cues'])})(?![\w])", re.IGNORECASE),
        )


@functools.lru_cache(maxsize=4)
def load_rules(directory: Path = HERE) -> Rules:
    """The rules of ``directory`` (the shipped ``rules.json`` by default), read once per folder."""
    return Rules.from_dict(json.loads((Path(directory) / RULES_FILE).read_text(encoding="utf-8")))
