"""The report for a corpus: group comparisons, tone over time, tone against an indicator.

Takes Analysis dicts (a results store or JSONL) and lays out, per ``--by`` field, a chart of
group means with 95% bootstrap CIs, the group and pairwise tables, distinctive terms,
then tone per period by voice and, when an indicator is given, the aligned table.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from ...compare import stats
from ...compare.groups import compare, natural_key
from ...compare.timeseries import Alignment, period_rows
from . import charts
from .document import VOICE_ORDER, css_name
from .markup import Raw, esc, fmt, table
from .page import figure, page, section

DEFAULT_BY = ("voice", "role", "outlet", "country")
METRICS = ("optimism", "hedging")
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


def overview(analyses: list[dict]) -> str:
    """Counts, date range and the pooled per-voice scores."""
    dates = sorted(str(a["meta"]["date"]) for a in analyses if (a.get("meta") or {}).get("date"))
    sentences = sum(len(a.get("sentences") or []) for a in analyses)
    outlets = {a["meta"]["outlet"] for a in analyses if (a.get("meta") or {}).get("outlet")}
    speakers = {a["meta"]["speaker"] for a in analyses if (a.get("meta") or {}).get("speaker")}
    facts = [("documents", len(analyses)), ("sentences", sentences), ("outlets", len(outlets)),
             ("speakers (metadata)", len(speakers))]
    if dates:
        facts.append(("dates", f"{dates[0]} to {dates[-1]}"))
    items = "".join(f"<li>{esc(k)}: <b>{esc(v)}</b></li>" for k, v in facts)
    pooled: dict[str, list] = {}
    for a in analyses:
        for s in a.get("sentences") or []:
            pooled.setdefault(s.get("voice") or "–", []).append(s)
    order = sorted(pooled, key=lambda v: VOICE_ORDER.index(v) if v in VOICE_ORDER else len(VOICE_ORDER))
    rows = []
    for v in order:
        ss = pooled[v]
        rows.append((Raw(f'<span class="pill {css_name(v)}">{esc(v)}</span>'), len(ss),
                     _mean([s.get("optimism") for s in ss]), _mean([s.get("hedging") for s in ss]),
                     _mean([None if s.get("uncertain") is None else float(s["uncertain"]) for s in ss])))
    tab = table(["voice", "sentences", "mean optimism", "mean hedging", "share uncertain"], rows)
    return section("Overview", f'<ul class="meta">{items}</ul>{tab}', ident="overview")


def _mean(values: list) -> Optional[float]:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def comparison_section(analyses: list[dict], field: str, level: str, resamples: int, permutations: int,
                       seed: Optional[int], terms: int) -> Optional[str]:
    """One ``--by`` field: charts, group table, pairwise tests, distinctive terms (None if < 2 groups)."""
    results = {m: compare(analyses, [field], metric=m, level=level, resamples=resamples,
                          permutations=permutations, seed=seed, terms=terms if m == METRICS[0] else 0)
               for m in METRICS}
    first = results[METRICS[0]]
    if len(first.groups) < 2:
        return None
    charts_html = "".join(
        figure(charts.to_svg(charts.group_chart([vars(g) for g in r.groups], m), f"{field}-{m}"),
               f"Mean {m} by {field}, 95% bootstrap CI ({level} level)")
        if any(g.mean is not None for g in r.groups) else f'<p class="note">No {esc(m)} scores.</p>'
        for m, r in results.items())
    by_group = {g.group: {m: next(x for x in results[m].groups if x.group == g.group) for m in METRICS}
                for g in first.groups}
    gtab = table([field, "documents", "sentences"] + [f"{m} [95% CI]" for m in METRICS],
                 [(name, stats_[METRICS[0]].documents, stats_[METRICS[0]].sentences,
                   *(_ci(vars(stats_[m])) for m in METRICS)) for name, stats_ in by_group.items()])
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


def time_section(analyses: list[dict], level: str, period: str, resamples: int, seed: Optional[int]) -> Optional[str]:
    """Optimism and hedging per period, one line per voice."""
    voices = sorted({s.get("voice") for a in analyses for s in a.get("sentences") or []
                     if s.get("voice") and s.get("voice") != "boilerplate"},
                    key=lambda v: VOICE_ORDER.index(v) if v in VOICE_ORDER else len(VOICE_ORDER))
    parts = []
    for m in METRICS:
        lines = {v: period_rows(analyses, m, level, period, {"voice": v}, resamples, seed) for v in voices}
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


def documents_section(analyses: list[dict]) -> str:
    """One row per document (the first :data:`DOCUMENT_ROWS`)."""
    ordered = sorted(analyses, key=lambda a: natural_key(str((a.get("meta") or {}).get("date") or "")))
    rows = []
    for a in ordered[:DOCUMENT_ROWS]:
        meta = a.get("meta") or {}
        ss = [s for s in a.get("sentences") or [] if s.get("voice") != "boilerplate"]
        gap = (a.get("summary") or {}).get("gap") or {}
        rows.append((a.get("id"), meta.get("date"), meta.get("outlet"), meta.get("speaker"), len(ss),
                     _mean([s.get("optimism") for s in ss]), _mean([s.get("hedging") for s in ss]),
                     len(a.get("quantities") or []),
                     sum(c.get("actual") is not None for c in a.get("checks") or []), gap.get("verdict")))
    more = (f'<p class="note">First {DOCUMENT_ROWS} of {len(analyses)} documents.</p>'
            if len(analyses) > DOCUMENT_ROWS else "")
    return section("Documents", table(["id", "date", "outlet", "speaker", "sentences", "optimism", "hedging",
                                       "figures", "checked", "gap verdict"], rows) + more, ident="documents")


def corpus_report(analyses: Iterable[dict], by: Sequence[str] = DEFAULT_BY, level: str = "doc",
                  period: str = "year", alignment: Optional[Alignment] = None, title: str = "Corpus report",
                  resamples: int = stats.BOOTSTRAP_RESAMPLES, permutations: int = stats.PERMUTATIONS,
                  seed: Optional[int] = None, terms: int = 8) -> str:
    """A self-contained HTML page comparing the groups of a corpus and its tone over time."""
    analyses = list(analyses)
    parts = [overview(analyses)]
    if alignment is not None:
        parts.append(alignment_section(alignment))
    timeline = time_section(analyses, level, period, resamples, seed)
    if timeline:
        parts.append(timeline)
    for field in by:
        part = comparison_section(analyses, field, level, resamples, permutations, seed, terms)
        if part:
            parts.append(part)
    parts.append(documents_section(analyses))
    return page(title, "".join(parts), "corpus",
                subtitle=f"{len(analyses)} documents compared by {', '.join(by)}",
                footer=f"Statistics at the {level} level; seed {seed if seed is not None else stats.SEED}.")
