"""Read many documents: JSONL and CSV records, directories of files, ``-`` for stdin.

Each record becomes a :class:`Record`: a :class:`~rhetoric.io.readers.Document`, or,
for a bad record (invalid JSON line, missing or empty text, undecodable bytes, a
binary file), the reason, with the file and line it came from. Bad records never stop
the stream; mistakes about the whole input (no such file, a CSV without the id
column) raise :class:`~rhetoric.errors.RhetoricError`.

Records: ``id`` and ``text`` fields (renamable); every other field is metadata.
Directories are read recursively (txt, md, html; hidden files skipped) and the id is
the path relative to the directory, with ``/`` separators on every platform.
"""
from __future__ import annotations

import csv
import gzip
import io
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional


from ..errors import RhetoricError
from .csvsafe import csv_rows, loose_fields
from .formats import CSV_SUFFIXES, DOCUMENT_SUFFIXES, JSONL_SUFFIXES
from .jsonl import json_lines
from .readers import Document, document_from_bytes

RECORD_FORMATS = ("jsonl", "csv", "tsv")
# Compressed record files (JSONL or CSV inside): read as a stream, never unpacked to disk.
GZIP_SUFFIX = ".gz"
# Python's csv module refuses fields over 128 KB by default; a long article is bigger.
CSV_FIELD_LIMIT = 2**31 - 1


@dataclass
class Record:
    """One input record: a document, or the reason it could not be read."""

    source: str
    line: Optional[int]
    id: Optional[str]
    document: Optional[Document] = None
    error: Optional[str] = None
    # The id was a JSON number: 123 and "123" are one id, so a clash says so.
    numeric_id: bool = False


def read_records(paths: Iterable[str], id_field: str = "id", text_field: str = "text",
                 fmt: Optional[str] = None) -> Iterator[Record]:
    """Stream the records of every path in ``paths`` (files, directories, ``-``).

    ``fmt`` (jsonl, csv or tsv) overrides the guess from the suffix; stdin defaults to
    JSONL. A single text or HTML file is one document whose id is its file name.
    """
    for path in paths:
        yield from _read_one(path, id_field, text_field, fmt)


def _read_one(path: str, id_field: str, text_field: str, fmt: Optional[str]) -> Iterator[Record]:
    if path == "-":
        kind = fmt or "jsonl"
        yield from _dispatch(kind, sys.stdin.buffer, "<stdin>", id_field, text_field)
        return
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file or directory")
    if p.is_dir():
        yield from read_directory(p)
        return
    kind = fmt or record_format(p)
    if kind is None:
        yield _file_record(p, p.name, str(p))
        return
    try:
        handle = gzip.open(p, "rb") if p.suffix.lower() == GZIP_SUFFIX else p.open("rb")
    except OSError as err:
        raise RhetoricError(f"{path}: cannot read ({err.strerror})") from None
    with handle:
        try:
            yield from _dispatch(kind, handle, str(p), id_field, text_field)
        except (EOFError, zlib.error, gzip.BadGzipFile) as err:
            raise RhetoricError(f"{path}: damaged compressed file ({err}); the records before it were read") from None


def record_format(path: Path) -> Optional[str]:
    """``jsonl``, ``csv`` or ``tsv`` from the suffix (under a ``.gz``); None for a single document file."""
    suffix = path.suffix.lower()
    if suffix == GZIP_SUFFIX and len(path.suffixes) > 1:
        return record_format(path.with_suffix(""))
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return suffix[1:]
    if suffix in DOCUMENT_SUFFIXES or suffix == "":
        return None
    raise RhetoricError(f"{path}: unknown input type '{suffix}'; give .jsonl, .csv, .tsv, a text/HTML file "
                        "or a directory (or --format)")


def _dispatch(kind: str, handle: IO[bytes], name: str, id_field: str, text_field: str) -> Iterator[Record]:
    if kind == "jsonl":
        return read_jsonl(handle, name, id_field, text_field)
    if kind in ("csv", "tsv"):
        return read_csv(handle, name, id_field, text_field, delimiter="\t" if kind == "tsv" else ",")
    raise RhetoricError(f"unknown record format '{kind}'; use one of {', '.join(RECORD_FORMATS)}")


def _record(source: str, line: int, fields: dict, id_field: str, text_field: str) -> Record:
    """A Record from the fields of one JSONL object or CSV row."""
    raw_id = fields.get(id_field)
    if raw_id is None or raw_id == "":
        return Record(source, line, None, error=f"no '{id_field}' field")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        kind = "true/false" if isinstance(raw_id, bool) else type(raw_id).__name__
        return Record(source, line, None, error=f"'{id_field}' must be a string or an integer, not {kind} {raw_id!r}"[:200])
    doc_id = str(raw_id)
    text = fields.get(text_field)
    if not isinstance(text, str) or not text.strip():
        if text_field not in fields:
            what = "missing"
        else:
            what = "null" if text is None else ("not a string" if not isinstance(text, str) else "empty")
        return Record(source, line, doc_id, error=f"'{text_field}' field is {what}")
    meta = {k: v for k, v in fields.items() if k not in (id_field, text_field)}
    return Record(source, line, doc_id, document=Document(id=doc_id, text=text, meta=meta),
                  numeric_id=isinstance(raw_id, int))


def read_jsonl(handle: IO[bytes], name: str, id_field: str = "id", text_field: str = "text") -> Iterator[Record]:
    """Records from a binary JSONL stream: one JSON object per line, blank lines ignored."""
    for line in json_lines(handle):
        if line.error:
            yield Record(name, line.number, None, error=line.error)
        else:
            yield _record(name, line.number, line.value, id_field, text_field)


def read_csv(handle: IO[bytes], name: str, id_field: str = "id", text_field: str = "text",
             delimiter: str = ",") -> Iterator[Record]:
    """Records from a binary CSV/TSV stream with a header row; line numbers are 1-based file lines.

    A row whose quoting breaks is one bad record and reading goes on with the next line
    (see :mod:`rhetoric.io.csvsafe`).
    """
    csv.field_size_limit(CSV_FIELD_LIMIT)
    # surrogateescape keeps undecodable bytes as markers, so one bad row is reported
    # as a bad record instead of failing the whole file.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        header = next(csv.reader([next(text, "")], delimiter=delimiter), [])
    except csv.Error as err:
        raise RhetoricError(f"{name}:1: unreadable CSV header ({err})") from None
    for needed, option in ((id_field, "--id-field"), (text_field, "--text-field")):
        if needed not in header:
            raise RhetoricError(f"{name}:1: no '{needed}' column (columns: {', '.join(header)}); "
                                f"name the column with {option}")
    key = header.index(id_field)
    for row in csv_rows(text, delimiter, width=len(header)):
        if row.fields is None:
            fields = loose_fields(row.raw, delimiter)
            yield Record(name, row.line + 1, _clean_id(fields[key] if len(fields) > key else None), error=row.error)
            continue
        values = row.fields
        if len(values) > len(header):
            yield Record(name, row.line + 1, _clean_id(values[key]) or None, error="more fields than the header")
            continue
        if any(_undecodable(v) for v in values if v):
            yield Record(name, row.line + 1, _clean_id(values[key] if len(values) > key else None),
                         error="undecodable bytes (not UTF-8)")
            continue
        yield _record(name, row.line + 1, dict(zip(header, values)), id_field, text_field)


def _undecodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clean_id(value: Optional[str]) -> Optional[str]:
    return None if not value or _undecodable(value) else value


def read_directory(root: Path) -> Iterator[Record]:
    """One record per txt/md/html file under ``root``, recursively, in sorted path order.

    FIFOs, sockets and devices are listed as bad records and never opened: reading a
    FIFO would wait forever for a writer.
    """
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            path = Path(folder) / name
            doc_id = path.relative_to(root).as_posix()
            kind = _special_kind(path)
            if kind:
                yield Record(str(path), None, doc_id, error=f"{kind}, not a regular file: skipped")
                continue
            yield _file_record(path, doc_id, str(path))


def _special_kind(path: Path) -> Optional[str]:
    """What a non-regular file is (None for a regular file or one that vanished)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # _file_record reports why it cannot be read
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return None


def _file_record(path: Path, doc_id: str, source: str) -> Record:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Record(source, None, doc_id, error=f"cannot read ({err.strerror})")
    try:
        document = document_from_bytes(data, doc_id, doc_id)
    except RhetoricError as err:
        return Record(source, None, doc_id, error=str(err))
    return Record(source, None, doc_id, document=document)


def count_records(paths: Iterable[str], fmt: Optional[str] = None) -> Optional[int]:
    """A quick upper bound on the number of records (for the progress bar); None if unknown."""
    total = 0
    for path in paths:
        p = Path(path)
        if path == "-" or not p.exists():
            return None
        if p.is_dir():
            total += sum(1 for folder, dirs, files in os.walk(p)
                         for name in files if Path(name).suffix.lower() in DOCUMENT_SUFFIXES)
            continue
        if not p.is_file() or p.suffix.lower() == ".gz":
            return None  # a FIFO or a compressed stream: counting would consume or unpack it
        kind = fmt or record_format(p)
        if kind is None:
            total += 1
            continue
        if kind in ("csv", "tsv"):
            return None  # quoted fields span lines: counting lines would mislead
        try:
            with p.open("rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        except (OSError, EOFError, zlib.error):
            return None  # the reader reports the fault itself
    return total
