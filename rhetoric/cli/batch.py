"""``rhetoric batch INPUT... --out FILE``: score a corpus into a store and an output file."""
from __future__ import annotations

import sys
from typing import Optional

import click

from . import options
from ..batch.engines import ENGINES
from ..batch.exports import LEVELS
from ..batch.run import DOC_TIMEOUT, run_batch
from ..io.records import RECORD_FORMATS
from ..nlp.pipeline import ALL_STAGES


def _stages(value: Optional[str]) -> Optional[tuple[str, ...]]:
    """``--stages``: None for all stages, ``none`` for the bare model, else a comma list."""
    if value is None:
        return None
    if value.strip().lower() in ("", "none"):
        return ()
    return tuple(name.strip() for name in value.split(",") if name.strip())


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "-o", default="-", show_default=True, metavar="FILE",
              help="Output by extension: .jsonl (one analysis per line), .csv, .parquet, .sqlite; "
                   "- writes JSONL to stdout at the end (resumable only with --store).")
@click.option("--store", default=None, metavar="FILE.sqlite",
              help="The resumable store (default: --out itself for .sqlite, else OUT.store.sqlite).")
@click.option("--level", type=click.Choice(LEVELS), default="doc", show_default=True,
              help="Rows of .csv/.parquet output: one per document or one per sentence.")
@click.option("--id-field", default="id", show_default=True, help="Record field holding the document id.")
@click.option("--text-field", default="text", show_default=True, help="Record field holding the text.")
@click.option("--input-format", type=click.Choice(RECORD_FORMATS), default=None,
              help="Record format when the suffix does not say (stdin defaults to jsonl).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, envvar="RHETORIC_JOBS", show_envvar=True,
              help="Worker processes (default: all cores; 1 runs in this process).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask cluster (needs rhetoric[dask]).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default with --engine dask: a LocalCluster "
                   "of --jobs workers).")
@options.model()
@options.allow_blank()
@click.option("--stages", default=None, metavar="LIST",
              help=f"Comma-separated rhetoric stages to run (default: all, {', '.join(ALL_STAGES)}; "
                   "'none': the bare model).")
@click.option("--errors", "errors_path", default=None, metavar="FILE",
              help="Where bad records are listed as JSONL (default: OUT.errors.jsonl).")
@click.option("--wait", is_flag=True,
              help="If another run is writing the store, wait for it to end (default: refuse, exit 2).")
@click.option("--doc-timeout", type=click.FloatRange(min=0, min_open=True), default=DOC_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Time limit per document (and per further 100,000 characters of it); a document "
                   "that takes longer is listed as failed and the run goes on.")
@options.actors()
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def command(inputs: tuple[str, ...], out: str, store: Optional[str], level: str, id_field: str,
            text_field: str, input_format: Optional[str], jobs: Optional[int], engine: str,
            scheduler: Optional[str], model: Optional[str], allow_blank: bool, stages: Optional[str],
            errors_path: Optional[str], wait: bool, doc_timeout: float, actor_files: tuple[str, ...],
            quiet: bool) -> None:
    """Score a corpus: JSONL/CSV records or folders of files, on all cores, resumable.

    INPUT is a .jsonl or .csv file of records (an id and a text field; every other
    field is kept as metadata), a directory (its .txt, .md and .html files, read
    recursively; the id is the relative path), a single text file, or - for stdin.

    Results go to a SQLite store first; rerunning the same command skips documents
    already scored (same id, text, metadata and pipeline) and re-scores changed ones,
    so a killed job resumes where it stopped. Bad records (invalid JSON, missing or
    empty text, undecodable bytes, a stage that fails) are logged with file, line and
    id to the store's errors table and OUT.errors.jsonl; the run goes on.

    \b
    Exit codes:
      0  every record was scored (or skipped as already done)
      1  the run finished but some records failed (see the errors file)
      2  user error (missing input, unknown option or format, bad store,
         a store in use by another run, an output that cannot be written)
      3  a worker process died; finished documents are kept: rerun to resume
      130, 143  stopped by Ctrl-C or SIGTERM; finished documents are kept: rerun to resume

    \b
    Examples:
      rhetoric batch articles.jsonl --out results.jsonl
      rhetoric batch speeches/ --out corpus.sqlite --jobs 4
      rhetoric batch press.csv --text-field body --out sentences.csv --level sentence
      rhetoric batch big.jsonl --out big.parquet --engine dask --scheduler tcp://host:8786
      rhetoric batch briefings.jsonl --out results.jsonl --actors my_officials.csv
    """
    summary = run_batch(
        inputs, out, store=store, id_field=id_field, text_field=text_field, input_format=input_format,
        jobs=jobs, engine=engine, scheduler=scheduler, model=model, stages=_stages(stages), level=level,
        errors=errors_path, progress=False if quiet else None, command="rhetoric batch " + " ".join(sys.argv[2:]),
        wait=wait, doc_timeout=doc_timeout, allow_blank=allow_blank, actors=actor_files)
    if not quiet:
        for error in summary.errors:
            where = f"{error.source}:{error.line}" if error.line else error.source
            click.echo(f"rhetoric: {where}: {error.id or '(no id)'}: {error.message}", err=True)
        if summary.failed > len(summary.errors):
            click.echo(f"rhetoric: ... {summary.failed - len(summary.errors)} more", err=True)
        if summary.errors_path:
            click.echo(f"rhetoric: failed records listed in {summary.errors_path}", err=True)
        target = "stdout" if summary.out == "-" else summary.out
        click.echo(f"rhetoric batch: {summary.line()} -> {target}", err=True)
    click.get_current_context().exit(summary.exit_code)
