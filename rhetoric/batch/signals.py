"""Stopping cleanly: SIGTERM like Ctrl-C, workers that die with their parent, time limits.

``timeout``, docker and systemd stop a process with SIGTERM (then SIGKILL). The main
process turns SIGTERM into the same clean stop as Ctrl-C: the batches committed so
far stay in the store, the workers are killed, and a rerun resumes. Workers must not
outlive the main process however it ends, even by SIGKILL, which no handler sees: on
Linux the kernel kills them (``PR_SET_PDEATHSIG``); elsewhere a watchdog thread in each
worker exits when its parent is gone.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from typing import Iterator, Optional

from ..errors import RhetoricError

# Linux prctl option: the signal a process receives when its parent dies.
PR_SET_PDEATHSIG = 1
# How often a worker's watchdog checks that its parent is alive (seconds).
WATCHDOG_EVERY = 1.0


class Terminated(KeyboardInterrupt):
    """SIGTERM received: unwinds like Ctrl-C (not an Exception, so nothing swallows it)."""


class Stopped(RhetoricError):
    """The run was stopped by a signal; what was committed stays in the store."""

    def __init__(self, signal_name: str, stored: int) -> None:
        self.exit_code = 143 if signal_name == "SIGTERM" else 130
        super().__init__(f"stopped by {signal_name}; {stored} documents of this run are stored: "
                         f"run the same command again to resume")


class DocTimeout(Exception):
    """A document took longer than its time limit."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises :class:`Terminated` in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent(parent: int) -> None:
    """Called first in a worker process: end this process when ``parent`` ends."""
    # Ctrl-C reaches the whole process group; the main process decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="rhetoric-parent-watchdog", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_EVERY)
    os._exit(1)


@contextlib.contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`DocTimeout` in the block after ``seconds`` (SIGALRM; main thread only,
    so Dask worker threads run without a limit)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum, frame) -> None:
        raise DocTimeout(f"took longer than {seconds:g} s (--doc-timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
