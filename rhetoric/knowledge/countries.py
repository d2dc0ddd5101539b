"""Countries in text and metadata, as ISO 3166-1 alpha-3 codes.

Names, official names and codes come from pycountry (the maintained ISO 3166 tables);
demonyms and the common short names ISO leaves out ("Russia", "Turkey", "Ivory Coast")
from ``countries.json`` next to this module. Indicator rows are keyed by these codes, so
"Russian", "Russia", "the Russian Federation" and "RUS" all reach the same rows, and
"our country" / "our economy" reach the speaker's own country.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Optional

import pycountry

from ..errors import RhetoricError

HERE = Path(__file__).resolve().parent
# Aggregates the World Bank mixes in with countries, named as users write them.
# ("the world" alone is not: "the largest population in the world" is not about the world's.)
AGGREGATES = {"WLD": ["the world economy", "global economy", "world population"], "EMU": ["euro area", "eurozone", "euro zone"]}


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads((HERE / "countries.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _names() -> dict:
    """Lower-cased name, alias or demonym -> ISO3 (ISO names first, our aliases override)."""
    out: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                out[value.lower()] = country.alpha_3
    for code, entry in _data()["countries"].items():
        for word in entry["aliases"] + entry["demonyms"]:
            out[word.lower()] = code
    for code, words in AGGREGATES.items():
        for word in words:
            out[word] = code
    return out


def iso3_of(name: Optional[str]) -> Optional[str]:
    """'Russia', 'Russian Federation', 'russian', 'RUS' or 'RU' -> 'RUS'; None when not a country."""
    if not name:
        return None
    text = re.sub(r"\s+", " ", name.strip())
    text = re.sub(r"^the ", "", text, flags=re.IGNORECASE) if text.lower() not in _names() else text
    found = _names().get(text.lower()) or _names().get(re.sub(r"['’]s$", "", text).lower())
    if found:
        return found
    if text.isupper() and len(text) in (2, 3):
        country = pycountry.countries.get(**{"alpha_3" if len(text) == 3 else "alpha_2": text})
        if country is not None:
            return country.alpha_3
        if text in AGGREGATES:
            return text
    return None


def name_of(code: str) -> str:
    """The short English name of an ISO3 code ('RUS' -> 'Russia'), our alias first, else ISO's."""
    entry = _data()["countries"].get(code)
    if entry and entry["aliases"]:
        return entry["aliases"][0].removeprefix("the ")
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    return code


@functools.lru_cache(maxsize=1)
def _mention_re() -> re.Pattern:
    words = sorted(_names(), key=len, reverse=True)
    names = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words if len(w) > 2)
    return re.compile(rf"(?<![\w])(?:(?i:{names})|(?P<code>[A-Z]{{3}}))(?![\w])")


@functools.lru_cache(maxsize=64)
def mention_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, ISO3) of every country named in ``text``, in order.

    Cached: the reality checks ask once per figure, and a figure-dense sentence holds hundreds."""
    return tuple((m.start(), m.end(), code) for m in _mention_re().finditer(text)
                 if (code := iso3_of(m.group(0))))


def mentions(text: str) -> list[str]:
    """ISO3 codes of the countries named in ``text`` ('the Ethiopian economy' -> ['ETH']), first mention first."""
    out: list[str] = []
    for _, _, code in mention_spans(text):
        if code not in out:
            out.append(code)
    return out


def is_country_code(code: str) -> bool:
    """True for an ISO3 country code or a World Bank aggregate we name (not for a free-text place)."""
    return code in AGGREGATES or (len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None)


@functools.lru_cache(maxsize=1)
def _first_person_re() -> re.Pattern:
    phrases = sorted(_data()["first_person"], key=len, reverse=True)
    return re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(p) for p in phrases)})(?![\w])", re.IGNORECASE)


def speaks_of_own_country(text: str) -> bool:
    """True when ``text`` says 'our country', 'our economy', 'we' ...: the speaker's own country."""
    return _first_person_re().search(text) is not None


def speaker_country(meta: Optional[dict], option: Optional[str] = None) -> Optional[str]:
    """The speaker's country as ISO3: ``option`` (``--country``), else metadata ``country_iso3``, else ``country``.

    A ``--country`` that names no country raises :class:`RhetoricError`; unreadable metadata is None.
    """
    if option:
        code = iso3_of(option)
        if code is None:
            raise RhetoricError(f"--country '{option}' is not a country name or ISO code")
        return code
    meta = meta or {}
    for key in ("country_iso3", "country"):
        value = meta.get(key)
        if isinstance(value, str):
            code = iso3_of(value)
            if code:
                return code
    return None
