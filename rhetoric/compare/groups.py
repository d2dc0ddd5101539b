"""Group analyses by metadata, voice, speaker or period, and compare the groups.

Input is a stream of :class:`~rhetoric.contract.schema.Analysis` objects. Each sentence gets a group key
from the ``--by`` fields; at the document level the sentences of one document that share
a key are averaged first, so each document counts once per group (sentences of one
article are not independent observations, which is why ``doc`` is the default level).
Boilerplate sentences are left out, as in the document summaries.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Optional, Sequence

from ..contract.fields import BOILERPLATE
from ..contract.schema import Analysis, Sentence
from ..errors import RhetoricError
from . import stats
from .defaults import DEFAULT_METRIC, LEVELS, METRICS, PERIODS
from .logodds import TOP_TERMS, Term, distinctive_terms
from ..reality.rollup import check_rollup

# Fields read from the sentence first (what attribution found), then from the document
# metadata (a whole document that is one person's statement).
SENTENCE_FIELDS = ("voice", "speaker", "role")
# Pairwise comparisons up to this many groups (28 pairs); above it each group is held
# against all the others, so 50 speakers do not make 1,225 tests nobody can read.
PAIRWISE_MAX_GROUPS = 8
KEY_SEPARATOR = " / "
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ].*)?$")


@dataclass
class GroupStat:
    """One group: how many documents and sentences, and the mean metric with its 95% CI."""

    group: str
    documents: int
    sentences: int
    n: int
    mean: Optional[float]
    ci_low: Optional[float]
    ci_high: Optional[float]


@dataclass
class PairStat:
    """One comparison: ``group`` minus ``other`` (``other`` may be "rest")."""

    group: str
    other: str
    difference: Optional[float]
    ci_low: Optional[float]
    ci_high: Optional[float]
    cliffs_delta: Optional[float]
    cohens_d: Optional[float]
    p: Optional[float]
    p_adjusted: Optional[float]


@dataclass
class Comparison:
    """Everything ``rhetoric compare`` reports, as plain data."""

    by: list
    metric: str
    level: str
    period: Optional[str]
    mode: str
    correction: Optional[str]
    effect_size: str
    groups: list = field(default_factory=list)
    pairs: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)
    dropped_sentences: int = 0
    notes: list = field(default_factory=list)
    checks: list = field(default_factory=list)  # reality checks per group (rhetoric.reality.rollup.CheckRow)
    resamples: int = stats.BOOTSTRAP_RESAMPLES
    permutations: int = stats.PERMUTATIONS

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


def bin_date(value: object, period: str) -> Optional[str]:
    """``2015-05-09`` -> ``2015`` / ``2015-Q2`` / ``2015-05``; None when not a date."""
    match = _DATE.match(str(value).strip()) if value is not None else None
    if not match:
        return None
    year, month = match.group(1), match.group(2)
    if period == "year":
        return year
    if not month or not 1 <= int(month) <= 12:
        return None
    if period == "quarter":
        return f"{year}-Q{(int(month) - 1) // 3 + 1}"
    return f"{year}-{int(month):02d}"


def is_date_field(name: str) -> bool:
    """Fields binned into periods: ``date`` and names ending in ``date`` or ``_at``."""
    base = name.split(".", 1)[-1].lower()
    return base.endswith("date") or base.endswith("_at")


def field_value(analysis: Analysis, sentence: Optional[Sentence], name: str, period: Optional[str]) -> Optional[str]:
    """The value of one ``--by`` field for a sentence of ``analysis`` (None: not known)."""
    meta = analysis.meta
    if name.startswith("meta."):
        name, value = name[5:], meta.get(name[5:])
    elif name in ("id", "doc"):
        value = analysis.id
    elif name in SENTENCE_FIELDS:
        value = (getattr(sentence, name) if sentence is not None else None) or meta.get(name)
    else:
        value = meta.get(name)
    if value is None or value == "":
        return None
    if is_date_field(name):
        return bin_date(value, period or "year")
    return str(value)


def metric_value(sentence: Sentence, metric: str) -> Optional[float]:
    """The sentence's value of ``metric`` as a number (``uncertain`` true -> 1.0)."""
    value = getattr(sentence, metric)
    if value is None:
        return None
    return float(value)


@dataclass
class _Group:
    docs: set = field(default_factory=set)
    sentences: int = 0
    texts: list = field(default_factory=list)
    per_doc: dict = field(default_factory=dict)  # doc id -> list of sentence values
    values: list = field(default_factory=list)   # sentence values


def _check(by: Sequence[str], metric: str, level: str, period: Optional[str]) -> None:
    if not by:
        raise RhetoricError("compare: give at least one --by FIELD (e.g. --by voice or --by outlet)")
    if metric not in METRICS:
        raise RhetoricError(f"compare: unknown metric '{metric}'; choose one of {', '.join(METRICS)}")
    if level not in LEVELS:
        raise RhetoricError(f"compare: unknown level '{level}'; choose doc or sentence")
    if period is not None and period not in PERIODS:
        raise RhetoricError(f"compare: unknown period '{period}'; choose year, quarter or month")


def matches(analysis: Analysis, sentence: Sentence, where: dict, period: Optional[str]) -> bool:
    """Whether a sentence passes the ``--where FIELD=VALUE`` filters."""
    return all(field_value(analysis, sentence, k, period) == v for k, v in where.items())


def collect(analyses: Iterable[Analysis], by: Sequence[str], metric: str = DEFAULT_METRIC,
            period: Optional[str] = None, where: Optional[dict] = None) -> tuple[dict, int]:
    """Group the sentences of ``analyses``: key -> _Group, and how many sentences had no key."""
    groups: dict[str, _Group] = {}
    dropped = 0
    per_sentence = [name in SENTENCE_FIELDS for name in by]
    for analysis in analyses:
        doc_id = analysis.id
        # Metadata fields are the same for every sentence of a document: look them up once.
        fixed = [None if s else field_value(analysis, None, name, period) for name, s in zip(by, per_sentence)]
        if any(v is None and not s for v, s in zip(fixed, per_sentence)):
            dropped += len(analysis.sentences)
            continue
        for sentence in analysis.sentences:
            if sentence.voice == BOILERPLATE:
                continue
            if where and not matches(analysis, sentence, where, period):
                continue
            parts = [field_value(analysis, sentence, name, period) if s else v
                     for name, s, v in zip(by, per_sentence, fixed)]
            if None in parts:
                dropped += 1
                continue
            group = groups.get(KEY_SEPARATOR.join(parts))
            if group is None:
                group = groups[KEY_SEPARATOR.join(parts)] = _Group()
            group.docs.add(doc_id)
            group.sentences += 1
            group.texts.append(sentence.text or "")
            value = metric_value(sentence, metric)
            if value is not None:
                group.values.append(value)
                group.per_doc.setdefault(doc_id, []).append(value)
    return groups, dropped


def unit_values(group: _Group, level: str) -> list[float]:
    """The observations of a group: one mean per document, or one value per sentence."""
    if level == "sentence":
        return list(group.values)
    return [sum(v) / len(v) for v in group.per_doc.values()]


def natural_key(text: str) -> list:
    """Sort key that puts ``2015-Q2`` before ``2015-Q10`` and numbers in numeric order."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]


def _r(value: Optional[float], digits: int = 4) -> Optional[float]:
    return None if value is None else round(value, digits)


def compare(analyses: Iterable[Analysis], by: Sequence[str], metric: str = DEFAULT_METRIC, level: str = "doc",
            period: Optional[str] = None, where: Optional[dict] = None,
            resamples: int = stats.BOOTSTRAP_RESAMPLES, permutations: int = stats.PERMUTATIONS,
            correction: str = "holm", seed: Optional[int] = None, terms: int = TOP_TERMS,
            min_units: int = 0) -> Comparison:
    """Compare groups of sentences or documents on one tone metric.

    Returns per-group means with bootstrap CIs, pairwise (or one-vs-rest) differences with
    a bootstrap CI, Cliff's delta, Cohen's d, permutation p-values adjusted by
    ``correction`` (``holm`` or ``fdr_bh``) when there are more than two groups, and the
    ``terms`` most distinctive words of each group (weighted log-odds, Monroe et al. 2008).
    """
    by = list(by)
    _check(by, metric, level, period)
    if correction not in stats.CORRECTIONS:
        raise RhetoricError(f"compare: unknown correction '{correction}'; choose {', '.join(stats.CORRECTIONS)}")
    analyses = list(analyses)
    collected, dropped = collect(analyses, by, metric, period, where)
    names = sorted(collected, key=natural_key)
    values = {g: unit_values(collected[g], level) for g in names}
    names = [g for g in names if len(values[g]) >= min_units]
    result = Comparison(by=by, metric=metric, level=level, period=period, mode="pairwise",
                        correction=None, effect_size="cliffs_delta", dropped_sentences=dropped,
                        resamples=resamples, permutations=permutations)
    for g in names:
        ci = stats.mean_ci(values[g], resamples, seed=seed)
        result.groups.append(GroupStat(g, len(collected[g].docs), collected[g].sentences, len(values[g]),
                                       _r(ci.estimate), _r(ci.low), _r(ci.high)))
    if len(names) > PAIRWISE_MAX_GROUPS:
        result.mode = "one_vs_rest"
        pairs = [(g, "rest", values[g], [v for h in names if h != g for v in values[h]]) for g in names]
    else:
        pairs = [(a, b, values[a], values[b]) for a, b in itertools.combinations(names, 2)]
    result.pairs = [_pair(a, b, x, y, resamples, permutations, seed) for a, b, x, y in pairs]
    result.notes = method_notes([len(v) for v in values.values()], [len(x) + len(y) for _, _, x, y in pairs],
                                resamples, permutations)
    if len(names) > 2:
        result.correction = correction
        adjusted = stats.CORRECTIONS[correction]([p.p for p in result.pairs])
        for pair, p in zip(result.pairs, adjusted):
            pair.p_adjusted = _r(p)
    else:
        for pair in result.pairs:
            pair.p_adjusted = pair.p
    result.checks = [asdict(row) for row in check_rollup(analyses, lambda a, s: _check_key(a, s, by, period, where))]
    if terms:
        found = distinctive_terms({g: collected[g].texts for g in names}, top=terms)
        result.terms = {g: [asdict(t) for t in found.get(g, [])] for g in names}
    return result


def _check_key(analysis: Analysis, sentence: Optional[Sentence], by: Sequence[str], period: Optional[str],
               where: Optional[dict]) -> Optional[str]:
    """The group of a figure: the ``--by`` values of the sentence it stands in (None: left out)."""
    if where and not matches(analysis, sentence, where, period):
        return None
    parts = [field_value(analysis, sentence, name, period) for name in by]
    return None if None in parts else KEY_SEPARATOR.join(parts)


def method_notes(group_sizes: list, pair_sizes: list, resamples: int, permutations: int) -> list[str]:
    """Say where big groups got fewer resamples or the large-sample formulas (see stats)."""
    notes = []
    sizes = group_sizes + pair_sizes
    if any(stats.too_big(n) for n in sizes):
        notes.append(f"groups or pairs of {stats.LARGE_SAMPLE:,}+ values use the normal-approximation CI "
                     "and Welch's z-test instead of resampling")
    if any(not stats.too_big(n) and (stats.affordable(resamples, n) < resamples
                                     or stats.affordable(permutations, n) < permutations) for n in sizes):
        notes.append(f"resampling counts lowered for big groups (at most {stats.DRAW_BUDGET:,} draws per test)")
    return notes


def _pair(a: str, b: str, x: list, y: list, resamples: int, permutations: int, seed: Optional[int]) -> PairStat:
    diff = stats.difference_ci(x, y, resamples, seed=seed)
    return PairStat(a, b, _r(diff.estimate), _r(diff.low), _r(diff.high), _r(stats.cliffs_delta(x, y)),
                    _r(stats.cohens_d(x, y)), _r(stats.permutation_p(x, y, permutations, seed=seed)), None)


__all__ = ["Comparison", "GroupStat", "PairStat", "Term", "compare", "collect", "bin_date", "field_value"]
