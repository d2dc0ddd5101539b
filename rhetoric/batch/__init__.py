"""Batch scoring at scale: stream records through the pipeline into a resumable store.

Modules, in the order data flows through them:
    ``run``      :func:`~rhetoric.batch.run.run_batch`, the library behind ``rhetoric batch``
    ``engines``  where batches are scored: this process, a local process pool, or Dask
    ``worker``   what a worker process does with one batch (plain data in and out)
    ``store``    the SQLite store (WAL): documents keyed by id and content hash, errors, runs
    ``lock``     one writer per store: a lock beside it that names its holder
    ``signals``  SIGTERM like Ctrl-C, workers that die with their parent, per-document time limits
    ``exports``  JSONL / CSV / Parquet / SQLite writers (``rhetoric export``)
    ``results``  :func:`~rhetoric.batch.results.read_results`, reading any of them back

Only ``read_results`` is imported here: reading results needs no pipeline.
"""
from .results import read_results

__all__ = ["read_results"]
