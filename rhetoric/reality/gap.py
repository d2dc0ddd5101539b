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

from ..contract.fields import ALIGNED, OFFICIAL, OUTRUNS, TARGET_MET, TARGET_MISSED, UNDERSTATES, UNIT_MISMATCH, UNKNOWN
from ..contract.schema import Analysis, Sentence
from ..contract.summary import mean
from ..knowledge.indicators import Indicator
from ..knowledge.lexicon import canonical_concept
from .checks import GROWTH, Outcome

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
    outcomes = [o for o in outcomes if _measured(o)]
    if not outcomes:  # nothing holds an indicator value: no reality, whatever the text says
        return None
    # Looked up, not searched, per outcome: a figure-dense document has as many rows as figures.
    first_rows: dict[tuple, Indicator] = {}
    for r in rows:
        first_rows.setdefault((r.series, r.entity, r.counterpart, r.period), r)
    for outcome in outcomes:
        check, row = outcome.check, outcome.row
        if check.verdict in (TARGET_MET, TARGET_MISSED) and check.relative_error is not None:
            # a missed target is how far reality falls short of the promise
            moves[("target", check.quantity)] = _clip(check.relative_error)
        if row is not None and row.unit == "percent":
            if canonical_concept(row.series) == GROWTH:  # a growth rate is itself a movement
                moves[("series", row.series, row.entity, row.period)] = _clip(row.value / 100.0)
            continue  # other rates (inflation) have no good direction
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


def _measured(outcome: Outcome) -> bool:
    """A check that carries an indicator value and was judged (a unit mismatch is not)."""
    return outcome.check.actual is not None and outcome.check.verdict != UNIT_MISMATCH


def behind(analysis: Analysis, outcomes: list[Outcome]) -> dict:
    """The figures and indicator rows the reality side rests on, for the explanation."""
    figures, rows = [], []
    for o in outcomes:
        if not _measured(o):
            continue
        q = analysis.quantities[o.check.quantity]
        figures.append({"quantity": o.check.quantity, "text": q.text, "period": o.check.period,
                        "verdict": o.check.verdict})
        rows.append({"series": o.check.series, "period": o.check.period, "value": o.check.actual,
                     "source": o.check.source})
    return {"quantities": figures, "rows": rows}


def _no_reality_reason(outcomes: list[Outcome]) -> str:
    """Why reality is unknown, in one clause."""
    if not outcomes:
        return "no figure links to an indicator"
    if all(o.check.verdict == UNIT_MISMATCH for o in outcomes if o.check.actual is not None) and \
            any(o.check.actual is not None for o in outcomes):
        return "the only indicator values found differ from the claims by more than 100 times (unit mismatch)"
    reasons = sorted({o.check.note for o in outcomes if o.check.note})
    return (f"{len(outcomes)} figure(s) link to an indicator but no check carries a value"
            + (f" ({'; '.join(reasons[:3])})" if reasons else ""))


def _official(analysis: Analysis, speaker: Optional[str]) -> bool:
    return bool(speaker) and any(s.speaker == speaker and s.voice == OFFICIAL for s in analysis.sentences)


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


def _explain(framing: Optional[float], reality: Optional[float], verdict: str, who: str = "Official statements",
             why: str = "no figure links to an indicator", basis: str = "", plural: bool = True) -> str:
    score = "score" if plural else "scores"
    if framing is None and reality is None:
        return f"No official framing, and reality is unknown: {why}."
    if framing is None:
        return (f"The linked indicators move {reality:+.2f}{basis}, but there is no scored official framing "
                "to hold against them.")
    if reality is None:
        return f"{who} {score} {framing:+.2f} on optimism, but reality is unknown: {why}."
    trend = "down" if reality < 0 else "up" if reality > 0 else "flat"
    return (f"{who} {score} {framing:+.2f} on optimism while the linked indicators point {trend} "
            f"({reality:+.2f}{basis}): {verdict}.")


def _basis(found: dict) -> str:
    """'; from $88.4 billion (2014) against tass.com ...' listing the figures and rows behind reality."""
    parts = [f"'{q['text']}' ({q['period']}) against {r['value']:,.4g} ({(r['source'] or '').split(' (')[0]})"
             for q, r in zip(found["quantities"], found["rows"])]
    return ("; from " + "; ".join(parts[:4]) + ("; ..." if len(parts) > 4 else "")) if parts else ""


def gap_summary(analysis: Analysis, outcomes: list[Outcome], rows: list[Indicator]) -> dict:
    """``summary.gap``: framing, reality, gap, verdict, explanation, and the same per speaker."""
    reality = reality_of(analysis, outcomes, rows)
    checked = {o.check.quantity for o in outcomes}
    official = [s for s in analysis.sentences if s.voice == OFFICIAL]
    on_topic = [s for s in _sentences_with(analysis, checked) if s.voice == OFFICIAL]
    framing = framing_of(on_topic) if framing_of(on_topic) is not None else framing_of(official)
    # Say which sentences the framing is, so it can be told from the voice table's official mean.
    who = (f"The {len(on_topic)} official sentence(s) holding checked figures" if framing_of(on_topic) is not None
           else f"Official statements (all {len(official)}, as in the voice table)")
    gap = round(framing - reality, 4) if framing is not None and reality is not None else None
    verdict = verdict_of(gap)
    found = behind(analysis, outcomes)
    why = _no_reality_reason(outcomes)
    basis = _basis(found)
    by_speaker = {}
    speakers = {analysis.quantities[i].speaker for i in checked if analysis.quantities[i].speaker}
    for name in sorted(speakers):
        own = framing_of([s for s in analysis.sentences if s.speaker == name])
        own_gap = round(own - reality, 4) if own is not None and reality is not None else None
        by_speaker[name] = {"framing": own, "reality": reality, "gap": own_gap, "verdict": verdict_of(own_gap),
                            "explanation": _explain(own, reality, verdict_of(own_gap), name, why, basis, plural=False)}
    return {"framing": framing, "reality": reality, "gap": gap, "verdict": verdict,
            "explanation": _explain(framing, reality, verdict, who, why, basis), "by_speaker": by_speaker,
            "quantities": found["quantities"], "rows": found["rows"]}
