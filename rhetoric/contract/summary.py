"""Summaries of sentence groups: the one ``mean`` and the per-voice / per-speaker summaries."""
from __future__ import annotations

from typing import Optional

from .schema import BOILERPLATE, OFFICIAL_ROLES, Analysis


def _mean(values: list) -> Optional[float]:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def group_summary(sentences: list) -> dict:
    """Sentence count, mean optimism, mean hedging and share uncertain of some sentences."""
    flags = [s.uncertain for s in sentences if s.uncertain is not None]
    return {
        "n": len(sentences),
        "optimism": _mean([s.optimism for s in sentences]),
        "hedging": _mean([s.hedging for s in sentences]),
        "uncertain": round(sum(flags) / len(flags), 4) if flags else None,
    }


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
