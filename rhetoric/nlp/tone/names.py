"""Tokens inside names: they give no tone or hedging cue.

"The Institute of Peace", "Hope Lange", "the Great Depression", "the People's Republic",
"Belt and Road" and a quoted title ("the “Good Neighbour” policy") name things; the
evaluative words in them say nothing about how the speaker frames the news. A token is
inside a name when spaCy's entity recogniser puts it in a naming entity (``NAME_ENTS``),
or when it belongs to a run of capitalised words that does not start the sentence (titles,
programmes, bodies the recogniser missed), or when it is in a short quoted title.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # lexicon.py imports this module
    from .lexicon import Tok

# Entity labels that name a person, body, place, work, law or event (not NORP, dates, figures).
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
# Small words that may sit inside a capitalised name ("Belt and Road", "Institute of Peace").
NAME_GLUE = frozenset({"of", "and", "the", "for", "on", "in", "&", "'s", "-", "de", "la"})
# A sentence whose words are mostly capitalised is a headline in title case, not a run of names.
TITLE_CASE_SHARE = 0.6
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
MAX_QUOTED_NAME = 6  # tokens: a longer quotation is speech, not a title


def _capitalised(tok: "Tok") -> bool:
    return tok.text[:1].isupper() and tok.text != "I"


def name_tokens(toks: Sequence["Tok"]) -> set[int]:
    """Indices of the tokens of ``toks`` (one sentence) that are inside a name."""
    inside = {i for i, t in enumerate(toks) if t.ent in NAME_ENTS}
    words = [i for i, t in enumerate(toks) if t.text[:1].isalpha()]
    if not words:
        return inside
    capitalised = [i for i in words if _capitalised(toks[i])]
    if len(capitalised) < TITLE_CASE_SHARE * len(words):
        inside |= _capitalised_runs(toks, words[0])
    return inside | _quoted_titles(toks)


def _capitalised_runs(toks: Sequence["Tok"], first_word: int) -> set[int]:
    """Capitalised words (the first word only before another capitalised one), with the glue words between them."""
    out: set[int] = set()
    run: list[int] = []
    for i, tok in enumerate(toks):
        if i == first_word and not (i + 1 < len(toks) and _capitalised(toks[i + 1])):
            continue  # a capitalised first word is a name only when a capitalised word follows
        if i >= first_word and _capitalised(tok) and not _after_opening(toks, i):
            if run and run[-1] != i - 1:
                glue = range(run[-1] + 1, i)
                if all(toks[g].lower in NAME_GLUE for g in glue):
                    run.extend(glue)
                else:
                    out.update(run)
                    run = []
            run.append(i)
    out.update(run)
    return out


def _after_opening(toks: Sequence["Tok"], i: int) -> bool:
    """The word starts a clause of its own (after a colon or an opening quote)."""
    return i > 0 and toks[i - 1].text in (":", "“", '"', "‘", "—", "–")


def _quoted_titles(toks: Sequence["Tok"]) -> set[int]:
    """Short quoted spans whose words are all capitalised ("the “Open Skies” treaty")."""
    out: set[int] = set()
    opened = None
    for i, tok in enumerate(toks):
        if tok.text not in QUOTES:
            continue
        if opened is None:
            opened = i
            continue
        span = range(opened + 1, i)
        words = [j for j in span if toks[j].text[:1].isalpha() and toks[j].lower not in NAME_GLUE]
        if words and len(span) <= MAX_QUOTED_NAME and all(_capitalised(toks[j]) for j in words):
            out.update(span)
        opened = None
    return out
