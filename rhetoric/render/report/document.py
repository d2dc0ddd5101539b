"""The report for one document: highlighted text, voices, quotes, figures, checks, the gap verdict.

Works on an Analysis dict (the JSON contract, with ``text``). Every value from the
document goes through :func:`~rhetoric.render.report.markup.esc` or the mark renderer, so a
``<script>`` in the input is shown as text.
"""
from __future__ import annotations

import re
from typing import Optional

from ...contract.schema import CUE_TYPES
from . import charts
from .markup import Mark, Raw, esc, fmt, render, table
from .page import figure, page, section

LAYER_SENTENCE, LAYER_QUOTE, LAYER_FIGURE, LAYER_CUE = range(4)
VOICE_ORDER = ("official", "expert", "commentary", "boilerplate")
# Verdict wording of summary.gap and of checks (rhetoric.reality): which ones are good news.
GOOD_VERDICTS = {"aligned", "consistent", "target_met"}
NEUTRAL_VERDICTS = {"unknown", "unverifiable", ""}
META_SHOWN = ("date", "outlet", "speaker", "role", "country", "source", "url")


def css_name(value: object) -> str:
    """A value safe to use inside a class name (letters, digits, dash, underscore)."""
    return re.sub(r"[^a-z0-9_-]", "", str(value or "").lower()) or "none"


def text_of(analysis: dict) -> str:
    """The document text; rebuilt from the sentences (gaps as spaces) when it was not stored."""
    if analysis.get("text"):
        return analysis["text"]
    sentences = analysis.get("sentences") or []
    if not sentences:
        return ""
    chars = [" "] * max(s["end"] for s in sentences)
    for s in sentences:
        chars[s["start"]:s["end"]] = list((s.get("text") or "").ljust(s["end"] - s["start"])[:s["end"] - s["start"]])
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


def sentence_title(s: dict) -> str:
    """The hover text of a sentence: voice, speaker and scores."""
    parts = [f"voice: {s.get('voice') or '–'}"]
    if s.get("speaker"):
        parts.append(f"speaker: {s['speaker']}" + (f" ({s['role']})" if s.get("role") else ""))
    parts.append(f"optimism {_num(s.get('optimism'))}")
    parts.append(f"hedging {fmt(s.get('hedging'))}")
    if s.get("uncertain") is not None:
        parts.append("uncertain" if s["uncertain"] else "certain")
    return " · ".join(parts)


def quote_title(q: dict) -> str:
    """The hover text of a quote: who said it, in what role, from which source."""
    who = (q.get("speaker") or {})
    src = (q.get("source") or {})
    parts = ["direct quote" if q.get("direct") else "reported speech"]
    if who:
        parts.append(f"speaker: {who.get('name') or who.get('text')}" + (f" ({who['role']})" if who.get("role") else ""))
    if src.get("outlet") or src.get("url"):
        parts.append(f"source: {src.get('outlet') or src.get('url')}")
    return " · ".join(parts)


def quantity_title(q: dict) -> str:
    """The hover text of a figure: value, unit, period, whether target or actual."""
    parts = [f"{fmt(q.get('value'))} {q.get('unit') or ''}".strip(), q.get("kind") or ""]
    for name in ("change", "period", "concept", "modality"):
        if q.get(name) and q.get(name) != "=":
            parts.append(f"{name}: {q[name]}")
    return " · ".join(p for p in parts if p)


def marks(analysis: dict) -> list[Mark]:
    """Every highlight of the text: sentences by voice, quotes, figures, cues by type."""
    out = []
    for s in analysis.get("sentences") or []:
        out.append(Mark(s["start"], s["end"], LAYER_SENTENCE, f"sent voice-{css_name(s.get('voice'))}",
                        sentence_title(s), attrs=(("data-voice", s.get("voice") or ""),)))
        for c in s.get("cues") or []:
            out.append(Mark(c["start"], c["end"], LAYER_CUE, f"cue cue-{css_name(c.get('type'))}",
                            c.get("type") or "", attrs=(("data-cue", c.get("type") or ""),)))
    for q in analysis.get("quotes") or []:
        out.append(Mark(q["start"], q["end"], LAYER_QUOTE, "quote", quote_title(q)))
    for q in analysis.get("quantities") or []:
        out.append(Mark(q["start"], q["end"], LAYER_FIGURE, "fig", quantity_title(q)))
    return out


def legend() -> str:
    """The key to the colours of the text."""
    items = [f'<li><span class="sent voice-{v}">{v}</span></li>' for v in VOICE_ORDER]
    items += [f'<li><span class="cue cue-{c}">{c}</span></li>' for c in CUE_TYPES]
    items += ['<li><span class="quote">quote</span></li>', '<li><span class="fig">figure</span></li>']
    return f'<ul class="legend">{"".join(items)}</ul>'


def meta_list(analysis: dict) -> str:
    """The document's metadata as a compact list."""
    meta = analysis.get("meta") or {}
    keys = [k for k in META_SHOWN if meta.get(k) not in (None, "")]
    keys += sorted(k for k in meta if k not in META_SHOWN and isinstance(meta[k], (str, int, float)))[:6]
    items = "".join(f"<li>{esc(k)}: <b>{esc(meta[k])}</b></li>" for k in keys)
    counts = (f"<li>sentences: <b>{len(analysis.get('sentences') or [])}</b></li>"
              f"<li>quotes: <b>{len(analysis.get('quotes') or [])}</b></li>"
              f"<li>figures: <b>{len(analysis.get('quantities') or [])}</b></li>")
    return f'<ul class="meta">{items}{counts}</ul>'


def verdict_class(verdict: object) -> str:
    """``good`` / ``bad`` / ``none``: the colour of a verdict label."""
    text = str(verdict or "").lower()
    if text in NEUTRAL_VERDICTS:
        return "none"
    return "good" if text in GOOD_VERDICTS else "bad"


def verdict_section(analysis: dict) -> str:
    """The rhetoric-reality gap: framing, reality, gap and the verdict, or why there is none."""
    gap = (analysis.get("summary") or {}).get("gap")
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


def voices_section(analysis: dict) -> str:
    """Per-voice sentence counts and mean scores, with a bar chart."""
    by_voice = (analysis.get("summary") or {}).get("by_voice") or {}
    if not by_voice:
        return section("Voices", '<p class="note">No sentences were assigned a voice.</p>', ident="voices")
    order = sorted(by_voice, key=lambda v: VOICE_ORDER.index(v) if v in VOICE_ORDER else len(VOICE_ORDER))
    rows = [(Raw(f'<span class="pill {css_name(v)}">{esc(v)}</span>'), by_voice[v].get("n"),
             by_voice[v].get("optimism"), by_voice[v].get("hedging"), by_voice[v].get("uncertain")) for v in order]
    tab = table(["voice", "sentences", "optimism", "hedging", "share uncertain"], rows)
    scored = any(by_voice[v].get("optimism") is not None or by_voice[v].get("hedging") is not None for v in order)
    chart = figure(charts.to_svg(charts.voice_chart({v: by_voice[v] for v in order}), "voices"),
                   "Mean optimism and hedging per voice") if scored else ""
    speakers = (analysis.get("summary") or {}).get("by_speaker") or {}
    spk = ""
    if speakers:
        spk = "<h3>Speakers</h3>" + table(
            ["speaker", "role", "sentences", "optimism", "hedging"],
            [(name, s.get("role"), s.get("n"), s.get("optimism"), s.get("hedging")) for name, s in speakers.items()])
    if not chart:
        return section("Voices", f'{tab}<p class="note">No tone scores in this analysis.</p>{spk}', ident="voices")
    return section("Voices", f'<div class="grid"><div>{tab}{spk}</div><div>{chart}</div></div>', ident="voices")


def quotes_section(analysis: dict) -> str:
    """Each quote with its speaker, role and source."""
    quotes = analysis.get("quotes") or []
    if not quotes:
        return section("Quotes", '<p class="note">No quotes or reported speech found.</p>', ident="quotes")
    rows = []
    for q in quotes:
        who = q.get("speaker") or {}
        src = q.get("source") or {}
        rows.append((q.get("text"), who.get("name") or who.get("text"), who.get("role"),
                     who.get("official") if who else None, "direct" if q.get("direct") else "reported",
                     _source_cell(src)))
    return section("Quotes", table(["quote", "speaker", "role", "official", "kind", "source"], rows, css="quotes"),
                   ident="quotes")


def _source_cell(src: dict) -> object:
    """Outlet and marker as text; the URL as a link only when it is http(s)."""
    if not src:
        return None
    label = " ".join(str(x) for x in (src.get("marker"), src.get("outlet"), src.get("outlet_type") and
                                      f"({src['outlet_type']})") if x)
    url = src.get("url") or ""
    if re.match(r"^https?://", url, re.I):
        return Raw(f'{esc(label)} <a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>')
    return " ".join(x for x in (label, url) if x) or None


def _figure_row(i: int, q: dict) -> tuple:
    return (i, q.get("text"), amount(q.get("value"), q.get("unit")), q.get("unit"), q.get("kind"), q.get("change"),
            q.get("period"), q.get("concept"), q.get("modality"), q.get("speaker"))


def _check_row(c: dict, quantities: list) -> tuple:
    i = c.get("quantity")
    q = quantities[i] if isinstance(i, int) and 0 <= i < len(quantities) else {}
    return (q.get("text"), c.get("series"), c.get("period"), amount(c.get("claimed"), q.get("unit")),
            amount(c.get("actual"), q.get("unit")), c.get("relative_error"), c.get("verdict"), c.get("source"))


def figures_section(analysis: dict) -> str:
    """The figures table and the checks against indicators."""
    quantities = analysis.get("quantities") or []
    checks = analysis.get("checks") or []
    qtab = table(["#", "figure", "value", "unit", "kind", "change", "period", "concept", "modality", "speaker"],
                 [_figure_row(i, q) for i, q in enumerate(quantities)], css="figures") if quantities \
        else '<p class="note">No figures found.</p>'
    ctab = table(["figure", "series", "period", "claimed", "actual", "relative error", "verdict", "source"],
                 [_check_row(c, quantities) for c in checks], css="checks") if checks \
        else '<p class="note">No figure was checked against an indicator.</p>'
    return section("Figures and checks", f"{qtab}<h3>Checks against indicators</h3>{ctab}", ident="figures")


def text_section(analysis: dict) -> str:
    """The text with sentences shaded by voice and cues, quotes and figures highlighted."""
    body = render(text_of(analysis), marks(analysis))
    return section("Text", f'{legend()}<div class="text" id="text">{body}</div>', ident="text-card")


def document_report(analysis: dict, title: Optional[str] = None) -> str:
    """A self-contained HTML page for one document's analysis."""
    title = title or str(analysis.get("id") or "document")
    body = "".join([meta_list(analysis), verdict_section(analysis), voices_section(analysis),
                    text_section(analysis), quotes_section(analysis), figures_section(analysis)])
    return page(title, body, "document", subtitle="Who speaks, how upbeat and how hedged, which figures",
                footer="Hover a sentence, quote or figure for details.")
