"""Sentence uncertainty: features from the hedge lexicon and the words, and a linear model.

The model is logistic regression trained by ``python -m rhetoric.training.uncertainty`` on the
CoNLL-2010 Wikipedia train split and saved as plain numpy arrays (``models/uncertainty/
model.npz``: feature names, weights, bias, threshold), so loading it runs no pickled
code and needs no scikit-learn. Features generalise beyond Wikipedia by leaning on the
lexicon: every hedge match gives its category and its phrase, besides plain words.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ...errors import RhetoricError
from ...resources import model_path
from .lexicon import Lexicons, Match, Tok

MODEL_FILE = ("uncertainty", "model.npz")

# Cue context (see hedge_context): the same hedge word is a different feature in each.
# Nouns and verbs that make a quantifier a weasel: "some critics", "many say", "others argue".
SOURCES = frozenset({"people", "critic", "expert", "observer", "analyst", "scholar", "historian", "source",
                     "commentator", "author", "researcher", "scientist", "writer", "fan", "reviewer", "economist",
                     "say", "believe", "argue", "claim", "consider", "think", "suggest", "feel", "regard", "view",
                     "describe", "call", "see", "note", "hold", "maintain", "contend", "report", "speculate"})
QUANTIFIERS = frozenset({"some", "many", "most", "several", "various", "numerous", "others", "certain"})
# Contexts in which a hedge word withholds nothing: "some progress", "many years".
SILENT_CONTEXTS = ("quantity",)
# Subjects whose belief is a stated position, not a hedge: the speaker, or a named party
# ("we believe", "the Government considers", "Norway expects").
STANCE_HOLDERS = frozenset({"i", "we", "government", "delegation", "country", "nation", "state", "union",
                            "council", "assembly", "ministry", "president", "minister", "party", "people"})
STANCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A stated position that forecasts: these verbs always, opinion verbs when their clause holds
# a predictive modal ("we believe that the reform will succeed"); "we hope that" stays a stance.
FORECAST_VERBS = frozenset({"expect", "anticipate", "predict", "forecast", "project"})
OPINION_VERBS = frozenset({"believe", "think", "reckon", "assume", "suppose"})
PREDICTIVE_MODALS = frozenset({"will", "'ll", "can", "could", "would", "may", "might"})
# Contexts in which a hedge makes a sentence uncertain on its own: a plain hedge of a core
# category, and always an approximator before a figure or a stated forecast.
CORE_CONTEXTS = ("", "figure", "forecast")
FIGURE_REACH = 3  # tokens from an approximator to its figure ("about 3,000", "an estimated 10 million")
# Approximators that make a figure an estimate; "nearly" and "almost" bound a figure rather than doubt it.
FIGURE_HEDGES = frozenset({"approximately", "roughly", "about", "around", "estimated", "some", "circa"})


def hedge_context(m: Match, toks: Sequence[Tok]) -> str:
    """How a hedge is used: ``figure`` (an approximator before a number), ``source`` (a
    quantifier naming who says: "some critics"), ``quantity`` (a quantifier of things: "some
    progress"), ``stance`` (a stated position: "we believe", "the Government considers"), ``forecast`` (a
    stated position about the future: "we expect", "we believe that it will"), ``negated``
    (an ability modal denied: "could not"), or "" for a plain hedge."""
    first = toks[m.start]
    after = toks[m.end:m.end + FIGURE_REACH]
    if first.lower in FIGURE_HEDGES and any(t.pos == "NUM" for t in after):
        return "figure"
    if m.end - m.start == 1 and first.lower in QUANTIFIERS:
        nearby = toks[m.end:m.end + 2]
        return "source" if any(t.lemma in SOURCES or t.lower in SOURCES for t in nearby) else "quantity"
    if m.entry.category in ("epistemic_verb", "epistemic_verb_core") and first.pos == "VERB":
        subjects = [t for t in toks if t.head == m.start and t.dep == "nsubj"]
        if any(t.lower in STANCE_HOLDERS or t.lemma in STANCE_HOLDERS or t.ent in STANCE_ENTS for t in subjects):
            return "forecast" if _forecast(m.start, toks) else "stance"
    if first.lower in ("could", "can", "would") and _denied(m, toks):
        return "negated"
    return ""


def _forecast(verb: int, toks: Sequence[Tok]) -> bool:
    """A stated position that is a forecast: "we expect a rise", "we believe that trade will grow"."""
    if toks[verb].lemma in FORECAST_VERBS:
        return True
    if toks[verb].lemma not in OPINION_VERBS:
        return False
    clauses = [i for i, t in enumerate(toks) if t.head == verb and t.dep == "ccomp" and i != verb]
    return any(t.dep == "aux" and t.lower in PREDICTIVE_MODALS and _under(j, clause, toks)
               for clause in clauses for j, t in enumerate(toks))


def _under(i: int, root: int, toks: Sequence[Tok]) -> bool:
    """Token ``i`` is ``root`` or below it in the parse."""
    for _ in range(len(toks)):
        if i == root:
            return True
        if toks[i].head == i:
            return False
        i = toks[i].head
    return False


def _denied(m: Match, toks: Sequence[Tok]) -> bool:
    """An ability modal denied: "could not", "could be no doubt", "no authority could"."""
    after = [t.lower for t in toks[m.end:m.end + 2]]
    before = [t.lower for t in toks[max(0, m.start - 2):m.start]]
    return bool(after) and after[0] in ("not", "n't", "never") or after == ["be", "no"] or \
        any(w in ("no", "nothing", "none", "nobody", "neither") for w in before)


def features(toks: Sequence[Tok], lex: Lexicons, matches: Optional[dict] = None) -> list[str]:
    """Feature names of one sentence: hedge categories and phrases, boosters, words, modal bigrams.

    ``matches`` (from ``lex.find_all(toks)``) reuses the lexicon pass of the polarity rules."""
    if matches is None:
        matches = lex.find_all(toks)
    feats = []
    hedges = matches["hedges"]
    counted = 0  # hedges that are not silent in their context
    for m in hedges:
        phrase = " ".join(t.lemma for t in toks[m.start:m.end])
        context = hedge_context(m, toks)
        if context in SILENT_CONTEXTS:
            continue
        tag = f"|{context}" if context else ""
        counted += 1
        feats += [f"hc={m.entry.category}{tag}", f"hp={phrase}{tag}"]
        if context in ("figure", "forecast") or m.entry.category in lex.core_hedge_categories and context in CORE_CONTEXTS:
            feats.append("core")
    feats.append(f"nhedge={min(counted, 3)}")
    feats += [f"bc={m.entry.category}" for m in matches["boosters"]]
    words = [t.lower for t in toks if t.pos not in ("PUNCT", "NUM", "SPACE")]
    feats += [f"w={w}" for w in words]
    for a, b in zip(toks, toks[1:]):
        if a.pos == "VERB" and a.dep == "aux" or a.lower in ("it", "there"):
            feats.append(f"bi={a.lower}_{b.lemma}")
    return feats


@dataclass
class UncertaintyModel:
    """A linear model over named features, with the decision threshold chosen at training."""

    index: dict
    weights: np.ndarray
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path) -> "UncertaintyModel":
        """Read the model arrays (no pickle: ``allow_pickle=False``)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                names = [str(n) for n in data["features"]]
                return cls({n: i for i, n in enumerate(names)}, data["weights"].astype(float),
                           float(data["bias"]), float(data["threshold"]))
        except (OSError, KeyError, ValueError) as exc:
            raise RhetoricError(f"cannot read uncertainty model {path}: {exc}; "
                                "rebuild it with: python -m rhetoric.training.uncertainty") from exc

    def save(self, path: Path) -> None:
        """Write the arrays (feature names in index order)."""
        names = sorted(self.index, key=self.index.get)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, features=np.array(names, dtype=str), weights=self.weights,
                            bias=np.array(self.bias), threshold=np.array(self.threshold))

    def probability(self, feats: Sequence[str]) -> float:
        """P(uncertain) of one sentence's features (binary presence, as at training)."""
        by_name = self.__dict__.get("_by_name")
        if by_name is None:
            # name -> weight as plain floats, built on first use: indexing the numpy array per
            # feature was the model's cost (the same doubles, summed in the same order)
            weights = self.weights[list(self.index.values())].tolist()
            by_name = self.__dict__["_by_name"] = dict(zip(self.index, weights))
        # sorted: set order follows string hashing, which changes between processes, and a
        # float sum's last digits follow the order; results must not depend on the process
        z = self.bias + sum(by_name[f] for f in sorted(set(feats)) if f in by_name)
        return 1.0 / (1.0 + math.exp(-z))


@functools.lru_cache(maxsize=4)
def load_model(path: Optional[Path] = None) -> UncertaintyModel:
    """The model at ``path`` (the shipped one by default), read once per process."""
    return UncertaintyModel.load(path or model_path(*MODEL_FILE))
