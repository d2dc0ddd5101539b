"""Cleanup and segmentation as two spaCy components around the parser.

``rhetoric_segmenter`` runs *before* the parser (the parser keeps boundaries already
set): footnote markers and closing quotes stay with the sentence they follow, every
paragraph and every boilerplate line starts a sentence, and a boilerplate line is never
split. ``rhetoric_cleanup`` runs after the parser: sentences inside captions, reference
lines and headings get their ``kind`` and ``voice: boilerplate``, and the reference
list is parsed into ``doc._.references``.

The segmenter expects footnote markers as tokens of their own (``2011.[2]`` ->
``2011 . [2]``), which spaCy's English tokenizer does not make. Adding the component does
not change your tokenizer; do it yourself, either with :func:`adapt_tokenizer` on a loaded
pipeline (what :func:`rhetoric.nlp.pipeline.load_pipeline` does) or, for a pipeline built
from a config, with the registered tokenizer ``[nlp.tokenizer] @tokenizers =
"rhetoric.FootnoteTokenizer.v1"``. ``nlp.to_disk`` saves the adapted rules with the tokenizer.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex, registry

from ...contract.fields import BOILERPLATE
from ..extensions import doc_text, ensure_doc_defaults, register_extensions
from ..stagedata import save_files, saved_folder
from .blocks import HERE, PATTERNS_FILE, Block, BlockPatterns, find_blocks, load_patterns, parse_references
from .sentence_limits import limit_sentences, write_sent_starts

# Footnote markers split off as their own token by ``adapt_tokenizer``.
FOOTNOTE_SUFFIXES = (r"\[\d{1,3}\]", r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", r"(?<=[.!?,;:”\"’])\(\d{1,3}\)")
# Tokens that close a sentence rather than open one: markers, closing quotes and brackets.
TRAILER = re.compile(r"^(?:[”\"’')\]]|\[\d{1,3}\]|\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+$")
SENTENCE_FINAL = {".", "!", "?", "…", "...", "”", "\"", "’", "'", ")", "]"}
LINE_FINAL = {".", "!", "?", "…", "..."}  # a line ending with one of these ends its sentence


def footnote_suffix_search(nlp: Language) -> Callable:
    """The language's suffix rules with footnote markers first, as a ``suffix_search``."""
    suffixes = list(FOOTNOTE_SUFFIXES) + [s for s in nlp.Defaults.suffixes if s not in FOOTNOTE_SUFFIXES]
    return compile_suffix_regex(suffixes).search


def adapt_tokenizer(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer split footnote markers (``2011.[2]`` -> ``2011 . [2]``).

    Call it yourself on a loaded pipeline before running ``rhetoric_segmenter``; the
    component never touches the tokenizer."""
    nlp.tokenizer.suffix_search = footnote_suffix_search(nlp)
    return nlp


@registry.tokenizers("rhetoric.FootnoteTokenizer.v1")
def create_footnote_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer with footnote markers split off, for config-built pipelines."""
    make_default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        tokenizer = make_default(nlp)
        tokenizer.suffix_search = footnote_suffix_search(nlp)
        return tokenizer

    return make


def blocks_of(doc: Doc, patterns: Optional[BlockPatterns] = None) -> list[Block]:
    """The boilerplate blocks of ``doc``, found once and kept on the Doc (for both components)."""
    key = "rhetoric_blocks"
    if key not in doc.user_data:
        doc.user_data[key] = [(b.start, b.end, b.kind) for b in find_blocks(doc_text(doc), patterns)]
    return [Block(*b) for b in doc.user_data[key]]


def _token_index_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def set_boundaries(doc: Doc, blocks: list[Block]) -> Doc:
    """Preset sentence starts so the parser cannot cut a marker or a caption loose."""
    # Token texts read once: a Token object per token and per neighbour cost more than the rules.
    # (spaCy's is_space and is_alpha are str.isspace and str.isalpha of the text.)
    texts = [token.text for token in doc]
    starts: dict[int, bool] = {}  # written once at the end (see write_sent_starts)
    for i in range(1, len(texts)):
        previous, text = texts[i - 1], texts[i]
        if previous.count("\n") >= 2:
            if not text.isspace():
                starts[i] = True
        elif "\n" in previous and not text.isspace() and (
                (i + 1 < len(texts) and texts[i + 1] in (":", "\uff1a")) or (i > 1 and texts[i - 2] in LINE_FINAL)):
            # A line opening with a speaker label ("A: ...") or after a finished sentence starts anew:
            # transcripts break turns with one newline.
            starts[i] = True
        elif TRAILER.match(text) and (previous in SENTENCE_FINAL or TRAILER.match(previous)):
            starts[i] = False
            # A capitalised word after a sentence's closing marker opens the next sentence.
            following = texts[i + 1] if i + 1 < len(texts) else ""
            if following.isalpha() and following[0].isupper():
                starts[i + 1] = True
        elif text.isspace():
            starts[i] = False
    for block in blocks:
        first = _token_index_at(doc, block.start)
        if first is None:
            continue
        starts[first] = True
        for token in doc[first + 1:]:
            if token.idx >= block.end:
                if not token.is_space:
                    starts[token.i] = True
                break
            starts[token.i] = False
    return write_sent_starts(doc, starts)


class _WithPatterns:
    """The block patterns of a component, saved with the pipeline (``patterns.json``)."""

    def __init__(self, nlp: Language, name: str):
        register_extensions()
        self.name = name
        self.data_dir = HERE
        self.patterns = load_patterns(HERE)

    def to_disk(self, path, *, exclude: tuple = ()) -> None:
        save_files(path, {PATTERNS_FILE: self.data_dir / PATTERNS_FILE})

    def from_disk(self, path, *, exclude: tuple = ()) -> "_WithPatterns":
        self.data_dir = saved_folder(path, [PATTERNS_FILE])
        self.patterns = load_patterns(self.data_dir)
        return self


@Language.factory("rhetoric_segmenter", assigns=["token.is_sent_start", "span._.cut"])
class Segmenter(_WithPatterns):
    """Preset sentence boundaries around footnote markers and boilerplate lines (before the parser).

    Footnote markers are kept with their sentence only when the tokenizer splits them off
    (see :func:`adapt_tokenizer`)."""

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        # sentence length bounded after the block boundaries (see sentence_limits)
        return limit_sentences(set_boundaries(doc, blocks_of(doc, self.patterns)))


@Language.factory("rhetoric_cleanup", requires=["doc.sents"],
                  assigns=["doc._.references", "span._.kind", "span._.voice"])
class Cleanup(_WithPatterns):
    """Mark boilerplate sentences and parse the reference list (after the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        blocks = blocks_of(doc, self.patterns)
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
