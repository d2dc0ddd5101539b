"""Summaries of sentence groups: the one ``mean`` and the per-voice / per-speaker summaries."""
from __future__ import annotations

from typing import Iterable, Optional

from .fields import BOILERPLATE, MEAN, OFFICIAL_ROLES, SCORES, Score
from .schema import Analysis

# Summaries are stored to four decimals: finer than any score's precision (lexicon weights
# and model probabilities), and it keeps the JSON short.
DIGITS = 4


def mean(values: Iterable[Optional[float]], digits: Optional[int] = DIGITS) -> Optional[float]:
    """Mean of the values that are not None, rounded to ``digits`` (None: not rounded, for
    statistics and for tables that format the number themselves); None when there are none."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    value = sum(values) / len(values)
    return value if digits is None else round(value, digits)


def share(flags: Iterable[Optional[bool]], digits: Optional[int] = DIGITS) -> Optional[float]:
    """Share of true flags among those that are not None (a yes/no score's group summary)."""
    return mean((bool(f) for f in flags if f is not None), digits)


def summarise_score(score: Score, values: Iterable, digits: Optional[int] = DIGITS) -> Optional[float]:
    """A group's summary of ``score``: the mean, or the share of flagged sentences."""
    return (mean if score.summary == MEAN else share)(values, digits)


def group_summary(sentences: list) -> dict:
    """Sentence count and each score's summary (mean or share) over some sentences."""
    out: dict = {"n": len(sentences)}
    for s in SCORES:
        out[s.name] = summarise_score(s, [getattr(x, s.name) for x in sentences])
    return out


def summarise(analysis: Analysis) -> dict:
    """``summary.by_voice`` and ``summary.by_speaker`` (one entry per person: sentences with
    the same speaker key, named by their canonical name); boilerplate is left out of both."""
    by_voice: dict[str, list] = {}
    by_speaker: dict[str, list] = {}
    for s in analysis.sentences:
        if s.voice == BOILERPLATE:
            continue
        by_voice.setdefault(s.voice, []).append(s)
        if s.speaker:
            by_speaker.setdefault(s.speaker_key or s.speaker, []).append(s)
    return {
        "by_voice": {v: group_summary(ss) for v, ss in by_voice.items()},
        "by_speaker": {ss[0].speaker: dict(group_summary(ss), role=ss[0].role, official=ss[0].role in OFFICIAL_ROLES,
                                           key=ss[0].speaker_key) for ss in by_speaker.values()},
        "gap": None,
    }
