"""``rhetoric batch`` as a library function: records in, store and output file out.

The flow: records stream from the readers; each chunk of ids is looked up in the store
(unchanged documents are skipped, bad records logged); the rest go in size-aware
batches to an engine (this process, a local pool, or Dask); each scored batch is
committed to the store in one transaction. At the end the run's documents are exported
from the store to ``--out`` in input order. Because the output is always rebuilt from
the store, a job killed at any point and run again writes every document exactly once.
"""
from __future__ import annotations

import glob
import itertools
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Sequence

from ..errors import RhetoricError
from ..io.records import Record, count_records, read_records
from .engines import default_jobs, make_engine
from .worker import Setup
from .exports import out_format, write_jsonl_texts, write_results
from .lock import StoreLock
from .signals import Stopped, Terminated, sigterm_as_interrupt
from .store import ErrorRow, Store, content_hash
from .worker import Item

# A batch closes at this many documents or characters, whichever comes first: short
# records travel in dozens, a long article nearly alone, so every batch is a similar,
# small amount of work (about 1 s of one core with every stage, measured with
# benchmarks/batch_throughput.py): workers finish together at the end of a corpus,
# a killed run loses at most a second per worker, and memory stays flat.
BATCH_DOCS = 32
BATCH_CHARS = 50_000
# Records read ahead per store lookup.
LOOKUP_CHUNK = 256
STORE_SUFFIX = ".store.sqlite"
ERRORS_SUFFIX = ".errors.jsonl"
# Failures echoed to stderr before pointing to the errors file.
SHOWN_ERRORS = 5
# Seconds one document (and each further 100,000 characters of it) may take before it
# is listed as failed: about 20 times what a 100,000-character news text needs with
# every stage on one core of the development machine, so only a runaway record meets it.
DOC_TIMEOUT = 300.0


@dataclass
class Summary:
    """What a batch run did: counts, words, time, and where things were written."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    written: int = 0
    out: str = "-"
    store: Optional[str] = None
    errors_path: Optional[str] = None
    errors: list = field(default_factory=list)  # the first few, for the terminal

    @property
    def exit_code(self) -> int:
        """0 when every record was scored or skipped, 1 when any record failed."""
        return 1 if self.failed else 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        total = self.ok + self.skipped + self.failed
        return (f"{total} documents: {self.ok} ok, {self.skipped} skipped, {self.failed} failed; "
                f"{self.words:,} words in {self.seconds:.1f} s ({self.words_per_second:,.0f} words/s)")


def default_store(out: str) -> Optional[str]:
    """The store a run writes when none is named: the output itself, or ``OUT.store.sqlite``."""
    if out == "-":
        return None
    return out if out_format(out) == "sqlite" else out + STORE_SUFFIX


class Progress:
    """A one-line progress bar with docs/s and ETA on stderr; silent when disabled."""

    WIDTH = 24
    EVERY = 0.5  # seconds between redraws

    def __init__(self, total: Optional[int], enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.start = self.last = time.monotonic()

    def update(self, done: int, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < self.EVERY):
            return
        self.last = now
        rate = done / (now - self.start) if now > self.start else 0.0
        if self.total:
            share = min(1.0, done / self.total)
            bar = "#" * int(share * self.WIDTH)
            eta = (self.total - done) / rate if rate > 0 else 0
            text = (f"[{bar:<{self.WIDTH}}] {done}/{self.total} docs  {rate:.1f} docs/s  "
                    f"ETA {int(eta // 60)}:{int(eta % 60):02d}")
        else:
            text = f"{done} docs  {rate:.1f} docs/s"
        sys.stderr.write("\r" + text + ("\n" if final else ""))
        sys.stderr.flush()


class _Job:
    """The state of one run: store, counters, and what is in flight."""

    def __init__(self, store: Store, run: int, fingerprint: str, progress: Progress,
                 batch_docs: int = BATCH_DOCS) -> None:
        self.store, self.run, self.fingerprint, self.progress = store, run, fingerprint, progress
        self.batch_docs = batch_docs
        self.summary = Summary()
        self.pending: dict[int, tuple[str, str, Optional[int]]] = {}  # seq -> (hash, source, line)
        self.in_flight: set[str] = set()
        self.new_errors: list[ErrorRow] = []

    # -- planning: records -> batches ----------------------------------------------------
    def batches(self, records: Iterable[Record]) -> Iterator[list[Item]]:
        batch: list[Item] = []
        chars = 0
        for chunk in _chunks(enumerate(records), LOOKUP_CHUNK):
            for item in self._plan_chunk(chunk):
                batch.append(item)
                chars += len(item.text)
                if len(batch) >= self.batch_docs or chars >= BATCH_CHARS:
                    yield batch
                    batch, chars = [], 0
        if batch:
            yield batch

    def _plan_chunk(self, chunk: list[tuple[int, Record]]) -> list[Item]:
        known = self.store.lookup([r.id for _, r in chunk if r.document])
        items, seen, here = [], [], {}
        for seq, record in chunk:
            if record.error:
                self._fail(record.source, record.line, record.id, "input", record.error)
                continue
            doc = record.document
            stored_hash, stored_run = known.get(doc.id, (None, None))
            if doc.id in here or doc.id in self.in_flight or stored_run == self.run:
                kinds = {here.get(doc.id), record.numeric_id} - {None}
                clash = " (the number and the string are one id)" if len(kinds) > 1 else ""
                self._fail(record.source, record.line, doc.id, "input",
                           f"duplicate id: given earlier in this input{clash}")
                continue
            here[doc.id] = record.numeric_id
            digest = content_hash(self.fingerprint, doc.text, doc.meta)
            if digest == stored_hash:
                seen.append((doc.id, seq))
                continue
            self.pending[seq] = (digest, record.source, record.line)
            self.in_flight.add(doc.id)
            items.append(Item(key=seq, id=doc.id, text=doc.text, meta=doc.meta))
        self.store.mark_seen(self.run, seen)
        self.summary.skipped += len(seen)
        return items

    def _fail(self, source: str, line: Optional[int], doc_id: Optional[str], kind: str, message: str) -> None:
        self.new_errors.append(ErrorRow(source, line, doc_id, kind, message))
        self.summary.failed += 1

    # -- storing: outcomes -> store ------------------------------------------------------
    def store_batch(self, batch: list[Item], outcomes: list) -> None:
        rows = []
        for item, outcome in zip(batch, outcomes):
            digest, source, line = self.pending.pop(item.key)
            self.in_flight.discard(item.id)
            if outcome.error:
                self._fail(source, line, item.id, "analysis", outcome.error)
                continue
            rows.append((item.id, digest, item.key, outcome.words, outcome.analysis))
            self.summary.ok += 1
            self.summary.words += outcome.words
        self.store.save(self.run, rows)
        self.commit()

    def commit(self) -> None:
        self.store.log_errors(self.run, self.new_errors)
        room = SHOWN_ERRORS - len(self.summary.errors)
        self.summary.errors.extend(self.new_errors[:max(0, room)])
        self.new_errors = []
        self.store.commit()
        s = self.summary
        self.progress.update(s.ok + s.skipped + s.failed)


def _chunks(pairs: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_inputs(inputs: Sequence[str]) -> None:
    if not inputs:
        raise RhetoricError("no input given; name JSONL/CSV files, directories, or - for stdin")
    if list(inputs).count("-") > 1:
        raise RhetoricError("stdin (-) can be read only once")
    for path in inputs:
        if path != "-" and not os.path.exists(path):
            raise RhetoricError(f"{path}: no such file or directory")


def _check_not_an_input(inputs: Sequence[str], outputs: dict) -> None:
    """Refuse an output that is one of the input files: the run would replace its own input."""
    files = [os.path.realpath(path) for path in inputs if path != "-" and os.path.isfile(path)]
    for option, path in outputs.items():
        if path and path != "-" and os.path.realpath(path) in files:
            raise RhetoricError(f"{option} {path} is also an input file; write the results elsewhere")


def run_batch(inputs: Sequence[str], out: str = "-", *, store: Optional[str] = None,
              id_field: str = "id", text_field: str = "text", input_format: Optional[str] = None,
              jobs: Optional[int] = None, engine: str = "local", scheduler: Optional[str] = None,
              model: Optional[str] = None, stages: Optional[Sequence[str]] = None, level: str = "doc",
              errors: Optional[str] = None, progress: Optional[bool] = None, command: str = "",
              batch_docs: int = BATCH_DOCS, wait: bool = False,
              doc_timeout: Optional[float] = DOC_TIMEOUT, allow_blank: bool = False,
              actors: Sequence[str] = ()) -> Summary:
    """Score every record of ``inputs`` into a store and write the run's analyses to ``out``.

    ``out`` is ``.jsonl`` (or ``-``: JSONL on stdout), ``.csv`` / ``.parquet`` (at ``level``
    doc or sentence) or ``.sqlite``. ``store`` defaults to ``out`` for ``.sqlite`` and to
    ``OUT.store.sqlite`` otherwise; documents already in it with the same text, metadata
    and pipeline are skipped. ``jobs`` defaults to all cores; ``stages`` to all rhetoric
    stages; ``batch_docs`` caps the documents per batch sent to a worker. Bad records
    and failed analyses are logged to the store's ``errors`` table and to ``errors``
    (default ``OUT.errors.jsonl``), and counted in the Summary.

    One run writes a store at a time: another run on it raises a RhetoricError naming
    the holder, or, with ``wait``, waits for it to end. A document that takes longer
    than ``doc_timeout`` seconds (per 100,000 characters; None: no limit) is listed
    as failed. ``model`` ``blank:LANG`` is refused unless ``allow_blank``. Ctrl-C and
    SIGTERM stop the run with :class:`~rhetoric.batch.signals.Stopped`; the batches
    stored so far are kept for a rerun. ``actors`` are ``--actors`` CSV files (people added
    to or overriding the gazetteer), checked now and read by every worker.
    """
    from ..knowledge.actors import stamp_actor_files
    from ..nlp.pipeline import ALL_STAGES, check_model

    _check_inputs(inputs)
    out_format(out)
    check_model(model, allow_blank)
    stamped_actors = stamp_actor_files(actors)  # a bad actors file fails now (file and line), not in every worker
    unknown = sorted(set(stages or ()) - set(ALL_STAGES))
    if unknown:
        raise RhetoricError(f"unknown stage {', '.join(unknown)}; stages are: {', '.join(ALL_STAGES)}")
    if doc_timeout is not None and not doc_timeout > 0:
        raise RhetoricError(f"--doc-timeout must be a positive number of seconds, not {doc_timeout}")
    store_path = store or default_store(out)
    errors_path = errors or (None if out == "-" else out + ERRORS_SUFFIX)
    _check_not_an_input(inputs, {"--out": out, "--store": store_path, "--errors": errors_path})
    for path in (out, errors_path):
        _check_writable(path)
    scratch = None
    if store_path is None:  # JSONL on stdout without a named store: a throwaway one
        scratch = tempfile.mkdtemp(prefix="rhetoric-batch-")
        store_path = os.path.join(scratch, "store.sqlite")
    setup = Setup(model, None if stages is None else tuple(stages), stamped_actors)
    engine_ = make_engine(engine, jobs or default_jobs(), setup, scheduler, doc_timeout)
    started = time.monotonic()
    job = None
    try:
        with StoreLock(store_path, command or "rhetoric batch", wait, _say_waiting), sigterm_as_interrupt():
            db = Store(store_path)
            try:
                run = db.begin_run(command)
                show = sys.stderr.isatty() if progress is None else progress
                job = _Job(db, run, setup.fingerprint(),
                           Progress(count_records(inputs, input_format) if show else None, show), batch_docs)
                records = read_records(inputs, id_field, text_field, input_format)
                with engine_:
                    for batch, outcomes in engine_.map(job.batches(records)):
                        job.store_batch(batch, outcomes)
                job.commit()
                summary = job.summary
                summary.seconds = time.monotonic() - started
                job.progress.update(summary.ok + summary.skipped + summary.failed, final=True)
                db.finish_run(run, summary.ok, summary.skipped, summary.failed, summary.words, summary.seconds)
                summary.out, summary.store = out, (None if scratch else store_path)
                summary.written = _export(db, run, out, store_path, level)
                summary.errors_path = _write_errors(db.errors(run) if summary.failed else iter(()), errors_path)
                return summary
            except sqlite3.OperationalError as err:  # disk full, media gone, file locked by a non-rhetoric tool
                raise RhetoricError(f"{store_path}: cannot write the store ({err})") from None
            finally:
                db.close()
    except KeyboardInterrupt as err:
        stored = job.summary.ok if job else 0
        raise Stopped("SIGTERM" if isinstance(err, Terminated) else "SIGINT", stored) from None
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _say_waiting(holder: str) -> None:
    sys.stderr.write(f"rhetoric: the store is in use by another run ({holder}); waiting for it to end\n")
    sys.stderr.flush()


def _check_writable(path: Optional[str]) -> None:
    """Fail before scoring, not after, when an output cannot be written where it is asked."""
    if path is None or path == "-":
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise RhetoricError(f"{path}: the folder {folder} does not exist")
    _remove_stale_temps(path)
    probe = f"{path}.tmp-{os.getpid()}"
    try:
        with open(probe, "w", encoding="utf-8"):
            pass
        os.remove(probe)
    except OSError as err:
        raise RhetoricError(f"{path}: cannot write here ({err.strerror})") from None


def _remove_stale_temps(path: str) -> None:
    """Remove ``PATH.tmp-PID`` files left by runs that were killed (their process is gone)."""
    for stale in glob.glob(glob.escape(path) + ".tmp-*"):
        match = re.search(r"\.tmp-(\d+)$", stale)
        if match and not _alive(int(match.group(1))):
            try:
                os.remove(stale)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _export(db: Store, run: int, out: str, store_path: str, level: str) -> int:
    """Write this run's documents from the store to ``out`` (nothing to do if out is the store)."""
    if out != "-" and os.path.abspath(out) == os.path.abspath(store_path):
        return db.count(run)
    if out_format(out) == "jsonl":
        return write_jsonl_texts(db.analysis_texts(run), out)
    return write_results(lambda: db.analyses(run), out, level)


def _write_errors(errors: Iterator[ErrorRow], path: Optional[str]) -> Optional[str]:
    """The errors file of this run (a stale one from an earlier run is removed), written
    under a temporary name and renamed, like the outputs."""
    import json

    first = next(errors, None)
    if path is None:
        return None
    if first is None:
        if os.path.exists(path):
            os.remove(path)
        return None
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            for error in itertools.chain([first], errors):
                handle.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except OSError as err:
        raise RhetoricError(f"{path}: cannot write the errors file ({err.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path
