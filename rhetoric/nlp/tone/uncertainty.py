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
from .lexicon import Lexicons, Tok

MODEL_FILE = ("uncertainty", "model.npz")


def features(toks: Sequence[Tok], lex: Lexicons, matches: Optional[dict] = None) -> list[str]:
    """Feature names of one sentence: hedge categories and phrases, boosters, words, modal bigrams.

    ``matches`` (from ``lex.find_all(toks)``) reuses the lexicon pass of the polarity rules."""
    if matches is None:
        matches = lex.find_all(toks)
    feats = []
    hedges = matches["hedges"]
    for m in hedges:
        phrase = " ".join(t.lemma for t in toks[m.start:m.end])
        feats += [f"hc={m.entry.category}", f"hp={phrase}"]
        if m.entry.category in lex.core_hedge_categories:
            feats.append("core")
    feats.append(f"nhedge={min(len(hedges), 3)}")
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
