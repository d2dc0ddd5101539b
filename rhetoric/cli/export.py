"""``rhetoric export SOURCE --out FILE``: convert batch results between formats."""
from __future__ import annotations

import click

from ..batch.exports import LEVELS, export


@click.command("export")
@click.argument("source", metavar="SOURCE")
@click.option("--out", "-o", required=True, metavar="FILE",
              help="Output by extension: .jsonl, .csv, .parquet or .sqlite (- writes JSONL to stdout).")
@click.option("--level", type=click.Choice(LEVELS), default="doc", show_default=True,
              help="Rows of .csv/.parquet output: one per document, per sentence, or per reality check.")
def command(source: str, out: str, level: str) -> None:
    """Convert the results of 'rhetoric batch' (a .sqlite store, .jsonl or .parquet) to another format.

    The output lists every document of SOURCE once, in the order the batch job read them.
    Exit code 0 on success, 2 on a user error (missing or unreadable SOURCE, unknown format).

    \b
    Examples:
      rhetoric export corpus.sqlite --out corpus.parquet
      rhetoric export corpus.sqlite --out sentences.csv --level sentence
      rhetoric export corpus.sqlite --out checks.csv --level check
      rhetoric export results.jsonl --out results.sqlite
    """
    count = export(source, out, level)
    if out != "-":
        click.echo(f"rhetoric export: {count} {'documents' if level == 'doc' else level + ' rows'} -> {out}", err=True)
