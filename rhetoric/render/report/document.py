"""The report for one document: highlighted text, voices, quotes, figures, checks, the gap verdict.

Works on an :class:`~rhetoric.contract.schema.Analysis` (with its ``text``, or rebuilt from the sentences). Every value from the
document goes through :func:`~rhetoric.render.report.markup.esc` or the mark renderer, so a
``<script>`` in the input is shown as text.
"""
from __future__ import annotations

import re
from typing import Optional

from ...contract.fields import (CUE_TYPES, GOOD_VERDICTS, MEAN, MEAN_SCORES, NEUTRAL_VERDICTS, SCORES, VOICES,
                                Score, voice_rank)
from ...contract.schema import Analysis, Check, Quantity, Quote, Sentence, Source
from . import charts
from .markup import Mark, Raw, esc, fmt, render, table
from .page import figure, page, section

LAYER_SENTENCE, LAYER_QUOTE, LAYER_FIGURE, LAYER_CUE = range(4)
# How a yes/no score reads in a hover text when true and when false.
FLAG_WORDS = {"uncertain": ("uncertain", "certain")}
META_SHOWN = ("date", "outlet", "speaker", "role", "country", "source", "url")


def css_name(value: object) -> str:
    """A value safe to use inside a class name (letters, digits, dash, underscore)."""
    return re.sub(r"[^a-z0-9_-]", "", str(value or "").lower()) or "none"


def text_of(analysis: Analysis) -> str:
    """The document text; rebuilt from the sentences (gaps as spaces) when it was not stored."""
    if analysis.text:
        return analysis.text
    sentences = analysis.sentences
    if not sentences:
        return ""
    chars = [" "] * max(s.end for s in sentences)
    for s in sentences:
        chars[s.start:s.end] = list((s.text or "").ljust(s.end - s.start)[:s.end - s.start])
    return "".join(chars)


def amount(value: object, unit: Optional[str]) -> object:
    """Money in readable scale (``8.84e10 USD`` -> ``88.4 bn``); other values unchanged."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and unit and re.fullmatch(r"[A-Z]{3}", unit):
        for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(value) >= size:
                return f"{value / size:,.4g} {word}"
    return value


def _num(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _score_text(score: Score, value: object) -> Optional[str]:
    """One score in a hover text: ``optimism +0.25`` (signed scores with their sign),
    ``hedging 0.4``; a yes/no score by its word (``uncertain`` / ``certain``), or nothing."""
    if score.type is bool:
        if value is None:
            return None
        yes, no = FLAG_WORDS.get(score.name, (score.name, f"not {score.name}"))
        return yes if value else no
    return f"{score.name} {_num(value) if score.signed else fmt(value)}"


def sentence_title(s: Sentence) -> str:
    """The hover text of a sentence: voice, speaker and scores."""
    parts = [f"voice: {s.voice or '–'}"]
    if s.speaker:
        parts.append(f"speaker: {s.speaker}" + (f" ({s.role})" if s.role else ""))
    if s.because:
        parts.append(f"because: {s.because}")
    parts += [t for t in (_score_text(sc, getattr(s, sc.name)) for sc in SCORES) if t]
    return " · ".join(parts)


def quote_title(q: Quote) -> str:
    """The hover text of a quote: who said it, in what role, from which source."""
    who, src = q.speaker, q.source
    parts = ["direct quote" if q.direct else "reported speech"]
    if who:
        parts.append(f"speaker: {who.name or who.text}" + (f" ({who.role})" if who.role else ""))
    if src and (src.outlet or src.url):
        parts.append(f"source: {src.outlet or src.url}")
    return " · ".join(parts)


def quantity_title(q: Quantity) -> str:
    """The hover text of a figure: value, unit, period, whether target or actual."""
    parts = [f"{fmt(q.value)} {q.unit or ''}".strip(), q.kind or ""]
    for name in ("change", "period", "concept", "modality"):
        value = getattr(q, name)
        if value and value != "=":
            parts.append(f"{name}: {value}")
    return " · ".join(p for p in parts if p)


def marks(analysis: Analysis) -> list[Mark]:
    """Every highlight of the text: sentences by voice, quotes, figures, cues by type."""
    out = []
    for s in analysis.sentences:
        out.append(Mark(s.start, s.end, LAYER_SENTENCE, f"sent voice-{css_name(s.voice)}",
                        sentence_title(s), attrs=(("data-voice", s.voice or ""),)))
        for c in s.cues:
            out.append(Mark(c.start, c.end, LAYER_CUE, f"cue cue-{css_name(c.type)}",
                            c.type or "", attrs=(("data-cue", c.type or ""),)))
    for q in analysis.quotes:
        out.append(Mark(q.start, q.end, LAYER_QUOTE, "quote", quote_title(q)))
    for q in analysis.quantities:
        out.append(Mark(q.start, q.end, LAYER_FIGURE, "fig", quantity_title(q)))
    return out


def legend() -> str:
    """The key to the colours of the text."""
    items = [f'<li><span class="sent voice-{v}">{v}</span></li>' for v in VOICES]
    items += [f'<li><span class="cue cue-{c}">{c}</span></li>' for c in CUE_TYPES]
    items += ['<li><span class="quote">quote</span></li>', '<li><span class="fig">figure</span></li>']
    return f'<ul class="legend">{"".join(items)}</ul>'


def meta_list(analysis: Analysis) -> str:
    """The document's metadata as a compact list."""
    meta = analysis.meta
    keys = [k for k in META_SHOWN if meta.get(k) not in (None, "")]
    keys += sorted(k for k in meta if k not in META_SHOWN and isinstance(meta[k], (str, int, float)))[:6]
    items = "".join(f"<li>{esc(k)}: <b>{esc(meta[k])}</b></li>" for k in keys)
    counts = (f"<li>sentences: <b>{len(analysis.sentences)}</b></li>"
              f"<li>quotes: <b>{len(analysis.quotes)}</b></li>"
              f"<li>figures: <b>{len(analysis.quantities)}</b></li>")
    return f'<ul class="meta">{items}{counts}</ul>'


def verdict_class(verdict: object) -> str:
    """``good`` / ``bad`` / ``none``: the colour of a verdict label."""
    text = str(verdict or "").lower()
    if text in NEUTRAL_VERDICTS:
        return "none"
    return "good" if text in GOOD_VERDICTS else "bad"


def verdict_section(analysis: Analysis) -> str:
    """The rhetoric-reality gap: framing, reality, gap and the verdict, or why there is none."""
    gap = analysis.summary.get("gap")
    if not gap or not gap.get("verdict"):
        inner = ('<div class="verdict"><span class="label none">no verdict</span>'
                 '<p class="note">No figure in this document could be held against an indicator table, '
                 'so there is no rhetoric–reality gap to report.</p></div>')
        return section("Rhetoric vs reality", inner, ident="verdict")
    verdict = str(gap["verdict"])
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(fmt(gap.get(k)))}</dd>" for k in ("framing", "reality", "gap")
                   if k in gap)
    explanation = f'<p class="note">{esc(gap["explanation"])}</p>' if gap.get("explanation") else ""
    inner = (f'<div class="verdict"><span class="label {verdict_class(verdict)}">{esc(verdict.replace("_", " "))}'
             f"</span><dl>{rows}</dl>{explanation}</div>")
    speakers = gap.get("by_speaker") or {}
    if isinstance(speakers, dict) and speakers:
        inner += "<h3>By speaker</h3>" + table(
            ["speaker", "framing", "reality", "gap", "verdict"],
            [(name, g.get("framing"), g.get("reality"), g.get("gap"), g.get("verdict"))
             for name, g in speakers.items() if isinstance(g, dict)])
    return section("Rhetoric vs reality", inner, ident="verdict")


def voices_section(analysis: Analysis) -> str:
    """Per-voice sentence counts and mean scores, with a bar chart."""
    by_voice = analysis.summary.get("by_voice") or {}
    if not by_voice:
        return section("Voices", '<p class="note">No sentences were assigned a voice.</p>', ident="voices")
    order = sorted(by_voice, key=voice_rank)
    rows = [(Raw(f'<span class="pill {css_name(v)}">{esc(v)}</span>'), by_voice[v].get("n"),
             *(by_voice[v].get(sc.name) for sc in SCORES)) for v in order]
    tab = table(["voice", "sentences"] + [sc.name if sc.summary == MEAN else sc.label for sc in SCORES], rows)
    scored = any(by_voice[v].get(m) is not None for v in order for m in MEAN_SCORES)
    chart = figure(charts.to_svg(charts.voice_chart({v: by_voice[v] for v in order}), "voices"),
                   "Mean optimism and hedging per voice") if scored else ""
    speakers = analysis.summary.get("by_speaker") or {}
    spk = ""
    if speakers:
        spk = "<h3>Speakers</h3>" + table(
            ["speaker", "role", "official", "sentences", *MEAN_SCORES],
            [(name, s.get("role"), s.get("official"), s.get("n"), *(s.get(m) for m in MEAN_SCORES))
             for name, s in speakers.items()])
    if not chart:
        return section("Voices", f'{tab}<p class="note">No tone scores in this analysis.</p>{spk}', ident="voices")
    return section("Voices", f'<div class="grid"><div>{tab}{spk}</div><div>{chart}</div></div>', ident="voices")


def quotes_section(analysis: Analysis) -> str:
    """Each quote with its speaker, role and source."""
    quotes = analysis.quotes
    if not quotes:
        return section("Quotes", '<p class="note">No quotes or reported speech found.</p>', ident="quotes")
    rows = []
    for q in quotes:
        who = q.speaker
        rows.append((q.text, (who.canonical or who.name or who.text) if who else None, who.role if who else None,
                     who.official if who else None, "direct" if q.direct else "reported",
                     _source_cell(q.source)))
    return section("Quotes", table(["quote", "speaker", "role", "official", "kind", "source"], rows, css="quotes"),
                   ident="quotes")


def _source_cell(src: Optional[Source]) -> object:
    """Outlet and marker as text; the URL as a link only when it is http(s)."""
    if not src:
        return None
    label = " ".join(str(x) for x in (src.marker, src.outlet, src.outlet_type and f"({src.outlet_type})") if x)
    url = src.url or ""
    if re.match(r"^https?://", url, re.I):
        return Raw(f'{esc(label)} <a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>')
    return " ".join(x for x in (label, url) if x) or None


def _figure_row(i: int, q: Quantity) -> tuple:
    return (i, q.text, amount(q.value, q.unit), q.unit, q.kind, q.change, q.period, q.concept, q.modality, q.speaker)


def _check_row(c: Check, quantities: list) -> tuple:
    i = c.quantity
    q = quantities[i] if isinstance(i, int) and 0 <= i < len(quantities) else None
    text, unit = (q.text, q.unit) if q is not None else (None, None)
    return (text, c.series, c.period, amount(c.claimed, unit), amount(c.actual, unit), c.relative_error, c.verdict,
            c.source)


def figures_section(analysis: Analysis) -> str:
    """The figures table and the checks against indicators."""
    quantities = analysis.quantities
    checks = analysis.checks
    qtab = table(["#", "figure", "value", "unit", "kind", "change", "period", "concept", "modality", "speaker"],
                 [_figure_row(i, q) for i, q in enumerate(quantities)], css="figures") if quantities \
        else '<p class="note">No figures found.</p>'
    ctab = table(["figure", "series", "period", "claimed", "actual", "relative error", "verdict", "source"],
                 [_check_row(c, quantities) for c in checks], css="checks") if checks \
        else '<p class="note">No figure was checked against an indicator.</p>'
    return section("Figures and checks", f"{qtab}<h3>Checks against indicators</h3>{ctab}", ident="figures")


def text_section(analysis: Analysis) -> str:
    """The text with sentences shaded by voice and cues, quotes and figures highlighted."""
    body = render(text_of(analysis), marks(analysis))
    return section("Text", f'{legend()}<div class="text" id="text">{body}</div>', ident="text-card")


def document_report(analysis: Analysis, title: Optional[str] = None) -> str:
    """A self-contained HTML page for one document's analysis."""
    title = title or str(analysis.id or "document")
    body = "".join([meta_list(analysis), verdict_section(analysis), voices_section(analysis),
                    text_section(analysis), quotes_section(analysis), figures_section(analysis)])
    return page(title, body, "document", subtitle="Who speaks, how upbeat and how hedged, which figures",
                footer="Hover a sentence, quote or figure for details.")
