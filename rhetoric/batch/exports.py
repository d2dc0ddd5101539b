"""Write a stream of analyses as ``.jsonl``, ``.csv``, ``.parquet`` or a ``.sqlite`` store.

JSONL and the store keep the whole contract JSON. CSV and Parquet are tables at one
``level``: ``doc`` (one row per document: counts, mean optimism/hedging, per-voice
figures, and every metadata field as a column), ``sentence`` (one row per sentence) or
``check`` (one row per reality check: the figure, its period, the indicator value and source, the verdict).
The document-level Parquet file also keeps each analysis as JSON in an ``analysis``
column, so :func:`rhetoric.batch.results.read_results` reads it back unchanged.

Files are written under a temporary name and renamed at the end, so an interrupted
export never leaves a half-written file behind under the real name.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..contract.fields import BOILERPLATE, MEAN_SCORES, SCORES, SUMMARY_VOICES
from ..contract.schema import SENTENCE_VALUES, Analysis
from ..contract.summary import group_summary
from ..errors import RhetoricError

OUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", ".sqlite": "sqlite"}
LEVELS = ("doc", "sentence", "check")
# Rows per Parquet row group / write: bounded memory, reasonably sized groups.
PARQUET_ROWS = 2000
COUNTED = ("sentences", "quotes", "quantities", "checks")

# Document rows: counts, each score's summary over the document, the sentence count and the
# mean scores of each voice, and the gap. Sentence rows: place, the sentence's values, cues, text.
DOC_COLUMNS = ("id",) + COUNTED + tuple(s.name for s in SCORES) + tuple(
    f"{voice}_{name}" for voice in SUMMARY_VOICES for name in ("n",) + MEAN_SCORES) + ("gap", "gap_verdict")
SENTENCE_COLUMNS = ("id", "sentence", "start", "end") + SENTENCE_VALUES + ("cues", "text")
# Check rows: the figure, its period, the indicator value and its source, the verdict.
CHECK_COLUMNS = ("id", "date", "check", "quantity", "figure", "claimed", "unit", "period", "base_period", "modality",
                 "speaker", "concept", "series", "actual", "relative_error", "verdict", "source", "note")
LEVEL_COLUMNS = {"doc": DOC_COLUMNS, "sentence": SENTENCE_COLUMNS, "check": CHECK_COLUMNS}
# Arrow types of our own columns (metadata columns get theirs from the data). A score is a
# float, or a bool at the sentence level and a float share at the document level.
SCORE_TYPES = {s.name: s.type for s in SCORES}
INT_COLUMNS = set(COUNTED) | {"sentence", "start", "end", "check", "quantity"} | {
    f"{voice}_n" for voice in SUMMARY_VOICES}
STRING_COLUMNS = {"id", "cues", "text", "gap_verdict", "date", "figure", "unit", "period", "base_period", "modality",
                  "concept", "series", "verdict", "source", "note"} | {
    name for name in SENTENCE_VALUES if name not in SCORE_TYPES}

Source = Callable[[], Iterable[Analysis]]


def out_format(path: str) -> str:
    """``jsonl``, ``csv``, ``parquet`` or ``sqlite`` from the output suffix (``-`` is JSONL on stdout)."""
    if path == "-":
        return "jsonl"
    fmt = OUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise RhetoricError(f"{path}: unknown output type; give a file ending in {', '.join(OUT_FORMATS)}")
    return fmt


def write_results(source: Source, out: str, level: str = "doc") -> int:
    """Write the analyses of ``source()`` to ``out``; returns how many were written.

    ``source`` is called once per pass (CSV and Parquet read twice: first to learn the
    metadata columns), so it must return a fresh iterator each time.
    """
    fmt = out_format(out)
    if level not in LEVELS:
        raise RhetoricError(f"unknown level '{level}'; use {', '.join(LEVELS)}")
    if fmt == "jsonl" and out == "-":
        return _write_jsonl_handle(source(), sys.stdout)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet, "sqlite": _write_sqlite}[fmt]
    with _atomic(out, drop_wal=fmt == "sqlite") as tmp:
        return writer(source, tmp, level)


@contextlib.contextmanager
def _atomic(out: str, drop_wal: bool = False) -> Iterator[str]:
    """A temporary path that replaces ``out`` when the block ends without error, so a killed
    run never leaves a half-written output; write errors become one-line user errors."""
    tmp = f"{out}.tmp-{os.getpid()}"
    try:
        yield tmp
        if drop_wal:  # a WAL left by an older store must not be replayed into the new one
            for suffix in ("-wal", "-shm"):
                if os.path.exists(out + suffix):
                    os.remove(out + suffix)
        os.replace(tmp, out)
    except OSError as err:
        raise RhetoricError(f"{out}: cannot write ({err.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_jsonl_texts(texts: Iterable[str], out: str) -> int:
    """Write already-serialised analyses (from a store) to a JSONL file or ``-``, atomically."""
    if out == "-":
        count = 0
        for text in texts:
            sys.stdout.write(text + "\n")
            count += 1
        sys.stdout.flush()
        return count
    count = 0
    with _atomic(out) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        for text in texts:
            handle.write(text + "\n")
            count += 1
    return count


def _json(analysis: Analysis) -> str:
    """The analysis as one JSON line, with its text when it was stored with it."""
    return analysis.to_json(include_text=analysis.has_text)


def _write_jsonl_handle(analyses: Iterable[Analysis], handle) -> int:
    count = 0
    for analysis in analyses:
        handle.write(_json(analysis) + "\n")
        count += 1
    handle.flush()
    return count


def _write_jsonl(source: Source, path: str, level: str) -> int:
    with open(path, "w", encoding="utf-8") as handle:
        return _write_jsonl_handle(source(), handle)


def _write_sqlite(source: Source, path: str, level: str) -> int:
    from .store import Store

    store = Store(path)
    run = store.begin_run("export")
    count = 0
    rows = []
    for count, analysis in enumerate(source(), 1):
        # No text to hash: an exported store is complete but a rerun re-scores it.
        rows.append((analysis.id, "exported", count, None, _json(analysis)))
        if len(rows) >= PARQUET_ROWS:
            store.save(run, rows)
            rows = []
    store.save(run, rows)
    store.finish_run(run, count, 0, 0, 0, 0.0)
    store.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return count


# -- tables ---------------------------------------------------------------------------
def doc_row(analysis: Analysis) -> dict:
    """The document-level row of one analysis (our columns, without metadata)."""
    scored = group_summary([s for s in analysis.sentences if s.voice != BOILERPLATE])
    row: dict = {"id": analysis.id}
    for name in COUNTED:
        row[name] = len(getattr(analysis, name))
    for s in SCORES:
        row[s.name] = scored[s.name]
    by_voice = analysis.summary.get("by_voice") or {}
    for voice in SUMMARY_VOICES:
        group = by_voice.get(voice) or {}
        row[f"{voice}_n"] = group.get("n", 0)
        for name in MEAN_SCORES:
            row[f"{voice}_{name}"] = group.get(name)
    gap = analysis.summary.get("gap") or {}
    row["gap"] = gap.get("gap")
    row["gap_verdict"] = gap.get("verdict")
    return row


def sentence_rows(analysis: Analysis) -> Iterator[dict]:
    """One row per sentence of one analysis (our columns, without metadata)."""
    for index, s in enumerate(analysis.sentences):
        row = {"id": analysis.id, "sentence": index, "start": s.start, "end": s.end}
        for name in SENTENCE_VALUES:
            row[name] = getattr(s, name)
        row["cues"] = "; ".join(f"{c.type}:{c.text}" for c in s.cues)
        row["text"] = s.text
        yield row


def check_rows(analysis: Analysis) -> Iterator[dict]:
    """One row per reality check of one analysis, with the figure it checks (our columns, without metadata)."""
    quantities = analysis.quantities
    date = (analysis.date or {}).get("value")
    for index, c in enumerate(analysis.checks):
        q = quantities[c.quantity] if 0 <= c.quantity < len(quantities) else None
        yield {
            "id": analysis.id, "date": date, "check": index, "quantity": c.quantity,
            "figure": q.text if q else None, "claimed": c.claimed, "unit": q.unit if q else None,
            "period": c.period, "base_period": q.base_period if q else None, "modality": q.modality if q else None,
            "speaker": q.speaker if q else None, "concept": q.concept if q else None, "series": c.series,
            "actual": c.actual, "relative_error": c.relative_error, "verdict": c.verdict, "source": c.source,
            "note": c.note,
        }


def _meta_types(source: Source) -> dict[str, str]:
    """Metadata key -> ``int``, ``float``, ``bool`` or ``str``, in first-seen order (first pass)."""
    kinds: dict[str, set] = {}
    for analysis in source():
        for key, value in analysis.meta.items():
            kinds.setdefault(key, set()).add(_kind(value))
    return {key: _common(found - {"null"}) for key, found in kinds.items()}


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _common(kinds: set) -> str:
    """One column type for the kinds of value a metadata key takes (ints and floats: float)."""
    if kinds == {"int", "float"}:
        return "float"
    return next(iter(kinds)) if len(kinds) == 1 else "str"


def _meta_value(value, kind: str):
    if value is None:
        return None
    if kind == "raw":  # CSV: numbers as written, only lists and objects as JSON
        return value if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)
    if kind == "str":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return float(value)
    return value


def _meta_names(meta_types: dict, ours: tuple) -> dict[str, str]:
    """Metadata key -> column name. A key that clashes with one of our columns (``analysis``
    included) gets ``meta_`` in front, repeated until the name is free, so ``sentences``
    becomes ``meta_sentences``, or ``meta_meta_sentences`` if the metadata has both."""
    taken = set(ours) | {"analysis"} | set(meta_types)
    names = {}
    for key in meta_types:
        name = key
        if key in ours or key == "analysis":
            name = f"meta_{key}"
            while name in taken:
                name = f"meta_{name}"
            taken.add(name)
        names[key] = name
    return names


def _rows(source: Source, level: str, meta_types: dict, names: dict) -> Iterator[dict]:
    for analysis in source():
        meta = analysis.meta
        extra = {names[key]: _meta_value(meta.get(key), kind) for key, kind in meta_types.items()}
        if level == "doc":
            yield {**doc_row(analysis), **extra, "analysis": analysis}
        else:
            for row in (sentence_rows(analysis) if level == "sentence" else check_rows(analysis)):
                yield {**row, **extra}


def _write_csv(source: Source, path: str, level: str) -> int:
    ours = LEVEL_COLUMNS[level]
    meta_types = {key: "raw" for key in _meta_types(source)}
    names = _meta_names(meta_types, ours)
    columns = list(ours) + list(names.values())
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in _rows(source, level, meta_types, names):
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
            count += 1
    return count


def _arrow_type(column: str, pa, meta_kind: Optional[str] = None):
    if meta_kind is not None:
        return {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}[meta_kind]
    if column in INT_COLUMNS:
        return pa.int64()
    if column in STRING_COLUMNS:
        return pa.string()
    if SCORE_TYPES.get(column) is bool:
        return None  # float share at doc level, bool flag at sentence level: set by the caller
    return pa.float64()


def _write_parquet(source: Source, path: str, level: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ours = LEVEL_COLUMNS[level]
    meta_types = _meta_types(source)
    names = _meta_names(meta_types, ours)
    fields = []
    for column in ours:
        kind = _arrow_type(column, pa)
        if kind is None:
            kind = pa.float64() if level == "doc" else pa.bool_()
        fields.append(pa.field(column, kind))
    fields += [pa.field(names[key], _arrow_type(key, pa, kind)) for key, kind in meta_types.items()]
    if level == "doc":
        fields.append(pa.field("analysis", pa.string()))
    schema = pa.schema(fields)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []
        for row in _rows(source, level, meta_types, names):
            if level == "doc":
                row["analysis"] = _json(row["analysis"])
            chunk.append(row)
            if len(chunk) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


def export(source_path: str, out: str, level: str = "doc") -> int:
    """Convert the results in ``source_path`` (store, JSONL or Parquet) to ``out``."""
    from .results import read_results

    if os.path.abspath(source_path) == os.path.abspath(out):
        raise RhetoricError(f"{out}: the output is the input; give another --out")
    out_format(out)
    iter(read_results(source_path))  # fail early on a missing or unknown source
    return write_results(lambda: read_results(source_path), out, level)
