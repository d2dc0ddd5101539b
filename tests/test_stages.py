"""The stages as spaCy components in anyone's pipeline: declared order, the per-document
speaker, the tokenizer left alone, and data saved with ``nlp.to_disk``."""
import json

import pytest
import spacy

from rhetoric.nlp.cleanup import adapt_tokenizer
from rhetoric.nlp.convert import doc_to_analysis
from rhetoric.nlp.extensions import SPEAKER_KEY, set_doc_speaker
from rhetoric.nlp.pipeline import ALL_STAGES, add_stages, load_model

SPEECH = ("We will keep the budget balanced. Exports grew 4 percent last year, "
          "and the plan is to reach $2 billion by 2030.")


@pytest.fixture(scope="module")
def own_nlp():
    """A user's pipeline: the trained model loaded by hand, our stages added as the README shows."""
    nlp = adapt_tokenizer(load_model())
    nlp.add_pipe("rhetoric_segmenter", before="parser")
    for name in ALL_STAGES[1:]:
        nlp.add_pipe(name)
    return nlp


def test_default_pipeline_declares_a_valid_order(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    summary = analysis["summary"]
    for name in ALL_STAGES:
        assert summary[name]["assigns"], name
    assert "span._.voice" in summary["rhetoric_tone"]["requires"]
    assert {"doc._.quotes", "span._.speaker", "span._.kind"} <= set(summary["rhetoric_quantities"]["requires"])
    assert analysis["attrs"]["doc._.quotes"]["assigns"] == ["rhetoric_attribution"]


def test_a_wrong_order_is_reported():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetoric_quantities")
    nlp.add_pipe("rhetoric_attribution")
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert {"doc._.quotes", "span._.speaker", "span._.kind"} <= set(problems["rhetoric_quantities"])
    assert "doc._.references" in problems["rhetoric_attribution"]


def test_adding_the_segmenter_leaves_the_tokenizer_alone():
    nlp = spacy.blank("en")
    suffix_search = nlp.tokenizer.suffix_search
    add_stages(nlp, ["rhetoric_segmenter"])
    assert nlp.tokenizer.suffix_search is suffix_search
    assert "[2]" not in [t.text for t in nlp.make_doc("It rose in 2011.[2] Then it fell.")]
    adapt_tokenizer(nlp)
    assert "[2]" in [t.text for t in nlp.make_doc("It rose in 2011.[2] Then it fell.")]


def test_registered_tokenizer_splits_footnote_markers():
    config = {"nlp": {"tokenizer": {"@tokenizers": "rhetoric.FootnoteTokenizer.v1"}}}
    nlp = spacy.blank("en", config=config)
    assert [t.text for t in nlp.make_doc("as agreed.[12] Then")] == ["as", "agreed", ".", "[12]", "Then"]
    assert [t.text for t in nlp.make_doc("Costs fell.¹ Then")] == ["Costs", "fell", ".", "¹", "Then"]


def test_own_pipeline_honours_the_document_speaker(own_nlp):
    doc = own_nlp(set_doc_speaker(own_nlp.make_doc(SPEECH), "Jane Roe", "minister"))
    assert doc.user_data[SPEAKER_KEY] == {"speaker": "Jane Roe", "role": "minister"}
    assert [(s._.speaker, s._.role, s._.voice) for s in doc.sents] == [("Jane Roe", "minister", "official")] * 2
    # figures in the speech are the speaker's
    assert {q.speaker for q in doc._.quantities} == {"Jane Roe"}
    plain = own_nlp(SPEECH)
    assert [s._.speaker for s in plain.sents] == [None, None]


def test_set_doc_speaker_ignores_a_missing_name(own_nlp):
    doc = set_doc_speaker(own_nlp.make_doc(SPEECH), "  ")
    assert SPEAKER_KEY not in doc.user_data


def analysis_of(nlp, text):
    return doc_to_analysis(nlp(text), "x").to_json(include_text=True)


def test_saved_pipeline_loads_elsewhere_with_its_data(own_nlp, tmp_path):
    path = tmp_path / "pipeline"
    own_nlp.to_disk(path)
    for name, files in {"rhetoric_segmenter": ["patterns.json"], "rhetoric_cleanup": ["patterns.json"],
                        "rhetoric_attribution": ["cues.json", "roles.json", "actors.csv", "outlets.csv"],
                        "rhetoric_tone": ["hedges.json", "rules.json", "uncertainty.npz"],
                        "rhetoric_quantities": ["numbers.json", "concepts.json", "units.json"]}.items():
        for file in files:
            assert (path / name / file).is_file(), (name, file)
    loaded = spacy.load(path)
    assert loaded.pipe_names == own_nlp.pipe_names
    text = 'Trade rose 12% to $4.2 billion in 2019.[1] "It is a record," the minister said.\n\n[1] https://example.org/a'
    assert analysis_of(loaded, text) == analysis_of(own_nlp, text)
    # the tokenizer's footnote rule travels with the pipeline too
    assert "[1]" in [t.text for t in loaded.make_doc("a record.[1] Then")]


def test_loaded_pipeline_reads_the_saved_files_not_the_shipped_ones(own_nlp, tmp_path):
    path = tmp_path / "pipeline"
    own_nlp.to_disk(path)
    concepts_file = path / "rhetoric_quantities" / "concepts.json"
    concepts = json.loads(concepts_file.read_text(encoding="utf-8"))
    concepts["concepts"]["zorblax output"] = ["zorblax output"]
    concepts_file.write_text(json.dumps(concepts), encoding="utf-8")
    text = "Zorblax output rose to 40 tonnes in 2021."
    assert [q.concept for q in spacy.load(path)(text)._.quantities] == ["zorblax output"]
    assert [q.concept for q in own_nlp(text)._.quantities] == [None]


def test_loading_a_folder_without_the_data_names_the_file(own_nlp, tmp_path):
    path = tmp_path / "pipeline"
    own_nlp.to_disk(path)
    (path / "rhetoric_tone" / "uncertainty.npz").unlink()
    with pytest.raises(ValueError, match="uncertainty.npz"):
        spacy.load(path)


def test_every_declared_score_is_assigned_by_its_stage(nlp):
    """Each score of the vocabulary: its stage declares it, and sets it on a real sentence."""
    from rhetoric.contract.fields import SCORES

    summary = nlp.analyze_pipes(pretty=False)["summary"]
    doc = nlp("Exports grew strongly last year, and we may well see more growth.")
    for score in SCORES:
        assert f"span._.{score.name}" in summary[score.stage]["assigns"], score.name
        assert all(getattr(s._, score.name) is not None for s in doc.sents), score.name
