"""Distinctive terms per group: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5: the log-odds ratio of a
word in one group against the rest, smoothed by a prior proportional to the word's
frequency in the whole corpus, divided by its estimated standard deviation (a z-score).
Frequent function words get a large prior and so need a large difference to stand out;
rare words cannot win on one or two occurrences. No stop list is needed.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from .defaults import TOP_TERMS

# Words: letters with inner hyphens/apostrophes; numbers are left out (figures are
# reported by the quantities stage, and "2015" is not framing).
TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# Total pseudo-count of the prior (Monroe et al. scale the corpus counts to a fixed
# total; 1,000 keeps the prior weaker than the data of a corpus of a few thousand words
# and still damps one-off words). Larger values shrink every z-score towards 0.
PRIOR_TOTAL = 1000.0
# Only words seen at least this often in the corpus are ranked (a one-off word cannot
# be "distinctive" of a group in any useful sense).
MIN_COUNT = 2


@dataclass
class Term:
    """A word that marks a group: its count in the group, log-odds ratio and z-score."""

    term: str
    count: int
    log_odds: float
    z: float


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (typographic apostrophes made plain)."""
    return TOKEN.findall(text.lower().replace("’", "'"))


def count_terms(texts: Iterable[str]) -> Counter:
    """Word counts over ``texts``."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(tokens(text))
    return counts


def weighted_log_odds(group: Counter, rest: Counter, prior: Counter,
                      prior_total: float = PRIOR_TOTAL) -> dict[str, tuple[float, float]]:
    """word -> (log-odds ratio of ``group`` vs ``rest``, z-score) under the informative prior."""
    corpus_total = sum(prior.values())
    n_group, n_rest = sum(group.values()), sum(rest.values())
    if not corpus_total or not n_group or not n_rest:
        return {}
    scale = prior_total / corpus_total
    out = {}
    for word, corpus_count in prior.items():
        a = corpus_count * scale
        y_g, y_r = group.get(word, 0), rest.get(word, 0)
        delta = (math.log((y_g + a) / (n_group + prior_total - y_g - a))
                 - math.log((y_r + a) / (n_rest + prior_total - y_r - a)))
        variance = 1.0 / (y_g + a) + 1.0 / (y_r + a)
        out[word] = (delta, delta / math.sqrt(variance))
    return out


def distinctive_terms(texts_by_group: Mapping[str, list[str]], top: int = TOP_TERMS,
                      min_count: int = MIN_COUNT, prior_total: float = PRIOR_TOTAL) -> dict[str, list[Term]]:
    """For each group, the ``top`` words most over-represented against all other groups."""
    counts = {g: count_terms(texts) for g, texts in texts_by_group.items()}
    corpus: Counter = Counter()
    for c in counts.values():
        corpus.update(c)
    prior = Counter({w: n for w, n in corpus.items() if n >= min_count})
    out: dict[str, list[Term]] = {}
    for g, group in counts.items():
        rest = corpus - group
        scores = weighted_log_odds(group, rest, prior, prior_total)
        ranked = sorted(((z, w, d) for w, (d, z) in scores.items() if group.get(w, 0) > 0 and z > 0),
                        reverse=True)[:top]
        out[g] = [Term(w, group[w], round(d, 4), round(z, 3)) for z, w, d in ranked]
    return out
