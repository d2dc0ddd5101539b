"""Where batches are scored: in this process, a local process pool, or a Dask cluster.

Every engine maps :func:`rhetoric.batch.worker.score_batch` over a stream of batches
and yields ``(batch, outcomes)`` in input order, with a bounded number of batches in
flight, so memory does not grow with the corpus and every engine gives the same output.
"""
from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from ..errors import RhetoricError
from .worker import Item, Outcome, Setup, init_worker, score_batch

ENGINES = ("local", "dask")
# Batches queued per worker: one being scored, one waiting, so no worker idles while
# the main process stores results, and at most 2 x jobs batches sit in memory.
IN_FLIGHT_PER_WORKER = 2
# What Dask's address parser accepts for a remote scheduler (tcp, tls, ws, wss, ucx;
# an IPv6 host in brackets).
SCHEDULER_ADDRESS = re.compile(r"(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?(?:\[[0-9a-fA-F:.]+\]|[\w.-]+):(?P<port>\d{1,5})/?")
DASK_HINT = "pip install 'rhetoric[dask]'  (or: pip install 'dask[distributed]')"

Batch = list[Item]


class WorkerDied(RhetoricError):
    """A worker process died (killed, out of memory): the run stopped, the store is intact."""

    exit_code = 3

    def __init__(self, detail: str) -> None:
        super().__init__(f"a worker process died ({detail}); finished documents are stored: "
                         f"run the same command again to resume")


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ordered(submit, batches: Iterable[Batch], limit: int) -> Iterator[tuple[Batch, list[Outcome]]]:
    """Submit batches with at most ``limit`` pending and yield results in input order."""
    pending: collections.deque = collections.deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= limit:
            head, future = pending.popleft()
            yield head, future.result()
    while pending:
        head, future = pending.popleft()
        yield head, future.result()


class LocalEngine:
    """``jobs`` worker processes on this machine; ``jobs=1`` scores in this process."""

    def __init__(self, jobs: int, setup: Setup, doc_timeout: Optional[float] = None) -> None:
        self.jobs, self.setup, self.doc_timeout = max(1, jobs), setup, doc_timeout
        self.pool: Optional[ProcessPoolExecutor] = None

    def __enter__(self) -> "LocalEngine":
        if self.jobs > 1:
            # fork: workers start in milliseconds and inherit components registered by
            # the caller; the main process holds no threads or pipeline at this point.
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method),
                                            initializer=init_worker,
                                            initargs=(os.getpid(), self.setup))
        return self

    def __exit__(self, *exc) -> None:
        if self.pool:
            if exc[0] is not None:
                # On an error, Ctrl-C or SIGTERM the batches in flight are not stored:
                # stop the workers now rather than after their current batch.
                for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                    process.kill()
            self.pool.shutdown(wait=True, cancel_futures=True)

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Outcome]]]:
        if self.pool is None:
            for batch in batches:
                yield batch, score_batch(batch, self.setup, self.doc_timeout)
            return
        submit = lambda batch: self.pool.submit(  # noqa: E731
            score_batch, batch, self.setup, self.doc_timeout)
        try:
            yield from _ordered(submit, batches, self.jobs * IN_FLIGHT_PER_WORKER)
        except BrokenProcessPool:
            raise WorkerDied("killed or out of memory") from None


class DaskEngine:
    """Batches as tasks on a Dask cluster: ``scheduler`` address, or a new LocalCluster."""

    def __init__(self, jobs: int, setup: Setup, scheduler: Optional[str] = None,
                 doc_timeout: Optional[float] = None) -> None:
        self.jobs, self.setup, self.scheduler = max(1, jobs), setup, scheduler
        self.doc_timeout = doc_timeout
        self.client = self.cluster = None

    def __enter__(self) -> "DaskEngine":
        distributed = import_distributed()
        if self.scheduler:
            try:
                self.client = distributed.Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError, TypeError) as err:
                raise RhetoricError(f"cannot reach the Dask scheduler at {self.scheduler} ({err})") from None
        else:
            import dask

            # One single-threaded worker process per job: spaCy's parser holds the GIL. Dask's
            # sampling profiler (a thread walking the task's stack every 10 ms) costs ~5% here.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self.client:
            self.client.close()
        if self.cluster:
            self.cluster.close()

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Outcome]]]:
        from distributed import KilledWorker

        submit = lambda batch: self.client.submit(  # noqa: E731
            score_batch, batch, self.setup, self.doc_timeout, pure=False)
        try:
            yield from _ordered(submit, batches, self.workers() * IN_FLIGHT_PER_WORKER)
        except KilledWorker as err:
            raise WorkerDied(f"Dask gave up on a batch: {err}") from None


def check_scheduler(address: str) -> None:
    """Refuse a scheduler address Dask could not even parse: ``[PROTOCOL://]HOST:PORT``."""
    match = SCHEDULER_ADDRESS.fullmatch(address.strip())
    if not match or not 0 < int(match.group("port")) < 65536:
        raise RhetoricError(f"--scheduler '{address}': not a Dask scheduler address; "
                            f"give HOST:PORT or PROTOCOL://HOST:PORT, e.g. tcp://10.0.0.5:8786")


def import_distributed():
    """``dask.distributed``, or a RhetoricError saying how to install it."""
    try:
        import dask.distributed as distributed
    except ImportError:
        raise RhetoricError(f"--engine dask needs dask.distributed, which is not installed; install it with: "
                            f"{DASK_HINT}") from None
    return distributed


def make_engine(engine: str, jobs: int, setup: Setup, scheduler: Optional[str] = None,
                doc_timeout: Optional[float] = None):
    """The engine named ``engine`` (local or dask)."""
    if engine == "local":
        if scheduler:
            raise RhetoricError("--scheduler needs --engine dask")
        return LocalEngine(jobs, setup, doc_timeout)
    if engine == "dask":
        if scheduler:
            check_scheduler(scheduler)
        return DaskEngine(jobs, setup, scheduler, doc_timeout)
    raise RhetoricError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
