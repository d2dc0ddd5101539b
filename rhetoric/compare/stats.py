"""The statistics behind ``rhetoric compare``: bootstrap intervals, effect sizes, permutation tests.

Plain numbers in, plain numbers out (numpy arrays inside), so each function can be checked
on constructed data with a known answer. Randomness comes from a seeded generator: the
same data and seed give the same interval and p-value.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .defaults import BOOTSTRAP_RESAMPLES, PERMUTATIONS, SEED  # noqa: F401 - the defaults of these functions

CONFIDENCE = 0.95
# Above this many values, resampling works in chunks so memory stays bounded.
_CHUNK_CELLS = 2_000_000
# Resampling cost grows with resamples x group size (about 0.1 s per 10^6 shuffled values
# here). Up to DRAW_BUDGET values per interval or test the full counts run; beyond it
# the count drops (never below MIN_RESAMPLES). From LARGE_SAMPLE values on, the
# large-sample formulas are used instead (normal CI of a mean, Welch's z-test for a
# difference): at such sizes they agree with the bootstrap and permutation results to
# the third decimal, and a million-sentence corpus is compared in seconds.
DRAW_BUDGET = 10_000_000
MIN_RESAMPLES = 500
LARGE_SAMPLE = 20_000
Z95 = 1.959964  # two-sided 95% normal quantile


def affordable(requested: int, size: int) -> int:
    """How many resamples/permutations of ``size`` values fit in :data:`DRAW_BUDGET`."""
    return max(min(MIN_RESAMPLES, requested), min(requested, DRAW_BUDGET // max(1, size)))


def too_big(size: int) -> bool:
    """Whether ``size`` values get the large-sample formulas instead of resampling."""
    return size >= LARGE_SAMPLE


@dataclass
class Interval:
    """A point estimate with its confidence limits (None when there are no values)."""

    estimate: Optional[float]
    low: Optional[float]
    high: Optional[float]


def _array(values: Sequence[float]) -> np.ndarray:
    return np.asarray([v for v in values if v is not None], dtype=float)


def _rng(seed: Optional[int]) -> np.random.Generator:
    return np.random.default_rng(SEED if seed is None else seed)


def _chunks(total: int, width: int) -> list[int]:
    """Sizes of the resampling chunks: ``total`` rows of ``width`` values each."""
    rows = max(1, _CHUNK_CELLS // max(1, width))
    return [min(rows, total - done) for done in range(0, total, rows)]


def bootstrap_means(values: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``resamples`` resamples (with replacement) of ``values``."""
    out = []
    for rows in _chunks(resamples, len(values)):
        idx = rng.integers(0, len(values), size=(rows, len(values)))
        out.append(values[idx].mean(axis=1))
    return np.concatenate(out)


def _limits(samples: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(samples, [tail, 1.0 - tail])
    return float(low), float(high)


def mean_ci(values: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES,
            confidence: float = CONFIDENCE, seed: Optional[int] = None) -> Interval:
    """The mean of ``values`` (None values skipped) with a percentile bootstrap interval."""
    x = _array(values)
    if len(x) == 0:
        return Interval(None, None, None)
    if len(x) == 1:
        return Interval(float(x[0]), None, None)
    if too_big(len(x)) and confidence == CONFIDENCE:
        half = Z95 * float(x.std(ddof=1)) / np.sqrt(len(x))
        return Interval(float(x.mean()), float(x.mean()) - half, float(x.mean()) + half)
    low, high = _limits(bootstrap_means(x, affordable(resamples, len(x)), _rng(seed)), confidence)
    return Interval(float(x.mean()), low, high)


def difference_ci(a: Sequence[float], b: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES,
                  confidence: float = CONFIDENCE, seed: Optional[int] = None) -> Interval:
    """mean(a) - mean(b) with a percentile bootstrap interval (each group resampled on its own)."""
    x, y = _array(a), _array(b)
    if len(x) == 0 or len(y) == 0:
        return Interval(None, None, None)
    estimate = float(x.mean() - y.mean())
    if len(x) < 2 or len(y) < 2:
        return Interval(estimate, None, None)
    if too_big(len(x) + len(y)) and confidence == CONFIDENCE:
        half = Z95 * _se(x, y)
        return Interval(estimate, estimate - half, estimate + half)
    rng = _rng(seed)
    resamples = affordable(resamples, len(x) + len(y))
    low, high = _limits(bootstrap_means(x, resamples, rng) - bootstrap_means(y, resamples, rng), confidence)
    return Interval(estimate, low, high)


def cliffs_delta(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs, in [-1, 1].

    Chosen as the headline effect size because tone scores are bounded and skewed, and
    hedging shares pile up at 0: delta needs no normality and reads as "how often a
    value from one group beats one from the other". Computed by ranking, O(n log n).
    """
    x, y = np.sort(_array(a)), np.sort(_array(b))
    if len(x) == 0 or len(y) == 0:
        return None
    below = np.searchsorted(y, x, side="left")         # for each x: how many y are smaller
    not_above = np.searchsorted(y, x, side="right")    # ... smaller or equal
    greater = below.sum()
    smaller = (len(y) - not_above).sum()
    return float((greater - smaller) / (len(x) * len(y)))


def cohens_d(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Cohen's d with the pooled standard deviation (reported alongside Cliff's delta)."""
    x, y = _array(a), _array(b)
    if len(x) < 2 or len(y) < 2:
        return None
    pooled = ((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2)
    if pooled <= 0:
        return 0.0 if x.mean() == y.mean() else None
    return float((x.mean() - y.mean()) / np.sqrt(pooled))


def permutation_p(a: Sequence[float], b: Sequence[float], permutations: int = PERMUTATIONS,
                  seed: Optional[int] = None) -> Optional[float]:
    """Two-sided permutation p-value for a difference in means.

    Group labels are shuffled ``permutations`` times; p = (k + 1) / (permutations + 1)
    where k counts shuffles with an absolute difference at least the observed one
    (Phipson & Smyth 2010: never exactly 0). The count drops for big groups (see
    :data:`DRAW_BUDGET`); past :func:`too_big` the large-sample Welch z-test is used.
    """
    x, y = _array(a), _array(b)
    if len(x) == 0 or len(y) == 0:
        return None
    if too_big(len(x) + len(y)):
        se = _se(x, y)
        return math.erfc(abs(x.mean() - y.mean()) / se / math.sqrt(2)) if se > 0 else 1.0
    pooled = np.concatenate([x, y])
    observed = abs(x.mean() - y.mean())
    # A tolerance so that ties with the observed difference count despite float rounding.
    tolerance = 1e-12 * max(1.0, float(np.abs(pooled).max()))
    rng = _rng(seed)
    permutations = affordable(permutations, len(pooled))
    hits = 0
    for rows in _chunks(permutations, len(pooled)):
        shuffled = rng.permuted(np.broadcast_to(pooled, (rows, len(pooled))), axis=1)
        diffs = np.abs(shuffled[:, :len(x)].mean(axis=1) - shuffled[:, len(x):].mean(axis=1))
        hits += int((diffs >= observed - tolerance).sum())
    return (hits + 1) / (permutations + 1)


def _se(x: np.ndarray, y: np.ndarray) -> float:
    """Standard error of mean(x) - mean(y) without assuming equal variances (Welch)."""
    return float(np.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y)))


def holm(pvalues: Sequence[Optional[float]]) -> list[Optional[float]]:
    """Holm-Bonferroni adjusted p-values (controls the family-wise error rate); None stays None."""
    indexed = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(indexed)
    adjusted: list[Optional[float]] = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(indexed):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(pvalues: Sequence[Optional[float]]) -> list[Optional[float]]:
    """Benjamini-Hochberg adjusted p-values (controls the false discovery rate)."""
    indexed = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(indexed)
    adjusted: list[Optional[float]] = [None] * len(pvalues)
    running = 1.0
    for rank in range(m - 1, -1, -1):
        p, i = indexed[rank]
        running = min(running, p * m / (rank + 1))
        adjusted[i] = running
    return adjusted


CORRECTIONS = {"holm": holm, "fdr_bh": benjamini_hochberg}  # names listed in defaults.CORRECTION_NAMES


def correlation(x: Sequence[Optional[float]], y: Sequence[Optional[float]]) -> tuple[Optional[float], int]:
    """Pearson's r over the pairs where both values are present, and how many pairs that was."""
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if len(pairs) < 3:
        return None, len(pairs)
    xs, ys = np.array(pairs, dtype=float).T
    if xs.std() == 0 or ys.std() == 0:
        return None, len(pairs)
    return float(np.corrcoef(xs, ys)[0, 1]), len(pairs)


def spearman(x: Sequence[Optional[float]], y: Sequence[Optional[float]]) -> tuple[Optional[float], int]:
    """Spearman's rank correlation over the complete pairs (ties get average ranks)."""
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if len(pairs) < 3:
        return None, len(pairs)
    xs, ys = np.array(pairs, dtype=float).T
    return correlation(list(_ranks(xs)), list(_ranks(ys)))


def _ranks(values: np.ndarray) -> np.ndarray:
    order = values.argsort(kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    for value in np.unique(values):
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks
