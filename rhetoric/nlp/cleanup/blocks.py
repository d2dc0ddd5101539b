"""Find the lines of a document that are not running text: captions, references, headings.

Pure functions over the text, so they are testable without spaCy. A *block* is one
line (or one paragraph for captions) with a kind; everything not in a block is body.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from ...contract.schema import Reference

HERE = Path(__file__).resolve().parent
PATTERNS_FILE = "patterns.json"

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


@dataclass(frozen=True)
class BlockPatterns:
    """The caption and heading rules of ``patterns.json``, compiled."""

    caption_start: tuple
    caption_anywhere: tuple
    reference_headings: frozenset
    max_caption_words: int
    max_heading_words: int

    @classmethod
    def from_dict(cls, data: dict) -> "BlockPatterns":
        return cls(tuple(re.compile(p, re.I) for p in data["caption"]),
                   tuple(re.compile(p, re.I) for p in data["caption_anywhere"]),
                   frozenset(data["reference_heading"]), data["max_caption_words"], data["max_heading_words"])


def read_patterns(directory: Path = HERE) -> dict:
    """The raw contents of ``patterns.json`` in ``directory`` (the shipped one by default)."""
    return json.loads((Path(directory) / PATTERNS_FILE).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def load_patterns(directory: Path = HERE) -> BlockPatterns:
    """The compiled patterns of ``directory``, read once per folder."""
    return BlockPatterns.from_dict(read_patterns(directory))


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


def line_kind(line: str, standalone: bool, patterns: Optional[BlockPatterns] = None) -> Optional[str]:
    """The block kind of one line, or None for running text (``patterns``: the shipped ones by default)."""
    rules = patterns or load_patterns()
    stripped = line.strip()
    if not stripped:
        return None
    words = stripped.split()
    if (REFERENCE_LINE.match(stripped) and len(words) <= MAX_REFERENCE_WORDS) or BARE_URL_LINE.match(stripped):
        return "reference"
    if len(words) <= rules.max_caption_words and (any(p.search(stripped) for p in rules.caption_start)
                                                  or any(p.search(stripped) for p in rules.caption_anywhere)):
        return "caption"
    if MARKDOWN_HEADING.match(line):
        return "heading"
    if stripped.lower().rstrip(":") in rules.reference_headings and len(words) <= 2:
        return "heading"
    if standalone and len(words) <= rules.max_heading_words and not SENTENCE_END.search(stripped) \
            and (stripped[0].isupper() or stripped[0].isdigit()) and not stripped.endswith(":"):
        return "heading"
    return None


def find_blocks(text: str, patterns: Optional[BlockPatterns] = None) -> list[Block]:
    """Every caption, reference and heading line of ``text``, in order."""
    patterns = patterns or load_patterns()
    blocks: list[Block] = []
    for start, end, line in lines_of(text):
        kind = line_kind(line, _is_standalone(text, start, end), patterns)
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
