"""Escaped HTML for a text with possibly overlapping highlighted spans.

Sentences, quotes, cues and figures overlap in any way the analysis found them. Each
mark is an interval with a layer (outer layers wrap inner ones); where marks cross, the
inner one is closed and reopened, so the output is always well-formed and every
character of the text appears exactly once, escaped.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional


@dataclass(frozen=True)
class Mark:
    """Wrap ``text[start:end]`` in ``<tag class=... title=...>``; lower ``layer`` is outer."""

    start: int
    end: int
    layer: int
    css: str
    title: str = ""
    tag: str = "span"
    attrs: tuple = ()

    def open(self) -> str:
        """The opening tag, every attribute value escaped."""
        parts = [self.tag, f'class="{html.escape(self.css, quote=True)}"']
        if self.title:
            parts.append(f'title="{html.escape(self.title, quote=True)}"')
        parts.extend(f'{name}="{html.escape(str(value), quote=True)}"' for name, value in self.attrs)
        return "<" + " ".join(parts) + ">"

    def close(self) -> str:
        return f"</{self.tag}>"


def esc(value: object) -> str:
    """HTML-escaped text of any value (None -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def render(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as escaped HTML with ``marks`` applied, nested by layer.

    A sweep over the mark boundaries: only the marks open at a point are compared, so a
    long speech with tens of thousands of sentences and cues renders in linear time.
    """
    marks = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[Mark] = []
    open_marks: list[Mark] = []
    following = 0
    for left, right in zip(bounds, bounds[1:]):
        open_marks = [m for m in open_marks if m.end > left]
        while following < len(marks) and marks[following].start <= left:
            open_marks.append(marks[following])
            following += 1
        active = sorted(open_marks, key=lambda m: (m.layer, m.start, -m.end, m.css))
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        out.extend(m.close() for m in reversed(stack[keep:]))
        out.extend(m.open() for m in active[keep:])
        stack = active
        out.append(html.escape(text[left:right], quote=False))
    out.extend(m.close() for m in reversed(stack))
    return "".join(out)


def table(headers: Iterable[str], rows: Iterable[Iterable[object]], css: str = "",
          numeric: Optional[Mapping[int, bool]] = None) -> str:
    """An escaped HTML table; cells that are already markup are passed as :class:`Raw`."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Raw):
                cells.append(f"<td>{value.html}</td>")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<td class="num">{esc(fmt(value))}</td>')
            else:
                cells.append(f"<td>{esc(fmt(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cls = f' class="{esc(css)}"' if css else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


@dataclass(frozen=True)
class Raw:
    """A table cell that is already safe markup (built from escaped pieces)."""

    html: str


def fmt(value: object) -> str:
    """Numbers shortened for tables; None as an en dash."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
            return f"{value:.3g}"
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, (list, tuple)):
        return "–".join(fmt(v) for v in value)
    return str(value)
