"""``rhetoric report INPUT --out report.html``: one self-contained HTML file."""
from __future__ import annotations

import click

from ..compare import stats
from ..compare.groups import LEVELS, PERIODS
from ..nlp.pipeline import load_pipeline
from ..render.report import write_report
from ..render.report.corpus import DEFAULT_BY


@click.command("report")
@click.argument("path", metavar="INPUT")
@click.option("--out", "-o", default="report.html", show_default=True, metavar="FILE.html")
@click.option("--by", "by", multiple=True, metavar="FIELD",
              help=f"Corpus: compare groups of this field (repeatable; default {', '.join(DEFAULT_BY)}).")
@click.option("--level", type=click.Choice(LEVELS), default="doc", show_default=True)
@click.option("--period", type=click.Choice(PERIODS), default="year", show_default=True)
@click.option("--indicator", default=None, metavar="SERIES", help="Corpus: tone against this indicator series.")
@click.option("--entity", default=None, metavar="NAME",
              help="Whose figures of the indicator to use (default: the entity with the most periods).")
@click.option("--indicators", "indicator_table", default=None, metavar="CSV", help="Indicator table to read.")
@click.option("--doc", "doc_id", default=None, metavar="ID", help="Report one document of a corpus by its id.")
@click.option("--title", default=None)
@click.option("--bootstrap", "resamples", type=click.IntRange(100), default=stats.BOOTSTRAP_RESAMPLES,
              show_default=True)
@click.option("--permutations", type=click.IntRange(100), default=stats.PERMUTATIONS, show_default=True)
@click.option("--seed", type=int, default=stats.SEED, show_default=True)
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline, if documents need analysing.")
def command(path, out, by, level, period, indicator, indicator_table, entity, doc_id, title, resamples, permutations,
            seed, model) -> None:
    """Write an HTML report that opens offline: for a document, its text shaded by voice with
    cues, quotes and figures highlighted; for a corpus, group comparisons and charts over time.

    INPUT is a .txt/.md/.html document, or a corpus: a batch result (.jsonl, .sqlite,
    .parquet) or a JSONL of input records (analysed on the fly).

    \b
    Examples:
      rhetoric report speech.txt --out speech.html
      rhetoric report results.sqlite --by outlet --by voice --out corpus.html
      rhetoric report corpus.jsonl --indicator "trade turnover" --out trade.html
    """
    nlp = load_pipeline(model) if model else None
    written = write_report(path, out, by=by or DEFAULT_BY, level=level, period=period, indicator=indicator,
                           indicator_table=indicator_table, entity=entity, doc_id=doc_id, title=title, resamples=resamples,
                           permutations=permutations, seed=seed, nlp=nlp, progress=True)
    click.echo(f"rhetoric: wrote {written}", err=True)
