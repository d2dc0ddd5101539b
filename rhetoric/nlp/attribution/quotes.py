"""Direct quotes found from the quote marks alone, before any parse is consulted.

Handles curly and straight double marks, guillemets and NYT-style ``''...''``; single
marks are never quote boundaries (``’`` is also the apostrophe), so nested single
quotes simply stay inside their double quote. A quote may run over paragraphs when
each continuing paragraph opens with a mark (newspaper convention). Unbalanced marks
never raise: an unclosed quote ends at its paragraph's end, a stray closing mark is
ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u00ab"          # “ «
CLOSERS = "\u201d\u00bb"          # ” »
AMBIGUOUS = ('"', "''")           # straight marks and NYT's two apostrophes open and close
MARK = re.compile(r"''|[\"\u201c\u201d\u00ab\u00bb]")
PARAGRAPH = re.compile(r"\n")
# Characters after which a mark is an opening one ('said: "', '("', '—"').
OPEN_BEFORE = set(" \t\n([{\u2014\u2013-:/")


@dataclass
class MarkedQuote:
    """Character span of a quote including its marks; ``closed`` is False for an unbalanced one."""

    start: int
    end: int
    closed: bool = True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line-delimited paragraph."""
    spans, start = [], 0
    for m in PARAGRAPH.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _role(text: str, pos: int, mark: str, is_open: bool) -> str:
    """'open' or 'close' for the mark at ``pos``, given whether a quote is open."""
    if mark in OPENERS:
        # A doubled opener or an opener glued to the end of a word closes a quote.
        if is_open and (pos + 1 >= len(text) or not text[pos + 1].isalnum()):
            return "close"
        return "open"
    if mark in CLOSERS:
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        # Some texts use ” for both: at a word start with no quote open it opens.
        if not is_open and before in OPEN_BEFORE and after.isalnum():
            return "open"
        return "close"
    return "close" if is_open else "open"


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """Every double-quoted stretch of ``text``, in order, never overlapping."""
    quotes: list[MarkedQuote] = []
    paragraphs = _paragraphs(text)
    open_at = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        carried = open_at is not None
        for m in MARK.finditer(text, p_start, p_end):
            if carried and not text[p_start:m.start()].strip():
                continue  # the mark that continues a quote from the paragraph before
            carried = False
            role = _role(text, m.start(), m.group(), open_at is not None)
            if role == "open":
                if open_at is not None:
                    # Two openers in a row: the first quote was never closed.
                    quotes.append(MarkedQuote(open_at, _rstrip(text, m.start()), False))
                open_at = m.start()
            elif open_at is not None:
                quotes.append(MarkedQuote(open_at, m.end()))
                open_at = None
        if open_at is not None and not _continues(text, paragraphs, index):
            quotes.append(MarkedQuote(open_at, _rstrip(text, p_end), False))
            open_at = None
    if open_at is not None:
        quotes.append(MarkedQuote(open_at, _rstrip(text, len(text)), False))
    return [q for q in quotes if q.end > q.start + 1]


def _continues(text: str, paragraphs: list, index: int) -> bool:
    """True when the next paragraph opens with a quote mark (the open quote runs on)."""
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index + 1]
    head = text[start:end].lstrip()
    return head.startswith(tuple(OPENERS)) or head.startswith(AMBIGUOUS)


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
