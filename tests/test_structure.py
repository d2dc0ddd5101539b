"""The one vocabulary, the one Analysis form and the spaCy-free layers (issue 11)."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from rhetoric.batch.exports import DOC_COLUMNS, SENTENCE_COLUMNS, export
from rhetoric.batch.results import read_results
from rhetoric.cli import main
from rhetoric.compare.defaults import METRICS
from rhetoric.contract import fields
from rhetoric.contract.schema import SENTENCE_VALUES, Analysis, Sentence
from rhetoric.contract.summary import group_summary, mean, share
from rhetoric.nlp.pipeline import ALL_STAGES
from test_compare import build_analysis, two_group_corpus

ROOT = Path(__file__).resolve().parents[1]


def test_every_score_has_a_field_a_stage_a_metric_and_export_columns():
    for score in fields.SCORES:
        assert score.name in Sentence.__dataclass_fields__ and score.name in SENTENCE_VALUES
        assert score.stage in ALL_STAGES
        assert score.name in METRICS and score.name in DOC_COLUMNS and score.name in SENTENCE_COLUMNS
    for voice in fields.SUMMARY_VOICES:
        assert f"{voice}_n" in DOC_COLUMNS
        assert all(f"{voice}_{m}" in DOC_COLUMNS for m in fields.MEAN_SCORES)
    assert fields.BOILERPLATE in fields.VOICES and fields.BOILERPLATE not in fields.SUMMARY_VOICES


def test_one_mean_rounds_to_four_places_and_share_counts_flags():
    assert mean([0.1, None, 0.2, 0.30001]) == 0.2
    assert mean([1, 2], digits=None) == 1.5 and mean([None]) is None
    assert share([True, False, None, True]) == 0.6667
    doc = build_analysis("d", {}, [("Up.", "official", 0.5, 0.1), ("May.", "commentary", -0.1, 0.6)])
    summary = group_summary(doc.sentences)
    assert list(summary) == ["n", *fields.SCORE_NAMES] and summary["uncertain"] == 0.5


def test_read_results_yields_analyses_and_round_trips_unchanged(tmp_path):
    docs = two_group_corpus(0.2, n=3)
    path = tmp_path / "r.jsonl"
    lines = [d.to_json() for d in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = list(read_results(str(path)))
    assert all(isinstance(a, Analysis) for a in read)
    assert [a.to_json() for a in read] == lines
    assert all(Analysis.from_dict(json.loads(line)).to_dict() == json.loads(line) for line in lines)


def test_real_outputs_round_trip_byte_for_byte():
    sample = ROOT / "corpora" / "samples" / "press_corpus.jsonl"
    from rhetoric.api import analyze_text

    record = json.loads(sample.read_text(encoding="utf-8").splitlines()[0])
    analysis = analyze_text(record["text"], doc_id=record["id"])
    text = analysis.to_json()
    assert Analysis.from_json(text).to_json() == text
    assert json.dumps(Analysis.from_dict(analysis.to_dict()).to_dict(), ensure_ascii=False) == text


def test_sentence_export_columns_follow_the_sentence_fields(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(d.to_json() + "\n" for d in two_group_corpus(0.2, n=2)), encoding="utf-8")
    out = tmp_path / "s.csv"
    export(str(path), str(out), level="sentence")
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:len(SENTENCE_COLUMNS)] == list(SENTENCE_COLUMNS)
    assert header[4:4 + len(SENTENCE_VALUES)] == list(SENTENCE_VALUES)


def test_plain_layers_import_no_spacy():
    code = ("import sys, rhetoric, rhetoric.batch.results, rhetoric.batch.run, rhetoric.batch.exports, "
            "rhetoric.compare, rhetoric.reality, rhetoric.io.records, rhetoric.render.report, rhetoric.render.compare, "
            "rhetoric.render.text, rhetoric.cli, rhetoric.cli.export, rhetoric.cli.compare, rhetoric.cli.report; "
            "from rhetoric.compare.run import compare_path; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_readme_api_names_resolve_lazily():
    code = ("import sys, rhetoric; before = 'spacy' in sys.modules; "
            "from rhetoric import analyze_text, analyze_path, analyze_many, load_pipeline; "
            "print(before, callable(analyze_text) and callable(load_pipeline))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "True"]


def test_compare_indicators_read_on_top_of_the_shipped_tables(tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text("series,entity,counterpart,period,value,unit,source\n"
                     "grain exports,Russia,China,2015,10,USD bn,own table\n"
                     "grain exports,Russia,China,2016,12,USD bn,own table\n", encoding="utf-8")
    docs = [build_analysis(str(y), {"date": f"{y}-03-01"}, [("All is well.", "official", (y - 2015) / 10, 0.0)])
            for y in (2015, 2016)]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(d.to_json(include_text=True) + "\n" for d in docs), encoding="utf-8")
    runner = CliRunner()
    base = ["compare", str(path), "--bootstrap", "200", "--indicators", str(table)]
    mine = runner.invoke(main, base + ["--indicator", "grain exports"])
    assert mine.exit_code == 0, mine.output
    assert "own table" in mine.output
    shipped = runner.invoke(main, base + ["--indicator", "trade turnover"])  # still there beside the user's table
    assert shipped.exit_code == 0, shipped.output
    assert "trade turnover" in shipped.output
    assert "on top of the shipped ones" in " ".join(runner.invoke(main, ["compare", "--help"]).output.split())
