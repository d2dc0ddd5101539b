"""The report for a corpus: group comparisons, tone over time, tone against an indicator.

Takes the analyses and the statistics computed on them (:func:`rhetoric.compare.run.corpus_stats`,
:func:`~rhetoric.compare.run.indicator_alignment`) and lays out, per ``--by`` field, a chart
of group means with 95% bootstrap CIs, the group and pairwise tables, distinctive terms,
then tone per period by voice and, when an indicator is given, the aligned table.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ...compare import stats
from ...compare.defaults import REPORT_BY
from ...compare.groups import Comparison, natural_key
from ...compare.run import CorpusStats
from ...compare.timeseries import Alignment
from ...contract.fields import BOILERPLATE, MEAN_SCORES, SCORES, voice_rank
from ...contract.schema import Analysis
from ...contract.summary import mean, summarise_score
from . import charts
from .document import css_name
from .markup import Raw, esc, fmt, table
from .page import figure, page, section

DEFAULT_BY = REPORT_BY
# The documents table lists at most this many rows (the page must stay light for big stores).
DOCUMENT_ROWS = 200
SIGNIFICANT = 0.05


def _ci(g: dict) -> str:
    if g.get("mean") is None:
        return "–"
    if g.get("ci_low") is None:
        return fmt(g["mean"])
    return f"{fmt(g['mean'])} [{fmt(g['ci_low'])}, {fmt(g['ci_high'])}]"


def _p(value: Optional[float]) -> Raw:
    if value is None:
        return Raw("–")
    text = "<0.001" if value < 0.001 else f"{value:.3f}"
    css = ' class="sig"' if value < SIGNIFICANT else ""
    return Raw(f"<span{css}>{esc(text)}</span>")


def overview(analyses: list[Analysis]) -> str:
    """Counts, date range and the pooled per-voice scores."""
    dates = sorted(str(a.meta["date"]) for a in analyses if a.meta.get("date"))
    sentences = sum(len(a.sentences) for a in analyses)
    outlets = {a.meta["outlet"] for a in analyses if a.meta.get("outlet")}
    speakers = {a.meta["speaker"] for a in analyses if a.meta.get("speaker")}
    facts = [("documents", len(analyses)), ("sentences", sentences), ("outlets", len(outlets)),
             ("speakers (metadata)", len(speakers))]
    if dates:
        facts.append(("dates", f"{dates[0]} to {dates[-1]}"))
    items = "".join(f"<li>{esc(k)}: <b>{esc(v)}</b></li>" for k, v in facts)
    pooled: dict[str, list] = {}
    for a in analyses:
        for s in a.sentences:
            pooled.setdefault(s.voice or "–", []).append(s)
    rows = []
    for v in sorted(pooled, key=voice_rank):
        ss = pooled[v]
        # Not rounded: the table formats the numbers itself.
        rows.append((Raw(f'<span class="pill {css_name(v)}">{esc(v)}</span>'), len(ss),
                     *(summarise_score(sc, [getattr(s, sc.name) for s in ss], digits=None) for sc in SCORES)))
    tab = table(["voice", "sentences"] + [sc.label for sc in SCORES], rows)
    return section("Overview", f'<ul class="meta">{items}</ul>{tab}', ident="overview")


def comparison_section(results: dict[str, Comparison], field: str, level: str) -> Optional[str]:
    """One ``--by`` field from its comparisons (one per mean score): charts, group table, pairwise
    tests, distinctive terms (None if < 2 groups)."""
    metrics = tuple(results)
    first = results[metrics[0]]
    resamples, permutations = first.resamples, first.permutations
    if len(first.groups) < 2:
        return None
    charts_html = "".join(
        figure(charts.to_svg(charts.group_chart([vars(g) for g in r.groups], m), f"{field}-{m}"),
               f"Mean {m} by {field}, 95% bootstrap CI ({level} level)")
        if any(g.mean is not None for g in r.groups) else f'<p class="note">No {esc(m)} scores.</p>'
        for m, r in results.items())
    by_group = {g.group: {m: next(x for x in results[m].groups if x.group == g.group) for m in metrics}
                for g in first.groups}
    gtab = table([field, "documents", "sentences"] + [f"{m} [95% CI]" for m in metrics],
                 [(name, stats_[metrics[0]].documents, stats_[metrics[0]].sentences,
                   *(_ci(vars(stats_[m])) for m in metrics)) for name, stats_ in by_group.items()])
    prow = []
    for m, r in results.items():
        for p in r.pairs:
            prow.append((f"{p.group} − {p.other}", m, _ci({"mean": p.difference, "ci_low": p.ci_low,
                                                           "ci_high": p.ci_high}),
                         p.cliffs_delta, p.cohens_d, _p(p.p), _p(p.p_adjusted)))
    mode = "each group against all others" if first.mode == "one_vs_rest" else "pairwise"
    corr = f"; p adjusted by {first.correction}" if first.correction else ""
    note = (f'<p class="note">Differences {mode}, with 95% bootstrap CIs ({resamples} resamples); effect size '
            f"Cliff's δ (Cohen's d beside it); two-sided permutation p ({permutations} shuffles){esc(corr)}. "
            f"Bold: p &lt; {SIGNIFICANT}. {esc(' '.join(n.capitalize() + '.' for n in first.notes))}</p>")
    ptab = table(["difference", "metric", "estimate [95% CI]", "Cliff's δ", "Cohen's d", "p", "p adj."], prow)
    term_rows = [(g, Raw('<div class="terms">' + "".join(
        f'<span title="z={esc(t["z"])}, n={esc(t["count"])}">{esc(t["term"])}</span>' for t in ts) + "</div>"))
        for g, ts in first.terms.items() if ts]
    ttab = ("<h3>Distinctive terms</h3>" + table([field, "words (weighted log-odds, informative Dirichlet prior)"],
                                                 term_rows)) if term_rows else ""
    inner = (f'<div class="grid">{charts_html}</div>{gtab}{_checks_table(field, first.checks)}'
             f'<h3>Differences</h3>{note}{ptab}{ttab}')
    return section(f"By {field}", inner, ident=f"by-{css_name(field)}")


def _checks_table(field: str, rows: list[dict]) -> str:
    """Per group: figures linked to an indicator, checked against a value, not (and why), verdicts."""
    if not any(r["linked"] for r in rows):
        return ""
    body = [(r["group"], r["documents"], r["figures"], r["linked"], r["with_value"], r["unverifiable"],
             r["unit_mismatch"], r["share_consistent"],
             ", ".join(f"{k} {v}" for k, v in sorted(r["verdicts"].items())), "; ".join(r["reasons"]))
            for r in rows if r["linked"]]
    return "<h3>Reality checks</h3>" + table(
        [field, "documents", "figures", "linked", "with a value", "unverifiable", "unit mismatch",
         "share consistent", "verdicts", "why unverifiable"], body)


def time_section(timeline: dict, period: str) -> Optional[str]:
    """Each mean score per period, one line per voice (``timeline``: metric -> voice -> period rows)."""
    parts = []
    for m, lines in timeline.items():
        if not any(r["mean"] is not None for rows in lines.values() for r in rows):
            continue
        if len({r["period"] for rows in lines.values() for r in rows}) < 2:
            continue
        parts.append(figure(charts.to_svg(charts.series_chart(lines, m), f"time-{m}"),
                            f"Mean {m} per {period} by voice, 95% bootstrap CI band"))
    if not parts:
        return None
    return section("Over time", f'<div class="grid">{"".join(parts)}</div>', ident="time")


def alignment_section(alignment: Alignment) -> str:
    """Tone against an indicator: chart, aligned table and correlations."""
    rows = [vars(r) for r in alignment.rows]
    who = ", ".join(f"{k}={v}" for k, v in alignment.where.items()) or "all sentences"
    label = f"{alignment.series} ({alignment.unit})" if alignment.unit else alignment.series
    chart = figure(charts.to_svg(charts.series_chart(
        {who: [r for r in rows if r["mean"] is not None]}, alignment.metric,
        indicator={r["period"]: r["value"] for r in rows if r["value"] is not None}, indicator_label=label),
        "alignment"), f"Mean {alignment.metric} ({who}) per {alignment.period} and {label}")
    tab = table([alignment.period, "documents", "sentences", f"{alignment.metric} [95% CI]", label, "change %"],
                [(r["period"], r["documents"], r["sentences"], _ci(r), r["value"], r["change"]) for r in rows])
    corr = table(["tone against", "Pearson r", "Spearman ρ", "periods"],
                 [("level", alignment.r_level, alignment.spearman_level, alignment.n_level),
                  ("change", alignment.r_change, alignment.spearman_change, alignment.n_change)])
    src = f'<p class="note">Sources: {esc("; ".join(alignment.sources))}</p>' if alignment.sources else ""
    return section(f"Framing against {alignment.series}",
                   f'<div class="grid">{chart}<div>{corr}{src}</div></div>{tab}', ident="indicator")


def documents_section(analyses: list[Analysis]) -> str:
    """One row per document (the first :data:`DOCUMENT_ROWS`)."""
    ordered = sorted(analyses, key=lambda a: natural_key(str(a.meta.get("date") or "")))
    rows = []
    for a in ordered[:DOCUMENT_ROWS]:
        ss = [s for s in a.sentences if s.voice != BOILERPLATE]
        gap = a.summary.get("gap") or {}
        rows.append((a.id, a.meta.get("date"), a.meta.get("outlet"), a.meta.get("speaker"), len(ss),
                     *(mean([getattr(s, m) for s in ss], digits=None) for m in MEAN_SCORES),
                     len(a.quantities), sum(c.actual is not None for c in a.checks), gap.get("verdict")))
    more = (f'<p class="note">First {DOCUMENT_ROWS} of {len(analyses)} documents.</p>'
            if len(analyses) > DOCUMENT_ROWS else "")
    return section("Documents", table(["id", "date", "outlet", "speaker", "sentences", *MEAN_SCORES,
                                       "figures", "checked", "gap verdict"], rows) + more, ident="documents")


def corpus_report(analyses: list[Analysis], computed: CorpusStats, by: Sequence[str] = DEFAULT_BY,
                  level: str = "doc", period: str = "year", alignment: Optional[Alignment] = None,
                  title: str = "Corpus report", seed: Optional[int] = None) -> str:
    """A self-contained HTML page comparing the groups of a corpus and its tone over time, from
    the statistics ``computed`` on it (and the ``alignment`` with an indicator, if any)."""
    parts = [overview(analyses)]
    if alignment is not None:
        parts.append(alignment_section(alignment))
    timeline = time_section(computed.timeline, period)
    if timeline:
        parts.append(timeline)
    for field in by:
        part = comparison_section(computed.by[field], field, level)
        if part:
            parts.append(part)
    parts.append(documents_section(analyses))
    return page(title, "".join(parts), "corpus",
                subtitle=f"{len(analyses)} documents compared by {', '.join(by)}",
                footer=f"Statistics at the {level} level; seed {seed if seed is not None else stats.SEED}.")
