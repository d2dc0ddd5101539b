"""``rhetoric indicators show|check FILE``: list or validate indicator tables."""
from __future__ import annotations

import click

from ..knowledge.indicators import describe, load_table, load_tables, shipped_tables


@click.group("indicators")
def command() -> None:
    """List or validate indicator tables (CSV: series, entity, counterpart, period, value, unit, source).

    \b
    Examples:
      rhetoric indicators show
      rhetoric indicators show my_trade.csv
      rhetoric indicators check my_trade.csv
    """


@command.command("show")
@click.argument("files", nargs=-1, metavar="[FILE]...")
def show(files: tuple) -> None:
    """Print the rows of FILE (or of the shipped tables when no FILE is given), one per line."""
    rows = load_tables(list(files), shipped=False) if files else load_tables()
    for line in describe(rows):
        click.echo(line)


@command.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def check(files: tuple) -> None:
    """Validate FILE: exit 0 and a count when it is fine, else one line naming file and line, exit 2."""
    for path in files:
        rows = load_table(path)
        click.echo(f"{path}: ok, {len(rows)} rows")


__all__ = ["command", "shipped_tables"]
