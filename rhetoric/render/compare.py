"""``rhetoric compare`` results for people and programs: a terminal table, CSV, JSON or a chart."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Optional

from ..compare.run import Result
from .report import charts

FORMATS = ("table", "csv", "json")  # also listed by the CLI's --format, which must not import this module
CSV_COLUMNS = ("section", "metric", "level", "group", "other", "documents", "sentences", "n", "mean", "ci_low",
               "ci_high", "difference", "cliffs_delta", "cohens_d", "p", "p_adjusted", "term", "count",
               "log_odds", "z", "period", "value", "change", "figures", "linked", "with_value", "unverifiable",
               "unit_mismatch", "share_consistent", "verdicts")


def _f(value: object, width: int = 7) -> str:
    if value is None:
        return "–".rjust(width)
    if isinstance(value, float):
        return f"{value:.3f}".rjust(width) if abs(value) < 1e5 else f"{value:.4g}".rjust(width)
    return str(value).rjust(width)


def _pv(value: Optional[float]) -> str:
    if value is None:
        return "–".rjust(7)
    return ("<0.001" if value < 0.001 else f"{value:.3f}").rjust(7)


def _ci(low: Optional[float], high: Optional[float]) -> str:
    return "–".center(18) if low is None else f"[{low:+.3f}, {high:+.3f}]".rjust(18)


def format_table(result: Result) -> str:
    """Plain-text tables for the terminal."""
    out: list[str] = []
    c = result.comparison
    if c:
        width = max([len("group")] + [len(g.group) for g in c.groups])
        out.append(f"{c.metric} by {', '.join(c.by)} ({c.level} level; 95% bootstrap CIs, {c.resamples} resamples)")
        out.append(f"{'group'.ljust(width)}  {'docs':>5} {'sents':>6} {'n':>5} {'mean':>7} {'95% CI':>18}")
        for g in c.groups:
            out.append(f"{g.group.ljust(width)}  {g.documents:>5} {g.sentences:>6} {g.n:>5} {_f(g.mean)} "
                       f"{_ci(g.ci_low, g.ci_high)}")
        out.extend(f"note: {note}" for note in c.notes)
        if c.dropped_sentences:
            out.append(f"({c.dropped_sentences} sentences without a value for {', '.join(c.by)} left out)")
        if c.pairs:
            adj = f", {c.correction}-adjusted" if c.correction else ""
            mode = "each group vs the rest" if c.mode == "one_vs_rest" else "pairwise"
            out.append("")
            out.append(f"differences ({mode}; effect size Cliff's delta, Cohen's d beside it; "
                       f"permutation p, {c.permutations} shuffles{adj})")
            label = [f"{p.group} - {p.other}" for p in c.pairs]
            lw = max(len("groups"), *(len(x) for x in label))
            out.append(f"{'groups'.ljust(lw)}  {'diff':>7} {'95% CI':>18} {'delta':>7} {'d':>7} {'p':>7} {'p adj':>7}")
            for name, p in zip(label, c.pairs):
                out.append(f"{name.ljust(lw)}  {_f(p.difference)} {_ci(p.ci_low, p.ci_high)} {_f(p.cliffs_delta)} "
                           f"{_f(p.cohens_d)} {_pv(p.p)} {_pv(p.p_adjusted)}")
        if any(row["linked"] for row in c.checks):
            out.append("")
            out.append("reality checks (figures linked to an indicator; with a value; verdicts; share consistent "
                       "of those judged)")
            gw = max(len("group"), *(len(r["group"]) for r in c.checks))
            out.append(f"{'group'.ljust(gw)}  {'docs':>5} {'figs':>5} {'linked':>6} {'valued':>6} {'unver.':>6} "
                       f"{'mism.':>5} {'consist.':>8}  verdicts; why unverifiable")
            for r in c.checks:
                verdicts = ", ".join(f"{k} {v}" for k, v in sorted(r["verdicts"].items()))
                why = ("; " + "; ".join(r["reasons"])) if r["reasons"] else ""
                out.append(f"{r['group'].ljust(gw)}  {r['documents']:>5} {r['figures']:>5} {r['linked']:>6} "
                           f"{r['with_value']:>6} {r['unverifiable']:>6} {r['unit_mismatch']:>5} "
                           f"{_f(r['share_consistent'], 8)}  {verdicts}{why}")
        if any(c.terms.values()):
            out.append("")
            out.append("distinctive terms (weighted log-odds with informative Dirichlet prior; z-scores)")
            for g, ts in c.terms.items():
                out.append(f"{g}: " + ", ".join(f"{t['term']} ({t['z']:.1f})" for t in ts))
    a = result.alignment
    if a:
        if out:
            out.append("")
        who = ", ".join(f"{k}={v}" for k, v in a.where.items()) or "all sentences"
        out.append(f"{a.metric} ({who}) against {a.series}" + (f" ({a.unit})" if a.unit else ""))
        out.append(f"{'period':<9} {'docs':>5} {'sents':>6} {'mean':>7} {'95% CI':>18} {'value':>10} {'change%':>8}")
        for r in a.rows:
            out.append(f"{r.period:<9} {r.documents:>5} {r.sentences:>6} {_f(r.mean)} {_ci(r.ci_low, r.ci_high)} "
                       f"{_f(r.value, 10)} {_f(r.change, 8)}")
        out.append(f"correlation with level: r={_f(a.r_level).strip()} (Spearman {_f(a.spearman_level).strip()}, "
                   f"{a.n_level} periods); with change: r={_f(a.r_change).strip()} "
                   f"(Spearman {_f(a.spearman_change).strip()}, {a.n_change} periods)")
        if a.sources:
            out.append("sources: " + "; ".join(a.sources))
    return "\n".join(out)


def csv_rows(result: Result) -> list[dict]:
    """Long-format rows: one per group, pair, term and period, with a ``section`` column."""
    rows = []
    c = result.comparison
    if c:
        base = {"metric": c.metric, "level": c.level}
        rows += [dict(base, section="group", **asdict(g)) for g in c.groups]
        rows += [dict(base, section="pair", **asdict(p)) for p in c.pairs]
        rows += [dict(base, section="term", group=g, **t) for g, ts in c.terms.items() for t in ts]
        rows += [dict(base, section="checks", group=r["group"], documents=r["documents"], figures=r["figures"],
                      linked=r["linked"], with_value=r["with_value"], unverifiable=r["unverifiable"],
                      unit_mismatch=r["unit_mismatch"], share_consistent=r["share_consistent"],
                      verdicts="; ".join(f"{k}={v}" for k, v in sorted(r["verdicts"].items())))
                 for r in c.checks if r["linked"]]
    a = result.alignment
    if a:
        for r in a.rows:
            rows.append({"section": "period", "metric": a.metric, "level": None, "group": a.series, **asdict(r)})
    return rows


def format_csv(result: Result) -> str:
    """CSV with the columns of :data:`CSV_COLUMNS`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(result):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def format_json(result: Result) -> str:
    """The whole result as indented JSON."""
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def render(result: Result, fmt: str) -> str:
    """The result in one of :data:`FORMATS`."""
    if fmt == "csv":
        return format_csv(result)
    if fmt == "json":
        return format_json(result)
    return format_table(result)


def plot(result: Result, path: str) -> list[str]:
    """Chart(s) for papers: group means with CIs; tone against the indicator (``-indicator`` file)."""
    from pathlib import Path

    written = []
    target = Path(path)
    if result.comparison:
        c = result.comparison
        fig = charts.group_chart([asdict(g) for g in c.groups], c.metric, title=f"{c.metric} by {', '.join(c.by)}")
        written.append(charts.save(fig, str(target)))
        target = target.with_name(f"{target.stem}-indicator{target.suffix}")
    if result.alignment:
        a = result.alignment
        rows = [asdict(r) for r in a.rows]
        label = f"{a.series} ({a.unit})" if a.unit else a.series
        who = ", ".join(f"{k}={v}" for k, v in a.where.items()) or "all"
        fig = charts.series_chart({who: rows}, a.metric, title=f"{a.metric} ({who}) and {label}",
                                  indicator={r["period"]: r["value"] for r in rows if r["value"] is not None},
                                  indicator_label=label)
        written.append(charts.save(fig, str(target)))
    return written
