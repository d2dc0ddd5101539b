"""The tone lexicons (JSON files next to this module), loaded once, and a phrase matcher over them.

Matching works on :class:`Tok`, a small plain view of a spaCy token, so the rules can be
tested and the classifier trained without building ``Doc`` objects by hand. A phrase
word matches a token when it equals the token's lower-case text or its lemma; ``*``
matches any one token; a trailing ``/NOUN``, ``/VERB`` or ``/ADJ`` on the last word
restricts that token's coarse part of speech.
"""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple, Optional, Sequence

HERE = Path(__file__).resolve().parent
_COARSE = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ"}


class Tok(NamedTuple):
    """What the tone rules read of a token: text, forms, part of speech, parse, offset."""

    text: str
    lower: str
    lemma: str
    pos: str
    dep: str
    head: int  # index of the head within the same token list (itself for the root)
    idx: int  # character offset in the document


def toks_from_span(span) -> list[Tok]:
    """The :class:`Tok` list of a spaCy span (heads outside the span point at the token itself)."""
    start, end = span.start, span.end
    out = []
    for t in span:
        head = t.head.i - start if start <= t.head.i < end else t.i - start
        out.append(Tok(t.text, t.lower_, t.lemma_.lower(), _COARSE.get(t.pos_, t.pos_), t.dep_, head, t.idx))
    return out


@dataclass(frozen=True)
class Entry:
    """One lexicon phrase with its label (e.g. ``hedge``), category and weight."""

    words: tuple
    pos: Optional[str]
    label: str
    category: str
    weight: float = 1.0


class Match(NamedTuple):
    """A lexicon entry found at tokens ``[start, end)``."""

    start: int
    end: int
    entry: Entry


class PhraseIndex:
    """Finds lexicon phrases in a token list; longest match wins at each start."""

    def __init__(self, entries: Iterable[Entry]):
        self._by_first: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            self._by_first[entry.words[0]].append(entry)
        for bucket in self._by_first.values():
            bucket.sort(key=lambda e: -len(e.words))

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def find(self, toks: Sequence[Tok], overlapping: bool = False) -> list[Match]:
        """All matches, left to right; without ``overlapping`` a match consumes its tokens."""
        found, i, n, index = [], 0, len(toks), self._by_first
        while i < n:
            best, tok = None, toks[i]
            keys = (tok.lower,) if tok.lower == tok.lemma else (tok.lower, tok.lemma)
            for key in keys:
                for entry in index.get(key, ()):
                    if (best is None or len(entry.words) > best.end - best.start) and _fits(entry, toks, i):
                        best = Match(i, i + len(entry.words), entry)
            if best:
                found.append(best)
            i = best.end if best and not overlapping else i + 1
        return found


def _fits(entry: Entry, toks: Sequence[Tok], i: int) -> bool:
    if i + len(entry.words) > len(toks):
        return False
    for k, word in enumerate(entry.words):
        tok = toks[i + k]
        if word != "*" and word != tok.lower and word != tok.lemma:
            return False
    return entry.pos is None or toks[i + len(entry.words) - 1].pos == entry.pos


def parse_phrase(phrase: str) -> tuple[tuple, Optional[str]]:
    """``"record/ADJ"`` -> ``(("record",), "ADJ")``; words split as spaCy splits them."""
    pos = None
    if "/" in phrase and phrase.rsplit("/", 1)[1].isupper():
        phrase, pos = phrase.rsplit("/", 1)
    phrase = phrase.lower().replace("n't", " n't").replace("'s", " 's").replace("-", " - ")
    return tuple(phrase.split()), pos


def entries(phrases: Iterable[str], label: str, category: str, weight: float = 1.0) -> list[Entry]:
    """Lexicon entries for a list of phrases."""
    out = []
    for phrase in phrases:
        words, pos = parse_phrase(phrase)
        out.append(Entry(words, pos, label, category, weight))
    return out


def read_json(name: str) -> dict:
    """A lexicon file of this package (the ``_about`` header is documentation only)."""
    with open(HERE / name, encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class Lexicons:
    """Every tone word list, ready to match."""

    hedges: PhraseIndex
    core_hedge_categories: frozenset
    boosters: PhraseIndex
    framing: PhraseIndex
    up: PhraseIndex
    down: PhraseIndex
    transitive: frozenset
    not_changes: PhraseIndex
    comparison: PhraseIndex
    valence: PhraseIndex
    negators: PhraseIndex
    pseudo_negators: PhraseIndex
    scope_breakers: frozenset
    intensifiers: PhraseIndex
    adversative: PhraseIndex
    concessive: PhraseIndex


@functools.lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Read the JSON lexicons once per process."""
    hedges, boosters = read_json("hedges.json"), read_json("boosters.json")
    framing, changes, rules = read_json("framing.json"), read_json("changes.json"), read_json("rules.json")
    hedge_entries = [e for cat, words in hedges["categories"].items() for e in entries(words, "hedge", cat)]
    booster_entries = [e for cat, words in boosters["categories"].items() for e in entries(words, "booster", cat)]
    framing_entries = []
    for label, sign in (("positive", 1.0), ("negative", -1.0)):
        for phrase, weight in framing[label].items():
            framing_entries.extend(entries([phrase], label, label, sign * float(weight)))
    valence = entries(changes["more_is_good"], "valence", "good", 1.0) + \
        entries(changes["more_is_bad"], "valence", "bad", -1.0)
    intensifiers = [e for phrase, w in rules["intensifiers"].items()
                    for e in entries([phrase], "intensifier", "intensifier", float(w))]
    return Lexicons(
        hedges=PhraseIndex(hedge_entries),
        core_hedge_categories=frozenset(hedges["core"]),
        boosters=PhraseIndex(booster_entries),
        framing=PhraseIndex(framing_entries),
        up=PhraseIndex(entries(changes["up"], "change", "up", 1.0)),
        down=PhraseIndex(entries(changes["down"], "change", "down", -1.0)),
        transitive=frozenset(changes["transitive"]),
        not_changes=PhraseIndex(entries(changes["ignore"], "ignore", "ignore")),
        comparison=PhraseIndex(entries(changes["comparison"], "comparison", "comparison")),
        valence=PhraseIndex(valence),
        negators=PhraseIndex(entries(rules["negators"], "negation", "negation")),
        pseudo_negators=PhraseIndex(entries(rules["pseudo_negators"], "pseudo", "pseudo")),
        scope_breakers=frozenset(rules["scope_breakers"]),
        intensifiers=PhraseIndex(intensifiers),
        adversative=PhraseIndex(entries(rules["adversative"], "contrast", "adversative")),
        concessive=PhraseIndex(entries(rules["concessive"], "contrast", "concessive")),
    )
