"""The public indicator catalogue: World Bank, EIA and FRED series, built from the raw CSVs into compact tables.

``build(source_dir)`` reads the raw files named in ``corpora/indicators/catalogue_sources.json``
(World Bank GDP, GDP growth, inflation, population for every country; Brent and WTI by
year and month; FRED exchange rates by year and month) and writes, into
``corpora/indicators/catalogue/``, one gzipped ``entity,period,value`` CSV per series plus
``series.json`` with each series' publisher, indicator code, edition, licence, unit and
concept. Every row read back carries those fields (:class:`~rhetoric.knowledge.indicators.Indicator`).

Entities are ISO 3166-1 alpha-3 codes (World Bank aggregates keep their own codes, WLD,
EMU, ...); oil benchmarks have no entity. Rows are read lazily, one series at a time,
and indexed by entity, so a check looks up a handful of rows, not the whole catalogue.
"""
from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import RhetoricError
from ..resources import corpus_path
from .countries import iso3_of
from .indicators import Indicator

# Significant digits kept per value: 6 keeps GDP to 0.0005%, far inside every tolerance
# of the checks (2% for levels) and halves the compressed size against full floats.
DIGITS = 6
FOLDER = ("indicators", "catalogue")
FILE_PREFIX = "catalogue/"  # Indicator.file of catalogue rows
SOURCES = ("indicators", "catalogue_sources.json")


def sources() -> dict:
    """The build recipe (``catalogue_sources.json``)."""
    return json.loads(corpus_path(*SOURCES).read_text(encoding="utf-8"))


# ---- build --------------------------------------------------------------------------

def _number(text: str) -> Optional[float]:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value == value else None


def _long(reader: csv.DictReader, spec: dict) -> Iterator[tuple[str, str, float]]:
    code, year, value = spec["columns"]
    for row in reader:
        number = _number(row.get(value))
        if number is not None and row.get(code) and row.get(year):
            yield row[code].strip(), row[year].strip(), number


def _wide(handle, spec: dict) -> Iterator[tuple[str, str, float]]:
    for _ in range(spec.get("skip", 0)):
        handle.readline()
    reader = csv.DictReader(handle)
    years = [c for c in reader.fieldnames or [] if c and c.strip().isdigit()]
    for row in reader:
        for year in years:
            number = _number(row.get(year))
            if number is not None and row.get("Country Code"):
                yield row["Country Code"].strip(), year.strip(), number


def _dated(reader: csv.DictReader, spec: dict, fx: dict) -> Iterator[tuple[str, str, float, str]]:
    """Date-stamped rows: '1987-06-30' -> '1987' (yearly) or '1987-06' (monthly)."""
    date_column = spec["columns"][0]
    value_column = spec.get("value_column", spec["columns"][1])
    for row in reader:
        number = _number(row.get(value_column))
        date = (row.get(date_column) or "").strip()
        if number is None or len(date) < 7:
            continue
        period = date[:4] if spec["frequency"] == "year" else date[:7]
        unit = spec["unit"]
        entity = spec.get("entity", "")
        if spec.get("entity_column"):
            name = row.get(spec["entity_column"], "").strip()
            entity = "EMU" if name == "Euro" else (iso3_of(name) or name)
            unit = fx.get(name, "")
            if not unit:
                continue
        yield entity, period, number, unit


def _read(path: Path, spec: dict, fx: dict) -> list[tuple[str, str, float, str]]:
    if not path.is_file():
        raise RhetoricError(f"{path}: raw indicator file missing (see catalogue_sources.json)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if spec["layout"] == "wide":
            return [(e, p, v, spec["unit"]) for e, p, v in _wide(handle, spec)]
        reader = csv.DictReader(handle)
        if spec["layout"] == "long":
            return [(e, p, v, spec["unit"]) for e, p, v in _long(reader, spec)]
        return list(_dated(reader, spec, fx))


def build(source_dir: str | Path, out_dir: Optional[str | Path] = None) -> list[dict]:
    """Write the catalogue from the raw CSVs in ``source_dir``; returns the series records written."""
    recipe = sources()
    out = Path(out_dir) if out_dir else corpus_path(*FOLDER)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in recipe["series"]:
        rows = _read(Path(source_dir) / spec["file"], spec, recipe["fx_currencies"])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["entity", "period", "value", "unit"])
        for entity, period, value, unit in sorted(rows):
            writer.writerow([entity, period, f"{value:.{DIGITS}g}", unit])
        # mtime=0: the same input gives byte-identical output
        (out / f"{spec['id']}.csv.gz").write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
        record = {k: spec[k] for k in ("id", "concept", "unit", "frequency", "publisher", "code", "edition", "licence")}
        record.update(rows=len(rows), periods=[min(r[1] for r in rows), max(r[1] for r in rows)] if rows else [],
                      raw_file=spec["file"])
        written.append(record)
    (out / "series.json").write_text(json.dumps({"series": written}, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    return written


# ---- read ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def series() -> tuple:
    """The series records of the shipped catalogue (empty when it has not been built)."""
    path = corpus_path(*FOLDER, "series.json")
    if not path.is_file():
        return ()
    return tuple(json.loads(path.read_text(encoding="utf-8"))["series"])


def _source(meta: dict) -> str:
    return f"{meta['publisher']}, {meta['code']} ({meta['edition']}; {meta['licence']})"


@functools.lru_cache(maxsize=None)
def _rows_of(series_id: str) -> dict:
    """entity -> rows of one series, read once per process."""
    meta = next(m for m in series() if m["id"] == series_id)
    text = gzip.decompress(corpus_path(*FOLDER, f"{series_id}.csv.gz").read_bytes()).decode("utf-8")
    source = _source(meta)
    index: dict[str, list[Indicator]] = defaultdict(list)
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        index[row["entity"]].append(Indicator(
            series=meta["concept"], entity=row["entity"], counterpart="", period=row["period"],
            value=float(row["value"]), unit=row["unit"], source=source, verified=True,
            file=f"{FILE_PREFIX}{series_id}.csv.gz", line=line, publisher=meta["publisher"], code=meta["code"],
            edition=meta["edition"], licence=meta["licence"]))
    return dict(index)


# The unit of the exchange-rate series: each row is in its own currency.
ANY_CURRENCY = "per USD"


@functools.lru_cache(maxsize=None)
def units(concept: str) -> frozenset:
    """The units the catalogue's series of ``concept`` are in (``ANY_CURRENCY`` for exchange rates)."""
    return frozenset(m["unit"] for m in series() if m["concept"] == concept)


@functools.lru_cache(maxsize=1)
def concepts() -> frozenset:
    """The concepts the catalogue measures."""
    return frozenset(m["concept"] for m in series())


def lookup(concept: str, entities: Iterable[str]) -> list[Indicator]:
    """Catalogue rows of ``concept`` about any of ``entities`` (ISO3), plus global series (no entity)."""
    # in the order given, then the global series: a set's order changes with each process's
    # hash seed, and the order of the rows decides ties and the check's note
    wanted = list(dict.fromkeys([*entities, ""]))
    out: list[Indicator] = []
    for meta in series():
        if meta["concept"] != concept:
            continue
        index = _rows_of(meta["id"])
        for entity in wanted:
            out.extend(index.get(entity, ()))
    return out


def all_rows(series_id: Optional[str] = None) -> Iterator[Indicator]:
    """Every catalogue row (of one series when ``series_id`` is given), for listing and search."""
    for meta in series():
        if series_id is None or meta["id"] == series_id:
            for rows in _rows_of(meta["id"]).values():
                yield from rows


def series_rows(series_id: str, entity: Optional[str] = None) -> list[Indicator]:
    """The rows of one catalogue series, optionally about one country (name, demonym or ISO code)."""
    if not any(m["id"] == series_id for m in series()):
        known = ", ".join(m["id"] for m in series())
        raise RhetoricError(f"unknown indicator series '{series_id}' (known: {known})")
    if entity is None:
        return sorted(all_rows(series_id), key=lambda r: (r.entity, r.period))
    code = iso3_of(entity) or entity
    return sorted(_rows_of(series_id).get(code, []), key=lambda r: r.period)


def find_series(term: str) -> list[tuple[str, Optional[dict]]]:
    """(concept, catalogue series record or None for the hand-sourced tables) a phrase links to.

    The phrase is read as the quantity stage reads text: its concept synonyms ("consumer
    prices" -> inflation, "a barrel of Brent" -> brent oil price).
    """
    from ..nlp.quantities.context import concepts_in  # the same reading as figures get
    from .indicators import load_tables
    from .lexicon import canonical_concept

    concepts = []
    for _, _, phrase in sorted(concepts_in(term), key=lambda m: m[0] - m[1]):  # longest first
        concept = canonical_concept(phrase)
        if concept not in concepts:
            concepts.append(concept)
    out: list[tuple[str, Optional[dict]]] = []
    hand = {canonical_concept(r.series) for r in load_tables()}
    for concept in concepts:
        out.extend((concept, meta) for meta in series() if meta["concept"] == concept)
        if concept in hand:
            out.append((concept, None))
    return out


@functools.lru_cache(maxsize=64)
def currency_entity(code: Optional[str]) -> Optional[str]:
    """The entity whose exchange-rate rows are in currency ``code`` ('JPY' -> 'JPN', 'EUR' -> 'EMU'):
    "110 yen to the dollar" is about Japan's rate whichever country the sentence names."""
    for name, currency in sources()["fx_currencies"].items():
        if currency == code:
            return "EMU" if name == "Euro" else iso3_of(name)
    return None
