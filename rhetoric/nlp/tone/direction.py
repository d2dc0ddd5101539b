"""Words that turn what they act on: direction x valence beyond a single change word.

Three lists of ``changes.json``, all read through the parse (the word's object, passive
subject, subject when it has no object, or a prepositional complement):

* **stoppers** end, reverse or counter what they act on. On a change they give minus its
  direction times its valence ("slow a surge in trade" -: a good thing grows less; "halt
  the decline in exports" +); on a quantity minus its valence ("curb inflation" +); on a
  polar term minus its polarity ("overcome obstacles" +, "end the partnership" -).
* **steadiers** say a quantity stops moving. After a change ("stabilised after a sharp
  rise") they give minus that change's direction times valence: a bad rise that stops is
  good news; with no change in sight, mild good news.
* **harms** damage what they act on: a positive term under them counts as negative
  ("threaten peace", "an obstacle to growth").

The word acted on is reported as a ``flip`` cue (its polarity was turned by the other word)
and does not count again on its own.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from .lexicon import Lexicons, Match, Tok

# Prepositions whose complement is what a turning word acts on ("an end to the war",
# "the fight against poverty", "stabilised after a rise").
TARGET_PREPS = ("in", "of", "to", "against", "over", "on", "after", "following", "for")
STEADY_VALUE = 0.5  # a quantity that stops moving, with no change in sight: mild good news


@dataclass
class Turn:
    """A turning word at tokens ``[start, end)``, what it acts on, and the resulting value."""

    start: int
    end: int
    value: float
    target: Optional[tuple[int, int]]  # tokens of the word acted on, if any
    flipped: bool  # the target is a change or a polar term whose sign this word turns


def _roots(i: int, end: int, toks: Sequence[Tok], kids) -> list[int]:
    """Phrases a turning word at ``i`` may act on, best first: object, passive subject,
    prepositional complement, subject, and a modifier or compound of a nominal form
    ("poverty reduction")."""
    by_dep: dict[str, list[int]] = {}
    for j in range(i, end):
        for k in kids[j]:
            if not i <= k < end:
                by_dep.setdefault(toks[k].dep, []).append(k)
    roots = by_dep.get("dobj", []) + by_dep.get("nsubjpass", [])
    for k in by_dep.get("prep", []) + by_dep.get("agent", []):
        if toks[k].lower in TARGET_PREPS:
            roots += [c for c in kids[k] if toks[c].dep == "pobj"]
    if toks[end - 1].lower in TARGET_PREPS:  # the entry ends with its preposition ("threat to")
        roots += [c for c in kids[end - 1] if toks[c].dep == "pobj"]
    if not by_dep.get("dobj"):
        roots += by_dep.get("nsubj", [])
    roots += by_dep.get("compound", []) + by_dep.get("poss", [])
    return roots


def _subtree(root: int, kids) -> list[int]:
    """Tokens under ``root``, nearest first."""
    out, frontier = [], [root]
    while frontier:
        out.extend(sorted(frontier))
        frontier = [k for i in frontier for k in kids[i]]
    return out


def _acted_on(m: Match, toks: Sequence[Tok], kids, spots: dict[int, tuple]) -> Optional[tuple]:
    """The nearest change, polar term or quantity word the turning word acts on."""
    for root in _roots(m.start, m.end, toks, kids):
        for j in _subtree(root, kids):
            if j in spots and not m.start <= j < m.end:
                return spots[j]
    return None


def turns(toks: Sequence[Tok], lex: Lexicons, matches: dict, kids, changes: list[Match],
          resolved: dict, change_weight: float, unresolved: float) -> list[Turn]:
    """Every turning word that acts on something, with its value (see the module doc).

    ``changes`` are the sentence's change matches and ``resolved`` their valences (as in
    :func:`rhetoric.nlp.tone.polarity.polar_cues`)."""
    spots: dict[int, tuple] = {}
    for m in matches["valence"]:
        spots.setdefault(m.start, ("valence", m.start, m.end, m.entry.weight))
    for m in matches["framing"]:
        spots[m.start] = ("polar", m.start, m.end, m.entry.weight)
    for m in changes:
        found = resolved.get(m.start)
        spots[m.start] = ("change", m.start, m.end, m.entry.weight, found[0] if found else None)
    out: list[Turn] = []
    taken: set[int] = set()
    for kind in ("stoppers", "steadiers", "harms"):
        for m in matches[kind]:
            if taken.intersection(range(m.start, m.end)):
                continue
            spot = _acted_on(m, toks, kids, spots)
            value = _value(kind, spot, change_weight, unresolved, matches, m)
            if value is None:
                continue
            target = (spot[1], spot[2]) if spot else None
            out.append(Turn(m.start, m.end, value, target, bool(spot) and spot[0] != "valence"))
            taken.update(range(m.start, m.end))
            if target:
                taken.update(range(*target))
    return out


def _own_weight(m: Match, matches: dict) -> float:
    """The framing weight of the turning word itself ("undermine" -1), else 0."""
    return next((f.entry.weight for f in matches["framing"] if f.start == m.start), 0.0)


def _value(kind: str, spot: Optional[tuple], change_weight: float, unresolved: float,
           matches: dict, m: Match) -> Optional[float]:
    if kind == "harms":
        if spot is None or spot[0] != "polar" or spot[3] <= 0:
            return None
        return -max(abs(spot[3]), abs(_own_weight(m, matches)) or 1.0)
    if spot is None:
        return STEADY_VALUE if kind == "steadiers" else None
    if spot[0] == "change":
        direction, valence = spot[3], spot[4]
        return -direction * valence * change_weight if valence is not None else -direction * unresolved
    if kind == "steadiers":
        return STEADY_VALUE
    if spot[0] == "valence":
        return -spot[3] * change_weight
    # a polar term: "overcome obstacles"; ending even a mildly bad thing is news in full
    return -math.copysign(max(abs(spot[3]), 1.0), spot[3])
