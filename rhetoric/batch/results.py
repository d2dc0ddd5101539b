"""Read analyses back from any batch output: ``.jsonl``, ``.sqlite`` store or ``.parquet``.

:func:`read_results` is the one way the rest of the project (compare, report, export)
reads a corpus of results, whatever format the batch job wrote. It streams: one
analysis dict at a time, in the order the documents were given to the batch job.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import RhetoricError

# Rows fetched from SQLite / Parquet per step: enough to amortise the call, small
# enough that reading a million-document store stays at a few MB.
READ_CHUNK = 500

RESULT_SUFFIXES = (".jsonl", ".sqlite", ".parquet")


def read_results(path: str) -> Iterator[dict]:
    """Yield the Analysis dicts (``rhetoric.analysis/2``) stored in ``path``.

    ``path`` is a ``.jsonl`` file (one analysis per line), a ``.sqlite`` store written by
    ``rhetoric batch`` or a document-level ``.parquet`` export. Raises RhetoricError for
    a missing file, an unknown suffix or a file that is not a batch result.
    """
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file")
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(p)
    if suffix in (".sqlite", ".db", ".sqlite3"):
        return _read_sqlite(p)
    if suffix == ".parquet":
        return _read_parquet(p)
    raise RhetoricError(f"{path}: unknown results format; give a .jsonl, .sqlite or .parquet file")


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as err:
                raise RhetoricError(f"{path}:{number}: not a JSON line ({err})") from None
            if not isinstance(item, dict) or "sentences" not in item:
                raise RhetoricError(f"{path}:{number}: not an analysis (no 'sentences' field)")
            yield item


def _read_sqlite(path: Path) -> Iterator[dict]:
    # Imported here: the store module imports this one for its exports.
    from .store import Store

    try:
        store = Store(str(path), readonly=True)
    except sqlite3.DatabaseError as err:
        raise RhetoricError(f"{path}: not a rhetoric store ({err})") from None
    try:
        yield from store.analyses()
    finally:
        store.close()


def _read_parquet(path: Path) -> Iterator[dict]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(str(path))
    except Exception as err:  # pyarrow raises several types for a bad file
        raise RhetoricError(f"{path}: not a Parquet file ({err})") from None
    if "analysis" not in parquet.schema_arrow.names:
        raise RhetoricError(f"{path}: no 'analysis' column; only document-level exports can be read back")
    for batch in parquet.iter_batches(batch_size=READ_CHUNK, columns=["analysis"]):
        for text in batch.column(0).to_pylist():
            yield json.loads(text)
