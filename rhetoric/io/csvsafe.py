"""CSV rows that survive a broken quote: the bad row is reported, the rest are read.

Python's csv module, lenient by default, lets one stray opening quote swallow every
following line into a single field: fifty rows become four documents and nothing is
reported. Here rows are parsed in strict mode, and a row that breaks (a quote that is
not closed where a field ends, or a quoted field that runs across lines into a row
with the wrong number of fields) is reported by its first line; reading resumes on
the line after it, so only that row is lost.
"""
from __future__ import annotations

import csv
from collections import deque
from typing import Iterable, Iterator, NamedTuple, Optional


class Row(NamedTuple):
    """One CSV row: its first physical line, its fields, or why it could not be read."""

    line: int
    fields: Optional[list[str]]
    error: Optional[str] = None
    raw: str = ""  # the first physical line of a broken row, to recover its id


class _Lines:
    """Physical lines with numbers, where lines can be pushed back to be read again."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.number = 0  # of the last line handed out
        self.high = 0  # of the last line read from the file
        self.back: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        if self.back:
            self.number, line = self.back.popleft()
        else:
            line = next(self.lines)
            self.high += 1
            self.number = self.high
        self.taken.append((self.number, line))
        return line

    def start_row(self) -> None:
        self.taken = []

    def replay_after_first(self) -> None:
        """Read again every line of the current row but its first."""
        self.back.extendleft(reversed(self.taken[1:]))


def csv_rows(lines: Iterable[str], delimiter: str = ",", width: Optional[int] = None) -> Iterator[Row]:
    """Parse ``lines`` (from a text file opened with ``newline=""``) into :class:`Row` s.

    ``width`` is the number of header fields: a row spanning several lines with another
    number of fields is taken for a broken quote. Blank lines are skipped.
    """
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    while True:
        source.start_row()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield _broken(source, f"unreadable CSV row ({err}); read on from the next line")
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            continue
        if not fields:
            continue
        first = source.taken[0][0] if source.taken else source.number
        if width is not None and len(source.taken) > 1 and len(fields) != width:
            yield _broken(source, f"unreadable CSV row (a quoted field runs over {len(source.taken)} lines "
                                  f"into {len(fields)} fields, not {width}); read on from the next line")
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            continue
        yield Row(first, fields)


def _broken(source: _Lines, reason: str) -> Row:
    if not source.taken:  # csv.Error at the very end of the input
        return Row(source.number, None, reason)
    line, raw = source.taken[0]
    source.replay_after_first()
    return Row(line, None, reason, raw)


def loose_fields(raw: str, delimiter: str = ",") -> list[str]:
    """The fields of one line parsed leniently (to name the id of a broken row)."""
    try:
        return next(csv.reader([raw], delimiter=delimiter), [])
    except csv.Error:
        return []
