"""Numbers that are not quantities: dates, years, clock times, footnotes, list numbers, names, URLs.

Pure functions over the sentence text and the match of one number.
"""
from __future__ import annotations

import functools
import re

from ...knowledge.lexicon import Lexicon
from ...knowledge.lexicon import compiled as _re
from .numbers import Found
from .rules import Rules


@functools.lru_cache(maxsize=4)
def attachable_codes(lex: Lexicon, rules: Rules) -> frozenset:
    """Currency codes that may be glued to the number ("USD10m", "RM23.50")."""
    return frozenset(lex.currencies["codes"]) | rules.attachable_codes


def scale_letter_counts(abbr: str, after: str, rules: Rules) -> bool:
    """'4.3M sales', '35m devices': a capital M always scales; a small m only before a counted word."""
    if abbr == "M":
        return True
    m = _re(r"\s([a-z]+)").match(after)
    return abbr == "m" and bool(m) and m.group(1) not in rules.metre_words


def not_a_quantity(text: str, m: re.Match, lex: Lexicon, rules: Rules) -> bool:
    """Footnotes, clock times, dates, list numbers, ordinals, model names, URLs."""
    start, end = m.start(), m.end()
    before, after = text[:start], text[end:]
    if m.group("digits"):
        attached_code = _re(r"(?<![A-Za-z])(?:[A-Z]{3}|RM|Rs|S\$)$").search(before)
        if attached_code and attached_code.group(0) in attachable_codes(lex, rules) or lex.prefix_re.search(before[-6:]):
            pass  # "USD10m", "RM23.50", "$US113 trillion"
        elif before[-1:].isalpha() or before[-1:] in ("©", "#", "_") or (
                _re(r"[A-Za-z][-/]$").search(before) and not _re(r"(?i:\bsub|\bminus)-$").search(before)):
            return True  # "S23", "F-150", "COVID-19", "©2015", "#5"
        if before.endswith("[") and after.startswith("]"):
            return True  # footnote marker "[4]"
        if _re(r"^(?:st|nd|rd|th)\b").match(after):
            return True  # ordinal: "22nd amendment" (ranks are found separately)
        if _re(r"^:\d").match(after) or _re(r"\d:$").search(before) or rules.clock_after.match(after):
            return True  # "17:22", "1:36.6", "11 a.m."
        if not before.strip() and _re(r"^[.)](?:\s|$)").match(after) and _below(m.group(0), 100):
            return True  # list number at the start of a sentence: "2. The plan", "3) ..."
        if before.endswith("(") and after.startswith(")"):
            return True  # "Dak Prescott (4)", "(2)": a label, not a figure
        chunk_start = max(before.rfind(" "), before.rfind("\n")) + 1
        chunk_end = len(text) if " " not in after else end + after.index(" ")
        if rules.urlish.search(text[chunk_start:chunk_end]):
            return True
    month_before = _re(r"([A-Z][a-z]{2,8})\.?\s+$").search(before[-14:])
    if _re(r"(?:\bA\.?D\.?|\baged(?:\s+\d+\s*(?:-|–|to|and))?)\s*$").search(before) or _re(r"^\s*(?:BCE?\b|B\.C\.|AD\b|A\.D\.|CE\b)").match(after):
        return True  # "A.D. 1000", "300 BC": years; "aged 18 to 34": an age band, not a figure
    if m.group("words") and m.group(0)[0].isupper() and before.strip() and not before.rstrip().endswith((".", ":", "“", '"')):
        return True  # "Apple One", "Formula One": a name
    if month_before and month_before.group(1).lower() in lex.months:
        return True  # "September 8", "Aug. 14"
    if _re(r"^\s+(?:of\s+)?[A-Z][a-z]{2,8}\b").match(after) and lex.month_re.match(after.strip().removeprefix("of ").strip()):
        return True  # "3 September", "8 of May"
    return False


def bare_year(item: Found, m: re.Match, text: str, lex: Lexicon, rules: Rules) -> bool:
    """A four-digit year with nothing making it an amount ('in 2014', '2014 trade turnover')."""
    if not m.group("digits") or item.explicit_unit or item.scaled:
        return False
    raw = m.group(0)
    if not _re(r"\d{4}").fullmatch(raw):
        return False
    low, high = lex.periods["years"]
    if not low <= int(raw) <= high:
        return False
    rest = text[item.end:]
    nxt = _re(r"\s*(?:-|–|to)\s*(\d[\d,]*)").match(rest)
    if nxt and not (low <= int(nxt.group(1).replace(",", "")) <= high) and int(nxt.group(1).replace(",", "")) > int(raw):
        return False  # "2000 - 2500 calories"
    before = text[:m.start()]
    if "plural_noun" in item.flags and not rules.year_before.search(before):
        return False  # "to 2000 hires"
    return True


def name_before(text: str, start: int, lex: Lexicon, rules: Rules) -> bool:
    """The number follows a capitalised word inside the sentence: 'Game 2', 'Fortune 100', 'Windows 10'."""
    before = text[:start]
    m = _re(r"([A-Za-z&.'’]+)\s+$").search(before)
    if not m:
        return False
    word = m.group(1)
    head = before[:m.start()]
    if (not head.strip() or head.rstrip().endswith((".", "“", '"', "("))) and _re(r"[A-Z][a-z]+").fullmatch(word):
        return False  # sentence-initial capital ("About 5 people")
    if word.upper() in lex.currencies["codes"] or word.lower() in rules.not_names:
        return False
    if word in rules.letters:
        return False
    return any(ch.isupper() for ch in word)  # "Game 2", "iPhone 11", "S P 500", "UAW 3"


def _below(raw: str, limit: float) -> bool:
    """``raw`` is a plain number under ``limit`` ('60/288', a document symbol, is no number)."""
    try:
        return float(raw.replace(",", "")) < limit
    except ValueError:
        return False
