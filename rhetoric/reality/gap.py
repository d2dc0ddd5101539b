"""The rhetoric–reality gap: how upbeat official statements are against where the numbers go.

framing  mean optimism (-1..1, from the tone stage) of official sentences on the topic: those
         holding a checked figure, else all official sentences.
reality  mean signed movement (-1..1) of the linked indicators: each checked series' change
         from the period before, stated rises and falls in the document's own voice, and each
         target's shortfall or excess (relative error), each put on the optimism scale by
         tanh(change / MOVE_SCALE) ("fell 29%" -> -0.90, "rose 3%" -> +0.15).
gap      framing - reality; above GAP_MARGIN "rhetoric outruns reality", below -GAP_MARGIN
         "rhetoric understates reality", else "aligned".
"""
from __future__ import annotations

import bisect
import math
from typing import Optional

from ..contract.fields import ALIGNED, OFFICIAL, OUTRUNS, TARGET_MET, TARGET_MISSED, UNDERSTATES, UNKNOWN
from ..contract.schema import Analysis, Sentence
from ..contract.summary import mean
from .checks import Outcome
from ..knowledge.indicators import Indicator

# A fifth of the -1..1 scale: smaller differences are within the spread of sentence optimism
# scores on neutral statements and of the revisions between customs sources (~8%).
GAP_MARGIN = 0.2
# Relative changes are mapped onto optimism's -1..1 scale so the two can be subtracted: a 20%
# move (tanh(1) = 0.76) reads like a clearly upbeat or downbeat sentence. Year-on-year changes
# in the shipped Russia-China table run from -29% to +36%, with half of them above 20%.
MOVE_SCALE = 0.2


def _clip(value: float) -> float:
    """A relative change (0.27 for +27%) on the -1..1 optimism scale."""
    return math.tanh(value / MOVE_SCALE)


def reality_of(analysis: Analysis, outcomes: list[Outcome], rows: list[Indicator]) -> Optional[float]:
    """Mean signed movement of the indicators the document's figures link to."""
    moves: dict[tuple, float] = {}
    # Looked up, not searched, per outcome: a figure-dense document has as many rows as figures.
    first_rows: dict[tuple, Indicator] = {}
    for r in rows:
        first_rows.setdefault((r.series, r.entity, r.counterpart, r.period), r)
    for outcome in outcomes:
        check, row = outcome.check, outcome.row
        if check.verdict in (TARGET_MET, TARGET_MISSED) and check.relative_error is not None:
            # a missed target is how far reality falls short of the promise
            moves[("target", check.quantity)] = _clip(check.relative_error)
        if row is not None and len(row.period) == 4:
            before = first_rows.get((row.series, row.entity, row.counterpart, str(int(row.period) - 1)))
            if before is not None and before.value:
                moves[("series", row.series, row.entity, row.period)] = _clip(row.value / before.value - 1)
    checked = {o.check.quantity for o in outcomes}
    officials = {s.speaker for s in analysis.sentences if s.voice == OFFICIAL}
    for i, q in enumerate(analysis.quantities):
        linked = i in checked
        if linked and q.change in ("up", "down") and q.size is not None and not (q.speaker and q.speaker in officials):
            moves[("stated", q.concept, q.period)] = _clip(q.size / 100.0)
    return mean(moves.values())


def _sentences_with(analysis: Analysis, indices: set) -> list[Sentence]:
    """The sentences holding one of the quantities ``indices``, in order. Sentences are sorted
    and do not overlap, so each figure is placed by bisection, not by a scan of them all."""
    sentences = analysis.sentences
    starts = [s.start for s in sentences]
    keep = set()
    for i in indices:
        a, b = analysis.quantities[i].start, analysis.quantities[i].end
        k = bisect.bisect_right(starts, a) - 1
        if k >= 0 and sentences[k].start <= a and b <= sentences[k].end:
            keep.add(k)
    return [sentences[k] for k in sorted(keep)]


def framing_of(sentences: list[Sentence]) -> Optional[float]:
    return mean(s.optimism for s in sentences)


def verdict_of(gap: Optional[float]) -> str:
    if gap is None:
        return UNKNOWN
    if gap > GAP_MARGIN:
        return OUTRUNS
    if gap < -GAP_MARGIN:
        return UNDERSTATES
    return ALIGNED


def _explain(framing: Optional[float], reality: Optional[float], verdict: str, who: str = "Official statements") -> str:
    score = "score" if who == "Official statements" else "scores"
    if framing is None and reality is None:
        return "No official framing and no linked indicator: nothing to compare."
    if framing is None:
        return f"The linked indicators move {reality:+.2f}, but there is no scored official framing to hold against them."
    if reality is None:
        return f"{who} {score} {framing:+.2f} on optimism, but no figure links to an indicator, so reality is unknown."
    trend = "down" if reality < 0 else "up" if reality > 0 else "flat"
    return (f"{who} {score} {framing:+.2f} on optimism while the linked indicators point {trend} "
            f"({reality:+.2f}): {verdict}.")


def gap_summary(analysis: Analysis, outcomes: list[Outcome], rows: list[Indicator]) -> dict:
    """``summary.gap``: framing, reality, gap, verdict, explanation, and the same per speaker."""
    reality = reality_of(analysis, outcomes, rows)
    checked = {o.check.quantity for o in outcomes}
    official = [s for s in analysis.sentences if s.voice == OFFICIAL]
    on_topic = [s for s in _sentences_with(analysis, checked) if s.voice == OFFICIAL]
    framing = framing_of(on_topic) if framing_of(on_topic) is not None else framing_of(official)
    gap = round(framing - reality, 4) if framing is not None and reality is not None else None
    verdict = verdict_of(gap)
    by_speaker = {}
    speakers = {analysis.quantities[i].speaker for i in checked if analysis.quantities[i].speaker}
    for name in sorted(speakers):
        own = framing_of([s for s in analysis.sentences if s.speaker == name])
        own_gap = round(own - reality, 4) if own is not None and reality is not None else None
        by_speaker[name] = {"framing": own, "reality": reality, "gap": own_gap, "verdict": verdict_of(own_gap),
                            "explanation": _explain(own, reality, verdict_of(own_gap), name)}
    return {"framing": framing, "reality": reality, "gap": gap, "verdict": verdict,
            "explanation": _explain(framing, reality, verdict), "by_speaker": by_speaker}
