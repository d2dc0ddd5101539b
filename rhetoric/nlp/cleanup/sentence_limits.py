"""Sentences of bounded length, and sentence ends that survive invisible marks.

Every stage does some work per sentence that grows with the sentence's length, so one
"sentence" of 50,000 characters (an ASR transcript, a number table, a text whose full
stops carry zero-width or bidi marks) would cost far more than the same words in
ordinary sentences. Before the parser, two kinds of boundary are preset:

* a token that ends with ``.``, ``!`` or ``?`` followed only by zero-width, bidi or
  combining marks (``2014.\\u200b``; the tokenizer keeps such marks on the word) ends
  its sentence when the next word is capitalised, as a plain full stop would;
* a stretch longer than :data:`MAX_SENTENCE_CHARS` with no sentence end is cut at its
  last clause break (``;``, ``:``, ``,``, a dash or bracket) in the second half of the
  window, else between two tokens. Each cut is recorded on the sentence it opens:
  ``span._.cut`` (and the contract's ``Sentence.cut``) is ``"clause"`` or ``"token"``
  (None for a sentence the parser found).

Only such texts change: ordinary prose never meets either rule.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from ...contract.fields import CUTS
from ..extensions import CUTS_KEY, doc_text

# Longer than any sentence of running prose we have measured: in all 4,793 UN General Debate
# speeches of ../shared/data/ungdc the longest stretch without a sentence end or line break
# is 1,624 characters (99th percentile 690); short enough that the per-sentence stages stay
# cheap on texts with no full stops.
MAX_SENTENCE_CHARS = 2000
# Zero-width characters, bidi controls and the byte-order mark.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
FINAL = (".", "!", "?", "…")
CLAUSE_BREAKS = {";", ":", ",", "–", "—", "(", ")", "-"}


def _visible(text: str) -> str:
    """``text`` without invisible and combining marks."""
    text = INVISIBLE.sub("", text)
    if text.isascii():
        return text
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Where a token ends with a sentence end (a final mark before whitespace), or a paragraph breaks:
# a subset of the places where the token rules below reset a stretch.
_STRETCH_ENDS = re.compile(r"[.!?…](?=\s)|\n\n")


def needs_limits(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> bool:
    """False when neither rule can apply to ``text``: no invisible or combining mark, and no
    stretch between sentence ends as long as ``max_chars``. Most texts; they skip the token loop."""
    if INVISIBLE.search(text) or (not text.isascii() and any(unicodedata.combining(ch) for ch in set(text))):
        return True
    start = 0
    for m in _STRETCH_ENDS.finditer(text):
        if m.start() - start >= max_chars:
            return True
        start = m.end()
    return len(text) - start >= max_chars


def write_sent_starts(doc: Doc, values: dict) -> Doc:
    """Set ``is_sent_start`` (True, False or None) of the tokens ``values`` maps, in one write.
    spaCy's per-token setter looks through the whole Doc for a parse on every call, so setting
    tokens one by one takes time in the square of the Doc's length."""
    if values:
        column = doc.to_array([SENT_START]).astype("int64")
        for i, value in values.items():
            column[i] = 0 if value is None else (1 if value else -1)
        doc.from_array([SENT_START], column.reshape(-1, 1).astype("uint64"))
    return doc


def limit_sentences(doc: Doc, max_chars: int = MAX_SENTENCE_CHARS) -> Doc:
    """Preset the boundaries described in the module docstring on ``doc`` (before the parser)."""
    if not needs_limits(doc_text(doc), max_chars):
        return doc
    return apply_limits(doc, max_chars)


def apply_limits(doc: Doc, max_chars: int = MAX_SENTENCE_CHARS) -> Doc:
    """The token rules of :func:`limit_sentences`, without its quick check."""
    texts = [token.text for token in doc]
    # Offsets and preset starts read in one go (1 set, -1 unset as a start, 0 open):
    # a Token object per token would cost more than the rules.
    rows = doc.to_array([IDX, SENT_START]).tolist()
    starts = [row[1] for row in rows]
    cuts: dict[int, str] = {}
    opened: dict[int, bool] = {}  # new sentence starts, written at the end (see write_sent_starts)
    run_start, last_break = 0, None  # char offset of the current stretch; token after its last clause break
    for i, text in enumerate(texts):
        if starts[i] == 1 and i > 0:
            run_start, last_break = rows[i][0], None
        visible = text if text.isascii() else _visible(text)
        if visible is not text and visible != text and visible.endswith(FINAL):
            nxt = _next_word(texts, i + 1)
            if nxt is not None and starts[nxt] == 0 and _capitalised(texts[nxt]):
                starts[nxt] = 1
                opened[nxt] = True
        if visible.endswith(FINAL) or "\n\n" in text:
            run_start, last_break = rows[i][0] + len(text), None
            continue
        if text in CLAUSE_BREAKS:
            last_break = i + 1
        if rows[i][0] + len(text) - run_start <= max_chars:
            continue
        halfway = run_start + max_chars // 2
        if last_break is not None and last_break < len(texts) and rows[last_break][0] >= halfway \
                and starts[last_break] == 0 and not texts[last_break].isspace():
            cut, how = last_break, CUTS[0]
        else:
            # before the token that overflows, so no sentence is longer than the limit
            # (after it only when that token alone is the stretch)
            cut, how = _next_word(texts, i if rows[i][0] > run_start else i + 1), CUTS[1]
            if cut is None or starts[cut] != 0:  # the end, or inside a boilerplate line (never split)
                continue
        starts[cut] = 1
        opened[cut] = True
        cuts[cut] = how
        run_start, last_break = rows[cut][0], None
    if cuts:
        doc.user_data[CUTS_KEY] = cuts
    return write_sent_starts(doc, opened)


def _next_word(texts: list[str], i: int):
    """The index of the first token from ``i`` on that is not whitespace, or None."""
    while i < len(texts) and texts[i].isspace():
        i += 1
    return i if i < len(texts) else None


def _capitalised(text: str) -> bool:
    word = _visible(text)
    return bool(word) and (word[0].isupper() or word[0].isdigit())
