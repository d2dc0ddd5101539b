"""The quantities stage: every figure in the text with what it measures, when, whose claim.

``nlp.add_pipe("rhetoric_quantities")`` fills ``doc._.quantities`` with
:class:`rhetoric.contract.schema.Quantity` items (document character offsets). It runs after
attribution and tone: a figure inside a quote, or in a sentence whose ``speaker`` is set,
takes that speaker; a possessive ("Putin's goal of $100 billion") may name one too.

``Quantity.size`` is the signed size of a movement in percent of the earlier level
("decreased 29 percent to $30.6 billion": both figures get -29.0; "doubled to X": +100.0).
``Quantity.entities`` lists the countries/blocs the sentence is about ("the two countries"
resolves to the document's two most mentioned).
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

import numpy
from spacy.attrs import DEP, ENT_TYPE, IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...contract.schema import Quantity
from ..extensions import doc_ents, doc_text, ensure_doc_defaults, ents_within, register_extensions
from . import context
from .extract import Found, find_quantities
from ...knowledge.lexicon import compiled as _re
from ...knowledge.lexicon import load_lexicon

# Sentence kinds whose numbers are not claims: reference lists (URLs, years) and captions.
SKIP_KINDS = ("reference", "caption")
# Words between a number and its counted noun that may be skipped ("one of the students").
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "(", ")"}
# First words that make the noun after a number a time phrase, not what is counted ("2.1 last year").
NOT_COUNT_MODIFIERS = {"last", "next", "this", "previous", "past", "same"}
# Modifiers that say nothing about what is counted ("eight more picks" counts picks).
DROPPED_MODIFIERS = {"more", "fewer", "less"}
# A digit anywhere in a sentence means the number pattern finds something there.
DIGIT = re.compile(r"\d")
OF_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "these", "those"}


@Language.factory("rhetoric_quantities", default_config={"skip_kinds": list(SKIP_KINDS)})
def make_quantities(nlp: Language, name: str, skip_kinds: list) -> "QuantityExtractor":
    register_extensions()
    return QuantityExtractor(skip_kinds=tuple(skip_kinds))


class QuantityExtractor:
    """Find figures per sentence, then read their context and store them on the Doc."""

    def __init__(self, skip_kinds: tuple = SKIP_KINDS):
        self.skip_kinds = skip_kinds
        self.lex = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    def find(self, doc: Doc) -> list[tuple[Span, Found]]:
        """(sentence, figure) pairs in document order; figure offsets relative to the sentence."""
        out = []
        starts: list[int] = []  # token offsets, read once for the Doc when a sentence has a number
        for sent in doc.sents:
            text = doc_text(doc)[sent.start_char:sent.end_char]  # Span.text rebuilds from tokens on every call
            # Any digit is a number (the digits branch of number_re): the words are looked at only without one.
            has_number = DIGIT.search(text) or self.lex.numbers_in(text) or self.lex.rank_re.search(text)
            if not has_number or sent._.kind in self.skip_kinds:
                continue
            starts = starts or doc.to_array(IDX).tolist()
            for item in find_quantities(text, noun_after=self._noun_lookup(sent, text, starts), lex=self.lex):
                out.append((sent, item))
        return out

    def set_annotations(self, doc: Doc, found: list[tuple[Span, Found]]) -> None:
        """Turn each found figure into a :class:`Quantity` with its period, concept, modality and speaker."""
        doc_entities = _doc_entities(doc)
        people = [_re(r"['’]s$").sub("", e.text) for e in doc_ents(doc) if e.label_ == "PERSON"]
        cache: dict = {}
        possessives = _possessive_people(doc) if found else []
        quantities = []
        for sent, item in found:
            if sent.start not in cache:
                text = doc_text(doc)[sent.start_char:sent.end_char]
                cache[sent.start] = (text, context.periods_in(text), context.concepts_in(text),
                                     _with_places(context.entities_in(text), ents_within(sent)))
            text, periods, concepts, entities = cache[sent.start]
            base = sent.start_char
            start, end = base + item.start, base + item.end
            words_before, ancestors, possessor = _syntax_before(doc, base + item.num_start, sent, possessives)
            quantities.append(Quantity(
                start=start, end=end, text=doc_text(doc)[start:end], value=item.value, unit=item.unit, kind=item.kind,
                change=item.change, period=context.period_of(text, item.start, item.end, periods),
                concept=context.concept_of(text, item.start, item.end, concepts),
                modality=context.modality_of(words_before, ancestors),
                speaker=_speaker(doc, sent, start, end, possessor, people),
                entities=context.resolve_entities(entities, doc_entities), size=item.size))
        doc._.quantities = quantities

    def _noun_lookup(self, sent: Span, sent_text: str, starts: list[int]):
        """A ``noun_after(pos, value)`` for :func:`find_quantities`: the counted noun phrase, lemmatised
        (``starts``: the character offset of every token of the Doc)."""
        def noun_after(pos: int, value) -> Optional[tuple]:
            doc = sent.doc
            while pos < len(sent_text) and sent_text[pos] == " ":
                pos += 1
            i = _token_starting_at(starts, sent.start_char + pos)
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
            if head in self.lex.unit_words:  # "517 rushing yards" counts yards
                return self.lex.unit_words[head], end, plural, proper
            kept = [t for t in words if t.tag_ not in ("VBG", "VBN") and t.lower_ not in DROPPED_MODIFIERS]
            text = ""
            for k, tok in enumerate(kept):
                glue = "" if k == 0 or tok.text == "-" or kept[k - 1].text == "-" else " "
                text += glue + (tok.lemma_.lower() if tok.text != "-" else "-")
            return text, end, plural, proper

        return noun_after


def _token_starting_at(starts: list[int], char: int) -> Optional[int]:
    """The index of the token starting at character ``char``, or None (``starts``: every token's offset)."""
    i = bisect.bisect_left(starts, char)
    return i if i < len(starts) and starts[i] == char else None


def _place(ent) -> Optional[str]:
    """A country or city the NER found, as its canonical alias name or as written ('the Philippines' -> 'Philippines')."""
    if ent.label_ != "GPE":
        return None
    text = _re(r"^the\s+", re.IGNORECASE).sub("", ent.text)
    return load_lexicon().entity_of.get(text.lower(), text)


def _with_places(entities: list[str], ents) -> list[str]:
    """The sentence's alias-matched entities plus places the NER found that no alias covers."""
    out = list(entities)
    for ent in ents:
        name = _place(ent)
        if name and name not in out:
            out.append(name)
    return out


def _doc_entities(doc: Doc) -> list[str]:
    """Entities of the whole document, most mentioned first (to resolve 'the two countries')."""
    counts: dict[str, int] = {}
    for m in context.entity_matches(doc_text(doc)):
        name = load_lexicon().entity_of.get(_re(r"\s+").sub(" ", m.group(0).lower()))
        if name and (m.group(0).lower() != "us" or m.group(0) == "US"):
            counts[name] = counts.get(name, 0) + 1
    aliased = set(counts)
    for ent in doc_ents(doc):  # places no alias covers, counted by NER mention
        name = _place(ent)
        if name and name not in aliased:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: -counts[n])


def _possessive_people(doc: Doc) -> list[int]:
    """Indices of possessive person names ("Putin's goal"), in order: few per document, so the
    possessor of a figure is looked up here instead of among every head's children."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    poss, person = strings.add("poss"), strings.add("PERSON")
    columns = doc.to_array([DEP, ENT_TYPE])
    return numpy.flatnonzero((columns[:, 0] == poss) & (columns[:, 1] == person)).tolist()


def _syntax_before(doc: Doc, char: int, sent: Span,
                   possessives: Optional[list[int]] = None) -> tuple[list[str], list[str], Optional[str]]:
    """The last lower-cased words before the figure in its clause, its heads' lemmas, and a possessor name.

    ``possessives`` is :func:`_possessive_people` of ``doc`` (computed here when not given)."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    tok = token[0] if token is not None and len(token) else None
    if tok is None:
        return [], [], None
    words: list[str] = []
    # Read back from the figure to the clause's start: modality cues of an earlier clause
    # ("backed the plan, against 35%") do not carry over, and modality_of reads only the
    # last ``target_tokens_before`` words, so no more are collected.
    wanted = load_lexicon().cues["target_tokens_before"]
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
    possessives = _possessive_people(doc) if possessives is None else possessives
    before = [i for i in possessives if sent.start <= i < tok.i]
    # A possessive child of one of the figure's heads ("Putin's goal of $100 billion"), the
    # nearest head first; else one of the six words before the figure.
    possessor = next((doc[i].text for head in heads for i in before if doc[i].head.i == head.i), None)
    if possessor is None:
        near = [i for i in before if i >= tok.i - 6]
        possessor = doc[near[-1]].text if near else None
    return words, ancestors, possessor


def _speaker(doc: Doc, sent: Span, start: int, end: int, possessor: Optional[str], people: list[str]) -> Optional[str]:
    """Whose figure: the quote it sits in, the sentence's speaker, else a possessive ('Putin's goal')."""
    for quote in doc._.quotes or []:
        if quote.start <= start and end <= quote.end and quote.speaker is not None:
            return quote.speaker.name or quote.speaker.text
    if sent._.speaker:
        return sent._.speaker
    if possessor:
        longer = [p for p in people if p.endswith(possessor) and len(p) > len(possessor)]
        return max(longer, key=len) if longer else possessor
    return None
