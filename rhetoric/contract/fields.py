"""The one vocabulary of the Analysis: sentence scores, voices, kinds, cue types, roles, verdicts.

Every module that lists scores, voices or verdicts iterates these entries instead of spelling
them: the converter (``nlp/convert.py``), the summaries (``contract/summary.py``), the export
columns (``batch/exports.py``), ``compare --metric``, the text output and both HTML reports.
Adding a sentence score is one :class:`Score` here, its field on
:class:`~rhetoric.contract.schema.Sentence`, and the stage that assigns it; adding a voice is
one :class:`Voice`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# How a group of sentences summarises a score.
MEAN = "mean"    # the mean of the scored sentences
SHARE = "share"  # the share of flagged sentences among those with a flag


@dataclass(frozen=True)
class Score:
    """A per-sentence score: its ``Sentence`` field (and span extension) name, how a group
    summarises it, the pipeline stage (factory name) that assigns it, its value type, and
    whether it runs from -1 to 1 (shown with its sign)."""

    name: str
    summary: str
    stage: str
    type: type
    signed: bool = False

    @property
    def label(self) -> str:
        """Column heading of a group's summary: ``mean optimism``, ``share uncertain``."""
        return f"{self.summary} {self.name}"


SCORES: tuple[Score, ...] = (
    Score("optimism", MEAN, "rhetoric_tone", float, signed=True),
    Score("hedging", MEAN, "rhetoric_tone", float),
    Score("uncertain", SHARE, "rhetoric_tone", bool),
)
SCORE_NAMES = tuple(s.name for s in SCORES)
# Scores shown as means per voice, per speaker and per document (charts, speaker tables).
MEAN_SCORES = tuple(s.name for s in SCORES if s.summary == MEAN)


def score(name: str) -> Score:
    """The :class:`Score` called ``name`` (KeyError when there is none)."""
    for s in SCORES:
        if s.name == name:
            return s
    raise KeyError(name)


@dataclass(frozen=True)
class Voice:
    """Who a sentence speaks for. ``summarised``: counted in summaries, exports and comparisons
    (boilerplate is not); ``colour``: the same in the text shading and in every chart."""

    name: str
    colour: str
    summarised: bool = True


BOILERPLATE = "boilerplate"
OFFICIAL = "official"
EXPERT = "expert"
COMMENTARY = "commentary"
PRESS = "press"  # a journalist's question; a non-state outlet's own report (schema version 2)
OTHER = "other"  # named non-officials: companies, business associations, citizens (version 2)
VOICE_LIST: tuple[Voice, ...] = (
    Voice(OFFICIAL, "#1d4ed8"),
    Voice(EXPERT, "#15803d"),
    Voice(PRESS, "#7c3aed"),
    Voice(OTHER, "#0f766e"),
    Voice(COMMENTARY, "#b45309"),
    Voice(BOILERPLATE, "#9ca3af", summarised=False),
)
VOICES = tuple(v.name for v in VOICE_LIST)
SUMMARY_VOICES = tuple(v.name for v in VOICE_LIST if v.summarised)
VOICE_COLOURS = {v.name: v.colour for v in VOICE_LIST}
DEFAULT_VOICE = COMMENTARY  # the author's own text


def voice_rank(name: Optional[str]) -> int:
    """Sort key: voices in :data:`VOICES` order, unknown ones after them."""
    return VOICES.index(name) if name in VOICES else len(VOICES)


# What a sentence is, from the cleanup stage.
KINDS = ("body", "quote", "caption", "reference", "heading")
DEFAULT_KIND = "body"
# How a sentence too long to parse cheaply was opened (``Sentence.cut``, from the segmenter):
# at a clause break (";", ",", a dash) or, with none in reach, between two tokens. None for a
# sentence that ends as written.
CUTS = ("clause", "token")

# Why a sentence scored as it did (``Cue.type``), from the tone stage: a hedge or booster; a
# positive or negative term (its sign after negation and turning words); a negation; a flip (a
# change or term whose sign another word turned: "surge" in "slow a surge"); a prospect or goal
# marker (the word that puts the cues it governs in the prospect frame, "will", or the goal
# frame, "must", "in order to"; see rhetoric.nlp.tone.frames).
CUE_TYPES = ("hedge", "booster", "positive", "negative", "negation", "flip", "prospect", "goal")

# Speaker roles (``--role``, ``Speaker.role``) and the voice each speaks in. The state roles
# speak officially (state media speaking as such included); a speaker whose role is "other"
# speaks in the other voice when named, else the sentence stays the author's.
ROLE_VOICES = {"head_of_state": OFFICIAL, "head_of_government": OFFICIAL, "minister": OFFICIAL,
               "deputy_minister": OFFICIAL, "spokesperson": OFFICIAL, "diplomat": OFFICIAL,
               "central_banker": OFFICIAL, "government": OFFICIAL, "legislator": OFFICIAL,
               "state_media": OFFICIAL, "expert": EXPERT, "journalist": PRESS, "business": OTHER,
               "other": OTHER}
ROLES = tuple(ROLE_VOICES)
OFFICIAL_ROLES = tuple(role for role, voice in ROLE_VOICES.items() if voice == OFFICIAL)


# ``Check.verdict``: a figure held against an indicator (rhetoric.reality.checks).
CONSISTENT = "consistent"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
TARGET_MET = "target_met"
TARGET_MISSED = "target_missed"
UNVERIFIABLE = "unverifiable"
# claimed and actual differ more than 100 times either way: the units differ (schema version 2)
UNIT_MISMATCH = "unit_mismatch"
CHECK_VERDICTS = (CONSISTENT, OVERSTATED, UNDERSTATED, TARGET_MET, TARGET_MISSED, UNVERIFIABLE, UNIT_MISMATCH)

# ``summary.gap.verdict``: official framing against the linked indicators (rhetoric.reality.gap).
ALIGNED = "aligned"
OUTRUNS = "rhetoric outruns reality"
UNDERSTATES = "rhetoric understates reality"
UNKNOWN = "unknown"
GAP_VERDICTS = (ALIGNED, OUTRUNS, UNDERSTATES, UNKNOWN)

# Which verdicts are good news and which say nothing (the colour of a verdict label).
GOOD_VERDICTS = frozenset({ALIGNED, CONSISTENT, TARGET_MET})
NEUTRAL_VERDICTS = frozenset({UNKNOWN, UNVERIFIABLE, UNIT_MISMATCH, ""})
