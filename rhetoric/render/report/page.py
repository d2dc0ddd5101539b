"""The page shell: ``page.html`` and ``report.css`` (package data next to this module).

The shell carries a Content-Security-Policy that forbids scripts and any fetch, as a
second line of defence behind escaping: even a mistake in escaping cannot run code or
call home from a report someone opens.
"""
from __future__ import annotations

import functools
from pathlib import Path
from string import Template

from .markup import esc

HERE = Path(__file__).parent


@functools.lru_cache(maxsize=None)
def _resource(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def version() -> str:
    """The installed rhetoric version (or ``dev`` in an uninstalled checkout)."""
    try:
        from importlib.metadata import version as dist_version
        return dist_version("rhetoric")
    except Exception:  # noqa: BLE001 - any metadata problem just means "not installed"
        return "dev"


def page(title: str, body: str, kind: str, subtitle: str = "", footer: str = "") -> str:
    """A complete HTML document. ``title``/``subtitle``/``footer`` are text; ``body`` is markup."""
    labels = {"document": "document report", "corpus": "corpus report"}
    return Template(_resource("page.html")).substitute(
        version=esc(version()), title=esc(title), css=_resource("report.css"), kind=esc(kind),
        kind_label=esc(labels.get(kind, kind)),
        subtitle=f'<p class="subtitle">{esc(subtitle)}</p>' if subtitle else "",
        body=body, footer=esc(footer))


def section(title: str, inner: str, css: str = "card", ident: str = "") -> str:
    """A titled card; ``inner`` is markup."""
    attr = f' id="{esc(ident)}"' if ident else ""
    return f'<section class="{esc(css)}"{attr}><h2>{esc(title)}</h2>{inner}</section>'


def figure(svg: str, caption: str = "") -> str:
    """An inline SVG chart with an escaped caption."""
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart">{svg}{cap}</figure>'
