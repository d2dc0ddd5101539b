"""What the quantity stage reads from the parse, computed before the text rules run.

The text extractor (:func:`~rhetoric.nlp.quantities.extract.find_quantities`) never calls
back into spaCy: the component first computes the *counted nouns* a figure may take
("13000 workers" -> "worker") at every place the extractor can ask about, and after the
extraction the words, heads and possessor before each figure (for modality and speaker).
Both come out as plain data.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

import numpy
from spacy.attrs import DEP, ENT_TYPE
from spacy.tokens import Doc, Span

from ...knowledge.lexicon import Lexicon, compiled as _re

# A counted noun: (unit, end offset in the sentence, plural, proper name).
Noun = tuple[str, int, bool, bool]
# Words between a number and its counted noun that may be skipped ("one of the students").
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "(", ")"}
# First words that make the noun after a number a time phrase, not what is counted ("2.1 last year").
NOT_COUNT_MODIFIERS = {"last", "next", "this", "previous", "past", "same"}
# Modifiers that say nothing about what is counted ("eight more picks" counts picks).
DROPPED_MODIFIERS = {"more", "fewer", "less"}
OF_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "these", "those"}


def noun_positions(text: str, matches: list[re.Match], lex: Lexicon) -> set[int]:
    """Every offset of ``text`` where the extractor may look for a counted noun.

    That is right after a number, after each scale word that may follow it ("4 million
    cars"), and after an "of" there ("two of the cars"), unless a currency sign or code
    comes before or a percent or unit word after, which
    :func:`~rhetoric.nlp.quantities.units.read_unit` takes before any noun.
    A superset: asking the parse at a place the extractor never asks about costs a little,
    missing one would change results.
    """
    out: set[int] = set()
    for m in matches:
        if lex.prefix_re.search(text, max(0, m.start() - 6), m.start()):
            continue  # "$5 million": the currency is the unit, no noun is asked for
        end = m.end()
        ends = [end]
        scale = lex.scale_re.match(text, end)
        while scale and scale.end() > end:
            end = scale.end()
            ends.append(end)
            scale = lex.scale_re.match(text, end)
        for end in ends:
            # A percent sign or a unit word there is the figure's unit: no noun is asked for.
            if lex.percent_re.match(text, end) or lex.unit_word_re.match(text, end):
                continue
            out.add(end)
            of = _re(r"\s+of\s+").match(text, end)
            if of:
                out.add(of.end())
    return out


def counted_nouns(sent: Span, sent_text: str, starts: list[int], positions: set[int],
                  lex: Lexicon) -> dict[int, Optional[Noun]]:
    """The counted noun at each offset of ``positions`` (see :func:`counted_noun`)."""
    return {pos: counted_noun(sent, sent_text, starts, pos, lex) for pos in sorted(positions)}


def counted_noun(sent: Span, sent_text: str, starts: list[int], pos: int, lex: Lexicon) -> Optional[Noun]:
    """The noun phrase starting at offset ``pos`` of the sentence (after spaces), lemmatised,
    as what a figure before it counts; None when no noun starts there.

    ``starts`` is the character offset of every token of the Doc."""
    doc = sent.doc
    while pos < len(sent_text) and sent_text[pos] == " ":
        pos += 1
    i = token_starting_at(starts, sent.start_char + pos)
    if i is None or not sent.start <= i < sent.end:
        return None
    after_of = doc[i].lower_ == "of" and i + 1 < sent.end
    if after_of:  # "one of the students", "35m of its devices"
        i += 2 if doc[i + 1].lower_ in OF_DETERMINERS else 1
    first, words, plural = i, [], False
    while i < sent.end and i - first < 6:
        tok = doc[i]
        modifier = (tok.pos_ == "ADJ" and tok.dep_ == "amod") or (tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("amod", "compound"))
        if tok.tag_ == "POS" and words:  # "two of Johnson's deputies"
            i += 1
            continue
        if tok.pos_ in ("NOUN", "PROPN") or modifier or (tok.text == "-" and words):
            words.append(tok)
            modifies_next = tok.i < tok.head.i <= tok.i + 3  # "US fluid ounce": US is no head
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "poss") and not modifies_next:
                plural = tok.tag_ in ("NNS", "NNPS")
                break
            i += 1
            continue
        break
    while words and words[-1].pos_ not in ("NOUN", "PROPN"):
        words.pop()
    if not words or words[0].lower_ in NOT_COUNT_MODIFIERS:
        return None
    proper = not after_of and words[0].pos_ == "PROPN" and (words[0].is_title or words[0].is_upper)
    end = words[-1].idx + len(words[-1]) - sent.start_char
    head = words[-1].lower_
    if head in lex.unit_words:  # "517 rushing yards" counts yards
        return lex.unit_words[head], end, plural, proper
    kept = [t for t in words if t.tag_ not in ("VBG", "VBN") and t.lower_ not in DROPPED_MODIFIERS]
    text = ""
    for k, tok in enumerate(kept):
        glue = "" if k == 0 or tok.text == "-" or kept[k - 1].text == "-" else " "
        text += glue + (tok.lemma_.lower() if tok.text != "-" else "-")
    return text, end, plural, proper


def token_starting_at(starts: list[int], char: int) -> Optional[int]:
    """The index of the token starting at character ``char``, or None (``starts``: every token's offset)."""
    i = bisect.bisect_left(starts, char)
    return i if i < len(starts) and starts[i] == char else None


def possessive_people(doc: Doc) -> list[int]:
    """Indices of possessive person names ("Putin's goal"), in order: few per document, so the
    possessor of a figure is looked up here instead of among every head's children."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    poss, person = strings.add("poss"), strings.add("PERSON")
    columns = doc.to_array([DEP, ENT_TYPE])
    return numpy.flatnonzero((columns[:, 0] == poss) & (columns[:, 1] == person)).tolist()


def syntax_before(doc: Doc, char: int, sent: Span, lex: Lexicon,
                  possessives: Optional[list[int]] = None) -> tuple[list[str], list[str], Optional[str]]:
    """The last lower-cased words before the figure in its clause, its heads' lemmas, and a possessor name.

    ``possessives`` is :func:`possessive_people` of ``doc`` (computed here when not given)."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    tok = token[0] if token is not None and len(token) else None
    if tok is None:
        return [], [], None
    words: list[str] = []
    # Read back from the figure to the clause's start: modality cues of an earlier clause
    # ("backed the plan, against 35%") do not carry over, and modality_of reads only the
    # last ``target_tokens_before`` words, so no more are collected.
    wanted = lex.cues["target_tokens_before"]
    for i in range(tok.i - 1, sent.start - 1, -1):
        t = doc[i]
        if t.text in CLAUSE_PUNCT or 0 < wanted <= len(words):
            break
        if not t.is_punct and t.ent_type_ not in ("DATE", "TIME"):  # "in May" is no modal verb
            words.append(t.lower_)
    words.reverse()
    heads = []
    for k, head in enumerate(tok.ancestors):
        if k >= 4:
            break
        heads.append(head)
    ancestors = [head.lemma_.lower() for head in heads]
    possessives = possessive_people(doc) if possessives is None else possessives
    before = [i for i in possessives if sent.start <= i < tok.i]
    # A possessive child of one of the figure's heads ("Putin's goal of $100 billion"), the
    # nearest head first; else one of the six words before the figure.
    possessor = next((doc[i].text for head in heads for i in before if doc[i].head.i == head.i), None)
    if possessor is None:
        near = [i for i in before if i >= tok.i - 6]
        possessor = doc[near[-1]].text if near else None
    return words, ancestors, possessor
