"""Reliability of ``rhetoric batch`` under hostile but realistic use: concurrent runs on one
store, signals, killed parents, inputs that lie, and files that are not ours.

Processes that must really run (and be killed) are started as ``tests/slow_batch.py``,
the CLI with a test component that sleeps per document, on a blank pipeline.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

import slow_batch  # noqa: F401  (registers the test components)
from conftest import saved_blank_pipeline

from rhetoric.batch.lock import StoreBusy
from rhetoric.batch.results import read_results
from rhetoric.batch.run import run_batch
from rhetoric.cli import main
from rhetoric.errors import RhetoricError
from rhetoric.io.records import read_records

HELPER = str(Path(__file__).with_name("slow_batch.py"))


@pytest.fixture(scope="session")
def slow_model(tmp_path_factory):
    return saved_blank_pipeline(tmp_path_factory, "slow", "rhetoric_test_slow")


@pytest.fixture(scope="session")
def hang_model(tmp_path_factory):
    return saved_blank_pipeline(tmp_path_factory, "hang", "rhetoric_test_hang")


# Texts of about 10,000 characters: five to a batch, so a slow run commits every second.
FILLER = "A sentence that fills the page. " * 310


def write_corpus(path: Path, n: int, prefix: str = "d") -> list[str]:
    ids = [f"{prefix}{i:03d}" for i in range(n)]
    path.write_text("".join(json.dumps({"id": i, "text": f"Text of {i}. {FILLER}"}) + "\n" for i in ids),
                    encoding="utf-8")
    return ids


def start(args: list[str], slow: float = 0.2) -> subprocess.Popen:
    env = dict(os.environ, RHETORIC_TEST_SLOW=str(slow))
    return subprocess.Popen([sys.executable, HELPER, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def stored(store: Path) -> int:
    if not store.exists():
        return 0
    with sqlite3.connect(store) as db:
        try:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def alive(pids: list[int]) -> list[int]:
    living = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                living.append(pid)
        except psutil.NoSuchProcess:
            pass
    return living


# -- one writer per store ---------------------------------------------------------------
def test_second_run_on_a_store_in_use_is_refused_and_the_first_keeps_every_document(tmp_path, slow_model):
    ids = write_corpus(tmp_path / "in.jsonl", 30)
    store = tmp_path / "shared.sqlite"
    first = start(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "a.jsonl"), "--store", str(store),
                   "--model", slow_model, "--stages", "none", "-j", "1", "-q"])
    try:
        wait_for(lambda: stored(store) > 0)
        assert first.poll() is None
        for out in ("a.jsonl", "b.jsonl"):  # the same output, or another output on the same store
            result = CliRunner().invoke(main, ["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / out),
                                               "--store", str(store), "--model", slow_model, "--stages", "none",
                                               "-j", "1", "-q"])
            assert result.exit_code == 2, result.output
            assert result.output.count("\n") == 1 and f"pid {first.pid}" in result.output
            assert "--wait" in result.output
        assert first.wait(60) == 0, first.stderr.read()
    finally:
        first.kill()
    assert [a.id for a in read_results(str(tmp_path / "a.jsonl"))] == ids
    assert not (tmp_path / "b.jsonl").exists()
    assert not Path(str(store) + ".lock").exists()


def test_wait_runs_after_the_holder(tmp_path, slow_model):
    first_ids = write_corpus(tmp_path / "one.jsonl", 50, "a")
    second_ids = write_corpus(tmp_path / "two.jsonl", 10, "b")
    store = tmp_path / "shared.sqlite"
    common = ["--store", str(store), "--model", slow_model, "--stages", "none", "-j", "1", "-q"]
    first = start(["batch", str(tmp_path / "one.jsonl"), "--out", str(tmp_path / "one-out.jsonl"), *common])
    try:
        wait_for(lambda: stored(store) > 0)
        second = start(["batch", str(tmp_path / "two.jsonl"), "--out", str(tmp_path / "two-out.jsonl"), "--wait",
                        *common], slow=0.0)
        assert second.wait(60) == 0, second.stderr.read()
        assert "waiting" in second.stderr.read()
        assert first.wait(60) == 0
    finally:
        first.kill()
    assert [a.id for a in read_results(str(tmp_path / "one-out.jsonl"))] == first_ids
    assert [a.id for a in read_results(str(tmp_path / "two-out.jsonl"))] == second_ids


def test_a_sqlite_file_that_is_not_a_store_is_left_untouched(tmp_path, blank_model):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    db.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    write_corpus(tmp_path / "in.jsonl", 2)
    files = sorted(os.listdir(tmp_path))
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in.jsonl"), "--out", str(other),
                                       "--model", blank_model, "--stages", "none", "-j", "1"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "not a rhetoric store" in result.output
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(tmp_path)) == files


def test_reading_a_store_writes_nothing_beside_it(tmp_path, blank_model):
    ids = write_corpus(tmp_path / "in.jsonl", 3)
    folder = tmp_path / "media"
    folder.mkdir()
    store = folder / "run.sqlite"
    run_batch([str(tmp_path / "in.jsonl")], str(store), model=blank_model, stages=(), jobs=1)
    before = sorted(os.listdir(folder))
    assert before == ["run.sqlite"]
    assert [a.id for a in read_results(str(store))] == ids
    # A store whose writer was killed is still in WAL mode: reading it adds no files either.
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA journal_mode=WAL")
    db.close()
    assert [a.id for a in read_results(str(store))] == ids
    assert sorted(os.listdir(folder)) == before


def test_store_busy_is_a_user_error():
    assert issubclass(StoreBusy, RhetoricError) and StoreBusy("x").exit_code == 2


# -- signals and orphans ----------------------------------------------------------------
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_no_worker_survives_its_parent(tmp_path, slow_model, sig):
    write_corpus(tmp_path / "in.jsonl", 60)
    store = tmp_path / "out.jsonl.store.sqlite"
    # 0.5 s a document: the run takes 15 s or more, so on a loaded machine it cannot end
    # on its own before the signal arrives
    parent = start(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out.jsonl"),
                    "--model", slow_model, "--stages", "none", "-j", "2", "-q"], slow=0.5)
    try:
        wait_for(lambda: stored(store) > 0)
        workers = [child.pid for child in psutil.Process(parent.pid).children(recursive=True)]
        assert len(workers) >= 2
        parent.send_signal(sig)
        code = parent.wait(120)  # a clean stop finishes the batch in hand; generous for a loaded machine
        wait_for(lambda: not alive(workers), timeout=10)
    finally:
        parent.kill()
    if sig != signal.SIGKILL:  # a clean stop, like Ctrl-C
        stderr = parent.stderr.read()
        name, expected = ("SIGTERM", 143) if sig == signal.SIGTERM else ("SIGINT", 130)
        assert code == expected and stderr.count("\n") == 1 and f"stopped by {name}" in stderr, stderr
    # Whatever was committed is intact, and a rerun completes the job with every document once.
    rerun = start(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out.jsonl"),
                   "--model", slow_model, "--stages", "none", "-j", "1", "-q"], slow=0.0)
    assert rerun.wait(60) == 0, rerun.stderr.read()
    assert len(list(read_results(str(tmp_path / "out.jsonl")))) == 60
    assert not [name for name in os.listdir(tmp_path) if ".tmp-" in name or name.endswith(".lock")]


# -- time limit -------------------------------------------------------------------------
def test_a_document_that_runs_too_long_is_listed_and_the_run_goes_on(tmp_path, hang_model):
    records = [{"id": "a", "text": "Fine."}, {"id": "stuck", "text": "This one will HANG forever."},
               {"id": "b", "text": "Also fine."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    summary = run_batch([str(tmp_path / "in.jsonl")], str(tmp_path / "out.jsonl"), model=hang_model, stages=(),
                        jobs=1, doc_timeout=0.5)
    assert (summary.ok, summary.failed) == (2, 1)
    [error] = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert error["id"] == "stuck" and "--doc-timeout" in error["message"]
    assert [a.id for a in read_results(str(tmp_path / "out.jsonl"))] == ["a", "b"]


# -- inputs that lie --------------------------------------------------------------------
def test_a_broken_quote_in_a_csv_loses_only_its_row(tmp_path):
    lines = ["id,text,year"] + [f"r{i},Row {i} says something.,{2000 + i}" for i in range(50)]
    lines[21] = 'r20,"An opening quote that never closes,2020'
    lines[35] = 'r34,"A quoted text, with a comma",2034'
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records([str(tmp_path / "in.csv")]))
    assert len(records) == 50
    [bad] = [r for r in records if r.error]
    assert (bad.id, bad.line) == ("r20", 22) and "read on from the next line" in bad.error
    good = [r for r in records if not r.error]
    assert [r.id for r in good] == [f"r{i}" for i in range(50) if i != 20]
    assert good[33].document.text == "A quoted text, with a comma" and good[33].line == 36


def test_a_quoted_field_over_several_lines_is_still_one_record(tmp_path):
    (tmp_path / "in.csv").write_text('id,text\na,"Line one,\nline ""two"".\n\nline four."\nb,Plain.\n',
                                     encoding="utf-8")
    records = list(read_records([str(tmp_path / "in.csv")]))
    assert [(r.id, r.line, r.error) for r in records] == [("a", 2, None), ("b", 6, None)]
    assert records[0].document.text == 'Line one,\nline "two".\n\nline four.'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_directory_is_skipped_and_listed(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("A text.", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "z.txt").write_text("Another text.", encoding="utf-8")
    records = list(read_records([str(root)]))  # would block forever if the FIFO were opened
    assert [(r.id, r.error is None) for r in records] == [("a.txt", True), ("pipe.txt", False), ("z.txt", True)]
    assert "FIFO" in records[1].error


def test_ids_must_be_strings_or_integers_and_text_not_null(tmp_path, blank_model):
    lines = [{"id": 123, "text": "Number id."}, {"id": "123", "text": "String id, same digits."},
             {"id": 1.5, "text": "Float id."}, {"id": ["x"], "text": "List id."}, {"id": True, "text": "Bool."},
             {"id": "n", "text": None}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    summary = run_batch([str(tmp_path / "in.jsonl")], str(tmp_path / "out.jsonl"), model=blank_model, stages=(),
                        jobs=1)
    assert (summary.ok, summary.failed) == (1, 5)
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    messages = {e["line"]: e["message"] for e in errors}
    assert "the number and the string are one id" in messages[2]
    assert all("must be a string or an integer" in messages[n] for n in (3, 4, 5))
    assert messages[6] == "'text' field is null"


def test_an_invalid_byte_in_utf8_is_replaced_and_reported(tmp_path):
    from rhetoric.io.readers import read_path

    path = tmp_path / "doc.txt"
    path.write_bytes("Zürich and Genève. ".encode("utf-8") + b"Bad \xff byte.")
    document = read_path(str(path))
    assert document.text == "Zürich and Genève. Bad \ufffd byte."
    assert "byte offset 25" in document.meta["encoding_fallback"]
    legacy = tmp_path / "old.txt"
    legacy.write_bytes(b"Caf\xe9 cr\xe8me.")  # no UTF-8 anywhere: a cp1252 file
    assert read_path(str(legacy)).text == "Café crème."


def test_gzipped_jsonl_is_read_as_a_stream(tmp_path):
    import gzip

    with gzip.open(tmp_path / "in.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": "Compressed."}) + "\n")
    assert [r.id for r in read_records([str(tmp_path / "in.jsonl.gz")])] == ["g1"]
    (tmp_path / "bad.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "y"}\n')[:-12])
    with pytest.raises(RhetoricError, match="damaged compressed file"):
        list(read_records([str(tmp_path / "bad.jsonl.gz")]))


# -- exit 2, one line -------------------------------------------------------------------
def one_line_exit_2(args: list[str], expected: str, after: str = "") -> None:
    """Exit 2 with one line on stderr (after an optional progress label starting with ``after``)."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    output = result.output
    if after and output.startswith(after):
        output = output.split("\n", 1)[1]
    assert output.count("\n") == 1 and expected in output, result.output


@pytest.mark.parametrize("address", ["tcp://", "no-port", "tcp://host:99999", "http://host:8786"])
def test_malformed_scheduler(tmp_path, blank_model, address):
    write_corpus(tmp_path / "in.jsonl", 1)
    one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"), "--engine", "dask",
                     "--scheduler", address, "--model", blank_model, "--stages", "none"], "not a Dask scheduler")


def test_output_folder_that_cannot_be_written(tmp_path, blank_model):
    write_corpus(tmp_path / "in.jsonl", 1)
    one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "missing" / "o.jsonl"),
                     "--model", blank_model, "--stages", "none"], "does not exist")
    readonly = Path("/proc/rhetoric-test-out.jsonl")  # a file system nobody may write, not even root
    if Path("/proc").is_dir():
        one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(readonly), "--store",
                         str(tmp_path / "s.sqlite"), "--model", blank_model, "--stages", "none"], "cannot write")


def test_full_disk_while_storing(tmp_path, blank_model, monkeypatch):
    from rhetoric.batch import store as store_module

    real_save = store_module.Store.save

    def save_on_a_full_disk(self, run, rows):
        self.db.execute("PRAGMA max_page_count = 1")  # SQLite's own 'database or disk is full'
        return real_save(self, run, rows)

    monkeypatch.setattr(store_module.Store, "save", save_on_a_full_disk)
    write_corpus(tmp_path / "in.jsonl", 3)
    one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"),
                     "--model", blank_model, "--stages", "none", "-j", "1"], "disk is full")


def test_blank_model_needs_allow_blank(tmp_path):
    write_corpus(tmp_path / "in.jsonl", 1)
    one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"), "--model", "blank:en"],
                    "--allow-blank")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"),
                                       "--model", "blank:en", "--allow-blank", "--stages", "none", "-j", "1"])
    assert "rhetoric batch: 1 documents" in result.output and "--allow-blank" not in result.output


def test_damaged_model_and_non_model_package(tmp_path, blank_model):
    import shutil

    damaged = tmp_path / "damaged"
    shutil.copytree(blank_model, damaged)
    with (damaged / "config.cfg").open("a", encoding="utf-8") as handle:
        handle.write("\n[unclosed section\n")
    write_corpus(tmp_path / "in.jsonl", 1)
    for model in (str(damaged), "click"):  # a folder that is not a working pipeline; an installed non-model package
        one_line_exit_2(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"), "--model", model,
                         "--stages", "none", "-j", "1"], "cannot load spaCy pipeline")


@pytest.mark.parametrize("content, expected", [
    ("trade,Chin\xe9,Russia,2010,5,USD billion,src,,false\n".encode("latin-1"), "not UTF-8"),
    (b"trade,China,Russia,2010,nan,USD billion,src,,false\n", "not a finite number"),
    (b"trade,China,Russia,2010,inf,USD billion,src,,false\n", "not a finite number"),
    (b"trade,China,Russia,2010,5,USD billion," + b"x" * 200_000 + b",,false\n", "unreadable CSV row"),
])
def test_bad_indicator_tables(tmp_path, content, expected):
    import csv

    from rhetoric.knowledge.indicators import load_table

    path = tmp_path / "table.csv"
    path.write_bytes(b"series,entity,counterpart,period,value,unit,source,note,verified\n" + content)
    # The csv module's field limit is global: other readers in this process may have raised it.
    previous = csv.field_size_limit(131072)
    try:
        with pytest.raises(RhetoricError, match=expected) as caught:
            load_table(path)
    finally:
        csv.field_size_limit(previous)
    assert "\n" not in str(caught.value)


def test_compare_refuses_non_utf8_and_null_text(tmp_path):
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "a", "text": "caf\xe9 au lait."}\n')
    one_line_exit_2(["compare", str(latin), "--by", "voice"], "not UTF-8")
    null = tmp_path / "null.jsonl"
    null.write_text('{"id": "a", "text": null}\n{"id": "b", "text": "Fine."}\n', encoding="utf-8")
    one_line_exit_2(["compare", str(null), "--by", "voice"], "'text' field is null", after="analysing")


def test_metadata_keys_that_clash_are_renamed_and_parquet_reads_back(tmp_path, blank_model):
    import pyarrow.parquet as pq

    records = [{"id": "a", "text": "One sentence.", "sentences": "mine", "meta_sentences": 2, "analysis": "x"}]
    (tmp_path / "in.jsonl").write_text(json.dumps(records[0]) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    run_batch([str(tmp_path / "in.jsonl")], str(out), model=blank_model, stages=(), jobs=1)
    columns = pq.read_table(out).column_names
    assert {"sentences", "meta_sentences", "meta_meta_sentences", "meta_analysis", "analysis"} <= set(columns)
    [analysis] = read_results(str(out))
    assert analysis.meta == {"sentences": "mine", "meta_sentences": 2, "analysis": "x"}


def test_text_report_strips_terminal_control_sequences():
    from rhetoric.render.text import printable

    assert printable("a\x1b[2J\x1b[31mred\x1b[0m\x1b]0;title\x07 b\rc\td\n\x9be") == "ared bc\td\ne"


def test_a_document_symbol_opening_a_sentence_is_not_a_crash():
    from rhetoric.nlp.quantities.extract import find_quantities

    # Seen in UN speeches: a resolution number alone after a page footer, "60/288) and ...".
    assert isinstance(find_quantities("61/293) and the plan of action were adopted."), list)
