"""Speaker turns in transcripts: ``Vladimir Putin: ...``, ``PRESIDENT PUTIN: ...``, ``Question: ...``.

A line opening with a short label and a colon is a turn when the label is written in
capitals, is a person the model or the gazetteer knows, or is a question/answer label;
the rest of the line is what that speaker said.
"""
from __future__ import annotations

import re

from ..extensions import doc_text, ents_within
from .lexicon import Lexicon
from .reported import Found

TURN = re.compile(r"^[ \t\"\u201c]*(?P<label>[^\W\d_][\w.'’\- ]{0,48}?)[ \t]*:[ \t]+(?P<body>\S[^\n]*)", re.M)
MIN_TURNS = 3  # fewer labelled lines are headlines or a quoted exchange, not a transcript
MAX_LABEL_WORDS = 5  # "VICE PRESIDENT JOE BIDEN" fits; longer is a sentence with a colon


def find_turns(doc, lex: Lexicon) -> list[Found]:
    """One :class:`Found` per speaker-turn line, with the label as the source mention."""
    text = doc_text(doc)
    out = []
    for m in TURN.finditer(text):
        label = m.group("label").strip()
        if not _is_speaker_label(doc, label, m.start("label"), lex):
            continue
        start, end = m.start("label"), m.start("label") + len(label)
        source = doc.char_span(start, end, alignment_mode="expand")
        body_start, body_end = m.start("body"), m.end("body")
        body_end = len(text[:body_end].rstrip())
        if source is None or body_end <= body_start:
            continue
        colon = text.index(":", end)
        sent = doc.char_span(body_start, body_end, alignment_mode="expand")
        out.append(Found(cue=(colon, colon + 1), cue_i=-1, kind="speech",
                         sent=(sent.start_char, sent.end_char) if sent is not None else (body_start, body_end),
                         content=(body_start, body_end), source=source, turn=True))
    return _extend_turns(text, out)


def _extend_turns(text: str, turns: list[Found]) -> list[Found]:
    """In a transcript, a turn runs over the paragraphs up to the next speaker's label.

    Only with at least ``MIN_TURNS`` turns (a real transcript, not one labelled line in
    an article), and never past the last turn's own paragraph: the article may resume.
    """
    if len(turns) < MIN_TURNS:
        return turns
    for turn, nxt in zip(turns, turns[1:]):
        end = text.rfind("\n", turn.content[1], nxt.source.start_char)
        if end > turn.content[1]:
            stop = len(text[:end].rstrip())
            turn.content = (turn.content[0], max(turn.content[1], stop))
    return turns


def _is_speaker_label(doc, label: str, start: int, lex: Lexicon) -> bool:
    words = label.split()
    lower = label.lower()
    if not words or len(words) > MAX_LABEL_WORDS or words[0].lower().strip(".") in lex.turn_stoplist:
        return False
    if lower in lex.question_turns or lower in lex.answer_turns:
        return True
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    letters = [c for c in label if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    if lex.actor(label):
        return True
    span = doc.char_span(start, start + len(label), alignment_mode="expand")
    return span is not None and any(e.label_ == "PERSON" for e in ents_within(span)) and \
        all(t.ent_type_ == "PERSON" or t.is_punct or t.lower_ in lex.titles for t in span)
