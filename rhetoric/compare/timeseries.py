"""Framing against indicators over time: mean official optimism per period beside a series.

``align`` takes the analyses and an indicator as a plain ``{period: value}`` mapping (read
from the indicator tables by :func:`indicator_values`), and returns one row per period with
the tone mean, its bootstrap CI, the indicator's value and its change from the previous
period, plus the correlations of tone with the level and with the change.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from ..contract.fields import OFFICIAL
from ..contract.schema import Analysis
from ..errors import RhetoricError
from ..knowledge.indicators import load_tables
from . import stats
from .defaults import DEFAULT_METRIC
from .groups import collect, natural_key, unit_values

DEFAULT_WHERE = {"voice": OFFICIAL}
BILLION = 1e9


@dataclass
class PeriodRow:
    """One period: tone (documents, sentences, mean, CI) and the indicator (value, change in %)."""

    period: str
    documents: int
    sentences: int
    mean: Optional[float]
    ci_low: Optional[float]
    ci_high: Optional[float]
    value: Optional[float]
    change: Optional[float]


@dataclass
class Alignment:
    """The aligned table and the correlations of tone with the indicator's level and change."""

    series: str
    unit: Optional[str]
    metric: str
    where: dict
    period: str
    rows: list = field(default_factory=list)
    r_level: Optional[float] = None
    r_change: Optional[float] = None
    spearman_level: Optional[float] = None
    spearman_change: Optional[float] = None
    n_level: int = 0
    n_change: int = 0
    sources: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


def changes(values: Mapping[str, float]) -> dict[str, Optional[float]]:
    """Percent change of each period from the one before it in the series (None for the first)."""
    ordered = sorted(values, key=natural_key)
    out: dict[str, Optional[float]] = {}
    for before, now in zip([None] + ordered[:-1], ordered):
        prev = values.get(before) if before is not None and _consecutive(before, now) else None
        out[now] = round((values[now] - prev) / abs(prev) * 100.0, 2) if prev else None
    return out


def _consecutive(before: str, now: str) -> bool:
    """Years must follow each other (a gap in the table is no "change from last year")."""
    if before.isdigit() and now.isdigit():
        return int(now) - int(before) == 1
    return True


def period_rows(analyses: Iterable[Analysis], metric: str = DEFAULT_METRIC, level: str = "doc", period: str = "year",
                where: Optional[dict] = None, resamples: int = stats.BOOTSTRAP_RESAMPLES,
                seed: Optional[int] = None) -> list[dict]:
    """Tone per period (documents, sentences, mean and bootstrap CI) of the sentences passing ``where``."""
    groups, _ = collect(analyses, ["date"], metric, period, where)
    rows = []
    for p in sorted(groups, key=natural_key):
        ci = stats.mean_ci(unit_values(groups[p], level), resamples, seed=seed)
        rows.append({"period": p, "documents": len(groups[p].docs), "sentences": groups[p].sentences,
                     "mean": _r(ci.estimate), "ci_low": _r(ci.low), "ci_high": _r(ci.high)})
    return rows


def align(analyses: Iterable[Analysis], values: Mapping[str, float], series: str = "", unit: Optional[str] = None,
          metric: str = DEFAULT_METRIC, level: str = "doc", period: str = "year", where: Optional[dict] = None,
          resamples: int = stats.BOOTSTRAP_RESAMPLES, seed: Optional[int] = None,
          sources: Optional[Mapping[str, str]] = None) -> Alignment:
    """Line up per-period tone (default: official sentences' optimism) with an indicator series."""
    where = dict(DEFAULT_WHERE if where is None else where)
    tone_rows = {r["period"]: r for r in period_rows(analyses, metric, level, period, where, resamples, seed)}
    delta = changes(values)
    result = Alignment(series=series, unit=unit, metric=metric, where=where, period=period)
    # Periods with tone; the indicator's other years only feed the year-on-year change.
    for p in sorted(tone_rows or values, key=natural_key):
        t = tone_rows.get(p, {})
        result.rows.append(PeriodRow(p, t.get("documents", 0), t.get("sentences", 0), t.get("mean"),
                                     t.get("ci_low"), t.get("ci_high"), values.get(p), delta.get(p)))
    for row in result.rows:
        source = (sources or {}).get(row.period)
        if row.value is not None and source and source not in result.sources:
            result.sources.append(source)
    tone = [row.mean for row in result.rows]
    result.r_level, result.n_level = _rr(stats.correlation(tone, [row.value for row in result.rows]))
    result.r_change, result.n_change = _rr(stats.correlation(tone, [row.change for row in result.rows]))
    result.spearman_level = _r(stats.spearman(tone, [row.value for row in result.rows])[0])
    result.spearman_change = _r(stats.spearman(tone, [row.change for row in result.rows])[0])
    return result


def _r(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _rr(pair: tuple) -> tuple:
    return _r(pair[0]), pair[1]


def indicator_values(series: str, tables: Sequence[str] = (), entity: Optional[str] = None,
                     counterpart: Optional[str] = None) -> tuple[dict, Optional[str], dict]:
    """``{period: value}``, the unit and ``{period: source}`` of one series from the indicator tables.

    Reads the shipped tables plus the user's ``tables`` on top of them (as ``analyze
    --indicators`` does) with :func:`rhetoric.knowledge.indicators.load_tables`.
    A table may hold the same series as reported by several entities (China's customs and
    Russia's); without ``entity`` the one with the most periods is used, so the line is
    one consistent source. Within it a verified row wins over an unverified one. Money in
    billions is shown in billions.
    """
    table = load_tables(list(tables))
    rows = [r for r in table if r.series.lower() == series.lower()
            and (counterpart is None or r.counterpart.lower() == counterpart.lower())]
    if not rows:
        known = sorted({r.series for r in table})
        raise RhetoricError(f"--indicator: no series '{series}' in the indicator tables (known: {', '.join(known)})")
    if entity is None:
        counts = Counter(r.entity for r in rows)
        entity = max(counts, key=lambda e: (counts[e], e))
    rows = [r for r in rows if r.entity.lower() == entity.lower()]
    if not rows:
        raise RhetoricError(f"--indicator: series '{series}' has no rows for entity '{entity}'")
    rows.sort(key=lambda r: not r.verified)
    values: dict[str, float] = {}
    sources: dict[str, str] = {}
    for row in rows:
        if row.period not in values:
            values[row.period] = row.value
            sources[row.period] = row.source
    unit = rows[0].unit
    if all(abs(v) >= BILLION for v in values.values()) and unit not in ("percent", "pp", "rank", "count"):
        values = {p: round(v / BILLION, 4) for p, v in values.items()}
        unit = f"{unit} billion"
    return values, f"{unit}, {entity}" if unit else entity, sources
