"""The Analysis JSON contract: schema, fields, offsets, summaries, round trip."""
import json

import pytest

from rhetoric.contract.schema import SCHEMA, analysis_from_dict
from rhetoric.api import analyze_text

TOP_LEVEL = ("schema", "id", "meta", "date", "sentences", "quotes", "quantities", "checks", "summary")
SENTENCE_FIELDS = ("start", "end", "text", "kind", "voice", "speaker", "optimism", "tone", "hedging",
                   "uncertain", "cues")


def test_every_top_level_field_is_present(nlp, sample_text):
    data = analyze_text(sample_text, "sample", {"outlet": "ours"}, nlp=nlp).to_dict()
    assert data["schema"] == SCHEMA == "rhetoric.analysis/2"
    for key in TOP_LEVEL:
        assert key in data
    assert data["id"] == "sample" and data["meta"] == {"outlet": "ours"}
    assert "by_voice" in data["summary"]
    for s in data["sentences"]:
        for key in SENTENCE_FIELDS:
            assert key in s
        assert sample_text[s["start"]:s["end"]] == s["text"]
        assert s["kind"] in ("body", "quote", "caption", "reference", "heading")
        assert s["voice"] in ("official", "expert", "commentary", "boilerplate")
    json.dumps(data)


def test_summary_leaves_out_boilerplate(nlp, sample_text):
    analysis = analyze_text(sample_text, nlp=nlp)
    counted = sum(v["n"] for v in analysis.summary["by_voice"].values())
    assert counted == sum(s.voice != "boilerplate" for s in analysis.sentences)
    assert "boilerplate" not in analysis.summary["by_voice"]


def test_round_trip_through_json(nlp, sample_text):
    analysis = analyze_text(sample_text, "x", nlp=nlp)
    data = json.loads(json.dumps(analysis.to_dict()))
    again = analysis_from_dict(data, text=sample_text)
    assert again.to_dict() == analysis.to_dict()


def test_to_json_is_the_json_of_to_dict(nlp, sample_text):
    analysis = analyze_text(sample_text, "sample", {"outlet": "ours", "n": 3}, nlp=nlp)
    assert analysis.to_json() == json.dumps(analysis.to_dict(), ensure_ascii=False)
    assert analysis.to_json(include_text=True, indent=1) == json.dumps(analysis.to_dict(True), ensure_ascii=False,
                                                                      indent=1)


def test_to_json_writes_nan_as_null(nlp):
    """JSONL input may carry NaN (Python's json reads it); the output stays valid JSON."""
    analysis = analyze_text("Exports rose 5% in 2014.", "nan", {"score": float("nan")}, nlp=nlp)
    data = json.loads(analysis.to_json(), parse_constant=lambda name: pytest.fail(f"{name} in the output"))
    assert data["meta"] == {"score": None}
