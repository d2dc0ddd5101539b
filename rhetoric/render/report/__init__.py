"""Self-contained HTML reports: one document highlighted, or a corpus compared.

The page is one file with its CSS and SVG charts inline; it fetches nothing and runs no
script. Templates (``page.html``, ``report.css``) ship as package data next to this module.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from ...compare import stats
from ...compare.inputs import is_document, load_analyses
from ...compare.run import corpus_stats, indicator_alignment, load_corpus
from ...errors import RhetoricError
from .corpus import DEFAULT_BY, corpus_report
from .document import document_report


def build_report(path: str, by: Sequence[str] = DEFAULT_BY, level: str = "doc", period: str = "year",
                 indicator: Optional[str] = None, indicator_tables: Sequence[str] = (),
                 entity: Optional[str] = None,
                 doc_id: Optional[str] = None, title: Optional[str] = None,
                 resamples: int = stats.BOOTSTRAP_RESAMPLES, permutations: int = stats.PERMUTATIONS,
                 seed: Optional[int] = None, nlp=None, progress: bool = False) -> str:
    """The HTML report for ``path``: a document report for one text file (or ``doc_id`` of a
    corpus), else a corpus report comparing the groups ``by`` and, with ``indicator``, tone
    against that indicator series (shipped tables plus ``indicator_tables``)."""
    if is_document(path):
        return document_report(next(iter(load_analyses(path, nlp=nlp, progress=progress))), title=title)
    if doc_id is not None:
        for analysis in load_analyses(path, nlp=nlp, progress=progress):
            if str(analysis.id) == doc_id:
                return document_report(analysis, title=title)
        raise RhetoricError(f"{path}: no document with id '{doc_id}'")
    analyses = load_corpus(path, nlp=nlp, progress=progress, what="report")
    alignment = None
    if indicator:
        alignment = indicator_alignment(analyses, indicator, indicator_tables, entity=entity, level=level,
                                        period=period, resamples=resamples, seed=seed)
    computed = corpus_stats(analyses, by, level=level, period=period, resamples=resamples,
                            permutations=permutations, seed=seed)
    return corpus_report(analyses, computed, by=by, level=level, period=period, alignment=alignment,
                         title=title or f"Corpus report: {Path(path).name}", seed=seed)


def write_report(path: str, out: str, **options) -> str:
    """Build the report for ``path`` and write it to ``out``; return ``out``."""
    html = build_report(path, **options)
    tmp = Path(f"{out}.tmp-{os.getpid()}")  # renamed when complete: never a half-written report
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as err:
        raise RhetoricError(f"--out {out}: cannot write ({err.strerror})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out


__all__ = ["build_report", "corpus_report", "document_report", "write_report"]
