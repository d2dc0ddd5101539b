"""Indicator tables: load and validate CSVs of (series, entity, counterpart, period, value, unit, source).

Every fault a user can make in a table (missing column, non-numeric value, unknown unit,
bad period, empty source, duplicate key) raises :class:`~rhetoric.errors.RhetoricError`
with one line naming the file and line. Values are stored in base units: a row
``68.0, USD billion`` becomes 6.8e10 with unit ``USD``, as quantities are.
"""
from __future__ import annotations

import csv
import math
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..errors import RhetoricError
from .lexicon import load_lexicon
from ..resources import corpus_path
from .userfiles import user_csv

REQUIRED = ("series", "entity", "counterpart", "period", "value", "unit", "source")
OPTIONAL = ("note", "verified")
# Non-money units a table may use (money: any ISO 4217 code the quantity stage knows).
PLAIN_UNITS = ("percent", "pp", "rank", "count", "people")
PERIOD = re.compile(r"^\d{4}(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")
TRUE_WORDS = {"true", "yes", "1", "y"}
FALSE_WORDS = {"false", "no", "0", "n", ""}


@dataclass
class Indicator:
    """One row of an indicator table, value in base units."""

    series: str
    entity: str
    counterpart: str
    period: str
    value: float
    unit: str
    source: str
    note: str = ""
    verified: bool = False
    file: str = ""
    line: int = 0
    publisher: str = ""
    code: str = ""
    edition: str = ""
    licence: str = ""

    @property
    def key(self) -> tuple:
        return (self.series.lower(), self.entity.lower(), self.counterpart.lower(), self.period)


def parse_unit(raw: str) -> Optional[tuple[str, float]]:
    """'USD billion' -> ('USD', 1e9); 'percent' -> ('percent', 1.0); None when unknown."""
    lex = load_lexicon()
    parts = raw.strip().split()
    if len(parts) == 1 and parts[0].lower() in PLAIN_UNITS:
        return parts[0].lower(), 1.0
    if not parts or parts[0].upper() not in lex.iso_codes:
        return None
    code = lex.currencies["code_alias"].get(parts[0].upper(), parts[0].upper())
    if len(parts) == 1:
        return code, 1.0
    if len(parts) == 2:
        scale = lex.scales["words"].get(parts[1].lower()) or lex.scales["abbreviations"].get(parts[1])
        if scale:
            return code, float(scale)
    return None


def load_table(path: str | Path) -> list[Indicator]:
    """The rows of one indicator CSV, validated; raises RhetoricError naming file and line."""
    name = str(path)
    with user_csv(path, "indicator table") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise RhetoricError(f"{name}:1: missing column '{missing[0]}' (need {', '.join(REQUIRED)})")
        reader.fieldnames = header
        rows: list[Indicator] = []
        seen: dict[tuple, int] = {}
        for row in _checked(reader, name):
            line = reader.line_num
            indicator = _row(row, name, line)
            if indicator.key in seen:
                raise RhetoricError(f"{name}:{line}: duplicate row for {indicator.series} / {indicator.entity} / "
                                    f"{indicator.counterpart or '-'} / {indicator.period} (first at line {seen[indicator.key]})")
            seen[indicator.key] = line
            rows.append(indicator)
    return rows


def _checked(reader: csv.DictReader, name: str) -> Iterable[dict]:
    """The reader's rows, a malformed row (e.g. a field over the csv module's limit) as a user error."""
    try:
        yield from reader
    except csv.Error as err:
        raise RhetoricError(f"{name}:{reader.line_num + 1}: unreadable CSV row ({err})") from None


def _row(row: dict, name: str, line: int) -> Indicator:
    """One CSV row checked field by field."""
    cell = {k: (row.get(k) or "").strip() for k in REQUIRED + OPTIONAL}
    for column in ("series", "entity", "period", "value", "unit", "source"):
        if not cell[column]:
            raise RhetoricError(f"{name}:{line}: empty '{column}'")
    try:
        number = float(cell["value"].replace(",", ""))
    except ValueError:
        raise RhetoricError(f"{name}:{line}: value '{cell['value'][:40]}' is not a number") from None
    if not math.isfinite(number):
        raise RhetoricError(f"{name}:{line}: value '{cell['value']}' is not a finite number")
    unit = parse_unit(cell["unit"])
    if unit is None:
        raise RhetoricError(f"{name}:{line}: unknown unit '{cell['unit']}' "
                            f"(use an ISO 4217 code, optionally scaled like 'USD billion', or {', '.join(PLAIN_UNITS)})")
    if not PERIOD.match(cell["period"]):
        raise RhetoricError(f"{name}:{line}: period '{cell['period']}' is not YYYY, YYYY-H1, YYYY-Q1 or YYYY-MM")
    verified = cell["verified"].lower()
    if verified not in TRUE_WORDS | FALSE_WORDS:
        raise RhetoricError(f"{name}:{line}: verified '{cell['verified']}' is not true or false")
    code, scale = unit
    return Indicator(series=cell["series"], entity=cell["entity"], counterpart=cell["counterpart"],
                     period=cell["period"], value=number * scale, unit=code, source=cell["source"],
                     note=cell["note"], verified=verified in TRUE_WORDS, file=name, line=line)


def shipped_tables() -> list[Path]:
    """The CSVs in the project's ``corpora/indicators/``."""
    folder = corpus_path("indicators")
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple:
    rows: list[Indicator] = []
    for path in shipped_tables():
        rows.extend(load_table(path))
    return tuple(rows)


@functools.lru_cache(maxsize=32)
def _user(paths: tuple) -> tuple:
    rows: list[Indicator] = []
    for path in paths:
        rows.extend(load_table(path))
    return tuple(rows)


def load_tables(paths: Optional[Sequence[str]] = None, shipped: bool = True) -> list[Indicator]:
    """The shipped tables (read once per process) plus the user's ``paths`` (read once per path set)."""
    rows = list(_shipped()) if shipped else []
    if paths:
        rows.extend(_user(tuple(str(p) for p in paths)))
    return rows


def describe(rows: Iterable[Indicator]) -> list[str]:
    """Lines for ``rhetoric indicators show``: one per row, value in the table's natural scale."""
    out = []
    for r in rows:
        shown = f"{r.value / 1e9:,.2f} bn" if r.unit not in PLAIN_UNITS and abs(r.value) >= 1e9 else f"{r.value:,.2f}"
        flag = "" if r.verified else "  (unverified)"
        out.append(f"{r.series:<20} {r.entity:<8} {r.counterpart or '-':<8} {r.period:<8} {shown:>12} {r.unit:<8} "
                   f"{r.source}{flag}")
    return out
