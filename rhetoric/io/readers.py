"""Read documents: ``.txt``, ``.md``, ``.html`` files and ``-`` for stdin.

Encodings: UTF-8, UTF-8 with BOM, UTF-16 with BOM. A UTF-8 file with a few invalid
bytes keeps its text, the bad bytes replaced by U+FFFD; a file with no valid UTF-8
sequence at all is read as cp1252 (Latin-1 plus the Windows punctuation). Either
fallback is reported, with the offsets of the bad bytes, in ``meta["encoding_fallback"]``
and on stderr by the CLI. Binary input (images, PDFs,
archives) is refused. HTML is reduced to its main text with trafilatura.
"""
from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import RhetoricError
from .formats import HTML_SUFFIXES, TEXT_SUFFIXES
from ..knowledge.dates import HTML_DATE_KEY

# Offsets of invalid UTF-8 bytes named in the note on a damaged file.
SHOWN_OFFSETS = 5
# Magic numbers of common binary formats, named so the refusal can say what it saw.
MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "a gzip archive", b"\xd0\xcf\x11\xe0": "an MS Office file",
    b"SQLite format 3": "an SQLite database", b"PAR1": "a Parquet file",
}


@dataclass
class Document:
    """One input document: an id, its text and free-form metadata."""

    id: str
    text: str
    meta: dict = field(default_factory=dict)


def _binary_kind(data: bytes) -> Optional[str]:
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data"
    return None


def decode(data: bytes, name: str) -> tuple[str, Optional[str]]:
    """Text of ``data`` and the name of the fallback encoding used, if one was needed.

    Raises :class:`RhetoricError` for binary data.
    """
    kind = _binary_kind(data)
    if kind:
        raise RhetoricError(f"{name}: looks like {kind}, not text; give a .txt, .md or .html file")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as err:
            raise RhetoricError(f"{name}: starts with a UTF-16 mark but is not valid UTF-16 ({err.reason})") from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    bad = _invalid_utf8(data)
    if _has_utf8_sequences(data, bad):
        # A UTF-8 file with a few damaged bytes: replace those, keep the rest as written.
        shown = ", ".join(str(offset) for offset in bad[:SHOWN_OFFSETS]) + (", ..." if len(bad) > SHOWN_OFFSETS else "")
        plural = "s" if len(bad) > 1 else ""
        return (data.decode("utf-8", errors="replace"),
                f"UTF-8 with {len(bad)} invalid byte{plural} replaced by U+FFFD (at byte offset{plural} {shown})")
    # cp1252 leaves five bytes undefined; those fall back to Latin-1's control characters.
    return "".join(data[i:i + 1].decode("cp1252", errors="ignore") or data[i:i + 1].decode("latin-1")
                   for i in range(len(data))), "cp1252"


def _invalid_utf8(data: bytes) -> list[int]:
    """Offsets of the bytes that are not part of a valid UTF-8 sequence."""
    bad, start = [], 0
    decoder = codecs.getincrementaldecoder("utf-8")
    while start < len(data):
        try:
            decoder().decode(data[start:], final=True)
            break
        except UnicodeDecodeError as err:
            bad.extend(range(start + err.start, start + err.end))
            start += err.end
    return bad


def _has_utf8_sequences(data: bytes, bad: list[int]) -> bool:
    """True when some non-ASCII bytes form valid UTF-8: the file is UTF-8, only damaged."""
    high = len(data) - len(data.decode("ascii", errors="ignore"))
    return high > len(bad)


def html_to_text(html: str, name: str) -> str:
    """The main text of an HTML page (boilerplate, menus and scripts removed)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True, deduplicate=False)
    if not text or not text.strip():
        raise RhetoricError(f"{name}: no main text found in this HTML page")
    # Paragraphs separated by blank lines, as in our plain-text input.
    return "\n\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def html_date(html: str) -> Optional[str]:
    """The publication date an HTML page declares (meta tags, JSON-LD, visible dates), via trafilatura;
    None when it has none. Only the page's markup is read: nothing is fetched."""
    import trafilatura

    try:
        found = trafilatura.extract_metadata(html)
    except Exception:  # a page trafilatura cannot parse for metadata still has its text read below
        return None
    return found.date if found is not None and found.date else None


def document_from_bytes(data: bytes, name: str, doc_id: Optional[str] = None,
                        meta: Optional[dict] = None, html: Optional[bool] = None) -> Document:
    """A :class:`Document` from raw bytes; ``html`` None means guess from the name and content."""
    text, fallback = decode(data, name)
    meta = dict(meta or {})
    if fallback:
        meta["encoding_fallback"] = fallback
    if html is None:
        suffix = Path(name).suffix.lower()
        html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text))
    if html:
        page_date = html_date(text)
        if page_date and "date" not in meta:
            meta[HTML_DATE_KEY] = page_date  # the page's own date (see rhetoric.knowledge.dates)
        text = html_to_text(text, name)
    if not text.strip():
        raise RhetoricError(f"{name}: the file is empty")
    return Document(id=doc_id if doc_id is not None else name, text=text, meta=meta)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_path(path: str, doc_id: Optional[str] = None, meta: Optional[dict] = None) -> Document:
    """Read one document from ``path`` (``-`` reads stdin); user mistakes raise RhetoricError."""
    if path == "-":
        return document_from_bytes(sys.stdin.buffer.read(), "<stdin>", doc_id or "stdin", meta)
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file")
    if p.is_dir():
        raise RhetoricError(f"{path}: is a directory; give a file (use 'rhetoric batch' for folders)")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise RhetoricError(f"{path}: cannot read ({err.strerror})") from None
    return document_from_bytes(data, path, doc_id if doc_id is not None else p.name, meta)
