"""Number values: digits, number words, fractions and scales, and the figure record they fill.

Pure functions over text and plain data (the lexicon, the rules), tested without spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Union

from ...knowledge.lexicon import Lexicon
from ...knowledge.lexicon import compiled as _re
from .rules import Rules

Value = Union[float, list]


@dataclass
class Found:
    """A figure in a sentence; offsets are relative to the text given to :func:`find_quantities`."""

    start: int
    end: int
    value: Value
    unit: Optional[str] = None
    kind: str = "count"
    change: str = "="
    size: Optional[float] = None
    explicit_unit: bool = False      # the unit is written (sign, word, symbol), not a counted noun
    scaled: bool = False
    num_start: int = 0
    num_end: int = 0
    flags: set = field(default_factory=set)


def number_value(m: re.Match, lex: Lexicon, rules: Rules) -> Optional[Value]:
    """The value of a number match: digits, words, fractions or a vague plural (a range)."""
    text = m.group(0)
    if m.group("digits"):
        return digits_value(text, rules.vulgar)
    low = _re(r"\s+").sub(" ", text.lower())
    if m.group("vague"):
        return [float(v) for v in lex.numbers["vague"][low]]
    if m.group("fraction"):
        return float(lex.numbers["fractions"][low])
    if m.group("special"):
        return float(lex.numbers["units"][low])
    return words_value(low, lex)


def digits_value(text: str, vulgar: dict) -> Optional[float]:
    """'1,200.5' -> 1200.5; '2.998×10−8' -> 2.998e-08; '1/2' -> 0.5 (a fraction)."""
    text = text.replace(",", "").replace("⁄", "/")
    if text[-1:] in vulgar:  # "3½" -> 3.5
        return float(text[:-1] or 0) + vulgar[text[-1]]
    power = _re(r"\s?[×x]\s?10\^?([−-]?\d+)$").search(text)
    if power:
        return float(text[:power.start()]) * 10 ** int(power.group(1).replace("−", "-"))
    if "/" in text:
        top, bottom = (int(part) for part in text.split("/"))
        return top / bottom if 0 < top < bottom else None
    return float(text)


def words_value(low: str, lex: Lexicon) -> Optional[float]:
    """'twenty-five thousand' -> 25000; 'two hundred and six' -> 206."""
    total, current = 0.0, 0.0
    for word in _re(r"[\s-]+").split(low):
        if word == "and":
            continue
        if word == "dozen" and current:  # "two dozen"
            current *= 12
        elif word in lex.word_values:
            current += lex.word_values[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in lex.scale_values:
            total += (current or 1) * lex.scale_values[word]
            current = 0.0
        else:
            return None
    return total + current


def times(value: Value, factor: float) -> Value:
    """``value`` times ``factor`` without binary noise (4.1 x 1e6 is 4100000.0, not 4099999.999...)."""
    def one(v: float) -> float:
        return float(Decimal(repr(v)) * Decimal(repr(factor)))
    return [one(v) for v in value] if isinstance(value, list) else one(value)


def scale_factor(item: Found, lex: Lexicon) -> float:
    """The scale applied to a scaled number (its value over the written digits)."""
    for factor in sorted(set(lex.scales["words"].values()) | set(lex.scales["abbreviations"].values()), reverse=True):
        if abs(item.value) >= factor:
            return float(factor)
    return 1.0


def key_of(surface: str, table: dict) -> str:
    low = _re(r"\s+").sub(" ", surface.lower())
    return low if low in table else surface


def is_age(value) -> bool:
    return isinstance(value, float) and value.is_integer() and 1 <= value <= 120
