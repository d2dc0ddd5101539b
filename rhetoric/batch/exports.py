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

from ..contract.schema import VOICES, BOILERPLATE
from ..errors import RhetoricError

OUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", ".sqlite": "sqlite"}
LEVELS = ("doc", "sentence", "check")
# Rows per Parquet row group / write: bounded memory, reasonably sized groups.
PARQUET_ROWS = 2000
SUMMARY_VOICES = tuple(v for v in VOICES if v != BOILERPLATE)

DOC_COLUMNS = ("id", "sentences", "quotes", "quantities", "checks", "optimism", "hedging", "uncertain") + tuple(
    f"{voice}_{field}" for voice in SUMMARY_VOICES for field in ("n", "optimism", "hedging")) + ("gap", "gap_verdict")
SENTENCE_COLUMNS = ("id", "sentence", "start", "end", "kind", "voice", "speaker", "role", "optimism", "tone",
                    "hedging", "uncertain", "cues", "text")
CHECK_COLUMNS = ("id", "date", "check", "quantity", "figure", "claimed", "unit", "period", "base_period", "modality",
                 "speaker", "concept", "series", "actual", "relative_error", "verdict", "source", "note")
LEVEL_COLUMNS = {"doc": DOC_COLUMNS, "sentence": SENTENCE_COLUMNS, "check": CHECK_COLUMNS}
# Arrow types of our own columns (metadata columns get theirs from the data).
INT_COLUMNS = {"sentences", "quotes", "quantities", "checks", "sentence", "start", "end", "check", "quantity"} | {
    f"{voice}_n" for voice in SUMMARY_VOICES}
STRING_COLUMNS = {"id", "kind", "voice", "speaker", "role", "tone", "cues", "text", "gap_verdict", "date", "figure",
                  "unit", "period", "base_period", "modality", "concept", "series", "verdict", "source", "note"}

Source = Callable[[], Iterable[dict]]


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


def _write_jsonl_handle(analyses: Iterable[dict], handle) -> int:
    count = 0
    for analysis in analyses:
        handle.write(json.dumps(analysis, ensure_ascii=False) + "\n")
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
        rows.append((analysis.get("id", ""), "exported", count, None, json.dumps(analysis, ensure_ascii=False)))
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
def _mean(values: list) -> Optional[float]:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def doc_row(analysis: dict) -> dict:
    """The document-level row of one analysis (our columns, without metadata)."""
    sentences = [s for s in analysis.get("sentences", []) if s.get("voice") != BOILERPLATE]
    flags = [s.get("uncertain") for s in sentences if s.get("uncertain") is not None]
    row = {
        "id": analysis.get("id"),
        "sentences": len(analysis.get("sentences", [])),
        "quotes": len(analysis.get("quotes", [])),
        "quantities": len(analysis.get("quantities", [])),
        "checks": len(analysis.get("checks", [])),
        "optimism": _mean([s.get("optimism") for s in sentences]),
        "hedging": _mean([s.get("hedging") for s in sentences]),
        "uncertain": round(sum(bool(f) for f in flags) / len(flags), 4) if flags else None,
    }
    by_voice = (analysis.get("summary") or {}).get("by_voice") or {}
    for voice in SUMMARY_VOICES:
        group = by_voice.get(voice) or {}
        row[f"{voice}_n"] = group.get("n", 0)
        row[f"{voice}_optimism"] = group.get("optimism")
        row[f"{voice}_hedging"] = group.get("hedging")
    gap = (analysis.get("summary") or {}).get("gap") or {}
    row["gap"] = gap.get("gap")
    row["gap_verdict"] = gap.get("verdict")
    return row


def sentence_rows(analysis: dict) -> Iterator[dict]:
    """One row per sentence of one analysis (our columns, without metadata)."""
    for index, s in enumerate(analysis.get("sentences", [])):
        yield {
            "id": analysis.get("id"), "sentence": index, "start": s.get("start"), "end": s.get("end"),
            "kind": s.get("kind"), "voice": s.get("voice"), "speaker": s.get("speaker"), "role": s.get("role"),
            "optimism": s.get("optimism"), "tone": s.get("tone"), "hedging": s.get("hedging"),
            "uncertain": s.get("uncertain"),
            "cues": "; ".join(f"{c.get('type')}:{c.get('text')}" for c in s.get("cues") or []),
            "text": s.get("text"),
        }


def check_rows(analysis: dict) -> Iterator[dict]:
    """One row per reality check of one analysis, with the figure it checks (our columns, without metadata)."""
    quantities = analysis.get("quantities", [])
    date = (analysis.get("date") or {}).get("value")
    for index, c in enumerate(analysis.get("checks", [])):
        q = quantities[c["quantity"]] if 0 <= c.get("quantity", -1) < len(quantities) else {}
        yield {
            "id": analysis.get("id"), "date": date, "check": index, "quantity": c.get("quantity"),
            "figure": q.get("text"), "claimed": c.get("claimed"), "unit": q.get("unit"), "period": c.get("period"),
            "base_period": q.get("base_period"), "modality": q.get("modality"), "speaker": q.get("speaker"),
            "concept": q.get("concept"), "series": c.get("series"), "actual": c.get("actual"),
            "relative_error": c.get("relative_error"), "verdict": c.get("verdict"), "source": c.get("source"),
            "note": c.get("note"),
        }


def _meta_types(source: Source) -> dict[str, str]:
    """Metadata key -> ``int``, ``float``, ``bool`` or ``str``, in first-seen order (first pass)."""
    kinds: dict[str, set] = {}
    for analysis in source():
        for key, value in (analysis.get("meta") or {}).items():
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
    """Metadata key -> column name; a key that clashes with one of our columns gets ``meta_``."""
    return {key: (f"meta_{key}" if key in ours else key) for key in meta_types}


def _rows(source: Source, level: str, meta_types: dict, names: dict) -> Iterator[dict]:
    for analysis in source():
        meta = analysis.get("meta") or {}
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
    if column == "uncertain":
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
                row["analysis"] = json.dumps(row["analysis"], ensure_ascii=False)
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
