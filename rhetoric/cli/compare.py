"""``rhetoric compare RESULTS``: groups with CIs, effect sizes and tests; tone against indicators."""
from __future__ import annotations

import click

from ..compare import stats
from ..compare.formats import FORMATS, compare_path, parse_where, plot, render
from ..compare.groups import LEVELS, METRICS, PERIODS
from ..compare.logodds import TOP_TERMS
from ..nlp.pipeline import load_pipeline


@click.command("compare")
@click.argument("path", metavar="RESULTS")
@click.option("--by", "by", multiple=True, metavar="FIELD",
              help="Group by this field (repeatable): voice, speaker, role, or any metadata field "
                   "(outlet, country, date, ...); meta.NAME forces the metadata value.")
@click.option("--metric", type=click.Choice(METRICS), default="optimism", show_default=True)
@click.option("--level", type=click.Choice(LEVELS), default="doc", show_default=True,
              help="doc: one mean per document and group (sentences of one text are not independent); "
                   "sentence: every sentence counts.")
@click.option("--period", type=click.Choice(PERIODS), default=None, help="Bin date fields by (default year).")
@click.option("--where", multiple=True, metavar="FIELD=VALUE", help="Keep only sentences with this value.")
@click.option("--indicator", default=None, metavar="SERIES",
              help="Line tone (default: official sentences) up with this indicator series per period.")
@click.option("--entity", default=None, metavar="NAME",
              help="Whose figures of the indicator to use (default: the entity with the most periods).")
@click.option("--indicators", "indicator_table", default=None, metavar="CSV",
              help="Indicator table to read instead of the shipped ones.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--plot", "plot_path", default=None, metavar="FILE",
              help="Also draw the chart to FILE (.png or .svg); with --by and --indicator the indicator "
                   "chart goes to FILE-indicator.png.")
@click.option("--bootstrap", "resamples", type=click.IntRange(100), default=stats.BOOTSTRAP_RESAMPLES,
              show_default=True, help="Bootstrap resamples for the CIs.")
@click.option("--permutations", type=click.IntRange(100), default=stats.PERMUTATIONS, show_default=True)
@click.option("--correction", type=click.Choice(sorted(stats.CORRECTIONS)), default="holm", show_default=True,
              help="Multiple-comparison correction when there are more than two groups.")
@click.option("--terms", type=click.IntRange(0), default=TOP_TERMS, show_default=True,
              help="Distinctive terms per group (0: none).")
@click.option("--seed", type=int, default=stats.SEED, show_default=True)
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="spaCy pipeline, if documents need analysing.")
def command(path, by, metric, level, period, where, indicator, indicator_table, entity, fmt, plot_path, resamples,
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
      rhetoric compare speech.txt --by voice --level sentence
    """
    nlp = load_pipeline(model) if model else None
    result = compare_path(path, by=by, metric=metric, level=level, period=period, where=parse_where(where),
                          indicator=indicator, indicator_table=indicator_table, entity=entity, resamples=resamples,
                          permutations=permutations, correction=correction, seed=seed, terms=terms, nlp=nlp,
                          progress=True)
    click.echo(render(result, fmt).rstrip("\n"))
    if plot_path:
        for written in plot(result, plot_path):
            click.echo(f"rhetoric: wrote {written}", err=True)
