"""The document's date: from ``--date``, batch metadata ``date``, a dateline, or an HTML page's own date.

Relative periods ("this year", "in the first half") are resolved against it, and dated
roles (who was minister when) need it. Dates are parsed with python-dateutil: it reads
every ISO and English form our inputs use ("2023-09-20", "20 Sep 2023", "September 20,
2023"), is already a dependency of our dependencies, and unlike dateparser it neither
guesses languages nor reads relative words ("yesterday"), which must not move a date.

A date keeps the precision it was given: "2024" stays "2024", "2020-05" stays "2020-05".
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from dateutil import parser as _parser

from ..errors import RhetoricError

FROM_OPTION, FROM_METADATA, FROM_DATELINE, FROM_HTML = "option", "metadata", "dateline", "html"
# Metadata key where the HTML reader leaves the page's own date (trafilatura's metadata).
HTML_DATE_KEY = "html_date"
# A dateline opens the text: only this many characters are searched.
DATELINE_CHARS = 400
_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?\s*$")
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# "MOSCOW, March 5. /TASS/", "BEIJING, Jan. 13 (Xinhua) --", "NEW DELHI, September 20, 2023",
# "September 20, 2023" on a line of its own, "20 September 2023".
_DATELINES = (
    re.compile(rf"^[ \t]*[A-Z][A-Za-z .'-]{{1,40}},\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
               rf"(?=\s*[.,(/–—-]|\s+\(|\s*$)", re.MULTILINE),
    re.compile(rf"^[ \t]*{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.MULTILINE),
    re.compile(rf"^[ \t]*(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.MULTILINE),
)


def parse_date(value: object) -> Optional[str]:
    """'2023-09-20', '20 Sep 2023', 'September 20, 2023' -> '2023-09-20'; '2024' -> '2024';
    '2020-05' -> '2020-05'; None when ``value`` is not a date."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a year given as a JSON number: "date": 2019
    if not isinstance(value, str) or not value.strip():
        return None
    partial = _PARTIAL.match(value)
    if partial:
        year, month = partial.group(1), partial.group(2)
        if month is None:
            return year
        return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    try:
        # two defaults that differ in every field: a field the text lacks shows up as a difference
        first = _parser.parse(value, default=_dt.datetime(1904, 1, 1))
        second = _parser.parse(value, default=_dt.datetime(1908, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.year != second.year:
        return None  # no year: not a date we can place
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.strftime("%Y-%m-%d")


def metadata_day(meta: Optional[dict]) -> Optional[_dt.date]:
    """The day of the metadata ``date`` (read by :func:`parse_date`), the first day of a month or
    year given alone ("2019-05" -> 1 May 2019): the day attribution dates roles by. A dateline
    or ``--date`` reaches it through ``meta["date"]`` (see ``rhetoric.api.prepare``)."""
    value = parse_date((meta or {}).get("date"))
    if value is None:
        return None
    year, month, day = (value.split("-") + ["1", "1"])[:3]
    return _dt.date(int(year), int(month), int(day))


def require_date(value: str, what: str = "--date") -> str:
    """``parse_date`` for a value the user typed: not a date raises :class:`RhetoricError` (exit 2)."""
    parsed = parse_date(value)
    if parsed is None:
        raise RhetoricError(f"{what} '{value}' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return parsed


def dateline(text: str, year_hint: Optional[str] = None) -> Optional[str]:
    """The date of a dateline at the top of ``text``; a dateline without a year ("MOSCOW,
    March 5. /TASS/") takes ``year_hint`` (a year from metadata) or is not used."""
    head = text[:DATELINE_CHARS]
    for pattern in _DATELINES:
        m = pattern.search(head)
        if not m:
            continue
        year = m.group("year") or year_hint
        if not year:
            continue
        parsed = parse_date(f"{m.group('month')} {m.group('day')} {year}")
        if parsed and len(parsed) == 10:
            return parsed
    return None


def document_date(text: str, meta: Optional[dict] = None, option: Optional[str] = None,
                  warn=None) -> tuple[Optional[str], Optional[str]]:
    """(date, where from) of a document: ``option`` (``--date``), else metadata ``date``,
    else a dateline, else the HTML page's date; (None, None) when none is known.

    A metadata date that cannot be read calls ``warn(message)`` (one line naming the record)
    and is skipped; a metadata date of lower precision ("2024") is refined by a dateline of the same year.
    """
    if option:
        return require_date(option), FROM_OPTION
    meta = meta or {}
    raw = meta.get("date")
    given = parse_date(raw) if raw not in (None, "") else None
    if raw not in (None, "") and given is None and warn is not None:
        warn(f"record {meta.get('id') or '?'}: metadata date '{raw}' is not a date; ignored")
    if given and len(given) == 10:
        return given, FROM_METADATA
    lined = dateline(text, given[:4] if given else None)
    if lined and (not given or lined.startswith(given)):
        return lined, FROM_DATELINE
    if given:
        return given, FROM_METADATA
    html = parse_date(meta.get(HTML_DATE_KEY))
    if html:
        return html, FROM_HTML
    return None, None


def date_record(text: str, meta: Optional[dict] = None, option: Optional[str] = None, warn=None) -> Optional[dict]:
    """The Analysis ``date`` field: ``{"value": "2023-09-20", "from": "metadata"}`` or None."""
    value, source = document_date(text, meta, option, warn)
    return {"value": value, "from": source} if value else None
