"""The ``rhetoric_quantities`` spaCy component: find the figures per sentence, then set them on the Doc.

``find`` reads the parse once per sentence with a number (:mod:`.syntax`: the counted
nouns), then runs the text rules (:mod:`.extract`) on plain data; ``set_annotations`` adds
what each figure means (:mod:`.context`, :mod:`.syntax`) and fills ``doc._.quantities``.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...contract.schema import Quantity
from ...knowledge.lexicon import HERE as LEXICON_DIR
from ...knowledge.lexicon import Lexicon, lexicon_files, load_lexicon
from ...knowledge.lexicon import compiled as _re
from ..extensions import doc_ents, doc_text, ensure_doc_defaults, ents_within, register_extensions
from ..stagedata import save_files, saved_folder
from . import context, forms, periods
from .extract import Found, find_quantities
from .rules import HERE as RULES_DIR
from .rules import RULES_FILE, Rules, load_rules
from .syntax import counted_nouns, noun_positions, possessive_people, syntax_before

# Sentence kinds whose numbers are not claims: reference lists (URLs, years) and captions.
SKIP_KINDS = ("reference", "caption")
# A digit anywhere in a sentence means the number pattern finds something there.
DIGIT = re.compile(r"\d")


@Language.factory("rhetoric_quantities", default_config={"skip_kinds": list(SKIP_KINDS)},
                  requires=["doc.sents", "token.dep", "token.head", "token.lemma", "doc.ents",
                            "span._.kind", "span._.voice", "span._.speaker", "doc._.quotes"],
                  assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str, skip_kinds: list) -> "QuantityExtractor":
    """Factory for ``nlp.add_pipe("rhetoric_quantities")``, after attribution."""
    register_extensions()
    return QuantityExtractor(skip_kinds=tuple(skip_kinds))


class QuantityExtractor:
    """Find figures per sentence, then read their context and store them on the Doc.

    ``lex`` and ``rules`` default to the shipped lexicon (:mod:`rhetoric.knowledge.lexicon`)
    and rules (:mod:`.rules`); ``nlp.to_disk`` saves their files with the pipeline and
    ``from_disk`` reads them back."""

    def __init__(self, skip_kinds: tuple = SKIP_KINDS, lex: Optional[Lexicon] = None, rules: Optional[Rules] = None):
        self.skip_kinds = skip_kinds
        self.sources = {**lexicon_files(LEXICON_DIR), RULES_FILE: RULES_DIR / RULES_FILE}
        self.lex = lex or load_lexicon()
        self.rules = rules or load_rules()

    def to_disk(self, path, *, exclude: tuple = ()) -> None:
        save_files(path, self.sources)

    def from_disk(self, path, *, exclude: tuple = ()) -> "QuantityExtractor":
        folder = saved_folder(path, self.sources)
        self.sources = {name: folder / name for name in self.sources}
        self.lex, self.rules = load_lexicon(folder), load_rules(folder)
        return self

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        found = self.find(doc)
        self.set_annotations(doc, found)
        # What needs every figure of the document: forms spanning figures (from-to, carried
        # currencies, concepts re-read per sentence), then periods against the document's date.
        forms.apply(doc, self.lex)
        periods.resolve(doc, self.lex)
        return doc

    def find(self, doc: Doc) -> list[tuple[Span, Found]]:
        """(sentence, figure) pairs in document order; figure offsets relative to the sentence."""
        lex = self.lex
        out = []
        starts: list[int] = []  # token offsets, read once for the Doc when a sentence has a number
        for sent in doc.sents:
            text = doc_text(doc)[sent.start_char:sent.end_char]  # Span.text rebuilds from tokens on every call
            # Any digit is a number (the digits branch of number_re): the words are looked at only without one.
            matches = None if DIGIT.search(text) else lex.numbers_in(text)
            if matches == [] and not lex.rank_re.search(text) or sent._.kind in self.skip_kinds:
                continue
            matches = lex.numbers_in(text) if matches is None else matches
            starts = starts or doc.to_array(IDX).tolist()
            nouns = counted_nouns(sent, text, starts, noun_positions(text, matches, lex), lex)
            for item in find_quantities(text, nouns=nouns, lex=lex, matches=matches, rules=self.rules):
                out.append((sent, item))
        return out

    def set_annotations(self, doc: Doc, found: list[tuple[Span, Found]]) -> None:
        """Turn each found figure into a :class:`Quantity` with its period, concept, modality and speaker."""
        lex = self.lex
        doc_entities = _doc_entities(doc, lex)
        people = [_re(r"['’]s$").sub("", e.text) for e in doc_ents(doc) if e.label_ == "PERSON"]
        cache: dict = {}
        possessives = possessive_people(doc) if found else []
        quantities = []
        for sent, item in found:
            if sent.start not in cache:
                text = doc_text(doc)[sent.start_char:sent.end_char]
                cache[sent.start] = (text, context.periods_in(text, lex), context.concepts_in(text, lex),
                                     _with_places(context.entities_in(text, lex), ents_within(sent), lex))
            text, periods, concepts, entities = cache[sent.start]
            base = sent.start_char
            start, end = base + item.start, base + item.end
            words_before, ancestors, possessor = syntax_before(doc, base + item.num_start, sent, lex, possessives)
            quantities.append(Quantity(
                start=start, end=end, text=doc_text(doc)[start:end], value=item.value, unit=item.unit, kind=item.kind,
                change=item.change, period=context.period_of(text, item.start, item.end, periods, lex),
                concept=context.concept_of(text, item.start, item.end, concepts, lex),
                modality=context.modality_of(words_before, ancestors, lex),
                speaker=_speaker(doc, sent, start, end, possessor, people),
                entities=context.resolve_entities(entities, doc_entities), size=item.size))
        doc._.quantities = quantities


def _place(ent, lex: Lexicon) -> Optional[str]:
    """A country or city the NER found, as its canonical alias name or as written ('the Philippines' -> 'Philippines')."""
    if ent.label_ != "GPE":
        return None
    text = _re(r"^the\s+", re.IGNORECASE).sub("", ent.text)
    return lex.entity_of.get(text.lower(), text)


def _with_places(entities: list[str], ents, lex: Lexicon) -> list[str]:
    """The sentence's alias-matched entities plus places the NER found that no alias covers."""
    out = list(entities)
    for ent in ents:
        name = _place(ent, lex)
        if name and name not in out:
            out.append(name)
    return out


def _doc_entities(doc: Doc, lex: Lexicon) -> list[str]:
    """Entities of the whole document, most mentioned first (to resolve 'the two countries')."""
    counts: dict[str, int] = {}
    for m in context.entity_matches(doc_text(doc), lex):
        name = lex.entity_of.get(_re(r"\s+").sub(" ", m.group(0).lower()))
        if name and (m.group(0).lower() != "us" or m.group(0) == "US"):
            counts[name] = counts.get(name, 0) + 1
    aliased = set(counts)
    for ent in doc_ents(doc):  # places no alias covers, counted by NER mention
        name = _place(ent, lex)
        if name and name not in aliased:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: -counts[n])


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
