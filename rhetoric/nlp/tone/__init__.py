"""Tone: optimism, hedging, uncertainty and their cues per sentence (the ``rhetoric_tone`` component).

Modules: ``lexicon`` (word lists in the JSON files here and the phrase matcher),
``names`` (tokens inside names give no cue), ``polarity`` (optimism rules: framing,
direction x valence, negation, contrast), ``direction`` (words that turn what they act on:
"slow a surge", "overcome obstacles"), ``frames`` (achievement, prospect and goal frames),
``uncertainty`` (features and the linear model in ``models/uncertainty``), ``component``
(the spaCy factory), ``train`` (``python -m rhetoric.training.uncertainty`` rebuilds the model).
"""
from .component import ToneComponent, analyse_tokens, make_tone, tone_label

__all__ = ["ToneComponent", "analyse_tokens", "make_tone", "tone_label"]
