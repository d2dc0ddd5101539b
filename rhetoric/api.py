"""The library entry points: text or file in, :class:`~rhetoric.contract.schema.Analysis` out.

Long texts are processed in parts cut at paragraph (else line, else sentence-like)
boundaries, so a 5 MB speech never meets spaCy's ``max_length`` and memory stays
bounded; the parts' analyses are merged with their offsets moved into the whole text.
"""
from __future__ import annotations

import logging
import re
from typing import Iterable, Iterator, Optional, Sequence

from spacy.language import Language

from .contract.schema import Analysis, merge
from .nlp.convert import doc_to_analysis
from .contract.summary import summarise
from .nlp.extensions import ensure_doc_defaults, remember_text, set_doc_date, set_doc_meta, set_doc_speaker
from .io.readers import Document, read_path
from .nlp.pipeline import load_pipeline
from .reality import run_checks
from .knowledge.dates import date_record

log = logging.getLogger("rhetoric")

# Parts of at most this many characters: far below spaCy's default max_length
# (1,000,000), and small enough that the parser's memory stays modest.
PART_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_parts(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, part)`` pieces of at most ``limit`` characters.

    Each cut falls at the last paragraph break before the limit, else the last line
    break, sentence end or space; only a text without any of these is cut mid-word.
    """
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 2]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def dated(text: str, doc_id: str, meta: Optional[dict], date: Optional[str] = None) -> Optional[dict]:
    """The Analysis ``date`` of a document (``date`` is ``--date``); an unreadable metadata date
    is a one-line warning naming the record, not an error."""
    return date_record(text, meta, date, warn=lambda message: log.warning(
        "rhetoric: warning: record %s: %s", doc_id or "?", message.split(": ", 1)[-1]))


def prepare(nlp: Language, text: str, meta: Optional[dict] = None, date: Optional[dict] = None):
    """A tokenised Doc with rhetoric's Doc extensions reset, ready for the pipes.

    The metadata's ``speaker``/``role``, the metadata itself and the document's date
    (``date``: its :func:`dated` record) go to the pipeline as ``doc.user_data`` (see
    :mod:`rhetoric.nlp.extensions`), the route any caller's nlp can use."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    ensure_doc_defaults(doc)
    set_doc_speaker(doc, (meta or {}).get("speaker"), (meta or {}).get("role"))
    # the date found (dateline, --date) also dates the speakers' roles
    set_doc_meta(doc, {**(meta or {}), "date": date["value"]} if date else meta)
    set_doc_date(doc, date["value"] if date else None)
    return doc


def finish(analysis: Analysis, indicators: Optional[Sequence[str]] = None, date: Optional[dict] = None,
           country: Optional[str] = None) -> Analysis:
    """Compute what needs the whole document: summaries, then the reality checks and the gap.

    ``indicators`` are extra indicator CSV paths, read on top of the shipped tables; ``country``
    is the speaker's country (``--country``), else the metadata's.
    """
    analysis.date = date
    analysis.summary = summarise(analysis)
    return run_checks(analysis, indicators, country)


def analyze_text(text: str, doc_id: str = "", meta: Optional[dict] = None,
                 nlp: Optional[Language] = None, indicators: Optional[Sequence[str]] = None,
                 date: Optional[str] = None, country: Optional[str] = None) -> Analysis:
    """Analyse one text: who speaks, tone, figures, checks. ``nlp`` defaults to the shared pipeline.

    ``date`` (YYYY-MM-DD, YYYY-MM or YYYY) overrides the document's own date; ``country`` names
    the speaker's country ("our economy"); a ``date`` or ``country`` that is not one raises RhetoricError.
    """
    nlp = nlp or load_pipeline()
    when = dated(text, doc_id, meta, date)
    analyses = [doc_to_analysis(nlp(prepare(nlp, part, meta, when)), doc_id, meta, offset)
                for offset, part in split_parts(text)]
    return finish(merge(analyses, doc_id, text, meta), indicators, when, country)


def analyze_document(document: Document, nlp: Optional[Language] = None,
                     indicators: Optional[Sequence[str]] = None, date: Optional[str] = None,
                     country: Optional[str] = None) -> Analysis:
    """Analyse a :class:`~rhetoric.io.readers.Document` (id, text and metadata)."""
    return analyze_text(document.text, document.id, document.meta, nlp=nlp, indicators=indicators,
                        date=date, country=country)


def analyze_path(path: str, nlp: Optional[Language] = None, doc_id: Optional[str] = None,
                 meta: Optional[dict] = None, indicators: Optional[Sequence[str]] = None,
                 date: Optional[str] = None, country: Optional[str] = None) -> Analysis:
    """Read a file (``-`` for stdin) and analyse it."""
    return analyze_document(read_path(path, doc_id=doc_id, meta=meta), nlp=nlp, indicators=indicators,
                            date=date, country=country)


def analyze_many(documents: Iterable[Document], nlp: Optional[Language] = None,
                 batch_size: int = 32, indicators: Optional[Sequence[str]] = None) -> Iterator[Analysis]:
    """Analyse a stream of documents with ``nlp.pipe``; long documents go in parts."""
    nlp = nlp or load_pipeline()

    def parts() -> Iterator[tuple]:
        for number, document in enumerate(documents):
            pieces = split_parts(document.text)
            when = dated(document.text, document.id, document.meta)
            for index, (offset, part) in enumerate(pieces):
                yield (prepare(nlp, part, document.meta, when),
                       (number, document, offset, index == len(pieces) - 1, when))

    pending: list[Analysis] = []
    for doc, (number, document, offset, last, when) in nlp.pipe(parts(), as_tuples=True, batch_size=batch_size):
        pending.append(doc_to_analysis(doc, document.id, document.meta, offset))
        if last:
            yield finish(merge(pending, document.id, document.text, document.meta), indicators, when)
            pending = []
