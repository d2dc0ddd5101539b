"""``rhetoric indicators list|show|search|check|build``: the indicator tables figures are checked against."""
from __future__ import annotations

from typing import Optional

import click

from ..knowledge import catalogue
from ..knowledge.indicators import describe, load_table, load_tables, shipped_tables
from ..knowledge.catalogue import find_series, series_rows


@click.group("indicators")
def command() -> None:
    """The indicator tables figures are checked against.

    Three sources: the shipped hand-sourced tables (Russia-China trade), the shipped public
    catalogue (World Bank GDP, growth, inflation, population; EIA Brent and WTI; FRED exchange
    rates), and your own CSVs (series, entity, counterpart, period, value, unit, source) given with
    `rhetoric analyze --indicators FILE`: your rows add to the shipped ones, and a row of yours with
    the same series, entity, counterpart and period replaces the shipped row.

    \b
    Examples:
      rhetoric indicators list
      rhetoric indicators show wb_gdp_growth --entity China
      rhetoric indicators search "consumer prices"
      rhetoric indicators check my_trade.csv
      rhetoric indicators build ../data/indicators
    """


@command.command("list")
def list_series() -> None:
    """One line per series: id, concept, unit, periods, rows, publisher and indicator code."""
    for path in shipped_tables():
        rows = load_table(path)
        series = sorted({r.series for r in rows})
        click.echo(f"{path.name:<22} {', '.join(series):<40} {len(rows):>6} rows  hand-sourced (see its 'source' column)")
    for meta in catalogue.series():
        span = "/".join(meta["periods"]) if meta["periods"] else "-"
        click.echo(f"{meta['id']:<22} {meta['concept']:<26} {meta['unit']:<8} {span:<17} {meta['rows']:>6} rows  "
                   f"{meta['publisher']} {meta['code']} [{meta['licence']}]")


@command.command("show")
@click.argument("what", nargs=-1, metavar="[SERIES_ID | FILE]...")
@click.option("--entity", default=None, metavar="NAME_OR_ISO", help="Only rows about this country (name, demonym or ISO code).")
@click.option("--period", default=None, metavar="PREFIX", help="Only periods starting so (2015, 2015-0).")
def show(what: tuple, entity: Optional[str], period: Optional[str]) -> None:
    """Print rows of a catalogue series, of a CSV FILE, or of the shipped hand-sourced tables (no argument)."""
    files = [w for w in what if w.lower().endswith(".csv")]
    ids = [w for w in what if w not in files]
    rows = load_tables(files, shipped=False) if files else ([] if ids else load_tables())
    for series_id in ids:
        rows.extend(series_rows(series_id, entity))
    if entity and not ids:
        from ..reality.checks import entity_code
        code = entity_code(entity)
        rows = [r for r in rows if entity_code(r.entity) == code or entity_code(r.counterpart) == code]
    if period:
        rows = [r for r in rows if r.period.startswith(period)]
    for line in describe(rows):
        click.echo(line)


@command.command("search")
@click.argument("term")
def search(term: str) -> None:
    """Which series a phrase of text links to ("consumer prices", "a barrel of Brent", "growth")."""
    found = find_series(term)
    if not found:
        click.echo(f"no series for '{term}'")
    for concept, meta in found:
        where = (f"{meta['id']}: {meta['publisher']} {meta['code']}, {meta['unit']}, {'/'.join(meta['periods'])}"
                 if meta else "the shipped hand-sourced tables")
        click.echo(f"{term!r} -> {concept}  ({where})")


@command.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def check(files: tuple) -> None:
    """Validate FILE: exit 0 and a count when it is fine, else one line naming file and line, exit 2."""
    for path in files:
        rows = load_table(path)
        click.echo(f"{path}: ok, {len(rows)} rows")


@command.command("build")
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Where to write the catalogue (default: the project's corpora/indicators/catalogue).")
def build(source_dir: str, out: Optional[str]) -> None:
    """Rebuild the shipped catalogue from the raw public CSVs in SOURCE_DIR (see catalogue_sources.json)."""
    for record in catalogue.build(source_dir, out):
        click.echo(f"{record['id']:<22} {record['rows']:>6} rows  {'/'.join(record['periods'])}")


__all__ = ["command", "shipped_tables"]
