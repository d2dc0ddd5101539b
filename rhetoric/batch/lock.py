"""One writer per store: an advisory lock on ``STORE.lock`` that names its holder.

Two runs writing one store would re-number each other's documents, and each would
export only part of its input. The lock is ``flock`` on a small file beside the store:
the kernel drops it when its holder exits, however it exits (even SIGKILL), so there is
no stale lock to clean up by hand. The holder writes who it is into the file, so the
run that is refused can say which process holds the store. The file is removed when
the holder releases it; a run that opened it just before must then retry on the new one.
"""
from __future__ import annotations

import os
import socket
import time
from typing import Callable, Optional

from ..errors import RhetoricError

try:
    import fcntl
except ImportError:  # not POSIX: no lock (documented in the README)
    fcntl = None

LOCK_SUFFIX = ".lock"


class StoreBusy(RhetoricError):
    """Another run holds the store."""


class StoreLock:
    """Hold ``store_path``'s lock while the block runs; ``wait`` waits for the holder instead
    of refusing, and ``on_wait(holder)`` is called once before waiting."""

    def __init__(self, store_path: str, note: str = "", wait: bool = False,
                 on_wait: Optional[Callable[[str], None]] = None) -> None:
        self.store_path, self.path = store_path, store_path + LOCK_SUFFIX
        self.note, self.wait, self.on_wait = note, wait, on_wait
        self.fd: Optional[int] = None

    def __enter__(self) -> "StoreLock":
        if fcntl is None:
            return self
        while self.fd is None:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not self.wait:
                    os.close(fd)
                    raise StoreBusy(f"{self.store_path}: in use by another run ({holder}); "
                                    f"wait for it to end, or add --wait") from None
                if self.on_wait:
                    self.on_wait(holder)
                    self.on_wait = None
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, self.path):
                self.fd = fd
            else:  # the holder removed the file as we opened it: lock the new one
                os.close(fd)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, _describe(self.note).encode("utf-8"))
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)  # while still holding it: see _same_file
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            folder = os.path.dirname(os.path.abspath(self.path))
            raise RhetoricError(f"{folder}: cannot write the store here ({err.strerror})") from None


def _describe(note: str) -> str:
    """Who holds the lock, on one line."""
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    text = f"pid {os.getpid()} on {socket.gethostname()} since {started}"
    note = " ".join(note.split())
    return f"{text}: {note[:200]}" if note else text


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return " ".join(text.split()) or "a process that has not said who it is yet"


def _same_file(fd: int, path: str) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
