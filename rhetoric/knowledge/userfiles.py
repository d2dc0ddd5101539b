"""Reading the CSV files users hand us (``--indicators``, ``--actors``): one place that turns an
unreadable or non-UTF-8 file into a one-line :class:`RhetoricError` naming the file."""
from __future__ import annotations

import io
from pathlib import Path

from ..errors import RhetoricError


def user_csv(path: str | Path, what: str) -> io.StringIO:
    """The text of the UTF-8 CSV at ``path`` (a byte-order mark is dropped), ready for ``csv``;
    ``what`` names the kind of file in the error ("indicator table", "actors file")."""
    name = str(path)
    if not Path(path).is_file():
        raise RhetoricError(f"{name}: no such file")
    try:
        return io.StringIO(Path(path).read_bytes().decode("utf-8-sig"), newline="")
    except OSError as err:
        raise RhetoricError(f"{name}: cannot read {what} ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise RhetoricError(f"{name}: not UTF-8 (invalid byte 0x{err.object[err.start]:02x} at byte offset "
                            f"{err.start}); save the {what} as UTF-8") from None
