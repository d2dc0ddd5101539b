"""Tone on official speech: one class of misfire per test, with our own sentences.

Names, phrases before words, domain nouns, direction x valence, negation scope, contrast,
the achievement / prospect / goal frames, and speech formulas that are not hedges.
"""
from __future__ import annotations

import pytest

from rhetoric.api import analyze_text
from rhetoric.contract.fields import CUE_TYPES


@pytest.fixture(scope="module")
def sentence(nlp):
    """Analyse a one-sentence text and return its sentence (as plain data)."""
    def run(text: str):
        return analyze_text(text, nlp=nlp).sentences[0]
    return run


def cues(s) -> dict:
    return {c.text: c.type for c in s.cues}


# --- no cues inside names ------------------------------------------------------------------
@pytest.mark.parametrize("text, word", [
    ("The council of the Institute of Peace met on Tuesday.", "Peace"),
    ("Delegates from the Good Hope Foundation arrived in Geneva.", "Good"),
    ("The historian wrote a book about the Great Depression.", "Great"),
    ("The minister praised the “Open Skies” accord as a model.", "Open"),
])
def test_no_cue_inside_a_name(sentence, text, word):
    assert word not in cues(sentence(text))


def test_names_give_no_hedge(sentence):
    s = sentence("The People's Republic of China signed the treaty in May.")
    assert "hedge" not in cues(s).values()
    assert s.uncertain is False


# --- phrases before words, domain nouns --------------------------------------------------------
@pytest.mark.parametrize("text, phrase, tone", [
    ("Exports hit a record in March.", "hit a record", "positive"),
    ("Unemployment hit a record in March.", "hit a record", "negative"),
    ("The reform programme is on track.", "on track", "positive"),
    ("The two leaders declared a partnership with no limits.", "no limits", "positive"),
    ("The currency came under pressure after the vote.", "under pressure", "negative"),
])
def test_fixed_expressions_are_matched_as_units(sentence, text, phrase, tone):
    s = sentence(text)
    assert phrase in cues(s)
    assert s.tone == tone


def test_particle_of_a_phrasal_verb_is_not_a_rise(sentence):
    s = sentence("Investors bought up the remaining shares on Friday.")
    assert "up" not in cues(s)
    assert s.tone == "neutral"


def test_listed_phrasal_verb_is_one_change(sentence):
    s = sentence("The factory will scale up production next year.")
    assert "scale up" in cues(s)


@pytest.mark.parametrize("text, word", [
    ("The port handled more goods than last year.", "goods"),
    ("Many developing countries sent large delegations to the summit.", "developing"),
    ("The conference discussed international peace and security.", "peace"),
])
def test_domain_nouns_are_not_evaluative(sentence, text, word):
    s = sentence(text)
    assert word not in cues(s)
    assert s.tone == "neutral"


# --- direction x valence: turning words ------------------------------------------------------
def test_slowing_a_rise_in_a_good_thing_is_negative(sentence):
    s = sentence("Sanctions were starting to slow a surge in trade.")
    assert s.tone == "negative"
    assert cues(s)["surge"] == "flip"


def test_stabilising_after_a_bad_rise_is_positive(sentence):
    s = sentence("Inflationary pressure had stabilised after a sharp rise.")
    assert s.tone == "positive"
    assert cues(s)["rise"] == "flip"


def test_overcoming_obstacles_is_positive(sentence):
    s = sentence("The two sides overcame the obstacles in the final round.")
    assert s.tone == "positive"
    assert cues(s)["obstacles"] == "flip"


@pytest.mark.parametrize("text, tone", [
    ("The government halted the decline in exports.", "positive"),
    ("The new tariffs threaten the partnership.", "negative"),
    ("The ceasefire ended the war in the north.", "positive"),
])
def test_turning_words(sentence, text, tone):
    assert sentence(text).tone == tone


# --- negation scope and contrast ---------------------------------------------------------------
def test_negation_stops_at_a_new_clause(sentence):
    s = sentence("The mayor did not say whether the new bridge was a success.")
    assert cues(s).get("success") == "positive"


def test_a_negated_verb_does_not_make_its_bad_object_good(sentence):
    assert sentence("We cannot accept discrimination in any form.").tone == "negative"


def test_a_negated_verb_denies_its_good_object(sentence):
    assert sentence("The reform did not bring the promised benefits.").tone == "negative"


def test_contrast_weights_the_second_clause(sentence):
    assert sentence("Last year was a success, but this year the economy is in deep crisis.").tone == "negative"


# --- achievement, prospect and goal frames -------------------------------------------------------
def test_aims_are_not_achievements(sentence):
    s = sentence("We must strengthen cooperation and promote peace and prosperity.")
    assert s.tone == "neutral"
    assert "goal" in cues(s).values()


def test_purpose_clause_is_a_goal(sentence):
    s = sentence("In order to achieve prosperity, the country is building new roads.")
    assert s.tone == "neutral"


def test_confident_forecast_is_a_prospect(sentence):
    s = sentence("Trade between our countries will reach a record next year.")
    assert s.tone == "positive"
    assert cues(s)["will"] == "prospect"


def test_problems_an_aim_names_still_count(sentence):
    s = sentence("We must respond to the famine, the violence and the epidemic that devastate the region.")
    assert s.tone == "negative"


def test_gratitude_formula_is_positive(sentence):
    assert sentence("I would like to thank the Secretary-General for his able leadership.").tone == "positive"


# --- hedging in speech: formulas versus hedges --------------------------------------------------
@pytest.mark.parametrize("text", [
    "May I congratulate you on your election to the presidency.",
    "We must act now to protect the oceans.",
    "If elected, we will cut taxes for small farmers.",
    "We would like to thank our partners for their support.",
    "We firmly believe in the rule of law.",
])
def test_speech_formulas_are_not_hedges(sentence, text):
    s = sentence(text)
    assert s.uncertain is False
    assert "hedge" not in cues(s).values()


def test_polite_inversion_is_no_frame_marker(sentence):
    s = sentence("May I congratulate you on your election to the presidency.")
    assert "May" not in cues(s)
    assert s.tone == "positive"


@pytest.mark.parametrize("text", [
    "We believe that the new agreement will double trade within five years.",
    "The floods could displace thousands of families this winter.",
    "About 3,000 delegates attended the summit in the capital.",
    "The talks seem to have stalled over the summer.",
])
def test_speech_hedges_are_uncertain(sentence, text):
    assert sentence(text).uncertain is True


def test_cue_types_are_listed_in_the_contract(sentence):
    s = sentence("Sanctions will slow a surge in trade, and we must not allow that.")
    assert {c.type for c in s.cues} <= set(CUE_TYPES)


# --- explain -------------------------------------------------------------------------------------
def test_explain_groups_frames_negations_and_flips(nlp):
    from rhetoric.render.text import render_text

    text = "Sanctions did not slow a surge in trade. Exports will reach a record next year."
    out = render_text(analyze_text(text, nlp=nlp), explain=True)
    assert "negations: not" in out
    assert "flips: surge" in out
    assert "prospect: will, reach a record +" in out
