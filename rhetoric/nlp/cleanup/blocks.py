"""Find the lines of a document that are not running text: captions, references, headings.

Pure functions over the text, so they are testable without spaCy. A *block* is one
line (or one paragraph for captions) with a kind; everything not in a block is body.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from ...contract.schema import Reference

_PATTERNS = json.loads((Path(__file__).parent / "patterns.json").read_text(encoding="utf-8"))
CAPTION_START = [re.compile(p, re.I) for p in _PATTERNS["caption"]]
CAPTION_ANYWHERE = [re.compile(p, re.I) for p in _PATTERNS["caption_anywhere"]]
REFERENCE_HEADINGS = set(_PATTERNS["reference_heading"])
MAX_CAPTION_WORDS = _PATTERNS["max_caption_words"]
MAX_HEADING_WORDS = _PATTERNS["max_heading_words"]

URL = r"(?:https?://|www\.)\S+"
# "[1] http://...", "1. http://...", "[1]: http://...", "^1 http://...", or "[1] Author, Title, http://..."
REFERENCE_LINE = re.compile(
    r"^\s*(?P<marker>\[\d{1,3}\]|\(\d{1,3}\)|\^?\d{1,3}[.):]|\^\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)[:\s]\s*"
    r"(?P<rest>.*?(?P<url>" + URL + r").*)$")
# A reference line is a citation, not running text that happens to hold a URL.
MAX_REFERENCE_WORDS = 40
BARE_URL_LINE = re.compile(r"^\s*(?P<url>" + URL + r")\s*$")
SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
HOST_PREFIX = re.compile(r"^(?:w{2,3}\d*|m|mobile|amp)\.")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
SENTENCE_END = re.compile(r"[.!?:;,\"”’)\]…]\s*$")


@dataclass
class Block:
    """A line of the document that is not running text."""

    start: int
    end: int
    kind: str  # caption | reference | heading


def domain_of(url: str) -> str:
    """The host of ``url`` without ``www.``-like prefixes (``ww.rferl.org`` -> ``rferl.org``)."""
    host = urlparse(url if "://" in url else "http://" + url).netloc.lower().split("@")[-1].split(":")[0]
    return HOST_PREFIX.sub("", host)


def normalise_marker(marker: str) -> str:
    """Footnote markers in one form, ``[n]``: ``1.``, ``(1)``, ``^1``, ``¹`` all become ``[1]``."""
    digits = re.sub(r"\D", "", marker.translate(SUPERSCRIPTS))
    return f"[{digits}]" if digits else marker


def lines_of(text: str):
    """Yield ``(start, end, line)`` for each line, ``end`` excluding the newline."""
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield start, start + len(stripped), stripped
        start += len(line)


def _is_standalone(text: str, start: int, end: int) -> bool:
    """A line with a blank line (or the document start) before it, and a blank line then
    more text after it: the shape of a heading. A one-line document is never a heading."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t").replace("\r\n", "\n")
    return (not before or before.endswith("\n\n")) and after.startswith("\n\n") and bool(after.strip())


def line_kind(line: str, standalone: bool) -> Optional[str]:
    """The block kind of one line, or None for running text."""
    stripped = line.strip()
    if not stripped:
        return None
    words = stripped.split()
    if (REFERENCE_LINE.match(stripped) and len(words) <= MAX_REFERENCE_WORDS) or BARE_URL_LINE.match(stripped):
        return "reference"
    if len(words) <= MAX_CAPTION_WORDS and (
            any(p.search(stripped) for p in CAPTION_START) or any(p.search(stripped) for p in CAPTION_ANYWHERE)):
        return "caption"
    if MARKDOWN_HEADING.match(line):
        return "heading"
    if stripped.lower().rstrip(":") in REFERENCE_HEADINGS and len(words) <= 2:
        return "heading"
    if standalone and len(words) <= MAX_HEADING_WORDS and not SENTENCE_END.search(stripped) \
            and (stripped[0].isupper() or stripped[0].isdigit()) and not stripped.endswith(":"):
        return "heading"
    return None


def find_blocks(text: str) -> list[Block]:
    """Every caption, reference and heading line of ``text``, in order."""
    blocks: list[Block] = []
    for start, end, line in lines_of(text):
        kind = line_kind(line, _is_standalone(text, start, end))
        if kind:
            lead = len(line) - len(line.lstrip())
            blocks.append(Block(start + lead, start + len(line.rstrip()), kind))
    return blocks


def parse_references(text: str, blocks: list[Block]) -> dict[str, Reference]:
    """Marker -> Reference for every reference line with a marker and a URL."""
    found: dict[str, Reference] = {}
    for block in blocks:
        if block.kind != "reference":
            continue
        match = REFERENCE_LINE.match(text[block.start:block.end])
        if not match:
            continue
        marker = normalise_marker(match.group("marker"))
        url = match.group("url").rstrip(".,;)")
        found.setdefault(marker, Reference(marker, url, domain_of(url), block.start, block.end))
    return found
