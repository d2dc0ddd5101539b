"""The unit of a figure: percent, currency word or code, measurement unit, age, or the counted noun.

The counted noun comes from the parse, read beforehand by :mod:`rhetoric.nlp.quantities.syntax`
and passed in as ``nouns`` (offset -> noun).
"""
from __future__ import annotations

import re
from typing import Mapping, Optional

from ...knowledge.lexicon import Lexicon
from ...knowledge.lexicon import compiled as _re
from .numbers import Found, is_age, key_of, times
from .rules import Rules

# "Name, 66," is how news gives a person's age.
AGE_APPOSITION = re.compile(r"[A-Z][a-z]+,\s*$")


def read_unit(text: str, item: Found, lex: Lexicon, rules: Rules, nouns: Optional[Mapping]) -> None:
    """Percent, currency word or code, measurement unit or counted noun after the number."""
    rest_at = item.end
    m = lex.percent_re.match(text, rest_at)
    if m:
        item.unit = lex.units["percent"][key_of(m.group("unit"), lex.units["percent"])]
        item.kind = lex.units["kind"].get(item.unit, "percent")
        item.end, item.explicit_unit = m.end(), True
        return
    if item.unit:  # currency sign before: "$5 billion"
        return
    m = lex.currency_after_re.match(text, rest_at) or (
        _re(r"\s+(?:of\s+)").match(text[rest_at:]) and isinstance(item.value, list)
        and lex.currency_after_re.match(text, rest_at + len(_re(r"\s+of").match(text[rest_at:]).group(0))))
    if m:
        word = m.group("word")
        if word:
            low = _re(r"\s+").sub(" ", word.lower())
            code = lex.currency_words.get(low) or lex.currencies["ambiguous_words"].get(low)
            if low in lex.currencies["ambiguous_words"] and not item.scaled and not isinstance(item.value, list):
                code = None  # "200 pounds" is as likely a weight
        else:
            code = lex.currencies["code_alias"].get(m.group("code"), m.group("code"))
        if code:
            if code.endswith("/100"):
                code, item.value = code[:-4], times(item.value, 0.01)
            item.unit, item.kind, item.end, item.explicit_unit = code, "amount", m.end(), True
            return
    m = lex.unit_word_re.match(text, rest_at)
    if m:
        item.unit = lex.unit_words[_re(r"\s+").sub(" ", m.group("unit").lower())]
        item.kind = "count" if item.unit == "count" else "amount"
        item.end, item.explicit_unit = m.end(), True
        return
    m = lex.unit_symbol_re.match(text, rest_at)
    if m and (len(m.group("unit")) > 1 or not m.group("space")):
        unit = lex.units["symbols"][m.group("unit")]
        if unit.endswith("/100"):  # "340p": pence, in pounds as the contract wants money in base units
            if item.value in rules.video_lines or m.group("space"):
                return  # "1080p" is a screen resolution
            unit, item.value = unit[:-4], times(item.value, 0.01)
        item.unit = unit
        item.kind = "count" if unit == "count" else "amount"
        item.end, item.explicit_unit = m.end(), True
        return
    if AGE_APPOSITION.search(text[:item.start]) and _re(r"\s*,").match(text[rest_at:]) and is_age(item.value):
        item.unit, item.kind = "year of age", "amount"  # "Maddon, 66, has ...": an age
        return
    if nouns:
        of = _re(r"\s+of\s+").match(text[rest_at:]) if isinstance(item.value, list) else None
        got = nouns.get(rest_at + (of.end() if of else 0))
        if got:
            unit, _end, plural, proper = got
            item.unit, item.kind = unit, "count"
            if plural:
                item.flags.add("plural_noun")
            if proper:
                item.flags.add("proper_after")
