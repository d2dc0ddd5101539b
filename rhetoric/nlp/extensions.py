"""Every ``Doc``/``Span`` extension rhetoric sets, registered in one place.

Sentence-level values live on the sentence spans of ``doc.sents`` (spaCy keeps span
extension values by character offsets, so a sentence span made again reads them back).
Document-level values are plain dataclasses from :mod:`rhetoric.contract.schema`, so the
converter only collects them.

Doc extensions
    ``references``  dict marker -> :class:`rhetoric.contract.schema.Reference` (cleanup)
    ``quotes``      list of :class:`rhetoric.contract.schema.Quote` (attribution)
    ``quantities``  list of :class:`rhetoric.contract.schema.Quantity` (quantities)
Span extensions (on sentences)
    ``kind``        body | quote | caption | reference | heading (cleanup, attribution)
    ``voice``       official | expert | press | other | commentary | boilerplate (cleanup, attribution)
    ``speaker``     resolved speaker name or None (attribution)
    ``role``        speaker role or None (attribution)
    ``speaker_key`` stable person key of the speaker or None (attribution)
    ``because``     why the sentence has its voice: the cue, turn label or quote (attribution)
    ``optimism``    float in [-1, 1] or None (tone)
    ``tone``        positive | neutral | negative or None (tone)
    ``hedging``     float in [0, 1] or None (tone)
    ``uncertain``   bool or None (tone)
    ``cues``        list of :class:`rhetoric.contract.schema.Cue` (tone)
    ``cut``         "clause" | "token" if a forced cut opened the sentence, else None
                    (segmenter; read from :data:`CUTS_KEY`)

Each factory declares these as spaCy ``assigns``/``requires`` ("doc._.quotes",
"span._.voice"), so ``nlp.analyze_pipes()`` reports a stage placed before the one it reads.

Input from the caller (``Doc.user_data``, plain data, set before the pipes run)
    ``"rhetoric_speaker"``  (:data:`SPEAKER_KEY`) ``{"speaker": name, "role": role or None}``:
                    the whole document is this speaker's speech (``--speaker``/``--role``
                    metadata). The attribution stage resolves it and gives it to every
                    sentence no quote claims. Set it with :func:`set_doc_speaker`.
    ``"rhetoric_meta"``  (:data:`META_KEY`) the document's metadata as a dict (``date``,
                    ``title``, ``transcript`` true/false to force or forbid transcript reading):
                    the context attribution needs for dated roles. Set it with
                    :func:`set_doc_meta`.
    ``"rhetoric_date"``  (:data:`DATE_KEY`) the document's date as 'YYYY-MM-DD' (or 'YYYY-MM',
                    'YYYY'): resolves "this year", "in the first half" (rhetoric.knowledge.dates).
                    Set it with :func:`set_doc_date`.
"""
from __future__ import annotations

import bisect
from typing import Optional

from spacy.tokens import Doc, Span

from ..contract.schema import SENTENCE_VALUES, Sentence

DOC_EXTENSIONS = {
    "references": lambda: {},
    "quotes": lambda: [],
    "quantities": lambda: [],
}
# One span extension per value of a contract ``Sentence`` (its default the field's default),
# so a new sentence score needs no line here.
SPAN_EXTENSIONS = {name: Sentence.__dataclass_fields__[name].default for name in SENTENCE_VALUES}
SPAN_EXTENSIONS["cues"] = None
# Values computed from the Doc rather than stored on the span.
SPAN_GETTERS = {"cut": lambda span: span.doc.user_data.get(CUTS_KEY, {}).get(span.start)}
# ``Doc.user_data`` keys: the caller's per-document speaker, and caches the stages share.
SPEAKER_KEY = "rhetoric_speaker"
META_KEY = "rhetoric_meta"
DATE_KEY = "rhetoric_date"
TEXT_KEY = "rhetoric_text"
ENTS_KEY = "rhetoric_ents"
ENT_STARTS_KEY = "rhetoric_ent_starts"
# token index -> "clause" | "token": the sentence starts the segmenter forced (sentence_limits)
CUTS_KEY = "rhetoric_sentence_cuts"


def register_extensions() -> None:
    """Register the extensions once; safe to call from every component factory and every Doc."""
    if Doc.has_extension("quantities") and all(Span.has_extension(name) for name in SPAN_EXTENSIONS):
        return
    for name in DOC_EXTENSIONS:
        # A mutable default would be shared by every Doc, so Doc values are set per doc
        # by ``ensure_doc_defaults`` instead.
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            if name in SPAN_GETTERS:
                Span.set_extension(name, getter=SPAN_GETTERS[name])
            else:
                Span.set_extension(name, default=default)


def ensure_doc_defaults(doc: Doc) -> Doc:
    """Give ``doc`` fresh empty containers for every Doc extension not yet set."""
    register_extensions()
    for name, make in DOC_EXTENSIONS.items():
        if getattr(doc._, name) is None:
            setattr(doc._, name, make())
    return doc


def set_doc_speaker(doc: Doc, name: Optional[str], role: Optional[str] = None) -> Doc:
    """Declare the whole of ``doc`` one speaker's speech (a no-op without a name).

    Works on any ``Doc`` before the attribution stage runs, in anyone's pipeline:
    ``nlp(set_doc_speaker(nlp.make_doc(text), "Jane Doe", "minister"))``.
    """
    if name and str(name).strip():
        doc.user_data[SPEAKER_KEY] = {"speaker": name, "role": role}
    return doc


def set_doc_meta(doc: Doc, meta: Optional[dict]) -> Doc:
    """Give the stages the document's metadata (see :data:`META_KEY`); works in anyone's pipeline."""
    doc.user_data[META_KEY] = dict(meta or {})
    return doc


def doc_meta(doc: Doc) -> dict:
    """The metadata set by :func:`set_doc_meta`, or an empty dict."""
    return doc.user_data.get(META_KEY) or {}


def set_doc_date(doc: Doc, value: Optional[str]) -> Doc:
    """Give the stages the document's date (see :data:`DATE_KEY`); None when it has none."""
    doc.user_data[DATE_KEY] = value
    return doc


def doc_date(doc: Doc) -> Optional[str]:
    """The date set by :func:`set_doc_date`, or None."""
    return doc.user_data.get(DATE_KEY)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy rebuilds ``Doc.text`` from the tokens on every access, so calling it per sentence
    or per item makes a stage quadratic in document length; the stages call this instead.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from (spaCy's tokenizer keeps every
    character, so it is ``doc.text``), sparing one rebuild from the tokens per Doc."""
    doc.user_data[TEXT_KEY] = text


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


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, built once per Doc (kept in its ``user_data``).

    ``Doc.ents`` scans every token, and ``Span.ents`` calls it, so asking a sentence or a
    mention for its entities is linear in the document; the stages use this with
    :func:`ents_within` instead. Our stages run after NER and never change ``doc.ents``.
    """
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
        doc.user_data[ENT_STARTS_KEY] = [e.start for e in ents]
    return ents


def ents_within(span: Span) -> list:
    """The entities of ``span``'s document that lie inside ``span`` (``span.ents``, fast).

    Entities are sorted and do not overlap, so the search starts at the first one at or
    after the span (bisect) and stops at the span's end: a sentence costs its own
    entities, not the document's.
    """
    ents = doc_ents(span.doc)
    out = []
    for index in range(bisect.bisect_left(span.doc.user_data[ENT_STARTS_KEY], span.start), len(ents)):
        entity = ents[index]
        if entity.start >= span.end:
            break
        if entity.end <= span.end:
            out.append(entity)
    return out
