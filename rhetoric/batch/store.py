"""The embedded store of a batch job: SQLite in WAL mode, one row per document.

Rows are keyed by document id and carry a hash of what produced them (pipeline, text,
metadata), so a rerun skips documents already scored and re-scores changed ones. Each
batch is committed in one transaction: a process killed at any instant (even with
SIGKILL) leaves every document either fully stored or absent, never half-written, and
a rerun completes the job with every document exactly once.

Tables
    ``documents``  id, hash, run, seq, words, analysis (contract JSON)
    ``errors``     run, source, line, id, kind (input | analysis), message
    ``runs``       run, started, finished, command, ok, skipped, failed, words, seconds
    ``info``       key, value (``format``: the store format version)

``run`` is the job invocation that last saw a document and ``seq`` its position in that
job's input, so a job's output lists exactly the documents of its input, in input order.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from ..contract.schema import Analysis
from ..errors import RhetoricError

STORE_FORMAT = "rhetoric.store/1"
# Ids per SELECT ... IN (...): below SQLite's oldest bound on query variables (999).
LOOKUP_CHUNK = 500
READ_CHUNK = 500

SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL, run INTEGER NOT NULL, seq INTEGER NOT NULL,
    words INTEGER, analysis TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_run_seq ON documents (run, seq);
CREATE TABLE IF NOT EXISTS errors (
    run INTEGER, source TEXT, line INTEGER, id TEXT, kind TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY, started TEXT, finished TEXT, command TEXT,
    ok INTEGER, skipped INTEGER, failed INTEGER, words INTEGER, seconds REAL);
"""


def content_hash(fingerprint: str, text: str, meta: dict) -> str:
    """The hash that decides whether a stored analysis is still valid for a record."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (fingerprint, text, json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass
class ErrorRow:
    """One bad record or failed analysis, as logged."""

    source: str
    line: Optional[int]
    id: Optional[str]
    kind: str
    message: str

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "id": self.id, "kind": self.kind, "message": self.message}


class Store:
    """A batch store at ``path`` (created if missing unless ``readonly``)."""

    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path, self.readonly = path, readonly
        if readonly:
            self.db = _open_readonly(path)
            self._check()
            return
        # Look before writing: a SQLite file that is not ours is refused untouched.
        if os.path.exists(path) and os.path.getsize(path) > 0:
            Store(path, readonly=True).close()
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a killed process (only a power cut can lose the
            # last transactions), and is much faster than FULL.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO info VALUES ('format', ?)", (STORE_FORMAT,))
            self.db.commit()
        except sqlite3.DatabaseError as err:
            if hasattr(self, "db"):
                self.db.close()
            raise RhetoricError(f"{path}: cannot write the store ({err})") from None
        self._check()

    def _check(self) -> None:
        try:
            row = self.db.execute("SELECT value FROM info WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if not row or row[0] != STORE_FORMAT:
            self.db.close()
            raise RhetoricError(f"{self.path}: not a rhetoric store (expected format {STORE_FORMAT})")

    def close(self) -> None:
        """Close; a writer leaves the file in rollback-journal mode, so it can be read (and
        copied) as one file, even on read-only media, with no -wal/-shm beside it."""
        if not self.readonly:
            try:
                self.db.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.DatabaseError:  # a reader has it open: it stays in WAL mode
                pass
        self.db.close()

    # -- runs ---------------------------------------------------------------------------
    def begin_run(self, command: str = "") -> int:
        """Register a new job invocation and return its number."""
        cursor = self.db.execute("INSERT INTO runs (started, command) VALUES (?, ?)", (_now(), command))
        self.db.commit()
        return int(cursor.lastrowid)

    def finish_run(self, run: int, ok: int, skipped: int, failed: int, words: int, seconds: float) -> None:
        self.db.execute("UPDATE runs SET finished = ?, ok = ?, skipped = ?, failed = ?, words = ?, seconds = ? "
                        "WHERE run = ?", (_now(), ok, skipped, failed, words, round(seconds, 3), run))
        self.db.commit()

    # -- documents ----------------------------------------------------------------------
    def lookup(self, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """``id -> (hash, run)`` for the ids already in the store."""
        found: dict[str, tuple[str, int]] = {}
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = list(ids[start:start + LOOKUP_CHUNK])
            marks = ",".join("?" * len(chunk))
            for doc_id, digest, run in self.db.execute(
                    f"SELECT id, hash, run FROM documents WHERE id IN ({marks})", chunk):
                found[doc_id] = (digest, run)
        return found

    def mark_seen(self, run: int, seen: Iterable[tuple[str, int]]) -> None:
        """Record that this run's input holds these unchanged ``(id, seq)`` documents."""
        self.db.executemany("UPDATE documents SET run = ?, seq = ? WHERE id = ?",
                            ((run, seq, doc_id) for doc_id, seq in seen))

    def save(self, run: int, rows: Iterable[tuple[str, str, int, int, str]]) -> None:
        """Store ``(id, hash, seq, words, analysis_json)`` rows, replacing older versions."""
        self.db.executemany("INSERT OR REPLACE INTO documents (id, hash, run, seq, words, analysis) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            ((doc_id, digest, run, seq, words, text) for doc_id, digest, seq, words, text in rows))

    def log_errors(self, run: int, errors: Iterable[ErrorRow]) -> None:
        self.db.executemany("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                            ((run, e.source, e.line, e.id, e.kind, e.message) for e in errors))

    def commit(self) -> None:
        self.db.commit()

    def analysis_texts(self, run: Optional[int] = None) -> Iterator[str]:
        """The stored analysis JSON texts (of one run's input, or all) in input order."""
        if run is None:
            query, args = "SELECT analysis FROM documents ORDER BY run, seq", ()
        else:
            query, args = "SELECT analysis FROM documents WHERE run = ? ORDER BY seq", (run,)
        cursor = self.db.execute(query, args)
        while True:
            rows = cursor.fetchmany(READ_CHUNK)
            if not rows:
                return
            for (text,) in rows:
                yield text

    def analyses(self, run: Optional[int] = None) -> Iterator[Analysis]:
        """The stored analyses; see :meth:`analysis_texts`."""
        for text in self.analysis_texts(run):
            yield Analysis.from_json(text)

    def errors(self, run: Optional[int] = None) -> Iterator[ErrorRow]:
        """The logged errors (of one run, or all), oldest first."""
        query = "SELECT source, line, id, kind, message FROM errors"
        rows = self.db.execute(query + (" WHERE run = ?" if run is not None else "") + " ORDER BY rowid",
                               (run,) if run is not None else ())
        return (ErrorRow(*row) for row in rows)

    def count(self, run: Optional[int] = None) -> int:
        if run is None:
            return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM documents WHERE run = ?", (run,)).fetchone()[0]


def _open_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection that writes nothing beside the file."""
    # A URI (with the path escaped) is the only way to open SQLite read-only.
    uri = Path(path).resolve().as_uri()
    if _closed_wal(path):
        # A WAL-mode file with no writer: read-only SQLite would still create -wal and
        # -shm beside it, so read the main file as it is (it holds every commit).
        return sqlite3.connect(uri + "?immutable=1", uri=True)
    db = sqlite3.connect(uri + "?mode=ro", uri=True)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A store whose writer was killed, on read-only media: SQLite cannot create
        # the -shm index there; the main file holds every checkpointed commit.
        db.close()
        return sqlite3.connect(uri + "?immutable=1", uri=True)
    except sqlite3.DatabaseError:
        pass  # not a database at all: _check says so
    return db


def _closed_wal(path: str) -> bool:
    """True for an SQLite file in WAL mode (header bytes 18-19) with no -wal file beside it."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and header[18:20] == b"\x02\x02" \
        and not os.path.exists(path + "-wal")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
