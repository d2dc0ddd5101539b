"""What ``compare`` and ``report`` read: stored analyses, or documents analysed on the spot.

- a results store or export (``.jsonl`` of Analysis objects, ``.sqlite``, ``.parquet``):
  read with :func:`rhetoric.batch.results.read_results`;
- a JSONL of input records (``id`` + ``text`` + metadata, as for ``rhetoric batch``):
  analysed here, so a small corpus needs no separate batch step;
- one text file (``.txt``, ``.md``, ``.html``): analysed with ``analyze_path``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

from ..errors import RhetoricError

DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def is_document(path: str) -> bool:
    """Whether ``path`` names one text document (rather than a corpus)."""
    return path == "-" or Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of a UTF-8 file; a line that is not UTF-8 is a user error."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                raise RhetoricError(f"{path}:{number}: not UTF-8 (invalid byte at column {err.start + 1})") from None


def _first_record(path: Path) -> Optional[dict]:
    for number, line in _lines(path):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise RhetoricError(f"{path}:{number}: not valid JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise RhetoricError(f"{path}:{number}: expected a JSON object per line")
            return record
    return None


def _read_jsonl(path: Path) -> Iterator[dict]:
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as err:
            raise RhetoricError(f"{path}:{number}: not valid JSON ({err.msg})") from None


def _results(path: Path) -> Iterator[dict]:
    try:
        from ..batch.results import read_results
    except ImportError:
        if path.suffix.lower() in JSONL_SUFFIXES:
            return _read_jsonl(path)
        raise RhetoricError(f"{path}: reading result stores needs rhetoric.batch, which is not available") from None
    return read_results(str(path))


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _analyse_records(path: Path, nlp=None, progress: bool = False) -> Iterator[dict]:
    from ..api import analyze_many
    from ..io.readers import Document

    def documents() -> Iterator[Document]:
        for number, record in enumerate(_read_jsonl(path), 1):
            if "text" not in record:
                raise RhetoricError(f"{path}:{number}: a record needs a 'text' field")
            if not isinstance(record["text"], str) or not record["text"].strip():
                what = "null" if record["text"] is None else "empty" if isinstance(record["text"], str) else "not a string"
                raise RhetoricError(f"{path}:{number}: the 'text' field is {what}")
            meta = {k: v for k, v in record.items() if k not in ("id", "text")}
            yield Document(id=str(record.get("id", number)), text=str(record["text"]), meta=meta)

    analyses = analyze_many(documents(), nlp=nlp)
    if not progress:
        for analysis in analyses:
            yield analysis.to_dict(include_text=True)
        return
    import click

    with click.progressbar(analyses, length=_count_lines(path), label=f"analysing {path.name}",
                           file=sys.stderr) as bar:
        for analysis in bar:
            yield analysis.to_dict(include_text=True)


def load_analyses(path: str, nlp=None, progress: bool = False) -> Iterator[dict]:
    """Analysis dicts from a results store/export, a JSONL of input records, or one document.

    ``progress`` shows a progress bar on stderr while input records are being analysed.
    """
    if is_document(path):
        from ..api import analyze_path
        yield analyze_path(path, nlp=nlp).to_dict(include_text=True)
        return
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file")
    if p.suffix.lower() in JSONL_SUFFIXES:
        first = _first_record(p)
        if first is None:
            raise RhetoricError(f"{path}: the file is empty")
        if "sentences" not in first:
            yield from _analyse_records(p, nlp, progress)
            return
    yield from _results(p)
