"""Batch engines under stress: a real ``rhetoric batch`` killed with SIGKILL and rerun,
and the Dask engine on a LocalCluster giving the same analyses as the local engine."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from rhetoric.batch.results import read_results
from rhetoric.batch.run import run_batch

# Generous: the test machine is shared, and a first spaCy import can be slow.
KILL_WAIT_SECONDS = 120


def write_corpus(path, n):
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = f"Record {i} is plain. It has a second sentence. And a third one."
            handle.write(json.dumps({"id": f"r{i:05d}", "text": text, "n": i}) + "\n")
    return [f"r{i:05d}" for i in range(n)]


def stored_count(store) -> int:
    try:
        with sqlite3.connect(store, timeout=5) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_then_rerun_gives_every_document_exactly_once(tmp_path, blank_model, jobs):
    ids = write_corpus(tmp_path / "in.jsonl", 4000)
    out = tmp_path / "out.jsonl"
    store = str(out) + ".store.sqlite"
    command = [sys.executable, "-m", "rhetoric", "batch", str(tmp_path / "in.jsonl"), "--out", str(out),
               "--jobs", jobs, "--model", blank_model, "--stages", "none", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + KILL_WAIT_SECONDS
    while stored_count(store) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, mid-run
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    done_before = stored_count(store)
    assert 0 < done_before < len(ids)
    assert not out.exists()

    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    got = [a.id for a in read_results(str(out))]
    assert got == ids  # each once, none lost, in input order
    with sqlite3.connect(store) as db:
        ok, skipped = db.execute("SELECT ok, skipped FROM runs ORDER BY run DESC LIMIT 1").fetchone()
    assert skipped >= done_before and ok + skipped == len(ids)


def test_dask_local_cluster_gives_the_same_analyses(tmp_path):
    pytest.importorskip("dask.distributed")
    texts = [
        "The minister said trade would certainly reach $100 billion by 2020.",
        "Officials may have overstated the figures, analysts suggested.",
        "Exports fell 29% to $30.6 billion in the first half of the year.",
        "\"We are at a peak in our relations,\" the president told reporters.",
        "It seems unlikely that the target will be met.",
        "Growth was strong and the outlook is excellent.",
        "The report lists three reasons for the decline.",
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"t{i}", "text": t, "group": i % 2}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    local = run_batch([str(source)], str(tmp_path / "local.jsonl"), jobs=1)
    dask = run_batch([str(source)], str(tmp_path / "dask.jsonl"), engine="dask", jobs=2, batch_docs=2)
    assert local.ok == dask.ok == len(texts)
    local_results = list(read_results(str(tmp_path / "local.jsonl")))
    assert list(read_results(str(tmp_path / "dask.jsonl"))) == local_results
    assert [a.id for a in local_results] == [f"t{i}" for i in range(len(texts))]
