"""Every ``Doc``/``Span`` extension rhetoric sets, registered in one place.

Sentence-level values live on the sentence spans of ``doc.sents`` (spaCy keeps span
extension values by character offsets, so a sentence span made again reads them back).
Document-level values are plain dataclasses from :mod:`rhetoric.contract.schema`, so the
converter only collects them.

Doc extensions
    ``references``  dict marker -> :class:`rhetoric.contract.schema.Reference` (cleanup)
    ``quotes``      list of :class:`rhetoric.contract.schema.Quote` (attribution)
    ``quantities``  list of :class:`rhetoric.contract.schema.Quantity` (quantities)
    ``doc_speaker`` :class:`rhetoric.contract.schema.Speaker` or None: the whole document is
                    one speaker's speech (``--speaker``/``--role`` metadata)
    ``document_date`` the document's date as 'YYYY-MM-DD' (or 'YYYY-MM', 'YYYY') or None:
                    resolves "this year", "in the first half" (rhetoric.knowledge.dates)
Span extensions (on sentences)
    ``kind``        body | quote | caption | reference | heading (cleanup, attribution)
    ``voice``       official | expert | commentary | boilerplate (cleanup, attribution)
    ``speaker``     resolved speaker name or None (attribution)
    ``role``        speaker role or None (attribution)
    ``optimism``    float in [-1, 1] or None (tone)
    ``tone``        positive | neutral | negative or None (tone)
    ``hedging``     float in [0, 1] or None (tone)
    ``uncertain``   bool or None (tone)
    ``cues``        list of :class:`rhetoric.contract.schema.Cue` (tone)
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "references": lambda: {},
    "quotes": lambda: [],
    "quantities": lambda: [],
    "document_date": lambda: None,
    "doc_speaker": lambda: None,
}
SPAN_EXTENSIONS = {
    "kind": "body",
    "voice": "commentary",
    "speaker": None,
    "role": None,
    "optimism": None,
    "tone": None,
    "hedging": None,
    "uncertain": None,
    "cues": None,
}


def register_extensions() -> None:
    """Register the extensions once; safe to call from every component factory and every Doc."""
    if Doc.has_extension("doc_speaker") and Span.has_extension("cues"):  # the last of each: all are set
        return
    for name in DOC_EXTENSIONS:
        # A mutable default would be shared by every Doc, so Doc values are set per doc
        # by ``ensure_doc_defaults`` instead.
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def ensure_doc_defaults(doc: Doc) -> Doc:
    """Give ``doc`` fresh empty containers for every Doc extension not yet set."""
    register_extensions()
    for name, make in DOC_EXTENSIONS.items():
        if getattr(doc._, name) is None:
            setattr(doc._, name, make())
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy rebuilds ``Doc.text`` from the tokens on every access, so calling it per sentence
    or per item makes a stage quadratic in document length; the stages call this instead.
    """
    text = doc.user_data.get("rhetoric_text")
    if text is None:
        text = doc.user_data["rhetoric_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from (spaCy's tokenizer keeps every
    character, so it is ``doc.text``), sparing one rebuild from the tokens per Doc."""
    doc.user_data["rhetoric_text"] = text


def content_edges(span: Span) -> Optional[tuple[int, int]]:
    """Indices of the first and last non-whitespace tokens of ``span``, or None if it has none.

    Read from both ends, so only the edge tokens are built (most sentences have no space there)."""
    doc, first, last = span.doc, span.start, span.end - 1
    while first <= last and doc[first].is_space:
        first += 1
    if first > last:
        return None
    while doc[last].is_space:
        last -= 1
    return first, last


_last_ents: list = [None, ()]  # (doc, its entity spans): the stages work one Doc at a time


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, built once per Doc.

    ``Doc.ents`` scans every token, and ``Span.ents`` calls it, so asking a sentence or a
    mention for its entities is linear in the document; the stages use this with
    :func:`ents_within` instead. Only the last Doc's entities are kept.
    """
    if _last_ents[0] is not doc:
        _last_ents[:] = [doc, tuple(doc.ents)]
    return _last_ents[1]


def ents_within(span: Span) -> list:
    """The entities of ``span``'s document that lie inside ``span`` (``span.ents``, fast)."""
    return [e for e in doc_ents(span.doc) if e.start >= span.start and e.end <= span.end]
