"""Find the figures in one sentence: value, unit, kind, change (approximation, bound or movement).

Works on the sentence text with regexes built from the lexicon and the rules, so it is
fast and testable without spaCy; the component passes ``nouns``, the counted nouns it read
from the parse beforehand (:mod:`rhetoric.nlp.quantities.syntax`), to name them
("13000 workers" -> unit "worker"). What a figure means (period, concept, modality,
speaker) is added afterwards by :mod:`rhetoric.nlp.quantities.context`.

The reading is split by task: :mod:`.numbers` (values), :mod:`.exclusions` (numbers that are
not quantities), :mod:`.units`, :mod:`.ranges` (ranges, bounds, movements); their word lists
are in ``rules.json`` (:mod:`.rules`) and the shared lexicon (:mod:`rhetoric.knowledge.lexicon`).

Not quantities: dates ("3 September", "Aug. 14"), bare years, footnote markers ("[4]"),
clock times ("11 a.m.", "17:22"), list numbers ("2. The plan"), numbers inside names
("Game 2", "Galaxy S23", "COVID-19") and URLs; ordinals only count as ranks ("tenth-top").
"""
from __future__ import annotations

import re
from typing import Mapping, Optional

from ...knowledge.lexicon import Lexicon, load_lexicon, phrase_key
from ...knowledge.lexicon import compiled as _re
from .exclusions import bare_year, name_before, not_a_quantity, scale_letter_counts
from .numbers import Found, number_value, times
from .ranges import link_sizes, merge_ranges, read_cues, share_changes, share_units
from .rules import Rules, load_rules
from .units import read_unit

__all__ = ["Found", "find_quantities"]


def find_quantities(text: str, nouns: Optional[Mapping[int, Optional[tuple]]] = None,
                    lex: Optional[Lexicon] = None, matches: Optional[list[re.Match]] = None,
                    rules: Optional[Rules] = None) -> list[Found]:
    """Every figure in ``text`` (one sentence), in order, ranges merged and cues read.

    ``nouns`` maps a character offset to ``(unit, end, plural, proper)`` for the counted noun
    starting there (after spaces), or None: :func:`~rhetoric.nlp.quantities.syntax.counted_nouns`
    at :func:`~rhetoric.nlp.quantities.syntax.noun_positions`. Without it, figures with no
    written unit get unit None. ``matches`` is ``lex.numbers_in(text)`` when already computed;
    ``lex`` and ``rules`` default to the shipped lexicon and rules.
    """
    lex = lex or load_lexicon()
    rules = rules or load_rules()
    ranks = _find_ranks(text, lex)
    taken = [(r.start, r.end) for r in ranks]
    found: list[Found] = []
    excluded_end = -10
    for m in lex.numbers_in(text) if matches is None else matches:
        if any(s <= m.start() < e for s, e in taken) or (found and m.start() < found[-1].end):
            continue  # inside a rank or already read as part of the figure before ("5 dozen")
        item = _read_number(text, m, lex, rules, nouns)
        # "1995-96", "2014–15": the second half of an excluded number goes with it.
        joined = m.start() - excluded_end in (1, 2) and text[excluded_end:m.start()].strip() in ("-", "–", "/")
        if item is None or joined:
            excluded_end = m.end()
            continue
        found.append(item)
    found = merge_ranges(text, found, lex)
    share_units(text, found)
    for item in found:
        read_cues(text, item, lex, rules)
    share_changes(text, found)
    link_sizes(text, found, lex)
    return sorted(found + ranks, key=lambda f: f.start)


def _read_number(text: str, m: re.Match, lex: Lexicon, rules: Rules, nouns: Optional[Mapping]) -> Optional[Found]:
    """One number with its currency, scale and unit, or None when it is not a quantity."""
    start, end = m.start(), m.end()
    value = number_value(m, lex, rules)
    if value is None or not_a_quantity(text, m, lex, rules):
        return None
    item = Found(start=start, end=end, value=value, num_start=start, num_end=end)
    sign = _re(r"(?:(?:^|(?<=[\s(\[$€£¥:]))[-−+]|(?i:minus)[\s-])$").search(text[max(0, start - 6):start]) if m.group("digits") else None
    if sign:
        if sign.group(0) != "+":
            item.value = -value
        item.flags.add("signed_up" if sign.group(0) == "+" else "signed_down")
        item.start = start - len(sign.group(0))
        start = item.start
    currency = None
    prefix = lex.prefix_re.search(text[max(0, start - 6):start])
    if prefix:
        raw = prefix.group("code") or prefix.group("sign")
        currency = lex.currencies["code_alias"].get(raw, lex.currencies["prefix"].get(raw, raw))
        item.start = start - len(prefix.group(0))
    while True:  # "4 hundred million", "$1.2bn"
        scale = lex.scale_re.match(text, end)
        if not scale:
            break
        word, abbr = scale.group("word"), scale.group("abbr")
        if word:
            factor = lex.scale_values[phrase_key(word)]
        elif abbr in rules.currency_only_scales and not currency \
                and not scale_letter_counts(abbr, text[scale.end():], rules) \
                and not rules.money_before.search(text[max(0, start - 25):start]):
            factor = None
        else:
            factor = lex.scales["abbreviations"][abbr]
        if not factor:
            break
        item.value, item.end, item.scaled = times(item.value, factor), scale.end(), True
        end = scale.end()
    if m.group("words") and m.group(0).lower().endswith(tuple(lex.scales["words"])):
        item.scaled = True
    if currency:
        item.unit, item.kind, item.explicit_unit = currency, "amount", True
    read_unit(text, item, lex, rules, nouns)
    if (m.group("words") or m.group("special")) and text[m.end():m.end() + 1] == "-" and item.end == m.end():
        return None  # "one-time", "two-way": a compound word, not a count
    if m.group("fraction") and (
            not (_re(r"\s+of\b").match(text[item.end:]) or rules.fraction_share_before.search(text[:start]))
            or rules.fraction_period_before.search(text[:start])):
        return None  # "half of them" is a share; "the first half of 2015" a period
    if m.group("words") and m.group(0).lower() == "one" and not item.explicit_unit:
        if rules.one_not_number_before.search(text[:start]) or rules.one_not_number_after.match(text[end:]):
            return None
    if item.end < len(text) and (text[item.end].isalnum()):
        return None  # "3D", "4x4": letters glued to the figure that are no unit
    if "proper_after" in item.flags and m.group("digits") and not item.scaled and "," not in m.group(0):
        return None  # "787 Dreamliner", "49 Zorro Ranch Road": a name, not a count
    if bare_year(item, m, text, lex, rules) or (name_before(text, start, lex, rules) and not item.explicit_unit and not item.scaled):
        return None
    return item


def _find_ranks(text: str, lex: Lexicon) -> list[Found]:
    """'tenth-top trading partner', 'second-largest', 'No. 1', 'ranked 5th' -> unit rank."""
    out = []
    for m in lex.rank_re.finditer(text):
        raw = m.group("ord") or m.group("no") or m.group("ranked")
        low = raw.lower()
        if low in lex.numbers["ordinals"]:
            value = float(lex.numbers["ordinals"][low])
        elif low == "one":
            value = 1.0
        else:
            value = float(_re(r"\D").sub("", low))
        start = m.start("ord") if m.group("ord") else m.start()
        out.append(Found(start=start, end=m.end(), value=value, unit="rank", kind="rank",
                         explicit_unit=True, num_start=start, num_end=m.end()))
    return out
