"""Find the figures in one sentence: value, unit, kind, change (approximation, bound or movement).

Works on the sentence text with regexes built from the lexicon, so it is fast and testable
without spaCy; the component passes ``noun_after`` (a spaCy lookup) to name counted nouns
("13000 workers" -> unit "worker"). What a figure means (period, concept, modality, speaker)
is added afterwards by :mod:`rhetoric.nlp.quantities.context`.

Not quantities: dates ("3 September", "Aug. 14"), bare years, footnote markers ("[4]"),
clock times ("11 a.m.", "17:22"), list numbers ("2. The plan"), numbers inside names
("Game 2", "Galaxy S23", "COVID-19") and URLs; ordinals only count as ranks ("tenth-top").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Optional, Union

from ...knowledge.lexicon import Lexicon, load_lexicon
from ...knowledge.lexicon import compiled as _re

# Abbreviated scales that also abbreviate units ("5m" five metres, "2B" a paper size):
# only read as scales after a currency ("$5m"). Other abbreviations (bn, mln, k) always are.
CURRENCY_ONLY_SCALES = {"m", "M", "b", "B", "T"}
# Currency codes that may be glued to the number ("USD10m", "RM23.50").
CURRENCY_CODES_ATTACHABLE = set(load_lexicon().currencies["codes"]) | {"RM", "Rs"}
# A bare number at most this many characters from a figure with a unit shares it (ellipsis).
SHARE_GAP = 40
# How far back (characters) the approximator/change cues of a number are looked for.
CUE_WINDOW = 40
# Clock and time-zone words after a number: "11 a.m.", "5pm", "17:22 GMT".
CLOCK_AFTER = re.compile(r"^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|GMT\b|BST\b|UTC\b|CET\b|EST\b|EDT\b|PST\b|ET\b|o'clock\b|h\d\d)")
# "Name, 66," is how news gives a person's age.
AGE_APPOSITION = re.compile(r"[A-Z][a-z]+,\s*$")
# Unicode fraction characters.
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
# Screen resolutions written like pence: "720p", "1080p".
VIDEO_LINES = {240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0}
# Words after "5m" that make it five metres, not five million.
METRE_WORDS = {"tall", "long", "high", "wide", "deep", "away", "above", "below", "sprint", "race", "dash", "freestyle",
               "hurdles", "from", "in", "to", "and", "or", "at", "by", "on"}
# Words before a figure that make a bare "1.5m" or "2bn" an amount of money ("worth 1.5m").
MONEY_BEFORE = re.compile(r"(?i:\b(?:worth|cost|costs|costing|paid|pay|raised|raising|spent|spend|budget|fined|fine|salary|"
                          r"revenue|revenues|sales|profit|profits|loss|losses|deal|valued|valuation|price|priced)\b)[^.,;]{0,12}$")
URLISH = re.compile(r"https?:|www\.|\.html?\b|\.pdf\b|\.php\b|//|@|\.(?:com|org|net|ru|eu|gov|edu)\b")
ONE_NOT_NUMBER_BEFORE = re.compile(r"(?i:\b(?:each|the|no|this|that|any|every|which|someone|anyone|last|only|little|big|new|old|right|wrong|same))\s+$")
ONE_NOT_NUMBER_AFTER = re.compile(r"^\s+(?:another|day|way|or\s+(?:another|two|more)\b|thing|another's)")
ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")

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


def _number_value(m: re.Match, lex: Lexicon) -> Optional[Value]:
    """The value of a number match: digits, words, fractions or a vague plural (a range)."""
    text = m.group(0)
    if m.group("digits"):
        return _digits_value(text)
    low = _re(r"\s+").sub(" ", text.lower())
    if m.group("vague"):
        return [float(v) for v in lex.numbers["vague"][low]]
    if m.group("fraction"):
        return float(lex.numbers["fractions"][low])
    if m.group("special"):
        return float(lex.numbers["units"][low])
    return _words_value(low, lex)


def _digits_value(text: str) -> Optional[float]:
    """'1,200.5' -> 1200.5; '2.998×10−8' -> 2.998e-08; '1/2' -> 0.5 (a fraction)."""
    text = text.replace(",", "").replace("⁄", "/")
    if text[-1:] in VULGAR:  # "3½" -> 3.5
        return float(text[:-1] or 0) + VULGAR[text[-1]]
    power = _re(r"\s?[×x]\s?10\^?([−-]?\d+)$").search(text)
    if power:
        return float(text[:power.start()]) * 10 ** int(power.group(1).replace("−", "-"))
    if "/" in text:
        top, bottom = (int(part) for part in text.split("/"))
        return top / bottom if 0 < top < bottom else None
    return float(text)


def _words_value(low: str, lex: Lexicon) -> Optional[float]:
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


def _scale(value: Value, factor: float) -> Value:
    """``value`` times ``factor`` without binary noise (4.1 x 1e6 is 4100000.0, not 4099999.999...)."""
    def times(v: float) -> float:
        return float(Decimal(repr(v)) * Decimal(repr(factor)))
    return [times(v) for v in value] if isinstance(value, list) else times(value)


def find_quantities(text: str, noun_after: Optional[Callable[[int, float], Optional[tuple]]] = None,
                    lex: Optional[Lexicon] = None) -> list[Found]:
    """Every figure in ``text`` (one sentence), in order, ranges merged and cues read.

    ``noun_after(pos, value)`` may return ``(unit, end, plural, proper)`` for the counted noun
    starting at character ``pos`` (or None); without it, figures with no written unit get unit None.
    """
    lex = lex or load_lexicon()
    ranks = _find_ranks(text, lex)
    taken = [(r.start, r.end) for r in ranks]
    found: list[Found] = []
    excluded_end = -10
    for m in lex.numbers_in(text):
        if any(s <= m.start() < e for s, e in taken) or (found and m.start() < found[-1].end):
            continue  # inside a rank or already read as part of the figure before ("5 dozen")
        item = _read_number(text, m, lex, noun_after)
        # "1995-96", "2014–15": the second half of an excluded number goes with it.
        joined = m.start() - excluded_end in (1, 2) and text[excluded_end:m.start()].strip() in ("-", "–", "/")
        if item is None or joined:
            excluded_end = m.end()
            continue
        found.append(item)
    found = _merge_ranges(text, found, lex)
    _share_units(text, found)
    for item in found:
        _read_cues(text, item, lex)
    _share_changes(text, found)
    _link_sizes(text, found, lex)
    return sorted(found + ranks, key=lambda f: f.start)


def _read_number(text: str, m: re.Match, lex: Lexicon, noun_after) -> Optional[Found]:
    """One number with its currency, scale and unit, or None when it is not a quantity."""
    start, end = m.start(), m.end()
    value = _number_value(m, lex)
    if value is None or _not_a_quantity(text, m, lex):
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
            factor = lex.scale_values[word.lower()]
        elif abbr in CURRENCY_ONLY_SCALES and not currency and not _scale_letter_counts(abbr, text[scale.end():]) \
                and not MONEY_BEFORE.search(text[max(0, start - 25):start]):
            factor = None
        else:
            factor = lex.scales["abbreviations"][abbr]
        if not factor:
            break
        item.value, item.end, item.scaled = _scale(item.value, factor), scale.end(), True
        end = scale.end()
    if m.group("words") and m.group(0).lower().endswith(tuple(lex.scales["words"])):
        item.scaled = True
    if currency:
        item.unit, item.kind, item.explicit_unit = currency, "amount", True
    _read_unit(text, item, lex, noun_after)
    if (m.group("words") or m.group("special")) and text[m.end():m.end() + 1] == "-" and item.end == m.end():
        return None  # "one-time", "two-way": a compound word, not a count
    if m.group("fraction") and (not (_re(r"\s+of\b").match(text[item.end:]) or _re(r"(?i:\bby|\bthan)\s+(?:(?i:nearly|almost|about|around|roughly|more than|less than|over|just over|just under)\s+)?$").search(text[:start]))
                                or _re(r"(?i:first|second|1st|2nd|last|final|other)[\s-]+$").search(text[:start])):
        return None  # "half of them" is a share; "the first half of 2015" a period
    if m.group("words") and m.group(0).lower() == "one" and not item.explicit_unit:
        if ONE_NOT_NUMBER_BEFORE.search(text[:start]) or ONE_NOT_NUMBER_AFTER.match(text[end:]):
            return None
    if item.end < len(text) and (text[item.end].isalnum()):
        return None  # "3D", "4x4": letters glued to the figure that are no unit
    if "proper_after" in item.flags and m.group("digits") and not item.scaled and "," not in m.group(0):
        return None  # "787 Dreamliner", "49 Zorro Ranch Road": a name, not a count
    if _bare_year(item, m, text) or (_name_before(text, start) and not item.explicit_unit and not item.scaled):
        return None
    return item


def _scale_letter_counts(abbr: str, after: str) -> bool:
    """'4.3M sales', '35m devices': a capital M always scales; a small m only before a counted word."""
    if abbr == "M":
        return True
    m = _re(r"\s([a-z]+)").match(after)
    return abbr == "m" and bool(m) and m.group(1) not in METRE_WORDS


def _not_a_quantity(text: str, m: re.Match, lex: Lexicon) -> bool:
    """Footnotes, clock times, dates, list numbers, ordinals, model names, URLs."""
    start, end = m.start(), m.end()
    before, after = text[:start], text[end:]
    if m.group("digits"):
        attached_code = _re(r"(?<![A-Za-z])(?:[A-Z]{3}|RM|Rs|S\$)$").search(before)
        if attached_code and attached_code.group(0) in CURRENCY_CODES_ATTACHABLE or lex.prefix_re.search(before[-6:]):
            pass  # "USD10m", "RM23.50", "$US113 trillion"
        elif before[-1:].isalpha() or before[-1:] in ("©", "#", "_") or (
                _re(r"[A-Za-z][-/]$").search(before) and not _re(r"(?i:\bsub|\bminus)-$").search(before)):
            return True  # "S23", "F-150", "COVID-19", "©2015", "#5"
        if before.endswith("[") and after.startswith("]"):
            return True  # footnote marker "[4]"
        if _re(r"^(?:st|nd|rd|th)\b").match(after):
            return True  # ordinal: "22nd amendment" (ranks are found separately)
        if _re(r"^:\d").match(after) or _re(r"\d:$").search(before) or CLOCK_AFTER.match(after):
            return True  # "17:22", "1:36.6", "11 a.m."
        if not before.strip() and _re(r"^[.)](?:\s|$)").match(after) and _below(m.group(0), 100):
            return True  # list number at the start of a sentence: "2. The plan", "3) ..."
        if before.endswith("(") and after.startswith(")"):
            return True  # "Dak Prescott (4)", "(2)": a label, not a figure
        chunk_start = max(before.rfind(" "), before.rfind("\n")) + 1
        chunk_end = len(text) if " " not in after else end + after.index(" ")
        if URLISH.search(text[chunk_start:chunk_end]):
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


def _below(raw: str, limit: float) -> bool:
    """``raw`` is a plain number under ``limit`` ('60/288', a document symbol, is no number)."""
    try:
        return float(raw.replace(",", "")) < limit
    except ValueError:
        return False


def _bare_year(item: Found, m: re.Match, text: str) -> bool:
    """A four-digit year with nothing making it an amount ('in 2014', '2014 trade turnover')."""
    if not m.group("digits") or item.explicit_unit or item.scaled:
        return False
    raw = m.group(0)
    if not _re(r"\d{4}").fullmatch(raw):
        return False
    lex = load_lexicon()
    low, high = lex.periods["years"]
    if not low <= int(raw) <= high:
        return False
    rest = text[item.end:]
    nxt = _re(r"\s*(?:-|–|to)\s*(\d[\d,]*)").match(rest)
    if nxt and not (low <= int(nxt.group(1).replace(",", "")) <= high) and int(nxt.group(1).replace(",", "")) > int(raw):
        return False  # "2000 - 2500 calories"
    before = text[:m.start()]
    if "plural_noun" in item.flags and not _re(r"(?i:\b(?:in|since|by|of|from|until|during|before|after|for|and)\s+$)|\d\s+$").search(before):
        return False  # "to 2000 hires"
    return True


def _name_before(text: str, start: int) -> bool:
    """The number follows a capitalised word inside the sentence: 'Game 2', 'Fortune 100', 'Windows 10'."""
    before = text[:start]
    m = _re(r"([A-Za-z&.'’]+)\s+$").search(before)
    if not m:
        return False
    word = m.group(1)
    head = before[:m.start()]
    if (not head.strip() or head.rstrip().endswith((".", "“", '"', "("))) and _re(r"[A-Z][a-z]+").fullmatch(word):
        return False  # sentence-initial capital ("About 5 people")
    if word.upper() in load_lexicon().currencies["codes"] or word.lower() in ("no", "no.", "us", "u.s."):
        return False
    if word in ("I", "A"):
        return False
    return any(ch.isupper() for ch in word)  # "Game 2", "iPhone 11", "S P 500", "UAW 3"


def _read_unit(text: str, item: Found, lex: Lexicon, noun_after) -> None:
    """Percent, currency word or code, measurement unit or counted noun after the number."""
    rest_at = item.end
    m = lex.percent_re.match(text, rest_at)
    if m:
        item.unit = lex.units["percent"][_key(m.group("unit"), lex.units["percent"])]
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
                code, item.value = code[:-4], _scale(item.value, 0.01)
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
            if item.value in VIDEO_LINES or m.group("space"):
                return  # "1080p" is a screen resolution
            unit, item.value = unit[:-4], _scale(item.value, 0.01)
        item.unit = unit
        item.kind = "count" if unit == "count" else "amount"
        item.end, item.explicit_unit = m.end(), True
        return
    if AGE_APPOSITION.search(text[:item.start]) and _re(r"\s*,").match(text[rest_at:]) and _is_age(item.value):
        item.unit, item.kind = "year of age", "amount"  # "Maddon, 66, has ...": an age
        return
    if noun_after:
        of = _re(r"\s+of\s+").match(text[rest_at:]) if isinstance(item.value, list) else None
        got = noun_after(rest_at + (of.end() if of else 0), item.value)
        if got:
            unit, _end, plural, proper = got
            item.unit, item.kind = unit, "count"
            if plural:
                item.flags.add("plural_noun")
            if proper:
                item.flags.add("proper_after")


def _is_age(value) -> bool:
    return isinstance(value, float) and value.is_integer() and 1 <= value <= 120


def _key(surface: str, table: dict) -> str:
    low = _re(r"\s+").sub(" ", surface.lower())
    return low if low in table else surface


def _merge_ranges(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """'5-10%', 'between 5 and 10 percent', 'from $36,040 to $34,935' -> one figure [lo, hi]."""
    out: list[Found] = []
    for item in found:
        prev = out[-1] if out else None
        if prev and not isinstance(prev.value, list) and not isinstance(item.value, list) and _is_range(text, prev, item):
            if prev.value == item.value and _re(r"[-–]").fullmatch(text[prev.end:item.start]):
                out.pop()  # "2-2", "89-89": a score, not a figure
                continue
            if prev.explicit_unit and item.unit and prev.unit != item.unit or prev.value == item.value:
                out.append(item)  # "29 percent to $30.6 billion": two figures
                continue
            first = prev.value
            if item.scaled and not prev.scaled and abs(first) < abs(item.value) / _scale_factor(item):
                first = first * _scale_factor(item)  # "$89 to $93 billion"
            prev.value = [first, item.value]
            prev.end, prev.num_end = item.end, item.num_end
            prev.unit = prev.unit or item.unit
            prev.kind = item.kind if item.explicit_unit or not prev.explicit_unit else prev.kind
            prev.explicit_unit = prev.explicit_unit or item.explicit_unit
            continue
        out.append(item)
    return out


def _share_units(text: str, found: list[Found]) -> None:
    """A bare number next to a figure with a unit takes it: 'to 3.9 million headsets, up from 2.4 million'.

    Only across short, clause-internal gaps (no sentence-level punctuation), and never for
    percents, whose bare neighbours are usually something else.
    """
    for i, item in enumerate(found):
        if item.unit is not None:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(found):
                continue
            other = found[j]
            gap = text[min(item.end, other.end):max(item.start, other.start)]
            if other.unit and other.kind != "percent" and other.kind != "rank" and len(gap) <= SHARE_GAP \
                    and not _re(r"[;:()]").search(gap):
                item.unit, item.kind = other.unit, other.kind
                break


def _scale_factor(item: Found) -> float:
    """The scale applied to a scaled number (its value over the written digits)."""
    lex = load_lexicon()
    for factor in sorted(set(lex.scales["words"].values()) | set(lex.scales["abbreviations"].values()), reverse=True):
        if abs(item.value) >= factor:
            return float(factor)
    return 1.0


def _is_range(text: str, a: Found, b: Found) -> bool:
    between = text[a.end:b.start]
    before = text[max(0, a.start - 20):a.start].lower()
    if _re(r"\s*[-–—]\s*").fullmatch(between):
        return not (a.explicit_unit and not b.explicit_unit)
    if _re(r"\s+and\s+").fullmatch(between):
        return bool(_re(r"\bbetween\s+(?:\w+\s+)?$").search(before))
    if _re(r"\s+to\s+").fullmatch(between):
        if not a.explicit_unit and b.explicit_unit:
            return True  # "1 to 1.5 degrees"
        return (a.unit == b.unit or not a.unit) and not _change_before(text, a)
    if _re(r"\s+or\s+").fullmatch(between):
        return not a.explicit_unit and b.explicit_unit and a.value < b.value  # "three or four years"
    return False


def _change_before(text: str, item: Found) -> bool:
    """A movement word right before the figure ('increased by $43.6 billion to ...')."""
    lex = load_lexicon()
    return bool(lex.change_before_re.search(text[max(0, item.start - CUE_WINDOW):item.start]))


def _read_cues(text: str, item: Found, lex: Lexicon) -> None:
    """Approximators and bounds ('about', 'more than', '+'), then movements ('rose', 'a 29% drop')."""
    before = text[max(0, item.start - CUE_WINDOW):item.start]
    after = text[item.end:item.end + CUE_WINDOW]
    m = lex.bounds_before_re.search(before)
    if m:
        item.change = lex.cues["bounds_before"][_key(m.group("cue"), lex.cues["bounds_before"])]
        before = before[:m.start()]
    else:
        m = _re(r"^\s?(?P<cue>or more|and more|or so|or less|or fewer|and up|\+|-odd|odd)(?![\w])", re.IGNORECASE).match(after)
        if m:
            item.change = lex.cues["bounds_after"][m.group("cue").lower()]
            return
    if item.change != "=" or isinstance(item.value, list):
        return
    if item.kind == "percent" and item.flags & {"signed_up", "signed_down"}:
        item.change = "up" if "signed_up" in item.flags else "down"  # "DAX -1.6%"
        return
    m = lex.change_before_re.search(before)
    if m and not _re(r"\bto\s*$").search(before):
        item.change = lex.cues["change_before"][_key(m.group("cue"), lex.cues["change_before"])]
        return
    if item.kind == "percent":
        m = lex.change_after_re.match(after)
        if m:
            item.change = lex.cues["change_after"][m.group("cue").lower()]


def _share_changes(text: str, found: list[Found]) -> None:
    """'climbed 0.4% month-on-month and 3.2% year-on-year': the second percent shares the movement."""
    for prev, item in zip(found, found[1:]):
        between = text[prev.end:item.start]
        if (item.change == "=" and prev.change in ("up", "down") and item.kind == prev.kind == "percent"
                and len(between) <= SHARE_GAP and _re(r"\band\b|,").search(between)
                and not _re(r"\b(?:to|from|at|of)\b").search(between)):
            item.change = prev.change


def _link_sizes(text: str, found: list[Found], lex: Lexicon) -> None:
    """Give each movement its signed size, and pass it to the level it leads to.

    'decreased 29 percent to $30.6 billion': the 29 percent gets size -29.0 and the
    $30.6 billion, reached by that fall, gets size -29.0 too; 'doubled to 256GB' gives
    the 256GB size +100.0, 'halved to ...' -50.0. Size is in percent of the earlier level.
    """
    for i, item in enumerate(found):
        if item.change in ("up", "down") and item.kind == "percent" and not isinstance(item.value, list):
            item.size = item.value if item.change == "up" else -item.value
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt and _re(r"[\s,]*(?:in [^,.;]{0,40}?\s)?to\s+(?:\w+\s+)?").fullmatch(text[item.end:nxt.start]):
                nxt.size = item.size
        window = text[max(0, item.start - CUE_WINDOW):item.start]
        # the end-anchored search scans the whole window: run it only where it can match
        m = _re(r"((?:\w+\s+){1,3})to\s+$").search(window) if window.rstrip().endswith("to") else None
        verbs = [w for w in (m.group(1).lower().split() if m else []) if w in lex.cues["change_double"]]
        if verbs and item.size is None:  # "doubled to 400 megawatts", "halved its stake to 5%"
            item.size = (lex.cues["change_double"][verbs[-1]] - 1.0) * 100.0


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
