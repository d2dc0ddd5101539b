"""Which finding speaks for a sentence when several cover it.

Reported speech nested in another's report is part of that report (PolNeAR-style), except
inside transcript turns, beliefs and outlet relays; inside a turn or an outlet's report the
inner, named speaker owns their sentence (the weights below); and each sentence records why
it got its voice.
"""
from __future__ import annotations

from ...contract.schema import Quote
from .lexicon import Lexicon
from .reported import Found

# A turn counts this share of a sentence it covers, so a cue inside the turn that covers more
# than half of the sentence ("the ministry reported that ...") speaks for it.
TURN_WEIGHT = 0.5
# An outlet's report of what a named speaker said counts this share of its length, so the
# speaker's own cue and content (typically a third to a half of the sentence) win the sentence.
RELAY_WEIGHT = 0.25


def drop_nested(found: list[Found], lex: Lexicon) -> list[Found]:
    """Reported speech inside what someone else reports is part of their claim ("X said Y wants
    Z" is X's attribution, PolNeAR-style), so the inner cue is dropped. Kept: findings with
    quote marks, those inside a transcript turn or a belief ("we noticed that Y stated ..."),
    and those an outlet relays ("Y pledged Z, Reuters reported"), where the inner speaker is
    the one who spoke."""
    def relayer(f: Found) -> bool:
        if f.turn:
            return True
        mention = (f.source.text if f.source is not None else "").lower().removeprefix("the ").strip()
        return mention in lex.media_outlets or any(w in lex.media_label_words for w in mention.split())
    outers = [f for f in found if f.cue is not None and f.kind != "thought" and not relayer(f)]
    return [f for f in found if f.quotes or f.turn or f.cue is None or not any(
        o is not f and o.content[0] <= f.cue[0] < o.content[1] for o in outers)]


def relays(f: Found, q: Quote, sources: list) -> bool:
    """An outlet reporting what someone it names said ("X pledged ..., the Herald reported"):
    the one it reports owns the sentence, the outlet stays the quote's source."""
    if q.speaker is None or q.speaker.role not in ("journalist", "state_media"):
        return False
    return any(f.content[0] <= start < f.content[1] and cue != f.cue for start, cue in sources)


def because(f: Found, q: Quote) -> str:
    """Why a sentence has its speaker's voice: the turn label, the quote, or the cue."""
    if f.turn:
        label = f.source.text if f.source is not None else (q.speaker.text if q.speaker is not None else "")
        return f"turn '{label}'" if label else "turn"
    cue = f"cue '{q.cue.text}'" if q.cue is not None else ""
    return ("quote" + (f", {cue}" if cue else "")) if q.direct else (cue or "attribution")
