"""Achievement, prospect and goal: in which frame a tone cue is said.

Official speech mixes three frames, and only the first says how things went:

* **achievement** (the default): what went well or badly, said as fact ("exports grew",
  "peace was restored", "the crisis deepened");
* **prospect**: what will or can happen ("trade will reach a record", "the two sides can
  overcome the obstacles", "we are going to win"): the speaker's confidence about the
  future, counted at :data:`PROSPECT_WEIGHT`;
* **goal**: what should happen, what is pursued or needed ("we must strengthen peace",
  "efforts to achieve prosperity", "a path to a stable world", "we will continue to
  promote cooperation", "it is essential for stability"): aims and duties are neither
  good nor bad news, so their good things are recorded but count at :data:`GOAL_WEIGHT`
  (nothing); the problems an aim names are real, and count at :data:`GOAL_PROBLEM_WEIGHT`.

:func:`frame_of` reads the frame from the parse: walking up from the cue's token, the
first marker met decides (a modal or future auxiliary, an infinitive of purpose, a
purpose or condition conjunction, an aim noun or verb governing the cue, an adjective of
necessity). The marker words are listed in ``frames.json``. The sentence score is the sum
of its cues, each times the weight of its frame (see :mod:`rhetoric.nlp.tone.polarity`).
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Sequence

from .lexicon import Tok

ACHIEVEMENT, PROSPECT, GOAL = "achievement", "prospect", "goal"
# Set by hand from the frame definitions above (aims count nothing, prospects nearly in full);
# checked on PhraseBank and the UN development sentences, not fitted.
PROSPECT_WEIGHT = 0.8
GOAL_WEIGHT = 0.0  # the good an aim pursues is not yet real
GOAL_PROBLEM_WEIGHT = 0.25  # the problem an aim names is ("we must address the crisis")
FRAME_WEIGHTS = {ACHIEVEMENT: 1.0, PROSPECT: PROSPECT_WEIGHT, GOAL: GOAL_WEIGHT}
MAX_CLIMB = 12  # heads walked up from a cue


def weight(frame: str, value: float) -> float:
    """What a cue of signed ``value`` counts for in ``frame``."""
    return GOAL_PROBLEM_WEIGHT if frame == GOAL and value < 0 else FRAME_WEIGHTS[frame]


class Frame(NamedTuple):
    """A cue's frame and the token that marks it (None for achievement)."""

    name: str
    marker: Optional[int]


def _is(tok: Tok, words: frozenset) -> bool:
    return tok.lower in words or tok.lemma in words


def frame_of(i: int, toks: Sequence[Tok], kids: list[list[int]], words: dict[str, frozenset]) -> Frame:
    """The frame of the cue at token ``i`` (see the module doc); ``words`` are the marker
    lists of ``frames.json`` (``Lexicons.frame_words``)."""
    node, seen = i, 0
    while seen < MAX_CLIMB:
        tok = toks[node]
        found = _marker_at(node, i, toks, kids, words)
        if found is not None:
            return found
        if tok.head == node:
            break
        node, seen = tok.head, seen + 1
    return Frame(ACHIEVEMENT, None)


def _inverted(aux: int, verb: int, toks: Sequence[Tok], kids) -> bool:
    """The auxiliary comes before the verb's subject ("May I ...", "Will they ...?")."""
    return any(toks[k].dep in ("nsubj", "nsubjpass") and k > aux for k in kids[verb])


def _marker_at(node: int, cue: int, toks: Sequence[Tok], kids, words: dict) -> Optional[Frame]:
    """The frame marked at ``node`` on the way up from ``cue``, if any."""
    tok = toks[node]
    for k in kids[node]:
        child = toks[k]
        if child.dep in ("aux", "auxpass"):
            if _inverted(k, node, toks, kids):
                continue  # "May I congratulate you", "Could you tell us": a formula or a question
            if _is(child, words["duty_modals"]):
                if _is(tok, words["saying"]):
                    continue  # "I must say that we are proud": asserted, not aimed at
                return Frame(GOAL, k)
            if _is(child, words["future_modals"]) or _is(child, words["ability_modals"]):
                # "we will continue to promote peace", "we will support" are commitments, not forecasts
                return Frame(GOAL if _is(tok, words["pursuit"]) else PROSPECT, k)
            if child.lower == "to" and tok.dep not in ("ROOT",):
                head = toks[tok.head]
                if _is(head, words["transparent"]) and tok.head != node:
                    break  # "able to combat", "managed to reach": the frame is the head's
                if head.lower in ("going", "about") or _is(head, words["prospect_heads"]):
                    return Frame(PROSPECT, k)
                return Frame(GOAL, k)
        if child.dep == "mark" and _is(child, words["purpose_marks"]):
            return Frame(GOAL, k)
    if node != cue:
        if tok.pos in ("NOUN", "VERB") and _is(tok, words["pursuit"]):
            return Frame(GOAL, node)
        if tok.pos == "ADJ" and _is(tok, words["necessity"]):
            return Frame(GOAL, node)
        if tok.dep == "prep" and tok.lower in words["aim_preps"] and _is(toks[tok.head], words["aims"]):
            return Frame(GOAL, tok.head)
    if tok.lemma == "be" and any(toks[k].dep == "acomp" and _is(toks[k], words["necessity"]) for k in kids[node]):
        return Frame(GOAL, next(k for k in kids[node] if toks[k].dep == "acomp"))
    return None
