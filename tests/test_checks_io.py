"""Compressed batch inputs, one row per check on export, and the corpus roll-up of checks."""
import csv
import gzip
import json

import pytest
from click.testing import CliRunner

from rhetoric.cli import main
from rhetoric.io.records import read_records
from rhetoric.contract.schema import Analysis
from rhetoric.reality.rollup import check_rollup


def test_jsonl_gz_and_csv_gz_are_read_as_they_stream(tmp_path):
    jsonl = tmp_path / "a.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "j1", "text": "Exports rose.", "date": "2020-02-02"}) + "\n")
    table = tmp_path / "b.csv.gz"
    with gzip.open(table, "wt", encoding="utf-8") as handle:
        handle.write("id,text,outlet\nc1,Imports fell.,Daily\n")
    records = list(read_records([str(jsonl), str(table)]))
    assert [(r.id, r.document.meta) for r in records] == [("j1", {"date": "2020-02-02"}), ("c1", {"outlet": "Daily"})]


def test_a_broken_gz_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "x.jsonl.gz"
    bad.write_bytes(b"plain text, not gzip")
    result = CliRunner().invoke(main, ["batch", str(bad), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "x.jsonl.gz" in result.output and "gzip" in result.output


def analysis(doc_id, meta, checks, quantities, sentences):
    return {"schema": "rhetoric.analysis/2", "id": doc_id, "meta": meta, "date": {"value": "2012-09-01", "from": "metadata"},
            "sentences": sentences, "quotes": [], "quantities": quantities, "checks": checks, "summary": {}}


def corpus():
    sentence = [{"start": 0, "end": 50, "text": "...", "voice": "official", "speaker": "A"}]
    q = [{"start": 3, "end": 8, "text": "5 per cent", "value": 5.0, "unit": "percent", "kind": "percent",
          "change": "=", "period": "2011", "concept": "growth", "modality": "actual", "speaker": "A",
          "entities": [], "size": None, "base_period": None},
         {"start": 20, "end": 25, "text": "9 per cent", "value": 9.0, "unit": "percent", "kind": "percent",
          "change": "=", "period": "2011-H1", "concept": "growth", "modality": "actual", "speaker": "A",
          "entities": [], "size": None, "base_period": None}]
    c = [{"quantity": 0, "series": "economic growth", "period": "2011", "claimed": 5.0, "actual": 5.1,
          "relative_error": 0.02, "verdict": "consistent", "source": "World Bank", "note": None},
         {"quantity": 1, "series": "economic growth", "period": "2011-H1", "claimed": 9.0, "actual": None,
          "relative_error": None, "verdict": "unverifiable", "source": None, "note": "a partial period (2011-H1)"}]
    return [analysis("d1", {"country": "Ruritania"}, c, q, sentence),
            analysis("d2", {"country": "Elbonia"}, c[:1], q[:1], sentence)]


@pytest.fixture
def results(tmp_path):
    """The small corpus written as batch results (JSONL)."""
    source = tmp_path / "r.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in corpus()) + "\n", encoding="utf-8")
    return source


def test_export_one_row_per_check(tmp_path, results):
    source = results
    out = tmp_path / "checks.csv"
    result = CliRunner().invoke(main, ["export", str(source), "--out", str(out), "--level", "check"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["id"], r["figure"], r["verdict"], r["country"]) for r in rows] == [
        ("d1", "5 per cent", "consistent", "Ruritania"), ("d1", "9 per cent", "unverifiable", "Ruritania"),
        ("d2", "5 per cent", "consistent", "Elbonia")]
    assert rows[1]["note"].startswith("a partial period") and rows[0]["date"] == "2012-09-01"


def test_rollup_counts_checked_and_not_and_why():
    rows = check_rollup([Analysis.from_dict(a) for a in corpus()], lambda a, s: a.meta["country"])
    by = {r.group: r for r in rows}
    assert by["Ruritania"].linked == 2 and by["Ruritania"].with_value == 1 and by["Ruritania"].unverifiable == 1
    assert by["Ruritania"].share_consistent == 1.0 and by["Ruritania"].reasons[0].startswith("a partial period")
    assert by["Elbonia"].verdicts == {"consistent": 1}


def test_compare_reports_checks_per_group(results):
    result = CliRunner().invoke(main, ["compare", str(results), "--by", "country", "--terms", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)["comparison"]["checks"]
    assert {c["group"]: c["linked"] for c in checks} == {"Elbonia": 1, "Ruritania": 2}


def test_corpus_report_lists_the_checks_per_group(tmp_path, results):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(results), "--out", str(out), "--by", "country"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Reality checks" in page and "a partial period" in page
