"""Static charts with matplotlib (Agg): inline SVG for the HTML report, PNG/SVG files for papers.

Labels come from the corpus (outlet names, speakers), so math text is switched off (a
``$`` in a name must not be parsed as TeX) and matplotlib escapes them in the SVG.
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Optional, Sequence

from ...errors import RhetoricError

# Colours shared with report.css so a voice looks the same in the text and in a chart.
VOICE_COLOURS = {"official": "#1d4ed8", "expert": "#15803d", "press": "#7c3aed", "other": "#0f766e",
                 "commentary": "#b45309", "boilerplate": "#9ca3af"}
OTHER_COLOURS = ("#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a16207", "#475569")
INDICATOR_COLOUR = "#9ca3af"
PLOT_SUFFIXES = (".png", ".svg")
STYLE = {
    "text.parse_math": False,
    "svg.fonttype": "none",  # text stays text in the SVG: smaller, selectable, sharp
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e7eb",
    "grid.linewidth": 0.6,
}
PNG_DPI = 200
_XML_HEAD = re.compile(r"^.*?(?=<svg)", re.S)


class _LazyPyplot:
    """matplotlib.pyplot on the Agg backend, imported at first use: importing it costs most
    of a second, which every ``rhetoric`` command would otherwise pay at start-up."""

    def __getattr__(self, name: str):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot

        return getattr(matplotlib.pyplot, name)


plt = _LazyPyplot()


def colour(name: str, index: int) -> str:
    """The voice's colour (also for a ``voice=official`` filter label), else one of a fixed cycle."""
    return VOICE_COLOURS.get(name.rsplit("=", 1)[-1], OTHER_COLOURS[index % len(OTHER_COLOURS)])


def _figure(width: float, height: float):
    with plt.rc_context(STYLE):
        return plt.subplots(figsize=(width, height), layout="constrained")


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def group_chart(groups: Sequence[dict], metric: str, title: str = ""):
    """Dot-and-whisker chart: each group's mean with its 95% bootstrap CI."""
    with plt.rc_context(STYLE):
        fig, ax = _figure(6.4, 0.5 + 0.38 * max(2, len(groups)))
        names = [_short(g["group"]) for g in groups]
        for i, g in enumerate(groups):
            if g.get("mean") is None:
                continue
            lo = g["mean"] - g["ci_low"] if g.get("ci_low") is not None else 0
            hi = g["ci_high"] - g["mean"] if g.get("ci_high") is not None else 0
            ax.errorbar(g["mean"], i, xerr=[[lo], [hi]], fmt="o", color=colour(g["group"], i),
                        capsize=3, markersize=6, linewidth=1.6)
            ax.annotate(f"n={g['n']}", (g["ci_high"] if g.get("ci_high") is not None else g["mean"], i),
                        xytext=(6, 0), textcoords="offset points", va="center", fontsize=7, color="#6b7280")
        ax.set_yticks(range(len(groups)), names)
        ax.set_ylim(-0.6, len(groups) - 0.4)
        ax.invert_yaxis()
        ax.axvline(0, color="#6b7280", linewidth=0.8)
        ax.set_xlabel(f"mean {metric} (95% bootstrap CI)")
        if title:
            ax.set_title(title, loc="left", fontsize=10)
    return fig


def series_chart(lines: dict, metric: str, title: str = "", indicator: Optional[dict] = None,
                 indicator_label: str = ""):
    """Tone over periods, one line per group with a CI band; optional indicator bars behind.

    ``lines`` maps a group name to rows with ``period``, ``mean``, ``ci_low``, ``ci_high``;
    ``indicator`` maps period -> value.
    """
    from ...compare.groups import natural_key

    periods = sorted({r["period"] for rows in lines.values() for r in rows} | set(indicator or {}),
                     key=natural_key)
    x = {p: i for i, p in enumerate(periods)}
    with plt.rc_context(STYLE):
        fig, ax = _figure(7.2, 3.2)
        if indicator:
            bars = ax.twinx()
            bars.bar([x[p] for p in indicator], list(indicator.values()), color=INDICATOR_COLOUR, alpha=0.35,
                     width=0.6, label=indicator_label or "indicator")
            bars.set_ylabel(indicator_label or "indicator", color="#4b5563")
            bars.grid(False)
            bars.spines["right"].set_visible(True)
            ax.set_zorder(bars.get_zorder() + 1)
            ax.patch.set_visible(False)
        for i, (name, rows) in enumerate(lines.items()):
            rows = [r for r in rows if r.get("mean") is not None]
            if not rows:
                continue
            xs = [x[r["period"]] for r in rows]
            c = colour(name, i)
            ax.plot(xs, [r["mean"] for r in rows], marker="o", color=c, label=_short(name), linewidth=1.8)
            band = [(x[r["period"]], r["ci_low"], r["ci_high"]) for r in rows if r.get("ci_low") is not None]
            if band:
                bx, lo, hi = zip(*band)
                ax.fill_between(bx, lo, hi, color=c, alpha=0.12, linewidth=0)
        ax.set_xticks(range(len(periods)), periods, rotation=45 if len(periods) > 8 else 0)
        ax.set_ylabel(f"mean {metric}")
        ax.axhline(0, color="#6b7280", linewidth=0.8)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", frameon=False, fontsize=8)
        if title:
            ax.set_title(title, loc="left", fontsize=10)
    return fig


def voice_chart(by_voice: dict):
    """Bars of mean optimism and hedging per voice, for one document."""
    voices = [v for v in by_voice if by_voice[v].get("n")]
    with plt.rc_context(STYLE):
        fig, ax = _figure(5.2, 0.6 + 0.45 * max(2, len(voices)))
        height = 0.38
        for i, v in enumerate(voices):
            s = by_voice[v]
            ax.barh(i - height / 2, s.get("optimism") or 0, height, color=colour(v, i), label="optimism" if i == 0 else None)
            ax.barh(i + height / 2, s.get("hedging") or 0, height, color=colour(v, i), alpha=0.4,
                    hatch="///", label="hedging" if i == 0 else None)
        ax.set_yticks(range(len(voices)), voices)
        ax.invert_yaxis()
        ax.axvline(0, color="#6b7280", linewidth=0.8)
        ax.set_xlabel("mean optimism (solid) and hedging (hatched)")
    return fig


def to_svg(fig, name: str = "chart") -> str:
    """The figure as an ``<svg>`` element to inline in HTML (no XML prolog or DOCTYPE)."""
    buffer = io.StringIO()
    # A distinct salt per chart keeps the generated ids of several inline SVGs apart.
    with plt.rc_context({**STYLE, "svg.hashsalt": name}):
        fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = _XML_HEAD.sub("", buffer.getvalue(), count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(name, quote=True)}" ', 1)


def save(fig, path: str) -> str:
    """Write the figure to ``path`` (``.png`` or ``.svg``); return the path."""
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        plt.close(fig)
        raise RhetoricError(f"--plot {path}: give a file name ending in .png or .svg")
    try:
        with plt.rc_context({**STYLE, "svg.hashsalt": Path(path).stem}):
            fig.savefig(path, dpi=PNG_DPI)
    except OSError as err:
        raise RhetoricError(f"--plot {path}: cannot write ({err.strerror})") from None
    finally:
        plt.close(fig)
    return path
