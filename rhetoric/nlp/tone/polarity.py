"""Optimism of one sentence: lexicon cues, direction x valence of changes, negation, contrast.

``score_sentence`` takes the :class:`~rhetoric.nlp.tone.lexicon.Tok` list of a sentence and
returns a raw score (positive = good news) and the cues that explain it. The rules:

* **framing terms** (framing.json) add their signed weight; words inside names and inside
  neutral fixed expressions ("developing countries") are no cues (see ``Lexicons.find_all``);
* **changes** (changes.json): a change word's polarity is its direction times the valence
  of what changes, found through the parse (subject, object, ``increase in X``, ``higher X``)
  or else the nearest quantity word: ``losses widened`` -> -, ``the deficit narrowed`` -> +;
  a particle ("bought up") is a change only inside a listed phrasal verb ("step up");
* **turning words** (:mod:`~rhetoric.nlp.tone.direction`): ``slow a surge in trade`` -,
  ``stabilised after a sharp rise`` +, ``overcome obstacles`` +, ``threaten peace`` -;
* **frames** (:mod:`~rhetoric.nlp.tone.frames`): each polar cue counts with the weight of
  its frame: achievement in full, prospect ("will reach") at 0.8, goal ("we must
  strengthen", "in order to achieve") not at all for good things and at a quarter for the
  problems an aim names; the sentence score is the sum;
* **negation** (``not``, ``hardly``, ``far from``) flips the polarity of cues in its scope,
  which stops at punctuation, conjunctions and where a new clause begins; a bad thing that a
  negated verb takes as object or subject stays bad ("we cannot accept discrimination");
* **intensifiers** next to a cue scale it; **boosters** amplify the sentence's polarity;
* **contrast**: the clause after an adversative (``but``, ``however``) counts more, the one
  before it less; a concessive clause (``despite ...``, ``although ...``) counts little.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from . import direction, frames
from .lexicon import Lexicons, Match, Tok

# Rule weights. Set by hand from the linguistics (VADER's 0.5/1.5 "but" weighting,
# Hutto & Gilbert 2014) and checked on PhraseBank (see the thresholds in component.py);
# none is fitted to a training set.
NEGATION_SCOPE = 4  # tokens after a negator that it can reach
NEGATION_FLIP = -0.8  # a negated cue keeps most of its strength, sign reversed
BEFORE_ADVERSATIVE = 0.5
AFTER_ADVERSATIVE = 1.5
CONCESSIVE = 0.3
BOOSTER_GAIN = 0.25  # per booster, at most MAX_BOOSTERS counted
MAX_BOOSTERS = 2
UNRESOLVED_CHANGE = 0.4  # a change with no known quantity: "rose" leans good news
CHANGE_WEIGHT = 1.5  # a resolved change ("profit rose") is the strongest single signal
WINDOW_BEFORE = 8  # tokens searched back for what changes when the parse does not say
WINDOW_AFTER = 4
INTENSIFIER_REACH = 2
COMPARE_REACH_BEFORE = 8  # tokens from the first figure to "compared with"
COMPARE_REACH_AFTER = 5  # tokens from "compared with" to the second figure
# Dependencies that start a clause of their own: negation does not reach into them.
CLAUSE_DEPS = ("ccomp", "advcl", "relcl", "acl", "parataxis", "csubj")
# Arguments of a verb: a negated verb does not make its bad object or subject good.
ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj", "dative", "attr")


@dataclass
class Found:
    """A cue at tokens ``[start, end)`` with its type and signed contribution."""

    start: int
    end: int
    type: str  # hedge | booster | positive | negative | negation
    value: float = 0.0


def children_of(toks: Sequence[Tok]) -> list[list[int]]:
    """Child indices of every token, from the heads."""
    kids: list[list[int]] = [[] for _ in toks]
    for i, t in enumerate(toks):
        if t.head != i:
            kids[t.head].append(i)
    return kids


def subtree(root: int, kids: list[list[int]]) -> list[tuple[int, int]]:
    """``(depth, index)`` of every token under ``root``, the root itself at depth 0."""
    out, stack = [], [(0, root)]
    while stack:
        depth, i = stack.pop()
        out.append((depth, i))
        stack.extend((depth + 1, k) for k in kids[i])
    return out


def _valence_in(root: int, kids, valence: dict[int, float]) -> Optional[tuple[float, int]]:
    """Valence and index of the head-most quantity word under ``root`` (rightmost on ties)."""
    best = None
    for depth, i in subtree(root, kids):
        if i in valence and (best is None or (depth, -i) < best[0]):
            best = ((depth, -i), (valence[i], i))
    return best[1] if best else None


def _targets(i: int, toks: Sequence[Tok], kids, lex: Lexicons) -> list[int]:
    """Roots of the phrases that may say what the change word at ``i`` changes, best first."""
    t = toks[i]
    by_dep: dict[str, list[int]] = {}
    for k in kids[i]:
        by_dep.setdefault(toks[k].dep, []).append(k)
    roots: list[int] = []
    if t.lemma in lex.transitive or t.lower in lex.transitive:
        roots += by_dep.get("dobj", [])
    roots += by_dep.get("nsubjpass", []) + by_dep.get("nsubj", [])
    for k in by_dep.get("prep", []):
        if toks[k].lower in ("in", "of", "for"):
            roots += [c for c in kids[k] if toks[c].dep == "pobj"]
    roots += by_dep.get("compound", []) + by_dep.get("poss", []) + by_dep.get("amod", [])
    head = t.head
    if head != i and t.dep in ("amod", "nummod", "compound"):
        roots.append(head)
    if head != i and t.dep in ("acomp", "advmod", "prt", "xcomp", "advcl", "conj", "npadvmod"):
        roots += [k for k in kids[head] if toks[k].dep in ("nsubj", "nsubjpass")]
    return roots


def change_valence(i: int, toks: Sequence[Tok], kids, valence: dict[int, float],
                   lex: Lexicons) -> Optional[tuple[float, int]]:
    """Valence (+1 more is good, -1 more is bad) of what the change word at ``i`` changes and
    the index of the word that says so, or None."""
    for root in _targets(i, toks, kids, lex):
        found = _valence_in(root, kids, valence)
        if found is not None:
            return found
    for j in range(i - 1, max(-1, i - WINDOW_BEFORE - 1), -1):
        if j in valence:
            return valence[j], j
    for j in range(i + 1, min(len(toks), i + WINDOW_AFTER + 1)):
        if j in valence:
            return valence[j], j
    return None


def _matches(toks: Sequence[Tok], lex: Lexicons, matches: Optional[dict]) -> dict[str, list[Match]]:
    """The sentence's lexicon matches: those passed in (shared with the uncertainty features), else found now."""
    return matches if matches is not None else lex.find_all(toks)


def clause_weights(toks: Sequence[Tok], lex: Lexicons, matches: Optional[dict] = None) -> list[float]:
    """Weight of each token from contrast markers (adversative and concessive clauses)."""
    matches = _matches(toks, lex, matches)
    weights = [1.0] * len(toks)
    for m in matches["adversative"]:
        if any(t.pos not in ("PUNCT",) for t in toks[:m.start]):
            for j in range(m.start):
                weights[j] *= BEFORE_ADVERSATIVE
            for j in range(m.end, len(toks)):
                weights[j] *= AFTER_ADVERSATIVE
    for m in matches["concessive"]:
        j = m.start
        while j < len(toks) and toks[j].text not in (",", ";", ":", "\u2013", "\u2014"):
            weights[j] *= CONCESSIVE
            j += 1
    return weights


def clause_of(i: int, toks: Sequence[Tok]) -> int:
    """The head token of the clause that token ``i`` belongs to."""
    for _ in range(len(toks)):
        if toks[i].dep in CLAUSE_DEPS or toks[i].head == i:
            return i
        i = toks[i].head
    return i


def _through_argument(j: int, root: int, toks: Sequence[Tok]) -> bool:
    """Token ``j`` hangs below ``root`` through an argument of a verb (its object or subject)."""
    for _ in range(len(toks)):
        if j == root or toks[j].head == j:
            return False
        if toks[j].dep in ARGUMENT_DEPS:
            return True
        j = toks[j].head
    return False


def negated(toks: Sequence[Tok], lex: Lexicons,
            matches: Optional[dict] = None) -> tuple[list[Match], set[int], set[int]]:
    """Negator matches, the token indices in their scope, and those of the scope that are an
    argument of the negated verb (its object or subject: "cannot accept discrimination").

    The scope runs at most NEGATION_SCOPE tokens and stops at a scope breaker (punctuation,
    conjunctions) and where a new clause begins."""
    matches = _matches(toks, lex, matches)
    pseudo = {j for m in matches["pseudo_negators"] for j in range(m.start, m.end)}
    found = [m for m in matches["negators"] if m.start not in pseudo]
    scope: set[int] = set()
    arguments: set[int] = set()
    for m in found:
        clause = clause_of(m.start, toks)
        for j in range(m.end, min(len(toks), m.end + NEGATION_SCOPE)):
            if toks[j].lower in lex.scope_breakers or clause_of(j, toks) != clause:
                break
            scope.add(j)
            if toks[m.start].dep == "neg" and _through_argument(j, toks[m.start].head, toks):
                arguments.add(j)
    return found, scope, arguments


def _number(tok: Tok) -> Optional[float]:
    """The value of a numeral token ("9.5", "1,200"), else None (also for "million")."""
    if tok.pos != "NUM":
        return None
    try:
        return float(tok.text.replace(",", ""))
    except ValueError:
        return None


def compared_figures(toks: Sequence[Tok], valence: dict[int, float], lex: Lexicons,
                     matches: Optional[dict] = None) -> list[Found]:
    """Changes read from two figures: ``profit was 9.4 compared with 7.1`` -> up, times valence."""
    matches = _matches(toks, lex, matches)
    out = []
    for m in matches["comparison"]:
        before = [j for j in range(max(0, m.start - COMPARE_REACH_BEFORE), m.start) if _number(toks[j]) is not None]
        after = [j for j in range(m.end, min(len(toks), m.end + COMPARE_REACH_AFTER)) if _number(toks[j]) is not None]
        if not before or not after:
            continue
        a, b = _number(toks[before[-1]]), _number(toks[after[0]])
        v = next((valence[j] for j in range(before[-1] - 1, max(-1, before[-1] - WINDOW_BEFORE - 3), -1)
                  if j in valence), None)
        if a is None or b is None or a == b or v is None:
            continue
        value = (1.0 if a > b else -1.0) * v * CHANGE_WEIGHT
        out.append(Found(m.start, m.end, "positive" if value > 0 else "negative", value))
    return out


def polar_cues(toks: Sequence[Tok], lex: Lexicons, matches: Optional[dict] = None) -> list[Found]:
    """Framing and change cues with their signed, unscoped values."""
    matches = _matches(toks, lex, matches)
    kids = children_of(toks)
    valence = {j: m.entry.weight for m in matches["valence"] for j in range(m.start, m.end)}
    framing = {m.start: m for m in matches["framing"]}
    blocked = {j for m in matches["not_changes"] for j in range(m.start, m.end)}
    # longest first at one start ("record low" is a fall, not "record"); a particle ("bought
    # up") is a change only inside a listed phrasal verb ("step up")
    changes = [m for m in sorted(matches["up"] + matches["down"], key=lambda m: (m.start, m.start - m.end))
               if not any(j in blocked for j in range(m.start, m.end))
               and not (m.end - m.start == 1 and toks[m.start].dep == "prt")]
    resolved = {}
    for m in changes:
        own = {j: v for j, v in valence.items() if not (m.start <= j < m.end)}
        resolved[m.start] = change_valence(m.start, toks, kids, own, lex)
    out, used = [], set()
    for turn in direction.turns(toks, lex, matches, kids, changes, resolved, CHANGE_WEIGHT, UNRESOLVED_CHANGE):
        out.append(Found(turn.start, turn.end, "positive" if turn.value > 0 else "negative", turn.value))
        used.update(range(turn.start, turn.end))
        if turn.target:
            used.update(range(*turn.target))
            if turn.flipped:
                out.append(Found(*turn.target, "flip"))
    # A word that is what another change changes ("growth" in "growth slowed") is not
    # itself scored as a change.
    targets = {found[1] for found in resolved.values() if found}
    for m in changes:
        if any(j in used or j in targets for j in range(m.start, m.end)):
            continue
        found = resolved[m.start]
        if found is not None:
            value = m.entry.weight * found[0] * CHANGE_WEIGHT
        elif m.start in framing:
            value = framing[m.start].entry.weight
        else:
            value = m.entry.weight * UNRESOLVED_CHANGE
        used.update(range(m.start, m.end))
        out.append(Found(m.start, m.end, "positive" if value > 0 else "negative", value))
    if not out:
        out += compared_figures(toks, valence, lex, matches)
        used.update(j for f in out for j in range(f.start, f.end))
    for m in framing.values():
        if not any(j in used or j in targets for j in range(m.start, m.end)):
            w = m.entry.weight
            out.append(Found(m.start, m.end, "positive" if w > 0 else "negative", w))
    return out


def score_sentence(toks: Sequence[Tok], lex: Lexicons,
                   matches: Optional[dict] = None) -> tuple[float, list[Found]]:
    """Raw optimism score of a sentence and its cues (hedges, boosters, polarity, negation).

    ``matches`` (from ``lex.find_all(toks)``) lets the caller share one lexicon pass with
    :func:`rhetoric.nlp.tone.uncertainty.features`."""
    matches = _matches(toks, lex, matches)
    weights = clause_weights(toks, lex, matches)
    negators, scope, arguments = negated(toks, lex, matches)
    intens: dict[int, float] = {}
    for m in matches["intensifiers"]:
        # "very strong", "strongly welcomed" (before the cue) and "fell sharply" (just after it)
        for j in [m.start - 1] + [m.end - 1 + k for k in range(1, INTENSIFIER_REACH + 1)]:
            intens.setdefault(j, m.entry.weight)
    polar = polar_cues(toks, lex, matches)
    kids = children_of(toks)
    score = 0.0
    marks: dict[int, str] = {}
    for cue in polar:
        if cue.type == "flip":
            continue
        frame = frames.frame_of(cue.start, toks, kids, lex.frame_words)
        if frame.marker is not None:
            marks.setdefault(frame.marker, frame.name)
        value = cue.value * weights[cue.start] * intens.get(cue.start, 1.0)
        if cue.start in scope and not (value < 0 and cue.start in arguments):
            value *= NEGATION_FLIP  # a bad thing the negated verb takes stays bad ("not accept discrimination")
        cue.type = "positive" if value > 0 else "negative"  # the sign even where the frame counts it nothing
        cue.value = value * frames.weight(frame.name, value)
        score += cue.value
    boosters = [Found(m.start, m.end, "booster") for m in matches["boosters"]]
    score *= 1.0 + BOOSTER_GAIN * min(len(boosters), MAX_BOOSTERS)
    hedges = [Found(m.start, m.end, "hedge") for m in matches["hedges"]]
    cues = [Found(m.start, m.end, "negation") for m in negators] + boosters + hedges + polar
    cues += [Found(i, i + 1, name) for i, name in marks.items()]
    return score, sorted(_drop_overlaps(cues), key=lambda c: c.start)


def _drop_overlaps(cues: list[Found]) -> list[Found]:
    """Keep one cue per token: polarity (and flips) first, then negation, booster, hedge, frame marker."""
    rank = {"positive": 0, "negative": 0, "flip": 0, "negation": 1, "booster": 2, "hedge": 3, "prospect": 4, "goal": 4}
    taken: set[int] = set()
    out = []
    for cue in sorted(cues, key=lambda c: (rank[c.type], c.start)):
        span = set(range(cue.start, cue.end))
        if span & taken:
            continue
        taken |= span
        out.append(cue)
    return out
