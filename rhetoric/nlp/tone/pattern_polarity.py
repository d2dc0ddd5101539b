"""Polarity of a sentence from the Pattern sentiment lexicon, scored as TextBlob scores it.

TextBlob's default analyser (``PatternAnalyzer``) averages the polarity of the known
words of a sentence, with intensifiers ("very good"), negation ("not good" is -0.5 x
good) and "!" as the only context. We compute the same score from the spaCy tokens we
already have, for two reasons, both measured (``benchmarks/tone_cost.py``,
``python -X importtime``):

* ``import textblob`` imports NLTK, about a second of every cold start;
* TextBlob re-tokenises each sentence with regexes and looks every word up through a
  lazy dict: three quarters of its cost per sentence.

The lexicon is ``en-sentiment.xml`` from the installed ``textblob`` package (De Smedt
and Daelemans, 2012; public domain, PDDL), read without importing textblob and
averaged per word as TextBlob does. On the tone, hedging and quote eval sentences this
agrees with ``TextBlob(text).sentiment.polarity`` on 99.7% of sentences; the rest are
tokenisation differences (spaCy splits "n't" and "10mm" as it does everywhere else in
rhetoric) and emoticons, which TextBlob scores and we do not (":(" in "Genotypes :(A)").
"""
from __future__ import annotations

import functools
import importlib.util
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Optional, Sequence

from ...errors import RhetoricError

NEGATIONS = ("no", "not", "n't", "never")
# Part-of-speech tag of the words that modify the next word ("very", "really").
MODIFIER_TAG = "RB"
# Tokens spaCy splits off inside a word that TextBlob's tokenizer keeps ("long-term", "and/or"):
# glued back so hyphenated lexicon entries ("well-known") are found.
INFIXES = ("-", "/")

# {word: (polarity, subjectivity, intensity, is_modifier)}
Lexicon = dict[str, tuple[float, float, float, bool]]


def lexicon_path() -> Path:
    """Where the installed textblob package keeps its English sentiment lexicon."""
    spec = importlib.util.find_spec("textblob")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "en" / "en-sentiment.xml"
        if path.is_file():
            return path
    raise RhetoricError("the Pattern sentiment lexicon (textblob/en/en-sentiment.xml) is missing; "
                        "reinstall it with: pip install 'textblob>=0.18,<1'")


@functools.lru_cache(maxsize=1)
def load_lexicon(path: Optional[Path] = None) -> Lexicon:
    """Word -> averaged scores, built as TextBlob's ``Sentiment.load`` builds them."""
    senses: dict[str, dict[str, list]] = {}
    for node in ElementTree.parse(path or lexicon_path()).getroot().iter("word"):
        form = node.attrib.get("form")
        if form:
            scores = tuple(float(node.attrib.get(key, default)) for key, default in
                           (("polarity", 0.0), ("subjectivity", 0.0), ("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(node.attrib.get("pos"), []).append(scores)
    by_pos = {word: {pos: _mean(scores) for pos, scores in tags.items()} for word, tags in senses.items()}
    words = {word: (*_mean(list(tags.values())), MODIFIER_TAG in tags) for word, tags in by_pos.items()}
    # Every adjective also gives its adverb ("terrible" -> "terribly"), as TextBlob adds them.
    for word, tags in by_pos.items():
        if "JJ" in tags:
            stem = word[:-1] + "i" if word.endswith("y") else word
            stem = stem[:-2] if stem.endswith("le") else stem
            words[stem + "ly"] = (*tags["JJ"], True)
    return words


def _mean(rows: list) -> tuple:
    return tuple(sum(column) / len(column) for column in zip(*rows))


def words_of(texts: Sequence[str], glued: Sequence[bool]) -> list[str]:
    """Lower-cased words with in-word hyphens and slashes glued back.

    ``glued[k]`` says token ``k`` touches token ``k - 1`` (no space between them)."""
    words: list[str] = []
    join_next = False
    for k, text in enumerate(texts):
        if join_next:
            words[-1] += text
            join_next = False
        elif text in INFIXES and words and glued[k] and k + 1 < len(texts) and glued[k + 1]:
            words[-1] += text
            join_next = True
        else:
            words.append(text)
    return words


def polarity(words: Sequence[str], lexicon: Optional[Lexicon] = None) -> float:
    """Mean polarity (-1..1) of the known words, with TextBlob's intensifier and negation rules."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    found: list[list] = []  # [polarity, intensity, negated] per known word
    modifier: Optional[str] = None  # a known adverb just before ("really good")
    negation: Optional[str] = None  # a negation just before ("not good")
    for word in words:
        entry = lexicon.get(word)
        if entry is not None:
            p, _, i, is_modifier = entry
            if modifier is None:
                found.append([p, i, False])
            else:  # the modifier's entry takes this word's polarity, scaled by its intensity
                last = found[-1]
                last[0], last[1] = _clip(p * last[1]), i
            if negation is not None:
                found[-1][1] = 1.0 / found[-1][1]
                found[-1][2] = True
            modifier = word if is_modifier else None
            negation = word if word in NEGATIONS else None
            continue
        if word in NEGATIONS:
            negation = word
        elif negation and len(word.strip("'")) > 1:
            negation = None  # a negation carries over small words only ("not a good")
        if negation is not None and modifier is not None and modifier.endswith("ly"):
            found[-1][2] = True  # "really not good"
            negation = None
        elif modifier and len(word) > 2:
            modifier = None  # a modifier carries over small words only ("really is a good")
        if word == "!" and found:
            found[-1][0] = _clip(found[-1][0] * 1.25)
    if not found:
        return 0.0
    return sum(p * -0.5 if negated else p for p, _, negated in found) / len(found)


def _clip(value: float) -> float:
    return max(-1.0, min(value, 1.0))
