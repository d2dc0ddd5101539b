"""The one converter: what the rhetoric components left on a ``Doc`` -> :class:`~rhetoric.contract.schema.Analysis`.

Everything after :func:`doc_to_analysis` works on the plain dataclasses and never needs spaCy.
"""
from __future__ import annotations

from typing import Optional

from ..contract.schema import Analysis, Sentence, shift
from .extensions import content_edges, doc_text


def trimmed(span) -> tuple[int, int]:
    """Character offsets of ``span`` without its leading and trailing whitespace tokens."""
    edges = content_edges(span)
    if edges is None:
        return span.start_char, span.start_char
    first, last = span.doc[edges[0]], span.doc[edges[1]]
    return first.idx, last.idx + len(last.text)


def sentence_from_span(span, text: str, offset: int = 0) -> Optional[Sentence]:
    """A :class:`Sentence` from a sentence span of a doc whose text is ``text``, or None for
    whitespace only. ``text`` is passed in because spaCy rebuilds ``Doc.text`` on each access."""
    start, end = trimmed(span)
    if start == end:
        return None
    ext = span._
    return Sentence(
        start=start + offset, end=end + offset, text=text[start:end],
        kind=ext.kind, voice=ext.voice, speaker=ext.speaker, role=ext.role,
        speaker_key=ext.speaker_key, because=ext.because,
        optimism=ext.optimism, tone=ext.tone, hedging=ext.hedging, uncertain=ext.uncertain,
        cues=[shift(c, offset) for c in (ext.cues or [])])


def doc_to_analysis(doc, doc_id: str = "", meta: Optional[dict] = None, offset: int = 0) -> Analysis:
    """Collect what the rhetoric components left on ``doc`` into an :class:`Analysis`.

    ``offset`` moves every character offset, for documents processed in parts.
    Summaries are not computed here; :func:`finish` does that once all parts are in.
    """
    text = doc_text(doc)
    sentences = [s for s in (sentence_from_span(span, text, offset) for span in doc.sents) if s]
    return Analysis(
        id=doc_id, text=text, meta=dict(meta or {}), sentences=sentences,
        quotes=[shift(q, offset) for q in (doc._.quotes or [])],
        quantities=[shift(q, offset) for q in (doc._.quantities or [])],
        references=[shift(r, offset) for r in (doc._.references or {}).values()])
