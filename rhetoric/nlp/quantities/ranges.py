"""Between figures and around them: ranges, shared units, bounds, movements and their sizes.

Pure functions over the sentence text and the figures found in it.
"""
from __future__ import annotations

from ...knowledge.lexicon import Lexicon, phrase_key
from ...knowledge.lexicon import compiled as _re
from .numbers import Found, key_of, scale_factor
from .rules import Rules

# A bare number at most this many characters from a figure with a unit shares it (ellipsis).
SHARE_GAP = 40
# How far back (characters) the approximator/change cues of a number are looked for.
CUE_WINDOW = 40


def merge_ranges(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """'5-10%', 'between 5 and 10 percent', 'from $36,040 to $34,935' -> one figure [lo, hi]."""
    out: list[Found] = []
    for item in found:
        prev = out[-1] if out else None
        if prev and not isinstance(prev.value, list) and not isinstance(item.value, list) and is_range(text, prev, item, lex):
            if prev.value == item.value and _re(r"[-–]").fullmatch(text[prev.end:item.start]):
                out.pop()  # "2-2", "89-89": a score, not a figure
                continue
            if prev.explicit_unit and item.unit and prev.unit != item.unit or prev.value == item.value:
                out.append(item)  # "29 percent to $30.6 billion": two figures
                continue
            first = prev.value
            if item.scaled and not prev.scaled and abs(first) < abs(item.value) / scale_factor(item, lex):
                first = first * scale_factor(item, lex)  # "$89 to $93 billion"
            prev.value = [first, item.value]
            prev.end, prev.num_end = item.end, item.num_end
            prev.unit = prev.unit or item.unit
            prev.kind = item.kind if item.explicit_unit or not prev.explicit_unit else prev.kind
            prev.explicit_unit = prev.explicit_unit or item.explicit_unit
            continue
        out.append(item)
    return out


def share_units(text: str, found: list[Found]) -> None:
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


def is_range(text: str, a: Found, b: Found, lex: Lexicon) -> bool:
    between = text[a.end:b.start]
    before = text[max(0, a.start - 20):a.start].lower()
    if _re(r"\s*[-–—]\s*").fullmatch(between):
        return not (a.explicit_unit and not b.explicit_unit)
    if _re(r"\s+and\s+").fullmatch(between):
        return bool(_re(r"\bbetween\s+(?:\w+\s+)?$").search(before))
    if _re(r"\s+to\s+").fullmatch(between):
        if not a.explicit_unit and b.explicit_unit:
            return True  # "1 to 1.5 degrees"
        return (a.unit == b.unit or not a.unit) and not change_before(text, a, lex)
    if _re(r"\s+or\s+").fullmatch(between):
        return not a.explicit_unit and b.explicit_unit and a.value < b.value  # "three or four years"
    return False


def change_before(text: str, item: Found, lex: Lexicon) -> bool:
    """A movement word right before the figure ('increased by $43.6 billion to ...')."""
    return bool(lex.change_before_re.search(text[max(0, item.start - CUE_WINDOW):item.start]))


def read_cues(text: str, item: Found, lex: Lexicon, rules: Rules) -> None:
    """Approximators and bounds ('about', 'more than', '+'), then movements ('rose', 'a 29% drop')."""
    before = text[max(0, item.start - CUE_WINDOW):item.start]
    after = text[item.end:item.end + CUE_WINDOW]
    m = lex.bounds_before_re.search(before)
    if m:
        item.change = lex.cues["bounds_before"][key_of(m.group("cue"), lex.cues["bounds_before"])]
        before = before[:m.start()]
    else:
        m = rules.bounds_after.match(after)
        if m:
            item.change = lex.cues["bounds_after"][phrase_key(m.group("cue"))]
            return
    if item.change != "=" or isinstance(item.value, list):
        return
    if item.kind == "percent" and item.flags & {"signed_up", "signed_down"}:
        item.change = "up" if "signed_up" in item.flags else "down"  # "DAX -1.6%"
        return
    m = lex.change_before_re.search(before)
    if m and not _re(r"\bto\s*$").search(before):
        item.change = lex.cues["change_before"][key_of(m.group("cue"), lex.cues["change_before"])]
        return
    if item.kind == "percent":
        m = lex.change_after_re.match(after)
        if m:
            item.change = lex.cues["change_after"][phrase_key(m.group("cue"))]


def share_changes(text: str, found: list[Found]) -> None:
    """'climbed 0.4% month-on-month and 3.2% year-on-year': the second percent shares the movement."""
    for prev, item in zip(found, found[1:]):
        between = text[prev.end:item.start]
        if (item.change == "=" and prev.change in ("up", "down") and item.kind == prev.kind == "percent"
                and len(between) <= SHARE_GAP and _re(r"\band\b|,").search(between)
                and not _re(r"\b(?:to|from|at|of)\b").search(between)):
            item.change = prev.change


def link_sizes(text: str, found: list[Found], lex: Lexicon) -> None:
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
