"""Which cue each quotation belongs to, and the cleanup of what was found: pure rules over offsets.

The attribution component finds quote marks (:mod:`.quotes`), transcript turns (:mod:`.turns`)
and parse-based cues (:mod:`.reported`); the functions here join them using only the
document text and character offsets, so they are tested without a parse.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .quotes import MarkedQuote
from .reported import Found

# A sentence is kind "quote" when quote marks enclose at least this share of its characters
# (a judgement call: a cue and a name outside the marks take well under half a sentence).
QUOTE_SENTENCE_SHARE = 0.6
# A quote is introduced by a cue in its sentence when at most this many words (besides the
# speaker) stand between them: '"...," the minister said on Tuesday' has three.
MAX_GAP_WORDS = 6
# A quote this long goes to the nearest cue of its sentence even when not adjacent to it;
# shorter ones (titles, scare quotes, nicknames) must be adjacent.
MIN_FREE_QUOTE_WORDS = 5
# Two findings whose contents overlap by this share of the longer one are one attribution.
DUPLICATE_OVERLAP = 0.8
TRAILING = re.compile(r"(?:\[\d{0,3}\]?|\s+|[,;:\u2014\u2013-])$")


def attach_quotes(text: str, starts: list[int], marked: list[MarkedQuote], reported: list[Found],
                  turn_lines: list) -> list[MarkedQuote]:
    """Give each marked quote to the cue that introduces it; return the quotes left without one.

    ``text`` is the document's text and ``starts`` the start offset of each of its sentences.
    In order: the cue whose parsed content overlaps the quote; else the nearest cue in a
    sentence the quote shares; else a colon cue ending the sentence just before the quote.
    """
    orphans = []
    for q in marked:
        if any(s <= q.start < e for s, e in turn_lines):
            continue
        near = [f for f in reported if f.sent[0] < q.end and q.start < f.sent[1]]
        overlapping = [f for f in near if f.content and f.content[0] < q.end and q.start < f.content[1]]
        if overlapping:
            best = max(overlapping, key=lambda f: min(q.end, f.content[1]) - max(q.start, f.content[0]))
        elif any(_adjacent(text, q, f) for f in near):
            best = min((f for f in near if _adjacent(text, q, f)),
                       key=lambda f: min(abs(f.cue[0] - q.end), abs(q.start - f.cue[1])))
        elif near and len(text[q.start:q.end].split()) >= MIN_FREE_QUOTE_WORDS:
            best = min(near, key=lambda f: min(abs(f.cue[0] - q.end), abs(q.start - f.cue[1])))
        elif near:
            best = None  # a title or scare quote elsewhere in the sentence: not what the cue reports
        else:
            best = (_colon_before(text, starts, q, reported) or _bare_cue_next_to(text, q, reported)
                    or _continued(text, q, reported))
        if best is None:
            orphans.append(q)
            continue
        best.quotes.append(q)
    return orphans


def _adjacent(text: str, q: MarkedQuote, f: Found) -> bool:
    """True when only the speaker and a few words stand between the quote and its cue.

    '"...," said Smith' and 'Smith, an economist, said: "..."' are adjacent; a quoted
    title in the middle of a long sentence is not.
    """
    if f.cue[1] <= q.start:
        lo, hi = f.cue[1], q.start
    elif q.end <= f.cue[0]:
        lo, hi = q.end, f.cue[0]
    else:
        return False
    gap = text[lo:hi]
    if f.source is not None:
        s_lo, s_hi = max(lo, f.source.start_char), min(hi, f.source.end_char)
        if s_lo < s_hi:
            gap = text[lo:s_lo] + text[s_hi:hi]
    return len(gap.split()) <= MAX_GAP_WORDS and "\n" not in gap


def _colon_before(text: str, starts: list[int], q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """A colon cue ('He went on:') in the sentence before the quote or right before it."""
    i = bisect.bisect_right(starts, q.start) - 1
    if i < 0:
        return None
    back = i - 1
    while back > 0 and not text[starts[back]:starts[back + 1]].strip():
        back -= 1  # the blank line between "The Herald reports:" and the quote
    prev = starts[back] if back >= 0 else None
    for f in reported:
        if f.colon and not f.quotes and (f.sent[0] == prev or (f.cue[1] <= q.start and f.sent[0] == starts[i])):
            return f
    return None


def finalise(text: str, f: Found) -> bool:
    """Set ``f.content`` to the span over its parsed content and attached quotes; False if empty."""
    spans = ([f.content] if f.content else []) + [(q.start, q.end) for q in f.quotes]
    if f.colon and not spans:
        after = _after_colon(text, f.cue[1], f.sent)
        spans = [after] if after else []
    if not spans:
        return False
    f.content = _trim(text, min(s for s, _ in spans), max(e for _, e in spans))
    return f.content[1] > f.content[0]


def _bare_cue_next_to(text: str, q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """A cue without content in the sentence right after (or before) the quote, same paragraph.

    The parser often splits '"...?" Graham asked.' into two sentences.
    """
    after = [f for f in reported if f.content is None and f.sent[0] >= q.end
             and not text[q.end:f.sent[0]].strip() and "\n" not in text[q.end:f.cue[0]]]
    if after:
        return min(after, key=lambda f: f.sent[0])
    before = [f for f in reported if f.content is None and f.sent[1] <= q.start
              and not text[f.sent[1]:q.start].strip() and "\n" not in text[f.cue[1]:q.start]]
    return max(before, key=lambda f: f.sent[1]) if before else None


def _continued(text: str, q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """The cue of a quote in the sentence just before ('"A," he said. "B."'): the same speaker goes on."""
    before = [f for f in reported if f.quotes and f.sent[1] <= q.start
              and not text[f.sent[1]:q.start].strip()]
    return max(before, key=lambda f: f.sent[1]) if before else None


def _after_colon(text: str, cue_end: int, sent: tuple) -> Optional[tuple]:
    """What follows the colon after a cue, to the paragraph's end: the content of "He went on:"."""
    colon = text.find(":", cue_end, sent[1])
    start = colon + 1 if colon >= 0 else sent[1]
    rest = text[start:]
    stripped = rest.lstrip()
    if not stripped:
        return None
    begin = start + len(rest) - len(stripped)
    stop = text.find("\n", begin)
    stop = len(text) if stop < 0 else stop
    return (begin, stop) if stop > begin else None


def dedupe(found: list[Found]) -> list[Found]:
    """Drop a finding whose content is nearly the same as an earlier one's (two cues, one claim)."""
    kept: list[Found] = []
    for f in found:
        dup = False
        for k in kept[-4:]:
            inter = min(f.content[1], k.content[1]) - max(f.content[0], k.content[0])
            longer = max(f.content[1] - f.content[0], k.content[1] - k.content[0])
            if inter > 0 and inter >= DUPLICATE_OVERLAP * longer:
                dup = True
                if k.kind == "thought" and f.kind != "thought":
                    kept[kept.index(k)] = f
                break
        if not dup:
            kept.append(f)
    return kept


def _trim(text: str, start: int, end: int) -> tuple:
    """Content offsets without trailing footnote markers, spaces and clause punctuation."""
    while True:
        m = TRAILING.search(text, start, end)
        if not m or m.start() == end:
            break
        end = m.start()
    return start, end


def inside_any(span: tuple, spans: list) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def is_direct(text: str) -> bool:
    return any(c in text for c in "\"\u201c\u201d\u00ab\u00bb") or "''" in text


def sentence_between(gap: str) -> bool:
    """True when ``gap`` (text between a quote and a marker) holds the end of a sentence and more."""
    return bool(re.search(r"[.!?]\s+\S", gap)) or "\n" in gap


def quoted_share(start: int, end: int, marked: list[MarkedQuote], doc_chars: str) -> float:
    """Share of the characters of the sentence at [start, end) inside quote marks (``doc_chars``
    is the document text)."""
    inside = sum(max(0, min(q.end, end) - max(q.start, start)) for q in marked)
    if not inside:
        return 0.0  # most sentences: no need to measure them
    # The document slice, stripped, is Span.text stripped (that adds only the last token's space).
    size = len(doc_chars[start:end].strip())
    if not size:
        return 0.0
    return inside / size
