"""Batch scoring mechanics: record readers, bad records, store and resume, output formats.

These tests are about batching, not analysis, so they run a blank English pipeline
with only a sentencizer (saved once per session), plus a test component that fails on
one marker word to stand for a stage that crashes on a record.
"""
from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from click.testing import CliRunner
from spacy.language import Language

from conftest import saved_blank_pipeline

from rhetoric.batch.exports import export
from rhetoric.batch.results import read_results
from rhetoric.batch.run import run_batch
from rhetoric.cli import main
from rhetoric.errors import RhetoricError
from rhetoric.io.records import read_records

BOOM = "KABOOM"


@Language.component("rhetoric_test_boom")
def boom(doc):
    """Fails on any document containing the marker word, like a stage with a bug."""
    if BOOM in doc.text:
        raise ValueError("test stage failure")
    return doc


@Language.component("rhetoric_test_exit")
def hard_exit(doc):
    """Kills its worker process on the marker word, like an out-of-memory kill."""
    if "SEGFAULT" in doc.text:
        import os
        os._exit(9)
    return doc


@pytest.fixture(scope="session")
def boom_model(tmp_path_factory):
    return saved_blank_pipeline(tmp_path_factory, "boom", "rhetoric_test_boom")


@pytest.fixture(scope="session")
def exit_model(tmp_path_factory):
    return saved_blank_pipeline(tmp_path_factory, "exit", "rhetoric_test_exit")


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def corpus(n, prefix="d"):
    return [{"id": f"{prefix}{i:03d}", "text": f"Document {i} says hello. It has two sentences.",
             "outlet": "Test Daily", "year": 2000 + i % 3} for i in range(n)]


def run(inputs, out, model, **kw):
    kw.setdefault("jobs", 1)
    return run_batch(inputs if isinstance(inputs, list) else [inputs], str(out), model=model, stages=(), **kw)


def ids_of(path):
    return [a.id for a in read_results(str(path))]


# -- readers ------------------------------------------------------------------------------
def test_jsonl_records_keep_metadata_and_line_numbers(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 1, "text": "One.", "date": "2015-05-08"}\n\n{"id": "b", "text": "Two."}\n')
    records = list(read_records([str(path)]))
    assert [(r.id, r.line) for r in records] == [("1", 1), ("b", 3)]
    assert records[0].document.meta == {"date": "2015-05-08"}


def test_renamed_fields(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"key": "x", "body": "Some text."}])
    [record] = read_records([path], id_field="key", text_field="body")
    assert record.document.id == "x" and record.document.text == "Some text."


def test_csv_records_with_multiline_fields(tmp_path):
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "outlet"])
        writer.writerow(["a", "First line.\n\nSecond paragraph.", "Daily"])
        writer.writerow(["b", "", "Daily"])
        writer.writerow(["c", "Third.", "Weekly"])
    records = list(read_records([str(path)]))
    assert [(r.id, r.line, r.error is None) for r in records] == [("a", 2, True), ("b", 5, False), ("c", 6, True)]
    assert records[0].document.text == "First line.\n\nSecond paragraph."
    assert records[0].document.meta == {"outlet": "Daily"}


def test_csv_without_text_column_is_a_user_error(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,body\na,Hello.\n", encoding="utf-8")
    with pytest.raises(RhetoricError, match="no 'text' column.*--text-field"):
        list(read_records([str(path)]))


def test_directory_ids_are_relative_paths(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("A text file.", encoding="utf-8")
    (root / "sub" / "b.md").write_text("# Title\n\nA markdown file.", encoding="utf-8")
    (root / "sub" / "c.html").write_text(
        "<html><body><article><p>An HTML page with a paragraph of real text in it, long enough "
        "to count as the main content of the page.</p></article></body></html>", encoding="utf-8")
    (root / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (root / ".hidden.txt").write_text("skip me", encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    records = list(read_records([str(root)]))
    assert [r.id for r in records] == ["a.txt", "scan.txt", "sub/b.md", "sub/c.html"]
    bad = records[1]
    assert bad.document is None and "PDF" in bad.error
    assert "An HTML page" in records[3].document.text and "<p>" not in records[3].document.text


# -- bad records --------------------------------------------------------------------------
BAD_INPUT = b"\n".join([
    b'{"id": "ok1", "text": "A fine record."}',
    b'{"id": "broken", "text": ',                                   # line 2: invalid JSON
    b'{"id": "notext"}',                                            # line 3: missing text
    b'{"id": "empty", "text": "   "}',                              # line 4: empty text
    b'{"id": "latin", "text": "caf\xe9"}',                           # line 5: not UTF-8
    b'["a", "list"]',                                               # line 6: not an object
    b'{"text": "No id here."}',                                     # line 7: no id
    b'{"id": "ok1", "text": "Same id again."}',                     # line 8: duplicate id
    b'{"id": "crash", "text": "This one says KABOOM and fails."}',  # line 9: stage fails
    b'{"id": "ok2", "text": "Another fine record."}',
]) + b"\n"
EXPECTED_FAILURES = [(2, None, "input"), (3, "notext", "input"), (4, "empty", "input"), (5, None, "input"),
                     (6, None, "input"), (7, None, "input"), (8, "ok1", "input"), (9, "crash", "analysis")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_records_are_logged_and_the_run_goes_on(tmp_path, boom_model, jobs):
    source = tmp_path / "in.jsonl"
    source.write_bytes(BAD_INPUT)
    out = tmp_path / "out.jsonl"
    summary = run(str(source), out, boom_model, jobs=jobs, batch_docs=2)
    assert (summary.ok, summary.failed, summary.exit_code) == (2, 8, 1)
    assert ids_of(out) == ["ok1", "ok2"]
    logged = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert [(e["line"], e["id"], e["kind"]) for e in logged] == EXPECTED_FAILURES
    assert "test stage failure" in logged[-1]["message"]
    with sqlite3.connect(tmp_path / "out.jsonl.store.sqlite") as db:
        assert db.execute("SELECT count(*) FROM errors").fetchone()[0] == 8


def test_cli_reports_failures_with_exit_code_1(tmp_path, boom_model):
    source = tmp_path / "in.jsonl"
    source.write_bytes(BAD_INPUT)
    result = CliRunner().invoke(main, ["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1",
                                       "--model", boom_model, "--stages", "none"])
    assert result.exit_code == 1, result.output
    assert "2 ok, 0 skipped, 8 failed" in result.output
    assert f"{source}:2: (no id): invalid JSON" in result.output


def test_user_errors_exit_2(tmp_path, blank_model):
    runner = CliRunner()
    missing = runner.invoke(main, ["batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    source = write_jsonl(tmp_path / "in.jsonl", corpus(1))
    bad_out = runner.invoke(main, ["batch", source, "--out", str(tmp_path / "o.xlsx")])
    assert bad_out.exit_code == 2 and "unknown output type" in bad_out.output
    before = open(source, "rb").read()
    onto_input = runner.invoke(main, ["batch", source, "--out", source, "--model", blank_model])
    assert onto_input.exit_code == 2 and "is also an input file" in onto_input.output
    store_on_input = runner.invoke(main, ["batch", source, "--out", str(tmp_path / "o.jsonl"), "--store", source,
                                          "--model", blank_model])
    assert store_on_input.exit_code == 2 and "--store" in store_on_input.output
    assert open(source, "rb").read() == before


def test_missing_dask_is_a_one_line_error(tmp_path, monkeypatch, blank_model):
    monkeypatch.setitem(__import__("sys").modules, "dask.distributed", None)
    source = write_jsonl(tmp_path / "in.jsonl", corpus(1))
    result = CliRunner().invoke(main, ["batch", source, "--out", str(tmp_path / "o.jsonl"), "--engine", "dask",
                                       "--model", blank_model, "--stages", "none"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "pip install" in result.output


def test_dead_worker_stops_the_run_with_a_resume_hint(tmp_path, exit_model):
    from rhetoric.batch.engines import WorkerDied

    records = corpus(6)
    records[5]["text"] = "This one says SEGFAULT."
    source = write_jsonl(tmp_path / "in.jsonl", records)
    with pytest.raises(WorkerDied, match="run the same command again to resume") as caught:
        run(source, tmp_path / "out.jsonl", exit_model, jobs=2, batch_docs=1)
    assert caught.value.exit_code == 3


# -- store and resume ---------------------------------------------------------------------
def test_rerun_skips_done_rescores_changed_and_drops_removed(tmp_path, blank_model):
    records = corpus(6)
    source = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    write_jsonl(source, records)
    first = run(str(source), out, blank_model)
    assert (first.ok, first.skipped) == (6, 0)
    again = run(str(source), out, blank_model)
    assert (again.ok, again.skipped, again.exit_code) == (0, 6, 0)
    records[2]["text"] = "A changed text. Now different."
    records[4]["outlet"] = "Other Daily"
    del records[5]
    write_jsonl(source, records)
    changed = run(str(source), out, blank_model)
    assert (changed.ok, changed.skipped) == (2, 3)
    results = list(read_results(str(out)))
    assert [a.id for a in results] == [r["id"] for r in records]
    assert results[2].sentences[0].text == "A changed text."
    assert results[4].meta["outlet"] == "Other Daily"


def test_new_pipeline_rescores(tmp_path, blank_model, boom_model):
    source = write_jsonl(tmp_path / "in.jsonl", corpus(3))
    out = tmp_path / "out.jsonl"
    run(source, out, blank_model)
    assert run(source, out, boom_model).ok == 3


def test_several_workers_keep_input_order(tmp_path, blank_model):
    source = write_jsonl(tmp_path / "in.jsonl", corpus(40))
    out = tmp_path / "out.jsonl"
    summary = run(source, out, blank_model, jobs=2, batch_docs=3)
    assert summary.ok == 40
    assert ids_of(out) == [f"d{i:03d}" for i in range(40)]


def test_stdin_to_stdout(blank_model):
    text = "".join(json.dumps(r) + "\n" for r in corpus(3))
    result = CliRunner().invoke(main, ["batch", "-", "--model", blank_model, "--stages", "none", "-j", "1", "-q"],
                                input=text)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [a["id"] for a in lines] == ["d000", "d001", "d002"]
    assert lines[0]["schema"] == "rhetoric.analysis/2" and lines[0]["meta"] == {"outlet": "Test Daily", "year": 2000}


# -- output formats -----------------------------------------------------------------------
@pytest.fixture()
def scored(tmp_path, blank_model):
    """A small scored corpus: its store and the JSONL analyses."""
    records = corpus(5) + [{"id": "long", "text": "One. Two! Three?", "outlet": None, "year": 2.5,
                            "tags": ["a", "b"]}]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "run.sqlite"
    run(source, out, blank_model)
    return out, list(read_results(str(out)))


def test_jsonl_output_has_id_and_metadata(tmp_path, scored):
    store, analyses = scored
    out = tmp_path / "out.jsonl"
    export(str(store), str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == [a.to_dict() for a in analyses]
    assert lines[0]["id"] == "d000" and lines[0]["meta"] == {"outlet": "Test Daily", "year": 2000}


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".sqlite"])
def test_round_trip(tmp_path, scored, suffix):
    store, analyses = scored
    out = tmp_path / f"copy{suffix}"
    assert export(str(store), str(out)) == len(analyses)
    assert list(read_results(str(out))) == analyses
    back = tmp_path / "back.jsonl"
    export(str(out), str(back))
    assert list(read_results(str(back))) == analyses


def test_parquet_columns_are_typed(tmp_path, scored):
    import pyarrow.parquet as pq

    store, analyses = scored
    export(str(store), str(tmp_path / "docs.parquet"))
    table = pq.read_table(tmp_path / "docs.parquet")
    assert str(table.schema.field("year").type) == "double"  # ints and a float: one float column
    assert str(table.schema.field("sentences").type) == "int64"
    assert table.column("sentences").to_pylist() == [2, 2, 2, 2, 2, 3]
    export(str(store), str(tmp_path / "sents.parquet"), level="sentence")
    assert pq.read_table(tmp_path / "sents.parquet").num_rows == 13


def test_csv_round_trip_doc_and_sentence_level(tmp_path, scored):
    store, analyses = scored
    docs = tmp_path / "docs.csv"
    export(str(store), str(docs))
    with docs.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [a.id for a in analyses]
    assert rows[1]["outlet"] == "Test Daily" and rows[1]["year"] == "2001"
    assert json.loads(rows[5]["tags"]) == ["a", "b"] and rows[5]["outlet"] == ""
    assert [int(r["sentences"]) for r in rows] == [len(a.sentences) for a in analyses]
    sentences = tmp_path / "sents.csv"
    export(str(store), str(sentences), level="sentence")
    with sentences.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = [(a.id, s.text, str(s.start)) for a in analyses for s in a.sentences]
    assert [(r["id"], r["text"], r["start"]) for r in rows] == expected


def test_export_cli(tmp_path, scored):
    store, analyses = scored
    result = CliRunner().invoke(main, ["export", str(store), "--out", str(tmp_path / "x.parquet")])
    assert result.exit_code == 0, result.output
    assert len(list(read_results(str(tmp_path / "x.parquet")))) == len(analyses)
    bad = CliRunner().invoke(main, ["export", str(tmp_path / "missing.sqlite"), "--out", str(tmp_path / "y.jsonl")])
    assert bad.exit_code == 2 and "no such file" in bad.output


def test_read_results_refuses_other_files(tmp_path):
    other = tmp_path / "x.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(RhetoricError, match="not a rhetoric store"):
        list(read_results(str(other)))
    text = tmp_path / "x.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(RhetoricError, match="unknown results format"):
        read_results(str(text))
