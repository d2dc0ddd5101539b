"""The terminal report of one Analysis: voices, quotes by speaker, figures and checks, the gap.

Works on plain data only (an :class:`~rhetoric.contract.schema.Analysis`), so it can render a
stored result as well as a fresh one.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..contract.fields import BOILERPLATE, MEAN, MEAN_SCORES, SCORES, UNVERIFIABLE
from ..contract.schema import Analysis, Quote, Sentence

WIDTH = 100
# Terminal escape sequences (CSI ... final byte, OSC ... BEL/ST, two-byte ESC x) and every
# other control character but tab and newline: text from a document must not be able to
# move the cursor, recolour, retitle or clear the reader's terminal.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
                      r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without terminal control sequences."""
    return _CONTROL.sub("", text)


def _fmt(value: Optional[float], digits: int = 2) -> str:
    return "-" if value is None else f"{value:+.{digits}f}" if digits else f"{value}"


def _share(value: Optional[float]) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def table(headers: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A plain fixed-width table, columns as wide as their widest cell."""
    rows = [list(map(str, r)) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _summary(summary: str, value: Optional[float]) -> str:
    """A group's summary of a score: a mean with its sign, a share in percent."""
    return _fmt(value) if summary == MEAN else _share(value)


def voices_section(analysis: Analysis) -> list[str]:
    by_voice = analysis.summary.get("by_voice") or {}
    rows = [[voice, s["n"], *(_summary(sc.summary, s.get(sc.name)) for sc in SCORES)]
            for voice, s in sorted(by_voice.items(), key=lambda kv: -kv[1]["n"])]
    out = [f"Voices ({BOILERPLATE} excluded)"]
    out += table(["voice", "sentences", *(sc.name for sc in SCORES)], rows) if rows else ["  none"]
    by_speaker = analysis.summary.get("by_speaker") or {}
    if by_speaker:
        rows = [[name, s.get("role") or "-", "yes" if s.get("official") else "no", s["n"],
                 *(_fmt(s.get(m)) for m in MEAN_SCORES)]
                for name, s in sorted(by_speaker.items(), key=lambda kv: -kv[1]["n"])]
        out += ["", "Speakers (one row per person)"] + table(["speaker", "role", "official", "sentences", *MEAN_SCORES],
                                                             rows)
    return out


def _speaker_key(quote: Quote) -> str:
    spk = quote.speaker
    return (spk.canonical or spk.name or spk.text) if spk else "(no speaker)"


def quotes_section(analysis: Analysis) -> list[str]:
    out = [f"Quotes and reported speech ({len(analysis.quotes)})"]
    if not analysis.quotes:
        return out + ["  none found"]
    groups: dict[str, list[Quote]] = {}
    for quote in analysis.quotes:
        groups.setdefault(_speaker_key(quote), []).append(quote)
    for name, quotes in groups.items():
        spk = quotes[0].speaker
        flags = []
        if spk is not None:
            flags.append(spk.role or "role unknown")
            flags.append("official" if spk.official else "not official")
        out.append(f"  {name}" + (f" ({', '.join(flags)})" if flags else ""))
        for q in quotes:
            kind = "direct" if q.direct else "reported"
            cue = f" [{q.cue.text}]" if q.cue else ""
            src = ""
            if q.source and (q.source.outlet or q.source.marker):
                src = f"  <- {q.source.marker or ''} {q.source.outlet or ''}".rstrip()
                if q.source.outlet_type:
                    src += f" ({q.source.outlet_type})"
            out.append(f"    - {kind}{cue}: {_clip(q.text, 70)}{src}")
    return out


def _value(value) -> str:
    if isinstance(value, list):
        return "–".join(_value(v) for v in value)
    if value is None:
        return "-"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:g}{word}"
    return f"{value:g}"


def figures_section(analysis: Analysis) -> list[str]:
    out = [f"Figures ({len(analysis.quantities)})"]
    if not analysis.quantities:
        return out + ["  none found"]
    rows = [[i, _clip(q.text, 28), _value(q.value), q.unit or "-", q.change, q.period or "-",
             _clip(q.concept or "-", 20), q.modality, q.speaker or "-"]
            for i, q in enumerate(analysis.quantities)]
    out += table(["#", "text", "value", "unit", "chg", "period", "concept", "modality", "speaker"], rows)
    return out


def checks_section(analysis: Analysis) -> list[str]:
    checks = [c for c in analysis.checks if c.verdict != UNVERIFIABLE]
    out = [f"Checks against indicators ({len(checks)} linked, "
           f"{len(analysis.checks) - len(checks)} unverifiable)"]
    if checks:
        rows = [[c.quantity, c.series or "-", c.period or "-", _value(c.claimed), _value(c.actual),
                 "-" if c.relative_error is None else f"{100 * c.relative_error:+.0f}%", c.verdict,
                 _clip(c.source or "-", 30)] for c in checks]
        out += table(["fig", "series", "period", "claimed", "actual", "error", "verdict", "source"], rows)
    reasons: dict = {}
    for c in analysis.checks:
        if c.verdict == "unverifiable":
            reasons.setdefault(c.note or "no reason given", []).append(str(c.quantity))
    out += [f"  unverifiable (figures {', '.join(figs)}): {why}" for why, figs in reasons.items()]
    gap = analysis.summary.get("gap")
    if gap:
        out += ["", f"Gap: {gap.get('verdict')}"]
        if gap.get("explanation"):
            out.append(f"  {gap['explanation']}")
    return out


def explain_section(analysis: Analysis) -> list[str]:
    out = ["Sentences with their cues"]
    for i, s in enumerate(analysis.sentences):
        if s.voice == BOILERPLATE:
            continue
        head = (f"[{i}] {s.voice}{' / ' + s.speaker if s.speaker else ''}  tone {s.tone or '-'} "
                f"{_scores(s)}")
        out += [head, f"    {_clip(s.text, WIDTH - 4)}"]
        if s.because:
            out.append(f"    voice because: {s.because}")
        if s.cues:
            out.append("    cues: " + ", ".join(f"{c.text} ({c.type})" for c in s.cues))
            out += [f"    {line}" for line in _cue_groups(s.cues)]
    return out


def _scores(s: Sentence) -> str:
    """A sentence's scores: ``optimism +0.25  hedging +0.40``, then a true yes/no score in capitals."""
    numbers = "  ".join(f"{sc.name} {_fmt(getattr(s, sc.name))}" for sc in SCORES if sc.type is not bool)
    flags = "".join(f"  {sc.name.upper()}" for sc in SCORES if sc.type is bool and getattr(s, sc.name))
    return numbers + flags


# The groups an audit reads, in order: what the sentence says went well or badly, what it
# forecasts, what it only aims at, and what turned a sign.
CUE_GROUPS = (("achievement", ("positive", "negative")), ("prospect", ("prospect",)), ("goal", ("goal",)),
              ("negations", ("negation",)), ("flips", ("flip",)))


def _cue_groups(cues) -> list[str]:
    """One line per non-empty group. The JSON gives a cue no frame of its own, so a polar cue
    is listed with the nearest prospect or goal marker before it in the sentence (the marker
    that governs a cue precedes it in English); the score used the parse, so in a sentence
    of several clauses this listing is an approximation."""
    frame_at = []  # (start, frame) of the markers, in text order
    for c in cues:
        if c.type in ("prospect", "goal"):
            frame_at.append((c.start, c.type))
    groups: dict[str, list[str]] = {name: [] for name, _ in CUE_GROUPS}
    for c in cues:
        for name, types in CUE_GROUPS:
            if c.type in types:
                groups[name].append(_cue_label(c))
        if c.type in ("positive", "negative"):
            framed = [f for start, f in frame_at if start < c.start]
            if framed:
                groups["achievement"].pop()
                groups[framed[-1]].append(_cue_label(c))
    return [f"{name}: {', '.join(items)}" for name, items in groups.items() if items]


def _cue_label(cue) -> str:
    sign = {"positive": " +", "negative": " -"}.get(cue.type, "")
    return f"{cue.text}{sign}"


def render_text(analysis: Analysis, explain: bool = False) -> str:
    """The terminal report; ``explain`` adds every sentence with its cues."""
    n_boiler = sum(s.voice == BOILERPLATE for s in analysis.sentences)
    header = [f"{analysis.id or 'document'}: {len(analysis.sentences)} sentences "
              f"({n_boiler} {BOILERPLATE}), {len(analysis.quotes)} quotes, {len(analysis.quantities)} figures"]
    if analysis.date:
        header.append(f"date: {analysis.date['value']} (from {analysis.date['from']})")
    if analysis.meta.get("encoding_fallback"):
        header.append(f"note: not UTF-8; read as {analysis.meta['encoding_fallback']}")
    sections = [header, voices_section(analysis), quotes_section(analysis),
                figures_section(analysis), checks_section(analysis)]
    if explain:
        sections.append(explain_section(analysis))
    return printable("\n\n".join("\n".join(s) for s in sections) + "\n")
