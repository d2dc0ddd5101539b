"""``rhetoric report INPUT --out report.html``: one self-contained HTML file."""
from __future__ import annotations

import click

from . import options
from ..compare.defaults import REPORT_BY as DEFAULT_BY


@click.command("report")
@click.argument("path", metavar="INPUT")
@click.option("--out", "-o", default="report.html", show_default=True, metavar="FILE.html")
@click.option("--by", "by", multiple=True, metavar="FIELD",
              help=f"Corpus: compare groups of this field (repeatable; default {', '.join(DEFAULT_BY)}).")
@options.level()
@options.period(default="year")
@options.indicator(help="Corpus: tone against this indicator series.")
@click.option("--doc", "doc_id", default=None, metavar="ID", help="Report one document of a corpus by its id.")
@click.option("--title", default=None)
@options.resampling()
@options.seed()
@options.model(help="spaCy pipeline, if documents need analysing.")
def command(path, out, by, level, period, indicator, entity, indicator_tables, doc_id, title, resamples, permutations,
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
    from ..render.report import write_report

    nlp = options.pipeline_if(model)
    written = write_report(path, out, by=by or DEFAULT_BY, level=level, period=period, indicator=indicator,
                           indicator_tables=indicator_tables, entity=entity, doc_id=doc_id, title=title, resamples=resamples,
                           permutations=permutations, seed=seed, nlp=nlp, progress=True)
    click.echo(f"rhetoric: wrote {written}", err=True)
