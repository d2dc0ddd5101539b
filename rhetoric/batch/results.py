"""Read analyses back from any batch output: ``.jsonl``, ``.sqlite`` store or ``.parquet``.

:func:`read_results` is the one way the rest of the project (compare, report, export)
reads a corpus of results, whatever format the batch job wrote. It streams: one
:class:`~rhetoric.contract.schema.Analysis` at a time, in the order the documents were
given to the batch job.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterator

from ..contract.schema import Analysis
from ..errors import RhetoricError
from ..io.formats import JSONL_SUFFIXES, PARQUET_SUFFIXES, STORE_SUFFIXES
from ..io.jsonl import read_json_lines

# Rows fetched from SQLite / Parquet per step: enough to amortise the call, small
# enough that reading a million-document store stays at a few MB.
READ_CHUNK = 500


def read_results(path: str) -> Iterator[Analysis]:
    """Yield the analyses (``rhetoric.analysis/2``) stored in ``path``.

    ``path`` is a ``.jsonl`` file (one analysis per line), a ``.sqlite`` store written by
    ``rhetoric batch`` or a document-level ``.parquet`` export. Raises RhetoricError for
    a missing file, an unknown suffix or a file that is not a batch result.
    """
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file")
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(p)
    if suffix in STORE_SUFFIXES:
        return _read_sqlite(p)
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(p)
    raise RhetoricError(f"{path}: unknown results format; give a .jsonl, .sqlite or .parquet file")


def _read_jsonl(path: Path) -> Iterator[Analysis]:
    for number, item in read_json_lines(path):
        if "sentences" not in item:
            raise RhetoricError(f"{path}:{number}: not an analysis (no 'sentences' field)")
        yield Analysis.from_dict(item)


def _read_sqlite(path: Path) -> Iterator[Analysis]:
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


def _read_parquet(path: Path) -> Iterator[Analysis]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(str(path))
    except Exception as err:  # pyarrow raises several types for a bad file
        raise RhetoricError(f"{path}: not a Parquet file ({err})") from None
    if "analysis" not in parquet.schema_arrow.names:
        raise RhetoricError(f"{path}: no 'analysis' column; only document-level exports can be read back")
    for batch in parquet.iter_batches(batch_size=READ_CHUNK, columns=["analysis"]):
        for text in batch.column(0).to_pylist():
            yield Analysis.from_json(text)
