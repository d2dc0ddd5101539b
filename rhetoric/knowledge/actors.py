"""The actors gazetteer: people and bodies that speak, the offices they held, and when.

``corpora/gazetteer/actors.csv`` (columns ``name, aliases, country, role, office, from,
to``) has one row per tenure, so "Vladimir Putin" in a 2009 text is head of government
and in a 2015 text head of state; a person the text names after their last tenure ended
holds no office (a "former finance minister" is not official). Users add or override
people with ``--actors FILE.csv`` (same columns, ``office`` optional), read by
:func:`read_actors`, which names the file and line of every mistake.

:func:`rhetoric.knowledge.dates.metadata_day` gives attribution the day to date roles by.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from dateutil import parser as dateparser

from ..contract.fields import ROLES
from ..errors import RhetoricError
from ..resources import corpus_path
from .userfiles import user_csv

SHIPPED = ("gazetteer", "actors.csv")
REQUIRED_COLUMNS = ("name", "aliases", "country", "role", "from", "to")
_KEY = re.compile(r"[^\w]+")

_user_files: list = []  # --actors files as (path, digest), in the order given; later ones override earlier ones


@dataclass(frozen=True)
class Tenure:
    """One office a person (or body) held: role and office from ``start`` to ``end`` (open when None)."""

    name: str
    aliases: tuple
    country: Optional[str]
    role: str
    office: Optional[str]
    start: Optional[date]
    end: Optional[date]

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def person_key(name: str) -> str:
    """A stable key for a person or body: the canonical name, lower-cased, words joined by '-'.

    Gazetteer actors get ``gz:`` in front, so a key says whether the identity is known.
    """
    return _KEY.sub("-", name.lower()).strip("-")


class Gazetteer:
    """Tenures indexed by every name and alias (case-insensitive, a leading "the" ignored)."""

    def __init__(self, tenures: Iterable[Tenure]):
        self.by_name: dict[str, list[Tenure]] = {}
        for t in tenures:
            self.by_name.setdefault(t.name, []).append(t)
        self.index: dict[str, str] = {}
        for name, rows in self.by_name.items():
            for key in [name] + [a for t in rows for a in t.aliases]:
                self.index.setdefault(_norm(key), name)

    def canonical(self, text: Optional[str]) -> Optional[str]:
        """The gazetteer's name for ``text`` (a name or alias), else None."""
        return self.index.get(_norm(text)) if text else None

    def default(self, name: str) -> Tenure:
        """The tenure used when the date is unknown: the open one, else the latest."""
        rows = self.by_name[name]
        open_rows = [t for t in rows if t.end is None]
        return (open_rows or sorted(rows, key=lambda t: t.start or date.min))[-1]

    def at(self, name: str, day: Optional[date]) -> Optional[Tenure]:
        """The tenure of canonical ``name`` on ``day`` (the default one without a day); None if
        the person held no listed office that day (bodies without dates hold theirs always)."""
        rows = self.by_name.get(name)
        if not rows:
            return None
        if day is None:
            return self.default(name)
        held = [t for t in rows if t.covers(day)]
        return max(held, key=lambda t: t.start or date.min) if held else None

    def country_of(self, name: str) -> Optional[str]:
        return self.default(name).country

    def holder(self, office: str, country: Optional[str], day: Optional[date]) -> Optional[Tenure]:
        """Who held ``office`` (e.g. "president") in ``country`` on ``day`` (today without one)."""
        day = day or date.today()
        found = [t for rows in self.by_name.values() for t in rows
                 if t.office == office and t.country == country and t.start is not None and t.covers(day)]
        return found[0] if len(found) == 1 else None


def _norm(text: str) -> str:
    key = " ".join(str(text).lower().split())
    return key[4:] if key.startswith("the ") else key


def _date(value: str, path: str, line: int, column: str) -> Optional[date]:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dateparser.isoparse(value).date()
    except (ValueError, OverflowError):
        raise RhetoricError(f"{path}:{line}: column '{column}': '{value}' is not a date (YYYY-MM-DD)") from None


def read_actors(path: str, required: tuple = REQUIRED_COLUMNS) -> list[Tenure]:
    """The tenures of one actors CSV; a missing column, unknown role, bad date or a name given
    two different roles for overlapping periods raises :class:`RhetoricError` naming file and line."""
    with user_csv(path, "actors file") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in required if c not in header]
        if missing:
            raise RhetoricError(f"{path}:1: missing column '{missing[0]}' (need {', '.join(required)})")
        reader.fieldnames = header
        tenures: list[tuple[int, Tenure]] = []
        for row in reader:
            line = reader.line_num
            name = (row.get("name") or "").strip()
            role = (row.get("role") or "").strip()
            if not name:
                raise RhetoricError(f"{path}:{line}: empty name")
            if role not in ROLES:
                raise RhetoricError(f"{path}:{line}: unknown role '{role}' (one of {', '.join(ROLES)})")
            start, end = _date(row.get("from"), path, line, "from"), _date(row.get("to"), path, line, "to")
            if start and end and end < start:
                raise RhetoricError(f"{path}:{line}: 'to' ({end}) is before 'from' ({start})")
            tenure = Tenure(name, tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
                            (row.get("country") or "").strip() or None, role,
                            (row.get("office") or "").strip().lower() or None, start, end)
            for other_line, other in tenures:
                if other.name == name and other.role != role and _overlap(other, tenure):
                    raise RhetoricError(f"{path}:{line}: '{name}' is already {other.role} (line {other_line}) "
                                        f"for an overlapping period; here {role}")
            tenures.append((line, tenure))
    return [t for _, t in tenures]


def _overlap(a: Tenure, b: Tenure) -> bool:
    return (a.start is None or b.end is None or a.start <= b.end) and (b.start is None or a.end is None
                                                                        or b.start <= a.end)


def stamp_actor_files(paths: Iterable[str]) -> tuple:
    """``(path, digest of its contents)`` of each ``--actors`` file, validated now (a
    :class:`RhetoricError` names the file and line of a mistake). The digest keys every cache
    built from the gazetteer and a batch store's pipeline, so an edited file is read again."""
    stamped = []
    for path in map(str, paths):
        read_actors(path)
        stamped.append((path, hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]))
    return tuple(stamped)


def use_actor_files(paths: Iterable[str]) -> None:
    """Use these ``--actors`` files in this process, in place of any before; their people
    replace shipped ones, later files override earlier ones."""
    _user_files[:] = stamp_actor_files(paths)


def actor_files() -> tuple:
    """The ``--actors`` files in use as ``(path, digest)`` pairs (see :func:`stamp_actor_files`)."""
    return tuple(_user_files)


@functools.lru_cache(maxsize=4)
def load_gazetteer(user_files: tuple = (), shipped: Optional[Path] = None) -> Gazetteer:
    """The shipped gazetteer (or the one at ``shipped``, e.g. saved with a pipeline) with
    ``user_files`` (:func:`actor_files` pairs) on top (a user's person replaces all shipped rows)."""
    tenures = read_actors(str(shipped or corpus_path(*SHIPPED)))
    for path, _ in user_files:
        mine = read_actors(path)
        names = {t.name for t in mine}
        tenures = [t for t in tenures if t.name not in names] + mine
    return Gazetteer(tenures)
