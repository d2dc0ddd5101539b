"""``rhetoric analyze FILE``: one document in, its analysis out."""
from __future__ import annotations

import click

from . import options
from ..api import analyze_path
from ..contract.fields import ROLES
from ..knowledge.actors import use_actor_files
from ..knowledge.indicators import load_tables
from ..nlp.pipeline import check_model, load_pipeline
from ..render.text import render_text
from ..knowledge.countries import speaker_country
from ..knowledge.dates import require_date


@click.command("analyze")
@click.argument("path", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a report for people; json: the Analysis object (schema rhetoric.analysis/2).")
@click.option("--explain", is_flag=True, help="Also list every sentence with its tone and the cues behind it.")
@options.model()
@options.allow_blank()
@click.option("--id", "doc_id", default=None, help="Document id (default: the file name).")
@click.option("--speaker", default=None, metavar="NAME",
              help="The whole document is this person's speech (e.g. \"Vladimir Putin\").")
@click.option("--role", default=None, metavar="ROLE",
              help=f"Role of --speaker: {', '.join(ROLES)}.")
@click.option("--transcript/--no-transcript", default=None,
              help="Read speaker turns (\"Name: ...\", \"Q:\"/\"A:\") as a transcript, or never; "
                   "default: decided from the document's layout.")
@options.actors()
@options.indicator_tables(help="An indicator table to check figures against, on top of the shipped ones; its rows "
                                "replace shipped rows with the same series, entity, counterpart and period (repeatable).")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="The document's date (resolves 'this year', 'in the first half'); default: a dateline in the text.")
@click.option("--country", default=None, metavar="NAME_OR_ISO",
              help="The speaker's country, for 'our country' / 'our economy' (e.g. Russia or RUS).")
def command(path: str, fmt: str, explain: bool, model: str | None, allow_blank: bool, doc_id: str | None,
            speaker: str | None, role: str | None, transcript: bool | None, actor_files: tuple[str, ...],
            indicator_tables: tuple[str, ...], date: str | None, country: str | None) -> None:
    """Analyse one speech or article: voices, tone, figures, checks, the gap.

    FILE is a .txt, .md or .html file, or - for standard input.

    \b
    Examples:
      rhetoric analyze speech.txt
      rhetoric analyze article.html --format json > analysis.json
      cat speech.txt | rhetoric analyze - --explain
      rhetoric analyze address.txt --speaker "Xi Jinping" --role head_of_state
      rhetoric analyze speech.txt --indicators my_trade_table.csv
      rhetoric analyze briefing.txt --transcript --actors my_officials.csv
      rhetoric analyze address.txt --date 2016-09-21 --country CHN
    """
    load_tables(indicator_tables)  # a bad table fails now, not after the pipeline has run
    use_actor_files(actor_files)  # likewise a bad actors file
    check_model(model, allow_blank)
    if date:
        require_date(date)  # a bad --date fails now too (exit 2)
    if country:
        speaker_country(None, country)
    nlp = load_pipeline(model)
    meta = {key: value for key, value in (("speaker", speaker), ("role", role)) if value}
    if transcript is not None:
        meta["transcript"] = transcript
    analysis = analyze_path(path, nlp=nlp, doc_id=doc_id, meta=meta, indicators=list(indicator_tables),
                            date=date, country=country)
    if analysis.meta.get("encoding_fallback"):
        click.echo(f"rhetoric: note: {path} is not UTF-8; read as {analysis.meta['encoding_fallback']}", err=True)
    if fmt == "json":
        click.echo(analysis.to_json(indent=1))
    else:
        click.echo(render_text(analysis, explain=explain), nl=False)
