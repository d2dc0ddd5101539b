"""``rhetoric compare RESULTS``: groups with CIs, effect sizes and tests; tone against indicators."""
from __future__ import annotations

import click

from . import options
from ..compare.defaults import TOP_TERMS

# The statistics (numpy) and renderers are imported when the command runs, not for --help.
FORMATS = ("table", "csv", "json")


@click.command("compare")
@click.argument("path", metavar="RESULTS")
@click.option("--by", "by", multiple=True, metavar="FIELD",
              help="Group by this field (repeatable): voice, speaker, role, or any metadata field "
                   "(outlet, country, date, ...); meta.NAME forces the metadata value.")
@options.metric()
@options.level(help="doc: one mean per document and group (sentences of one text are not independent); "
                    "sentence: every sentence counts.")
@options.period(help="Bin date fields by (default year).")
@click.option("--where", multiple=True, metavar="FIELD=VALUE", help="Keep only sentences with this value.")
@options.indicator(help="Line tone (default: official sentences) up with this indicator series per period.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--plot", "plot_path", default=None, metavar="FILE",
              help="Also draw the chart to FILE (.png or .svg); with --by and --indicator the indicator "
                   "chart goes to FILE-indicator.png.")
@options.resampling(correction=True)
@click.option("--terms", type=click.IntRange(0), default=TOP_TERMS, show_default=True,
              help="Distinctive terms per group (0: none).")
@options.seed()
@options.model(help="spaCy pipeline, if documents need analysing.")
def command(path, by, metric, level, period, where, indicator, entity, indicator_tables, fmt, plot_path, resamples,
            permutations, correction, terms, seed, model) -> None:
    """Compare groups of a corpus: means with 95% bootstrap CIs, differences with Cliff's delta
    and permutation p-values, distinctive words; and tone against an indicator over time.

    RESULTS is a batch result (.jsonl, .sqlite, .parquet), a JSONL of input records
    (id, text, metadata; analysed on the fly) or one .txt/.md/.html document.

    \b
    Examples:
      rhetoric compare results.sqlite --by voice
      rhetoric compare corpus.jsonl --by outlet --metric hedging --format csv > outlets.csv
      rhetoric compare corpus.jsonl --by date --period year --plot by_year.png
      rhetoric compare corpus.jsonl --indicator "trade turnover"
      rhetoric compare corpus.jsonl --indicator "grain exports" --indicators my_table.csv
      rhetoric compare speech.txt --by voice --level sentence
    """
    from ..compare.run import compare_path, parse_where
    from ..render.compare import plot, render

    nlp = options.pipeline_if(model)
    result = compare_path(path, by=by, metric=metric, level=level, period=period, where=parse_where(where),
                          indicator=indicator, indicator_tables=indicator_tables, entity=entity, resamples=resamples,
                          permutations=permutations, correction=correction, seed=seed, terms=terms, nlp=nlp,
                          progress=True)
    click.echo(render(result, fmt).rstrip("\n"))
    if plot_path:
        for written in plot(result, plot_path):
            click.echo(f"rhetoric: wrote {written}", err=True)
