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

import numpy
from spacy import parts_of_speech
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS

from .names import name_tokens

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
    ent: str = ""  # named-entity label of the token ("" outside entities)


# Columns read with one ``Doc.to_array`` call: building two spaCy Token objects per token
# (the token and its head) and reading seven properties was the costliest part of the stage.
_ATTRS = [ORTH, LOWER, LEMMA, POS, DEP, IDX, ENT_TYPE]


class TokenTable(NamedTuple):
    """The token attributes of a whole Doc, read once and sliced per sentence."""

    orth: list
    lower: list
    lemma: list  # lower-cased lemma
    pos: list  # coarse (``_COARSE``) part of speech
    dep: list
    idx: list
    head: list  # absolute index of each token's head
    ent: list  # entity label ("" outside entities)


def token_table(doc) -> TokenTable:
    """Every token attribute :class:`Tok` needs, for all tokens of ``doc``."""
    n = len(doc)
    if n == 0:
        return TokenTable([], [], [], [], [], [], [], [])
    arr = doc.to_array(_ATTRS)
    strings = doc.vocab.strings
    # HEAD is relative and comes back as uint64; the int64 cast restores negative offsets.
    rel = doc.to_array([HEAD]).astype(numpy.int64).tolist()
    orth, lower, lemma, pos, dep, idx, ent = (col.tolist() for col in arr.T)
    return TokenTable(
        _decode(orth, _STRINGS, strings.__getitem__),
        _decode(lower, _STRINGS, strings.__getitem__),
        _decode(lemma, _LEMMAS, lambda key: strings[key].lower()),
        _decode(pos, _POS, _coarse),
        _decode(dep, _STRINGS, strings.__getitem__),
        idx,
        [i + r for i, r in enumerate(rel)],
        _decode(ent, _STRINGS, strings.__getitem__),
    )


# Hash -> string caches (spaCy's string hashes and symbol ids are the same in every StringStore).
_STRINGS: dict[int, str] = {}
_LEMMAS: dict[int, str] = {}  # lemma hash -> lower-cased lemma
_POS: dict[int, str] = {}  # POS id -> coarse name


def _decode(keys: list, cache: dict, make) -> list:
    """``make(key)`` for every key, through ``cache`` (most keys are already in it)."""
    get = cache.get
    out = [get(key) for key in keys]
    if None in out:
        for n, key in enumerate(keys):
            if out[n] is None:
                text = cache.get(key)
                if text is None:
                    text = cache[key] = make(key)
                out[n] = text
    return out


def _coarse(key: int) -> str:
    name = parts_of_speech.NAMES[key]  # what Token.pos_ returns
    return _COARSE.get(name, name)


def toks_from_span(span, table: Optional[TokenTable] = None) -> list[Tok]:
    """The :class:`Tok` list of a spaCy span (heads outside the span point at the token itself).

    ``table`` is :func:`token_table` of ``span.doc``; pass it when reading many spans of one Doc."""
    if table is None:
        table = token_table(span.doc)
    start, end = span.start, span.end
    orth, lower, lemma, pos, dep, idx, head, ent = table
    out = []
    for i in range(start, end):
        h = head[i]
        out.append(Tok(orth[i], lower[i], lemma[i], pos[i], dep[i], h - start if start <= h < end else i - start,
                       idx[i], ent[i]))
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


class LexiconFinder:
    """Finds the phrases of several lexicons in one pass over the tokens.

    The result per lexicon equals that lexicon's :meth:`PhraseIndex.find` (non-overlapping,
    longest match wins, earliest listed entry on ties): each lexicon keeps its own "next free
    token", so a match consumes tokens for its own lexicon only. One pass instead of one per
    lexicon is what makes the tone stage cheap: most tokens start no phrase of any lexicon.
    """

    def __init__(self, indexes: dict[str, PhraseIndex]):
        self.names = tuple(indexes)
        # first word -> (slot, words, length, second word, pos, entry), per lexicon in its bucket order,
        # so filtering one slot keeps PhraseIndex's tie-breaking order.
        by_first: dict[str, list] = defaultdict(list)
        for slot, index in enumerate(indexes.values()):
            for first, bucket in index._by_first.items():
                by_first[first].extend((slot, e.words, len(e.words), e.words[1] if len(e.words) > 1 else None,
                                        e.pos, e) for e in bucket)
        self._by_first = {k: tuple(v) for k, v in by_first.items()}

    def find_all(self, toks: Sequence[Tok]) -> dict[str, list[Match]]:
        """Lexicon name -> its matches, left to right."""
        n, index, slots = len(toks), self._by_first, len(self.names)
        found: list[list[Match]] = [[] for _ in range(slots)]
        free = [0] * slots  # first token each lexicon may still match at
        for i, tok in enumerate(toks):
            lower, lemma = tok[1], tok[2]
            first = index.get(lower)
            second = index.get(lemma) if lemma != lower else None
            if first is None and second is None:
                continue
            best: dict[int, tuple] = {}
            for candidates in (first, second):
                if not candidates:
                    continue
                for slot, words, size, second, pos, entry in candidates:
                    if i < free[slot] or i + size > n:
                        continue
                    known = best.get(slot)
                    if known is not None and size <= known[0]:
                        continue
                    if second is not None:
                        # the second word, checked inline, rules out most multi-word candidates
                        nxt = toks[i + 1]
                        if second != "*" and second != nxt[1] and second != nxt[2]:
                            continue
                        if size > 2 and not _words_fit(words, toks, i):
                            continue
                    if pos is not None and toks[i + size - 1][3] != pos:
                        continue
                    best[slot] = (size, entry)
            for slot, (size, entry) in best.items():
                found[slot].append(Match(i, i + size, entry))
                free[slot] = i + size
        return dict(zip(self.names, found))


def _words_fit(words: tuple, toks: Sequence[Tok], i: int) -> bool:
    """Words after the first (the first matched through the index key) fit the tokens from ``i``."""
    for k in range(1, len(words)):
        word, tok = words[k], toks[i + k]
        if word != "*" and word != tok[1] and word != tok[2]:
            return False
    return True


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


LEXICON_FILES = ("hedges.json", "boosters.json", "framing.json", "changes.json", "rules.json")


def read_json(name: str, directory: Path = HERE) -> dict:
    """A lexicon file of this package, or of ``directory`` (the ``_about`` header is documentation only)."""
    with open(Path(directory) / name, encoding="utf-8") as handle:
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
    neutral: PhraseIndex  # fixed expressions whose words are not cues ("developing countries")
    stoppers: PhraseIndex  # turning words (see direction.py)
    steadiers: PhraseIndex
    harms: PhraseIndex
    formulas: PhraseIndex  # speech formulas holding a hedge word that do not hedge ("may I", "we must")
    frame_words: dict  # frames.json: marker word lists of the prospect and goal frames (see frames.py)
    finder: Optional[LexiconFinder] = None  # built from the indexes above

    def __post_init__(self) -> None:
        self.finder = LexiconFinder({name: value for name, value in vars(self).items()
                                     if isinstance(value, PhraseIndex)})

    def find_all(self, toks: Sequence[Tok], names: Optional[set] = None) -> dict[str, list[Match]]:
        """Every lexicon's matches in one pass (see :class:`LexiconFinder`), without the cues
        that fall inside a name or a neutral fixed expression (``names``: the sentence's
        :func:`name_tokens`, if the caller has them)."""
        found = self.finder.find_all(toks)
        fixed = {j for m in found["neutral"] for j in range(m.start, m.end)}
        blocked = (name_tokens(toks) if names is None else names) | fixed
        if blocked:
            for name in CUE_LEXICONS:
                found[name] = [m for m in found[name] if not blocked.intersection(range(m.start, m.end))]
        if fixed:  # "spare no effort", "without delay": no negation either
            found["negators"] = [m for m in found["negators"] if not fixed.intersection(range(m.start, m.end))]
        if found["formulas"]:
            found["hedges"] = [m for m in found["hedges"] if not _inside_formula(m, found["formulas"])]
        return found


def _inside_formula(m: Match, formulas: list[Match]) -> bool:
    """The hedge lies inside a longer formula ("may" in "may I"; "most likely" stays a hedge)."""
    return any(f.start <= m.start and m.end <= f.end and m.end - m.start < f.end - f.start for f in formulas)


# Lexicons whose matches are cues (or say what changes): none counts inside a name.
CUE_LEXICONS = ("hedges", "boosters", "framing", "up", "down", "valence", "intensifiers", "stoppers", "steadiers",
                "harms")


@functools.lru_cache(maxsize=4)
def load_lexicons(directory: Path = HERE) -> Lexicons:
    """Read the JSON lexicons of ``directory`` (the shipped ones by default) once per process."""
    hedges, boosters, framing, changes, rules = (read_json(name, directory) for name in LEXICON_FILES)
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
        neutral=PhraseIndex(entries(framing["neutral"], "neutral", "neutral", 0.0)),
        stoppers=PhraseIndex(entries(changes["stoppers"], "turn", "stopper")),
        steadiers=PhraseIndex(entries(changes["steadiers"], "turn", "steadier")),
        harms=PhraseIndex(entries(changes["harms"], "turn", "harm")),
        formulas=PhraseIndex(entries(hedges["formulas"], "formula", "formula")),
        frame_words={key: frozenset(words) for key, words in read_json("frames.json").items()
                     if not key.startswith("_")},
    )
