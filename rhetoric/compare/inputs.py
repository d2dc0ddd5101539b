"""What ``compare`` and ``report`` read: stored analyses, or documents analysed on the spot.

- a results store or export (``.jsonl`` of Analysis objects, ``.sqlite``, ``.parquet``):
  read with :func:`rhetoric.batch.results.read_results`;
- a JSONL of input records (``id`` + ``text`` + metadata, as for ``rhetoric batch``):
  analysed here, so a small corpus needs no separate batch step;
- one text file (``.txt``, ``.md``, ``.html``): analysed with ``analyze_path``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from ..contract.schema import Analysis
from ..errors import RhetoricError
from ..io.formats import DOCUMENT_SUFFIXES, JSONL_SUFFIXES
from ..io.jsonl import first_json_line, read_json_lines


def is_document(path: str) -> bool:
    """Whether ``path`` names one text document (rather than a corpus)."""
    return path == "-" or Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _analyse_records(path: Path, nlp=None, progress: bool = False) -> Iterator[Analysis]:
    from ..api import analyze_many
    from ..io.readers import Document

    def documents() -> Iterator[Document]:
        for number, record in read_json_lines(path):
            if "text" not in record:
                raise RhetoricError(f"{path}:{number}: a record needs a 'text' field")
            if not isinstance(record["text"], str) or not record["text"].strip():
                what = "null" if record["text"] is None else "empty" if isinstance(record["text"], str) else "not a string"
                raise RhetoricError(f"{path}:{number}: the 'text' field is {what}")
            meta = {k: v for k, v in record.items() if k not in ("id", "text")}
            yield Document(id=str(record.get("id", number)), text=str(record["text"]), meta=meta)

    analyses = analyze_many(documents(), nlp=nlp)
    if not progress:
        yield from analyses
        return
    import click

    with click.progressbar(analyses, length=_count_lines(path), label=f"analysing {path.name}",
                           file=sys.stderr) as bar:
        yield from bar


def load_analyses(path: str, nlp=None, progress: bool = False) -> Iterator[Analysis]:
    """Analyses from a results store/export, a JSONL of input records, or one document.

    ``progress`` shows a progress bar on stderr while input records are being analysed.
    """
    if is_document(path):
        from ..api import analyze_path
        yield analyze_path(path, nlp=nlp)
        return
    p = Path(path)
    if not p.exists():
        raise RhetoricError(f"{path}: no such file")
    if p.suffix.lower() in JSONL_SUFFIXES:
        first = first_json_line(p)
        if first is None:
            raise RhetoricError(f"{path}: the file is empty")
        if "sentences" not in first:
            yield from _analyse_records(p, nlp, progress)
            return
    from ..batch.results import read_results

    yield from read_results(str(p))
