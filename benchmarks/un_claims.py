"""How often heads of state's economic claims at the UN match the World Bank: one command, one report.

    python benchmarks/un_claims.py ../shared/data/ungdc/ungdc_2000_2024.jsonl.gz --every 4 --jobs 1

1. takes every ``--every``-th speech of the UN General Debate corpus (CC0; ``--every 1``: all),
2. analyses them with ``rhetoric batch`` (resumable: run it again to continue),
3. recomputes the reality checks on the stored analyses (plain data: the current checks, no new
   pipeline pass) and keeps those of growth, inflation, GDP and population claims (the rows of
   ``rhetoric export --level check``, also written to ``build/un-claims/checks_everyN.csv``),
4. writes ``docs/un-claims.md`` and ``docs/un-claims.png``: claims checked, share consistent, the
   median relative error, by decade and region, and the gap between official framing (the
   speeches' optimism) and the numbers.

The regions are the continents of ``un_regions.json`` next to this script (ours).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from rhetoric.batch.exports import check_rows
from rhetoric.contract.schema import Analysis

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONCEPTS = {"economic growth": "growth", "inflation": "inflation", "gdp": "GDP", "population": "population"}
JUDGED = ("consistent", "overstated", "understated", "target_met", "target_missed")


def sample(source: Path, every: int, out: Path) -> int:
    """Every ``every``-th record of ``source`` (gzipped JSONL) into ``out``; returns how many."""
    count = 0
    with gzip.open(source, "rt", encoding="utf-8") as inp, gzip.open(out, "wt", encoding="utf-8") as dst:
        for index, line in enumerate(inp):
            if index % every == 0 and line.strip():
                dst.write(line)
                count += 1
    return count


def run(cmd: list) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def recheck(data: dict) -> dict:
    """The stored analysis with its reality checks and gap computed again by the current code
    (the checks work on plain data, so a change to them needs no new pass of the pipeline)."""
    from rhetoric.contract.schema import analysis_from_dict
    from rhetoric.reality import run_checks

    return run_checks(analysis_from_dict(data)).to_dict()


def own_country_claims(rows: list[dict], analyses: dict) -> list[dict]:
    """Checks of the four concepts that carry a World Bank value about the speaker's own country."""
    out = []
    for row in rows:
        concept = CONCEPTS.get(row["series"])
        if concept is None:
            continue
        analysis = analyses.get(row["id"])
        if analysis is None:
            continue
        row = dict(row, concept=concept, year=int(row["year"]) if row.get("year") else None,
                   country=row.get("country_iso3"), speaker_name=(analysis.get("meta") or {}).get("speaker"))
        out.append(row)
    return out


def _share(rows: list[dict]) -> tuple[int, int, float | None, float | None]:
    judged = [r for r in rows if r["verdict"] in JUDGED]
    agree = [r for r in judged if r["verdict"] in ("consistent", "target_met")]
    errors = [abs(float(r["relative_error"])) for r in judged if r.get("relative_error") not in ("", None)]
    return (len(rows), len(judged), (len(agree) / len(judged)) if judged else None,
            statistics.median(errors) if errors else None)


def table(rows: list[dict], key, title: str) -> list[str]:
    groups = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    out = [f"| {title} | claims linked | checked against a value | consistent (share) | median relative error |",
           "|---|---:|---:|---:|---:|"]
    for name in sorted(groups, key=str):
        n, judged, share, err = _share(groups[name])
        out.append(f"| {name} | {n} | {judged} | {'–' if share is None else f'{share:.0%}'} | "
                   f"{'–' if err is None else f'{err:.1%}'} |")
    return out


def framing(analyses: dict, ids: set) -> dict:
    """Per speech: mean optimism of its sentences and the gap verdict."""
    out = {}
    for doc_id in ids:
        a = analyses[doc_id]
        scores = [s["optimism"] for s in a.get("sentences", []) if s.get("optimism") is not None]
        gap = (a.get("summary") or {}).get("gap") or {}
        out[doc_id] = (sum(scores) / len(scores) if scores else None, gap.get("verdict"), gap.get("reality"))
    return out


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    decades = sorted({(r["year"] // 10) * 10 for r in rows if r["year"]})
    fig, ax = plt.subplots(figsize=(7, 3.6))
    width = 0.8 / max(1, len(CONCEPTS))
    for k, concept in enumerate(CONCEPTS.values()):
        shares = []
        for d in decades:
            _, judged, share, _ = _share([r for r in rows if r["concept"] == concept and r["year"] and
                                          (r["year"] // 10) * 10 == d])
            shares.append(share if share is not None else float("nan"))  # no bar where nothing was checked
        ax.bar([i + k * width for i in range(len(decades))], shares, width, label=concept)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(decades))], [f"{d}s" for d in decades])
    ax.set_ylabel("share consistent with the World Bank")
    ax.set_xlabel("decade (no bar: no claim of that kind checked)")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8, ncol=4)
    ax.set_title("Heads of state's economic claims at the UN General Debate")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="ungdc_2000_2024.jsonl.gz")
    ap.add_argument("--every", type=int, default=1, help="take every N-th speech (1: all 4,793)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "un-claims")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "un-claims.md")
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    speeches = a.work / f"speeches_every{a.every}.jsonl.gz"
    count = sample(a.corpus, a.every, speeches)
    results = a.work / f"analyses_every{a.every}.jsonl"
    started = time.time()
    run(["rhetoric", "batch", str(speeches), "--out", str(results), "--jobs", str(a.jobs)])
    # the batch resumes: its wall time is summed over the runs that did work (kept beside the results)
    spent = a.work / f"wall_seconds_every{a.every}.txt"
    wall = time.time() - started + (float(spent.read_text()) if spent.is_file() else 0.0)
    spent.write_text(f"{wall:.0f}\n")
    analyses = {}
    with results.open(encoding="utf-8") as handle:
        for line in handle:
            d = recheck(json.loads(line))
            analyses[d["id"]] = d
    regions = json.loads((HERE / "un_regions.json").read_text(encoding="utf-8"))
    region_of = {code: name for name, codes in regions["regions"].items() for code in codes.split()}
    rows = own_country_claims([dict(row, **(d.get("meta") or {})) for d in analyses.values() for row in check_rows(Analysis.from_dict(d))],
                              analyses)
    with (a.work / f"checks_every{a.every}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["id"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    write_report(a, rows, analyses, region_of, count, wall)
    chart(rows, a.out.with_suffix(".png"))
    print(f"wrote {a.out} ({len(rows)} claims from {count} speeches, batch {wall / 60:.1f} min)", file=sys.stderr)
    return 0


def write_report(a, rows: list[dict], analyses: dict, region_of: dict, count: int, wall: float) -> None:
    n, judged, share, err = _share(rows)
    by_verdict = defaultdict(int)
    for r in rows:
        by_verdict[r["verdict"]] += 1
    frames = framing(analyses, {r["id"] for r in rows})
    gaps = defaultdict(int)
    for _, verdict, _ in frames.values():
        gaps[verdict] += 1
    lines = [
        "# Do heads of state's economic claims at the UN match the World Bank?",
        "",
        (f"Speeches: all {count} of the UN General Debate corpus 2000–2024 (CC0). Claims:" if a.every == 1 else
         f"Speeches: every {a.every}th of the UN General Debate corpus 2000–2024 (CC0), {count} speeches "
         "(a systematic sample). Claims:") + " figures about growth, inflation, GDP and "
        "population that `rhetoric` links to a World Bank series for the speaker's own country (or the country the "
        "sentence names). Checked: the claim's period is a full year the World Bank table holds.",
        "",
        f"Reproduce: `python benchmarks/un_claims.py ../shared/data/ungdc/ungdc_2000_2024.jsonl.gz --every {a.every} "
        f"--jobs {a.jobs}` (batch wall time {wall / 60:.0f} min on this machine, 2 cores, "
        f"{a.jobs} job(s); resumable: a rerun only reads the results back). Made at commit `{_commit()}`.",
        "",
        "![share consistent by decade](un-claims.png)",
        "",
        "## Overall",
        "",
        f"- claims linked to a series: **{n}**; checked against a World Bank value: **{judged}**; "
        f"consistent (within 10%, half a point for rates, or the target met): **{'–' if share is None else f'{share:.0%}'}**; "
        f"median relative error: **{'–' if err is None else f'{err:.1%}'}**",
        "- verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(by_verdict.items())),
        "- not checked, and why: partial periods (\"in the first half\") are not annualised, intervals (\"over the "
        "past five years\") are not averaged, forecasts for years after the table ends, and figures with no "
        "period; see the `note` column of `rhetoric export --level check`.",
        "",
        "## By concept", "", *table(rows, lambda r: r["concept"], "concept"), "",
        "## By decade", "", *table(rows, lambda r: f"{(r['year'] // 10) * 10}s" if r["year"] else "?", "decade"), "",
        "## By region", "", *table(rows, lambda r: region_of.get(r["country"], "other"), "region"), "",
        "## Framing against the numbers", "",
        "Per speech with at least one linked claim, the gap verdict of `rhetoric` (framing = mean optimism of the "
        "official sentences holding checked figures; reality = the linked series' movement and how far claims miss; "
        "`unknown` when no check carries a World Bank value):",
        "",
        "| gap verdict | speeches |", "|---|---:|",
        *[f"| {k or 'none'} | {v} |" for k, v in sorted(gaps.items(), key=lambda kv: str(kv[0]))],
        "",
        "## Caveats", "",
        "- Figures are read by rules: a claim the tool misreads (period, country, unit) is checked against the "
        "wrong row, or a figure that is no claim about the country (a group of nationals, a region) is linked; on 30 "
        "hand-checked speeches (`../shared/eval/real`, real-ungdc) every claim is found, 93% get the right period and "
        "94% of the checkable ones carry the right World Bank value, but those speeches were chosen for their claims: "
        "across the whole corpus the share of linked figures that are not claims about the speaker's country is "
        "higher (unit mismatches, most of them, are reported and left out of the verdicts).",
        "- The growth series is the 2017 WDI edition (years to 2015); later growth claims are unverifiable here.",
        "- 'Consistent' means within 10% of the World Bank value, or within half a percentage point for rates "
        "(growth, inflation).",
    ]
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
