"""The tone stage: one hand-written sentence (ours) per rule, plus the contract of its output."""
from __future__ import annotations

import numpy as np
import pytest

from rhetoric.api import analyze_text
from rhetoric.contract.fields import CUE_TYPES


@pytest.fixture(scope="module")
def tone_of(nlp):
    """Analyse a text and return its first sentence (as plain data)."""
    def run(text: str):
        return analyze_text(text, nlp=nlp).sentences[0]
    return run


def cue_types(sentence) -> dict:
    return {c.text.lower(): c.type for c in sentence.cues}


# --- direction x valence ---------------------------------------------------------------
@pytest.mark.parametrize("text, tone", [
    ("Quarterly profit rose 12 percent to 40 million euros.", "positive"),
    ("Net sales increased by a fifth in the spring.", "positive"),
    ("Losses widened in the third quarter.", "negative"),
    ("The trade deficit narrowed last year.", "positive"),
    ("Unemployment fell to five percent in March.", "positive"),
    ("Exports to the region decreased 20 percent in the first half.", "negative"),
    ("The group cut its costs by a tenth.", "positive"),
    ("The mill will cut 200 jobs next year.", "negative"),
    ("Debt climbed to a new high.", "negative"),
    ("Operating profit was 9.5 million, compared with 7.2 million a year earlier.", "positive"),
    ("Operating profit was 5.1 million, compared with 7.2 million a year earlier.", "negative"),
])
def test_direction_times_valence(tone_of, text, tone):
    assert tone_of(text).tone == tone


def test_change_cue_is_the_change_word(tone_of):
    s = tone_of("The budget deficit narrowed sharply.")
    assert cue_types(s).get("narrowed") == "positive"


def test_up_to_is_not_a_rise(tone_of):
    s = tone_of("The plant employs up to 40 people in summer.")
    assert s.tone == "neutral"


# --- negation ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The outlook for the talks is not positive.",
    "The new strategy was hardly a success.",
    "The summit was far from an unqualified success.",
])
def test_negation_flips_positive_terms(tone_of, text):
    s = tone_of(text)
    assert s.tone == "negative"
    assert "negation" in cue_types(s).values()


def test_not_only_is_not_a_negation(tone_of):
    s = tone_of("The deal not only lifted exports but also strengthened the partnership.")
    assert s.tone == "positive"
    assert "negation" not in cue_types(s).values()


def test_negated_change(tone_of):
    assert tone_of("Sales did not increase this year.").optimism < 0


# --- contrast ----------------------------------------------------------------------------
def test_but_weights_the_second_clause(tone_of):
    assert tone_of("Sales grew slightly, but profit fell sharply.").tone == "negative"
    assert tone_of("Profit fell slightly, but sales grew strongly.").tone == "positive"


def test_concessive_clause_counts_little(tone_of):
    s = tone_of("Despite the sanctions and the tensions, the two countries signed a successful partnership.")
    assert s.tone == "positive"


# --- boosters, hedges, idioms, uncertainty -----------------------------------------------
def test_boosters_are_cues_and_amplify(tone_of):
    plain = tone_of("Relations between the two states are good.")
    boosted = tone_of("Relations between the two states are certainly the best in their entire history.")
    assert "booster" in cue_types(boosted).values()
    assert boosted.optimism > plain.optimism > 0


@pytest.mark.parametrize("text", [
    "The jury is still out on the new trade policy.",
    "Whether the plan works remains to be seen.",
    "The reform will probably fail within a year.",
    "The minister is seemingly unaware of the figures.",
    "It is believed that the deal was signed in secret.",
])
def test_hedged_sentences_are_uncertain(tone_of, text):
    s = tone_of(text)
    assert s.uncertain is True
    assert "hedge" in cue_types(s).values()


@pytest.mark.parametrize("text", [
    "The minister signed the agreement in Beijing on Monday.",
    "The factory produced 3,000 cars in 2014.",
    "Exports rose in May.",
])
def test_plain_statements_are_certain(tone_of, text):
    assert tone_of(text).uncertain is False


def test_idiom_cue_covers_the_phrase(tone_of):
    s = tone_of("For the government, the jury is still out.")
    assert "the jury is still out" in cue_types(s)


# --- output contract -----------------------------------------------------------------------
def test_values_in_range_and_cues_index_the_text(nlp):
    text = ("Officials praised the strong partnership. Trade fell 10 percent, which is perhaps "
            "worrying. Analysts say the outlook is not bright.")
    analysis = analyze_text(text, nlp=nlp)
    assert analysis.sentences
    for s in analysis.sentences:
        assert -1.0 <= s.optimism <= 1.0
        assert 0.0 <= s.hedging <= 1.0
        assert s.tone in ("positive", "neutral", "negative")
        assert isinstance(s.uncertain, bool)
        for c in s.cues:
            assert text[c.start:c.end] == c.text
            assert c.type in CUE_TYPES


def test_boilerplate_is_skipped(nlp):
    from rhetoric.contract.fields import BOILERPLATE

    text = "Trade grew strongly.\n\nImage courtesy of the Press Office, some rights reserved.\n"
    for s in analyze_text(text, nlp=nlp).sentences:
        if s.voice == BOILERPLATE:
            assert s.optimism is None and s.tone is None and s.uncertain is None


@pytest.mark.parametrize("name", ["hedges.json", "boosters.json", "framing.json", "changes.json", "rules.json",
                                  "frames.json"])
def test_lexicons_have_a_header(name):
    from rhetoric.nlp.tone.lexicon import read_json

    assert read_json(name)["_about"]


def test_model_is_plain_arrays():
    from rhetoric.resources import model_path
    from rhetoric.nlp.tone.uncertainty import MODEL_FILE

    with np.load(model_path(*MODEL_FILE), allow_pickle=False) as data:
        assert {"features", "weights", "bias", "threshold"} <= set(data.files)
        assert len(data["features"]) == len(data["weights"])


def test_component_works_in_a_plain_pipeline():
    import spacy

    import rhetoric.nlp.tone  # noqa: F401  registers the factory
    from rhetoric.nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("rhetoric_tone")
    doc = nlp("Profits rose sharply. Costs may increase.")
    sents = list(doc.sents)
    assert sents[0]._.tone == "positive"
    assert sents[1]._.uncertain is True
    assert isinstance(nlp, spacy.language.Language)


# --- TextBlob's polarity, computed from our tokens ---------------------------------------
@pytest.mark.parametrize("text", [
    "The outlook is good.",
    "The outlook is not good.",
    "The outlook is very good!",
    "It is a well-known and truly terrible problem.",
    "Officials were not really happy with the long-term plan.",
    "Nobody said anything.",
])
def test_pattern_polarity_matches_textblob(nlp, text):
    from textblob import TextBlob

    from rhetoric.nlp.tone.component import textblob_polarity
    from rhetoric.nlp.tone.lexicon import toks_from_span

    ours = textblob_polarity(toks_from_span(nlp.make_doc(text)[:]))
    assert ours == pytest.approx(TextBlob(text).sentiment.polarity)


def test_pattern_polarity_rules():
    from rhetoric.nlp.tone.pattern_polarity import polarity

    good = polarity(["good"])
    assert good > 0
    assert polarity(["not", "good"]) == pytest.approx(-0.5 * good)
    assert polarity(["very", "good"]) > good  # an intensifier scales the next word
    assert polarity(["good", "!"]) > good
    assert polarity(["the", "table"]) == 0.0


def test_pattern_polarity_does_not_import_textblob():
    """TextBlob imports NLTK (a second of cold start); only its lexicon file is read."""
    import subprocess
    import sys

    code = ("import sys; from rhetoric.nlp.tone.pattern_polarity import polarity; polarity(['good']); "
            "sys.exit('textblob' in sys.modules or 'nltk' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
