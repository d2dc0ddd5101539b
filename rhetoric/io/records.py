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

import codecs
import csv
import gzip
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from zlib import error as zlib_error

from ..errors import RhetoricError
from .readers import Document, document_from_bytes

RECORD_FORMATS = ("jsonl", "csv", "tsv")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
# Compressed record files: "speeches.jsonl.gz", "corpus.csv.gz" (read as they stream).
GZIP_SUFFIX = ".gz"
FILE_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml"}
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
        handle = _open(p)
    except OSError as err:
        raise RhetoricError(f"{path}: cannot read ({err.strerror})") from None
    with handle:
        try:
            yield from _dispatch(kind, handle, str(p), id_field, text_field)
        except (gzip.BadGzipFile, EOFError, zlib_error) as err:
            raise RhetoricError(f"{path}: not a readable gzip file ({err})") from None


def _open(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed on the fly for ``.gz``."""
    return gzip.open(path, "rb") if path.suffix.lower() == GZIP_SUFFIX else path.open("rb")


def record_format(path: Path) -> Optional[str]:
    """``jsonl``, ``csv`` or ``tsv`` from the suffix (under a ``.gz``); None for a single document file."""
    suffix = path.suffix.lower()
    if suffix == GZIP_SUFFIX:
        inner = Path(path.stem).suffix.lower()
        if inner in JSONL_SUFFIXES:
            return "jsonl"
        if inner in CSV_SUFFIXES:
            return inner[1:]
        raise RhetoricError(f"{path}: unknown compressed input '{inner or '(none)'}{GZIP_SUFFIX}'; "
                            "give .jsonl.gz, .csv.gz or .tsv.gz (or --format)")
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return suffix[1:]
    if suffix in FILE_SUFFIXES or suffix == "":
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
    doc_id = None if raw_id is None or raw_id == "" else str(raw_id)
    if doc_id is None:
        return Record(source, line, None, error=f"no '{id_field}' field")
    text = fields.get(text_field)
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else ("not a string" if not isinstance(text, str) else "empty")
        return Record(source, line, doc_id, error=f"'{text_field}' field is {what}")
    meta = {k: v for k, v in fields.items() if k not in (id_field, text_field)}
    return Record(source, line, doc_id, document=Document(id=doc_id, text=text, meta=meta))


def read_jsonl(handle: IO[bytes], name: str, id_field: str = "id", text_field: str = "text") -> Iterator[Record]:
    """Records from a binary JSONL stream: one JSON object per line, blank lines ignored."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Record(name, number, None, error=f"undecodable bytes (not UTF-8) at byte {err.start}")
            continue
        try:
            fields = json.loads(line)
        except ValueError as err:
            yield Record(name, number, None, error=f"invalid JSON ({err})")
            continue
        if not isinstance(fields, dict):
            yield Record(name, number, None, error=f"a JSON {type(fields).__name__}, not an object")
            continue
        yield _record(name, number, fields, id_field, text_field)


def read_csv(handle: IO[bytes], name: str, id_field: str = "id", text_field: str = "text",
             delimiter: str = ",") -> Iterator[Record]:
    """Records from a binary CSV/TSV stream with a header row; line numbers are 1-based file lines."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    # surrogateescape keeps undecodable bytes as markers, so one bad row is reported
    # as a bad record instead of failing the whole file.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as err:
        raise RhetoricError(f"{name}:1: unreadable CSV header ({err})") from None
    for needed, option in ((id_field, "--id-field"), (text_field, "--text-field")):
        if needed not in header:
            raise RhetoricError(f"{name}:1: no '{needed}' column (columns: {', '.join(header)}); "
                                f"name the column with {option}")
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Record(name, line, None, error=f"invalid CSV ({err})")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if None in row:
            yield Record(name, start, row.get(id_field) or None, error="more fields than the header")
            continue
        if any(_undecodable(v) for v in row.values() if v):
            yield Record(name, start, _clean_id(row.get(id_field)), error="undecodable bytes (not UTF-8)")
            continue
        yield _record(name, start, {k: v for k, v in row.items() if v is not None}, id_field, text_field)


def _undecodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clean_id(value: Optional[str]) -> Optional[str]:
    return None if not value or _undecodable(value) else value


def read_directory(root: Path) -> Iterator[Record]:
    """One record per txt/md/html file under ``root``, recursively, in sorted path order."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in FILE_SUFFIXES:
                continue
            path = Path(folder) / name
            yield _file_record(path, path.relative_to(root).as_posix(), str(path))


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
                         for name in files if Path(name).suffix.lower() in FILE_SUFFIXES)
            continue
        kind = fmt or record_format(p)
        if kind is None:
            total += 1
            continue
        if kind in ("csv", "tsv"):
            return None  # quoted fields span lines: counting lines would mislead
        try:
            with _open(p) as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        except (OSError, EOFError, zlib_error):
            return None  # the reader reports the fault itself
    return total
