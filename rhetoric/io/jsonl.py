"""The one JSON-lines reader: records, batch results, compare inputs and training files.

:func:`json_lines` is lenient (a bad line is reported and the caller goes on, as ``rhetoric
batch`` must); :func:`read_json_lines` is strict (the first bad line is a user error naming
the file and line).
"""
from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Union

from ..errors import RhetoricError


@dataclass
class JsonLine:
    """One non-blank line: its number and the JSON object, or why it is not one."""

    number: int
    value: Optional[dict] = None
    error: Optional[str] = None


def json_lines(handle: IO[bytes]) -> Iterator[JsonLine]:
    """The non-blank lines of a binary JSONL stream (a UTF-8 BOM is skipped), each parsed."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield JsonLine(number, error=f"undecodable bytes (not UTF-8) at byte {err.start}")
            continue
        try:
            value: Any = json.loads(line)
        except ValueError as err:
            yield JsonLine(number, error=f"invalid JSON ({err})")
            continue
        if not isinstance(value, dict):
            yield JsonLine(number, error=f"a JSON {type(value).__name__}, not an object")
            continue
        yield JsonLine(number, value)


def read_json_lines(path: Union[str, Path]) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` of each non-blank line of ``path``; a bad line raises
    :class:`~rhetoric.errors.RhetoricError` naming the file and line."""
    with open(path, "rb") as handle:
        for line in json_lines(handle):
            if line.error:
                raise RhetoricError(f"{path}:{line.number}: {line.error}")
            yield line.number, line.value


def first_json_line(path: Union[str, Path]) -> Optional[dict]:
    """The first object of a JSONL file (None when it is empty), to tell what the file holds."""
    for _, value in read_json_lines(path):
        return value
    return None
