"""One orchestration for ``rhetoric compare`` and ``rhetoric report``: load -> indicator -> align.

:func:`compare_path` is the library behind ``rhetoric compare``; :func:`load_corpus` and
:func:`indicator_alignment` are the steps ``rhetoric report`` shares with it. Rendering the
results (tables, CSV, JSON, charts, HTML) lives in :mod:`rhetoric.render`, which depends on
this package, never the reverse.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..contract.fields import BOILERPLATE, MEAN_SCORES, voice_rank
from ..contract.schema import Analysis
from ..errors import RhetoricError
from . import stats
from .defaults import DEFAULT_METRIC
from .groups import Comparison, compare
from .inputs import load_analyses
from .logodds import TOP_TERMS
from .timeseries import Alignment, align, indicator_values, period_rows

# Distinctive terms per group in a corpus report (fewer than on the terminal: the page has many tables).
REPORT_TERMS = 8


@dataclass
class Result:
    """What one ``compare`` run produced: a group comparison, an indicator alignment, or both."""

    comparison: Optional[Comparison] = None
    alignment: Optional[Alignment] = None

    def to_dict(self) -> dict:
        return {"comparison": self.comparison.to_dict() if self.comparison else None,
                "alignment": self.alignment.to_dict() if self.alignment else None}


def parse_where(items: Sequence[str]) -> dict:
    """``["voice=official", "country=Russia"]`` -> dict; a malformed item is a user error."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise RhetoricError(f"--where {item}: expected FIELD=VALUE, e.g. voice=official")
        out[name.strip()] = value.strip()
    return out


def load_corpus(path: str, nlp=None, progress: bool = False, what: str = "compare") -> list[Analysis]:
    """Every analysis of ``path`` (see :func:`~rhetoric.compare.inputs.load_analyses`); none is an error."""
    analyses = list(load_analyses(path, nlp=nlp, progress=progress))
    if not analyses:
        raise RhetoricError(f"{path}: no analyses to {what}")
    return analyses


def indicator_alignment(analyses: list[Analysis], indicator: str, indicator_tables: Sequence[str] = (),
                        entity: Optional[str] = None, metric: str = DEFAULT_METRIC, level: str = "doc",
                        period: str = "year", where: Optional[dict] = None,
                        resamples: int = stats.BOOTSTRAP_RESAMPLES, seed: Optional[int] = None) -> Alignment:
    """Tone of ``analyses`` per period lined up with the ``indicator`` series (shipped tables
    plus ``indicator_tables``)."""
    values, unit, sources = indicator_values(indicator, indicator_tables, entity=entity)
    return align(analyses, values, series=indicator, unit=unit, metric=metric, level=level, period=period,
                 where=where, resamples=resamples, seed=seed, sources=sources)


def compare_path(path: str, by: Sequence[str] = (), metric: str = DEFAULT_METRIC, level: str = "doc",
                 period: Optional[str] = None, where: Optional[dict] = None, indicator: Optional[str] = None,
                 indicator_tables: Sequence[str] = (), entity: Optional[str] = None,
                 resamples: int = stats.BOOTSTRAP_RESAMPLES, permutations: int = stats.PERMUTATIONS,
                 correction: str = "holm", seed: Optional[int] = None, terms: int = TOP_TERMS, nlp=None,
                 progress: bool = False) -> Result:
    """Compare groups of the analyses in ``path`` and/or line their tone up with an indicator series."""
    if not by and not indicator:
        raise RhetoricError("compare: give --by FIELD to compare groups, or --indicator SERIES, or both")
    analyses = load_corpus(path, nlp=nlp, progress=progress)
    result = Result()
    if by:
        result.comparison = compare(analyses, by, metric=metric, level=level, period=period, where=where,
                                    resamples=resamples, permutations=permutations, correction=correction,
                                    seed=seed, terms=terms)
    if indicator:
        result.alignment = indicator_alignment(analyses, indicator, indicator_tables, entity=entity, metric=metric,
                                               level=level, period=period or "year", where=where or None,
                                               resamples=resamples, seed=seed)
    return result


@dataclass
class CorpusStats:
    """The statistics of a corpus report: per ``--by`` field one :class:`Comparison` per mean
    score, and per mean score the tone per period of each voice (rows of :func:`period_rows`)."""

    by: dict = field(default_factory=dict)        # field -> {metric: Comparison}
    timeline: dict = field(default_factory=dict)  # metric -> {voice: [period row, ...]}


def corpus_stats(analyses: list[Analysis], by: Sequence[str], level: str = "doc", period: str = "year",
                 resamples: int = stats.BOOTSTRAP_RESAMPLES, permutations: int = stats.PERMUTATIONS,
                 seed: Optional[int] = None, terms: int = REPORT_TERMS) -> CorpusStats:
    """Group comparisons of every mean score by each field of ``by`` (distinctive terms with the
    first score only: they do not depend on it), and each voice's tone per period."""
    out = CorpusStats()
    for name in by:
        out.by[name] = {m: compare(analyses, [name], metric=m, level=level, resamples=resamples,
                                   permutations=permutations, seed=seed, terms=terms if m == MEAN_SCORES[0] else 0)
                        for m in MEAN_SCORES}
    voices = sorted({s.voice for a in analyses for s in a.sentences if s.voice and s.voice != BOILERPLATE},
                    key=voice_rank)
    for m in MEAN_SCORES:
        out.timeline[m] = {v: period_rows(analyses, m, level, period, {"voice": v}, resamples, seed) for v in voices}
    return out
