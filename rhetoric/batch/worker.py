"""What runs inside a worker process (local pool or Dask worker): score one batch.

Workers load the pipeline once per process (``load_pipeline`` is cached) and return
plain data: the analysis as contract JSON text, or the error that stopped it. spaCy's
own ``nlp.pipe(n_process=N)`` is not used because our Doc extensions hold dataclasses
that spaCy cannot send between processes; a worker only ever sends back strings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..errors import RhetoricError
from ..io.readers import Document
from .signals import DocTimeout, die_with_parent, time_limit

# Documents handed to nlp.pipe at once inside a batch (spaCy's default is 1000 for
# small texts; news articles are long, so fewer at a time keeps memory flat).
PIPE_BATCH = 32


@dataclass
class Item:
    """One document to score: ``key`` is the caller's handle for the result."""

    key: int
    id: str
    text: str
    meta: dict


@dataclass
class Outcome:
    """The result for one :class:`Item`: contract JSON text, or the error message."""

    key: int
    analysis: Optional[str] = None
    words: int = 0
    error: Optional[str] = None


@dataclass(frozen=True)
class Setup:
    """What a worker builds its pipeline from: the spaCy ``model`` (None: the default), the
    rhetoric ``stages`` (None: all) and the ``--actors`` files as ``(path, digest)`` pairs
    (:func:`rhetoric.knowledge.actors.stamp_actor_files`; every worker must be able to read the paths)."""

    model: Optional[str] = None
    stages: Optional[tuple] = None
    actors: tuple = ()

    def fingerprint(self) -> str:
        """What produced an analysis; part of the store hash, so a new pipeline re-scores."""
        try:
            from importlib.metadata import version
            release = version("rhetoric")
        except Exception:  # not installed as a distribution (running from a checkout)
            release = "dev"
        from ..nlp.pipeline import ALL_STAGES  # the stage list lives with the pipeline (spaCy)

        names = ALL_STAGES if self.stages is None else tuple(self.stages)
        text = f"rhetoric {release}|model {self.model or 'default'}|stages {','.join(names)}"
        if self.actors:  # by content: an edited actors file re-scores
            text += "|actors " + ",".join(digest for _, digest in self.actors)
        return text


def pipeline(setup: Setup):
    """The cached pipeline of this process for ``setup``. spaCy is imported here, in the worker,
    so the rest of rhetoric.batch (reading and exporting results) never loads it."""
    from ..knowledge.actors import actor_files, use_actor_files
    from ..nlp.pipeline import load_pipeline

    if actor_files() != setup.actors:  # the stages read the gazetteer per document
        use_actor_files(path for path, _ in setup.actors)
    if setup.stages is None:
        return load_pipeline(setup.model)
    return load_pipeline(setup.model, tuple(setup.stages))


def warm(setup: Setup) -> None:
    """Load the pipeline now (pool initialiser); a loading error is raised on first use."""
    try:
        pipeline(setup)
    except RhetoricError:
        pass


def init_worker(parent: int, setup: Setup) -> None:
    """Pool initialiser: die with the main process ``parent``, then load the pipeline."""
    die_with_parent(parent)
    warm(setup)


def score_batch(items: Sequence[Item], setup: Setup = Setup(), doc_timeout: Optional[float] = None) -> list[Outcome]:
    """Analyse ``items`` in one ``nlp.pipe`` stream; a document that makes a stage fail
    is retried alone, so only that document is reported as failed.

    ``doc_timeout`` (seconds per document, and per 100,000 characters of a longer one)
    bounds the whole batch first; when it runs out each document is retried alone
    under its own limit, and one that still runs out is reported as failed.
    """
    from ..api import analyze_many

    nlp = pipeline(setup)
    if len(items) > 1:
        try:
            with time_limit(doc_timeout):
                return [_outcome(item, analysis) for item, analysis in
                        zip(items, analyze_many(_documents(items), nlp, batch_size=_pipe_batch(items)))]
        except Exception:  # a stage failed or time ran out on some document: find which
            pass
    return [outcome for item in items for outcome in _score_alone(item, nlp, doc_timeout)]


def _pipe_batch(items: Sequence[Item]) -> int:
    # A long document goes through nlp.pipe as 100,000-character parts; piped one at a
    # time, as `analyze` does, they keep the parser's memory at one part's worth.
    from ..api import PART_CHARS

    return 1 if any(len(item.text) > PART_CHARS for item in items) else PIPE_BATCH


def _score_alone(item: Item, nlp, doc_timeout: Optional[float]) -> list[Outcome]:
    from ..api import PART_CHARS, analyze_many

    limit = doc_timeout * max(1, -(-len(item.text) // PART_CHARS)) if doc_timeout else None
    try:
        with time_limit(limit):
            return [_outcome(item, analysis) for analysis in analyze_many(_documents([item]), nlp, batch_size=1)]
    except DocTimeout as err:
        return [Outcome(item.key, error=f"analysis stopped: {err}")]
    except Exception:
        return [_failed(item)]


def _documents(items: Sequence[Item]):
    return (Document(id=item.id, text=item.text, meta=item.meta) for item in items)


def _outcome(item: Item, analysis) -> Outcome:
    text = analysis.to_json()
    return Outcome(item.key, analysis=text, words=len(item.text.split()))


def _failed(item: Item) -> Outcome:
    import sys

    err = sys.exc_info()[1]
    message = f"analysis failed: {type(err).__name__}: {err}".splitlines()[0] if err else "analysis failed"
    return Outcome(item.key, error=message)
