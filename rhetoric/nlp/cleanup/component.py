"""Cleanup and segmentation as two spaCy components around the parser.

``rhetoric_segmenter`` runs *before* the parser (the parser keeps boundaries already
set): footnote markers and closing quotes stay with the sentence they follow, every
paragraph and every boilerplate line starts a sentence, and a boilerplate line is never
split. ``rhetoric_cleanup`` runs after the parser: sentences inside captions, reference
lines and headings get their ``kind`` and ``voice: boilerplate``, and the reference
list is parsed into ``doc._.references``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

from ..extensions import doc_text, ensure_doc_defaults, register_extensions
from .blocks import Block, find_blocks, parse_references
from .sentence_limits import limit_sentences, register as register_sentence_limits

BOILERPLATE = "boilerplate"
# Footnote markers split off as their own token by ``adapt_tokenizer``.
FOOTNOTE_SUFFIXES = (r"\[\d{1,3}\]", r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", r"(?<=[.!?,;:”\"’])\(\d{1,3}\)")
# Tokens that close a sentence rather than open one: markers, closing quotes and brackets.
TRAILER = re.compile(r"^(?:[”\"’')\]]|\[\d{1,3}\]|\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+$")
SENTENCE_FINAL = {".", "!", "?", "…", "...", "”", "\"", "’", "'", ")", "]"}


def adapt_tokenizer(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer split footnote markers (``2011.[2]`` -> ``2011 . [2]``)."""
    suffixes = list(FOOTNOTE_SUFFIXES) + [s for s in nlp.Defaults.suffixes if s not in FOOTNOTE_SUFFIXES]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def blocks_of(doc: Doc) -> list[Block]:
    """The boilerplate blocks of ``doc``, found once and kept on the Doc."""
    key = "rhetoric_blocks"
    if key not in doc.user_data:
        doc.user_data[key] = [(b.start, b.end, b.kind) for b in find_blocks(doc_text(doc))]
    return [Block(*b) for b in doc.user_data[key]]


def _token_index_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def set_boundaries(doc: Doc, blocks: list[Block]) -> Doc:
    """Preset sentence starts so the parser cannot cut a marker or a caption loose."""
    # Token texts read once: a Token object per token and per neighbour cost more than the rules.
    # (spaCy's is_space and is_alpha are str.isspace and str.isalpha of the text.)
    texts = [token.text for token in doc]
    for i in range(1, len(texts)):
        previous, text = texts[i - 1], texts[i]
        if previous.count("\n") >= 2:
            if not text.isspace():
                doc[i].is_sent_start = True
        elif TRAILER.match(text) and (previous in SENTENCE_FINAL or TRAILER.match(previous)):
            doc[i].is_sent_start = False
            # A capitalised word after a sentence's closing marker opens the next sentence.
            following = texts[i + 1] if i + 1 < len(texts) else ""
            if following.isalpha() and following[0].isupper():
                doc[i + 1].is_sent_start = True
        elif text.isspace():
            doc[i].is_sent_start = False
    for block in blocks:
        first = _token_index_at(doc, block.start)
        if first is None:
            continue
        doc[first].is_sent_start = True
        for token in doc[first + 1:]:
            if token.idx >= block.end:
                if not token.is_space:
                    token.is_sent_start = True
                break
            token.is_sent_start = False
    return doc


@Language.factory("rhetoric_segmenter")
class Segmenter:
    """Preset sentence boundaries around footnote markers and boilerplate lines (before the parser)."""

    def __init__(self, nlp: Language, name: str):
        register_extensions()
        register_sentence_limits()
        adapt_tokenizer(nlp)

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        return limit_sentences(set_boundaries(doc, blocks_of(doc)))


@Language.factory("rhetoric_cleanup")
class Cleanup:
    """Mark boilerplate sentences and parse the reference list (after the parser)."""

    def __init__(self, nlp: Language, name: str):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        blocks = blocks_of(doc)
        self.set_annotations(doc, blocks, parse_references(doc_text(doc), blocks))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, blocks: list[Block], references: dict) -> None:
        doc._.references = references
        if not blocks:
            return
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            for block in blocks:
                if block.start < end and start < block.end:
                    sent._.kind = block.kind
                    sent._.voice = BOILERPLATE
                    break
