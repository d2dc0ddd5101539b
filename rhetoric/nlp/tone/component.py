"""The ``rhetoric_tone`` spaCy component: optimism, tone, hedging, uncertainty and cues per sentence.

For every sentence of ``doc.sents`` whose voice is not boilerplate it sets the span
extensions ``optimism`` (-1..1), ``tone`` (positive/neutral/negative), ``hedging``
(0..1, the uncertainty model's probability), ``uncertain`` and ``cues`` (list of
:class:`rhetoric.contract.schema.Cue` with document character offsets).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...contract.fields import BOILERPLATE, SCORES
from ...contract.schema import Cue
from ...resources import model_path
from ..extensions import doc_text, register_extensions
from ..stagedata import save_files, saved_folder
from . import pattern_polarity
from .lexicon import HERE, LEXICON_FILES, Lexicons, Tok, TokenTable, load_lexicons, token_table, toks_from_span
from .names import name_tokens
from .polarity import Found, score_sentence
from .uncertainty import MODEL_FILE, UncertaintyModel, features, load_model

# TextBlob's polarity enters as one feature beside the lexicon score, with a low weight:
# on business news it calls many neutral sentences positive (PhraseBank AllAgree: TextBlob
# alone macro-F1 46.7).
TEXTBLOB_WEIGHT = 0.5
# optimism = tanh(score / OPTIMISM_SCALE): one strong cue (weight 2) gives 0.76, one mild 0.46.
OPTIMISM_SCALE = 2.0
# Tone thresholds on optimism, tuned with TEXTBLOB_WEIGHT on PhraseBank AllAgree (macro-F1
# 83.7) and checked on its 50Agree-not-AllAgree file (65.9), choosing from the flat top of
# the grid the setting good on both. A lone weak cue (weight <= 0.5) stays neutral.
POSITIVE_AT = 0.15
NEGATIVE_AT = -0.3


@dataclass
class ToneResult:
    """What the component finds for one sentence."""

    optimism: float
    tone: str
    hedging: float
    uncertain: bool
    cues: list


def tone_label(optimism: float) -> str:
    """positive / neutral / negative from the optimism thresholds."""
    if optimism >= POSITIVE_AT:
        return "positive"
    if optimism <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def analyse_tokens(toks: list[Tok], doc_text: str, lex: Lexicons, model: UncertaintyModel) -> ToneResult:
    """Tone of one sentence from its tokens and the document text (for cues)."""
    names = name_tokens(toks)
    matches = lex.find_all(toks, names)  # one lexicon pass, shared by the polarity rules and the features
    score, found = score_sentence(toks, lex, matches)
    polarity = textblob_polarity(toks, names)
    optimism = math.tanh((score + TEXTBLOB_WEIGHT * polarity) / OPTIMISM_SCALE)
    feats = features(toks, lex, matches)
    hedging = model.probability(feats)
    uncertain = hedging >= model.threshold or "core" in feats
    return ToneResult(round(optimism, 4), tone_label(optimism), round(hedging, 4), bool(uncertain),
                      [_cue(toks, doc_text, f) for f in found])


def textblob_polarity(toks: list[Tok], names: Optional[set] = None) -> float:
    """TextBlob's polarity of the sentence (see :mod:`rhetoric.nlp.tone.pattern_polarity`),
    without the words inside names ("the Great Depression"; ``names``: :func:`name_tokens`)."""
    names = name_tokens(toks) if names is None else names
    words = [t for i, t in enumerate(toks) if t.pos != "SPACE" and i not in names]
    glued = [k > 0 and words[k - 1].idx + len(words[k - 1].text) == t.idx for k, t in enumerate(words)]
    return pattern_polarity.polarity(pattern_polarity.words_of([t.lower for t in words], glued))


def _cue(toks: list[Tok], doc_text: str, found: Found) -> Cue:
    """A :class:`Cue` with document character offsets from a token-level finding."""
    first, last = toks[found.start], toks[found.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Cue(start, end, doc_text[start:end], found.type)


# The uncertainty model's file in a saved pipeline's component folder.
SAVED_MODEL = "uncertainty.npz"


class ToneComponent:
    """Scores each non-boilerplate sentence; lexicons and the model are loaded once.

    ``nlp.to_disk`` saves the lexicons and the model with the pipeline and ``from_disk``
    reads them back; TextBlob's Pattern lexicon stays with the installed textblob package."""

    def __init__(self, nlp: Language, name: str = "rhetoric_tone"):
        register_extensions()
        self.name = name
        self.sources = {**{n: HERE / n for n in LEXICON_FILES}, SAVED_MODEL: model_path(*MODEL_FILE)}
        self.lexicons = load_lexicons()
        self.model = load_model()

    def to_disk(self, path, *, exclude: tuple = ()) -> None:
        save_files(path, self.sources)

    def from_disk(self, path, *, exclude: tuple = ()) -> "ToneComponent":
        folder = saved_folder(path, self.sources)
        self.sources = {n: folder / n for n in self.sources}
        self.lexicons = load_lexicons(folder)
        self.model = load_model(folder / SAVED_MODEL)
        return self

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)  # token attributes read once per Doc, not per sentence
        found = [(sent, self.predict(sent, table)) for sent in doc.sents if sent._.voice != BOILERPLATE]
        self.set_annotations(doc, found)
        return doc

    def predict(self, sent: Span, table: Optional[TokenTable] = None) -> Optional[ToneResult]:
        """The tone of one sentence span, or None for a whitespace-only span (``table``: see
        :func:`~rhetoric.nlp.tone.lexicon.token_table`)."""
        toks = toks_from_span(sent, table)
        if not any(t.pos != "SPACE" for t in toks):
            return None
        return analyse_tokens(toks, doc_text(sent.doc), self.lexicons, self.model)

    def set_annotations(self, doc: Doc, found: list) -> None:
        """Write the results onto the sentence spans."""
        for sent, result in found:
            if result is None:
                continue
            values = sent._  # one accessor for five values: spaCy builds a new one on every ``._``
            values.optimism = result.optimism
            values.tone = result.tone
            values.hedging = result.hedging
            values.uncertain = result.uncertain
            values.cues = result.cues


@Language.factory("rhetoric_tone", default_config={},
                  requires=["doc.sents", "token.tag", "token.dep", "token.lemma", "span._.voice"],
                  assigns=[f"span._.{s.name}" for s in SCORES if s.stage == "rhetoric_tone"] + ["span._.tone", "span._.cues"])
def make_tone(nlp: Language, name: str) -> ToneComponent:
    """Factory for ``nlp.add_pipe("rhetoric_tone")``."""
    return ToneComponent(nlp, name)
