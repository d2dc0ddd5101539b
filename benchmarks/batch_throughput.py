"""Throughput and memory of ``rhetoric batch`` on one generated corpus; prints a table.

Measures, in one run:
  * words/s of bare ``nlp.pipe`` with the trained spaCy model alone, of the model with its
    rule components run from tables (:mod:`rhetoric.nlp.rule_tables`, as our pipeline runs
    it), of ``nlp.pipe`` with every rhetoric stage, and of ``rhetoric batch`` (library call, store
    and JSONL output included) at ``--jobs 1`` and ``--jobs 2``; the ratios to bare spaCy
    and the speed-up from 1 to 2 jobs;
  * peak resident memory of a real ``rhetoric batch --jobs 1`` process at 1k and 10k
    (short) documents;
  * the Dask engine (LocalCluster, 2 workers) against the local engine at 2 jobs.

Pipelines are loaded before the clock starts (``--jobs 2`` forks workers that inherit
the loaded pipeline), so the figures are steady-state throughput. Dask is timed twice:
with a new LocalCluster (starting it and loading the pipeline in each worker included,
as a user pays for one job), and on a running cluster whose workers are warm.

With ``--ungdc N`` the throughput corpus is instead a seeded random sample of N speeches
from the UN General Debate corpus (public, CC0) in ``../shared/data/ungdc/``; ``--big-record
MB`` adds the peak memory of ``batch --jobs 1`` on one record of MB megabytes (speeches of
that corpus joined), against ``analyze`` on the same text.

Usage:  python benchmarks/batch_throughput.py [--docs 300] [--repeat 3] [--memory-docs 1000 10000] [--skip-dask]
        [--ungdc 60] [--big-record 10] [--skip-memory] [--skip-throughput]
The generated corpus comes from our own templates (no eval data).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from rhetoric.batch.run import run_batch
from rhetoric.batch.worker import Setup, pipeline
from rhetoric.nlp.pipeline import ALL_STAGES, load_model
from rhetoric.nlp.rule_tables import use_rule_tables

SUBJECTS = ["The minister", "President Ortega", "A spokesman for the ministry", "The central bank",
            "Analysts at the institute", "The state news agency", "Officials in the capital", "The author"]
VERBS = ["said", "announced", "claimed", "told reporters", "argued", "noted", "suggested", "insisted"]
CLAIMS = ["trade between the two countries would reach ${n} billion by {y}",
          "exports rose {p}% to ${n} billion in {y}",
          "imports fell {p} percent in the first half of {y}",
          "relations are at their best point in history",
          "the target of ${n} billion may be out of reach",
          "growth could slow to {p}% next year",
          "the partnership is strong and will certainly deepen",
          "investment seems unlikely to recover before {y}"]
COMMENT = ["This appears to be an optimistic reading of the figures.",
           "The data tell a more sober story.",
           "Perhaps the forecast was never realistic.",
           "The agreement covers energy, transport and finance.",
           "Few economists expect a quick recovery.",
           "The figures were published on Monday."]


def sentence(rng: random.Random) -> str:
    claim = rng.choice(CLAIMS).format(n=rng.randint(5, 150), p=rng.randint(1, 40), y=rng.randint(2010, 2024))
    if rng.random() < 0.3:
        subject = rng.choice(SUBJECTS)
        if subject.startswith(("The ", "A ")):
            subject = subject[0].lower() + subject[1:]
        return f'"{claim[0].upper()}{claim[1:]}," {subject} {rng.choice(VERBS)}.'
    if rng.random() < 0.3:
        return rng.choice(COMMENT)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {claim}."


def make_corpus(path: Path, docs: int, sentences: tuple[int, int], seed: int = 7) -> int:
    """Write ``docs`` generated articles as JSONL; returns the number of words."""
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(docs):
            paragraphs = []
            for _ in range(rng.randint(1, 3)):
                paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(*sentences))))
            text = "\n\n".join(paragraphs)
            words += len(text.split())
            handle.write(json.dumps({"id": f"gen-{i:06d}", "text": text, "outlet": rng.choice(["A", "B"])}) + "\n")
    return words


UNGDC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ungdc" / "ungdc_2000_2024.jsonl.gz"


def ungdc_sample(path: Path, docs: int, seed: int = 15) -> int:
    """Write a seeded random sample of ``docs`` UN speeches as JSONL; returns the number of words."""
    import gzip

    with gzip.open(UNGDC, "rt", encoding="utf-8") as handle:
        lines = handle.readlines()
    chosen = sorted(random.Random(seed).sample(range(len(lines)), docs))
    with path.open("w", encoding="utf-8") as out:
        for i in chosen:
            out.write(lines[i])
    return sum(len(json.loads(lines[i])["text"].split()) for i in chosen)


def big_record(path: Path, megabytes: float) -> str:
    """One record of ``megabytes`` MB: UN speeches joined, paragraphs kept; returns its text."""
    import gzip

    parts, size = [], 0
    with gzip.open(UNGDC, "rt", encoding="utf-8") as handle:
        for line in handle:
            parts.append(json.loads(line)["text"])
            size += len(parts[-1])
            if size >= megabytes * 1_000_000:
                break
    text = "\n\n".join(parts)
    path.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    return text


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pool workers, Dask processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_pipe(nlp, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of streaming ``texts`` through ``nlp.pipe``."""
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def time_batch(corpus: Path, work: Path, name: str, **options) -> tuple[float, float]:
    """Wall and CPU seconds of one ``run_batch`` (store and JSONL output included)."""
    out = work / f"{name}.jsonl"
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = run_batch([str(corpus)], str(out), store=str(work / f"{name}.sqlite"), progress=False, **options)
    seconds = time.perf_counter() - start
    assert summary.ok and not summary.failed, summary.line()
    return seconds, cpu_seconds() - cpu


def time_warm_dask(corpus: Path, work: Path) -> tuple[float, float]:
    """Seconds on an already running LocalCluster whose workers have loaded the pipeline."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40) as cluster:
        warm = work / "warm-in.jsonl"
        make_corpus(warm, 8, (1, 1), seed=1)
        time_batch(warm, work, "warm", engine="dask", scheduler=cluster.scheduler_address, batch_docs=1)
        return time_batch(corpus, work, "dask-warm", engine="dask", scheduler=cluster.scheduler_address)


def peak_memory_mb(corpus: Path, work: Path, name: str, command: Optional[list] = None) -> tuple[float, float]:
    """Peak RSS (MB) and wall seconds of a real ``rhetoric batch --jobs 1`` process (or ``command``)."""
    command = command or [sys.executable, "-m", "rhetoric", "batch", str(corpus), "--out",
                          str(work / f"{name}-out.jsonl"), "--jobs", "1", "--quiet"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return usage.ru_maxrss / 1024, seconds  # ru_maxrss is in KiB on Linux


def throughput(args, corpus: Path, work: Path, words: int, what: str) -> None:
    """The timed runs: bare nlp.pipe, the full pipeline, batch at --jobs 1 and 2, Dask."""
    texts = texts_of(corpus)
    print(f"corpus: {what}, {words:,} words; stages: {', '.join(ALL_STAGES)}; "
          f"cores: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.1f}", flush=True)

    # The same cached pipeline the batch worker uses in this process (and forks).
    bare, full = load_model(), pipeline(Setup())
    # The model as our pipeline runs it (rule tables, no rhetoric stages): against it, --jobs 1
    # shows what the rhetoric stages and the batch machinery cost.
    tables = use_rule_tables(load_model())
    time_pipe(bare, texts[:20]), time_pipe(full, texts[:20]), time_pipe(tables, texts[:20])  # warm up
    # Each run is timed --repeat times, the rounds interleaved, and the fastest kept (as timeit
    # does): on a shared machine a neighbour's burst slows one run by 10% and more, never speeds it.
    runs = {
        "nlp.pipe, model only": lambda n: time_pipe(bare, texts),
        "nlp.pipe, model with rule tables": lambda n: time_pipe(tables, texts),
        "nlp.pipe, model + rhetoric stages": lambda n: time_pipe(full, texts),
        "rhetoric batch --jobs 1": lambda n: time_batch(corpus, work, f"j1-{n}", jobs=1),
        "rhetoric batch --jobs 2": lambda n: time_batch(corpus, work, f"j2-{n}", jobs=2),
    }
    best: dict[str, tuple[float, float]] = {}
    rounds: dict[str, list[float]] = {name: [] for name in runs}
    for n in range(args.repeat):
        for name, run in runs.items():
            wall, cpu = run(n)
            rounds[name].append(wall)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)
    bare_wall, bare_cpu = best["nlp.pipe, model only"]
    # CPU seconds are printed too: on a shared machine wall time depends on the neighbours,
    # CPU time much less so (the bare/batch ratio by CPU is the robust one there).
    print(f"\n{'run (best of ' + str(args.repeat) + ')':54} {'wall s':>7} {'words/s':>8} {'vs bare':>7} "
          f"{'cpu s':>7} {'cpu vs bare':>11}")

    cpu_of: dict[str, float] = {}

    def row(name: str, wall: float, cpu: Optional[float]) -> float:
        cpu_text = f"{cpu:7.1f} {bare_cpu / cpu:11.2f}" if cpu else f"{'-':>7} {'-':>11}"
        print(f"{name:54} {wall:7.1f} {words / wall:8,.0f} {bare_wall / wall:7.2f} {cpu_text}", flush=True)
        cpu_of[name] = cpu or 0.0
        return wall

    row("nlp.pipe, model only", bare_wall, bare_cpu)
    tables_wall = row("nlp.pipe, model with rule tables", *best["nlp.pipe, model with rule tables"])
    full_wall = row("nlp.pipe, model + rhetoric stages", *best["nlp.pipe, model + rhetoric stages"])
    j1 = row("rhetoric batch --jobs 1", *best["rhetoric batch --jobs 1"])
    j2 = row("rhetoric batch --jobs 2", *best["rhetoric batch --jobs 2"])
    if not args.skip_dask:
        # Dask workers' CPU time is not visible from here (they outlive the timing), so none is shown.
        row("--engine dask, new LocalCluster (2 workers)",
            time_batch(corpus, work, "dask", jobs=2, engine="dask")[0], None)
        row("--engine dask --scheduler (warm cluster, 2 workers)", time_warm_dask(corpus, work)[0], None)
    print(f"\nratio batch --jobs 1 / bare nlp.pipe (wall):      {bare_wall / j1:.2f}  (goal >= 1.0)")
    print(f"ratio batch --jobs 1 / bare nlp.pipe (CPU time):  {bare_cpu / cpu_of['rhetoric batch --jobs 1']:.2f}")
    print(f"ratio batch --jobs 1 / nlp.pipe with same stages: {full_wall / j1:.2f}  (batch machinery overhead)")
    print(f"ratio batch --jobs 1 / model with rule tables:    {tables_wall / j1:.2f}  (rhetoric stages + batch overhead)")
    print(f"speed-up --jobs 1 -> --jobs 2 (wall):             {j1 / j2:.2f}x (goal >= 1.8)")
    # The same ratios round by round (runs of one round are neighbours in time, so they share
    # the machine's load): the spread shows how much of a difference is noise.
    for label, top, bottom in (("batch --jobs 1 / bare", "nlp.pipe, model only", "rhetoric batch --jobs 1"),
                               ("--jobs 2 speed-up", "rhetoric batch --jobs 1", "rhetoric batch --jobs 2")):
        ratios = sorted(a / b for a, b in zip(rounds[top], rounds[bottom]))
        print(f"{label} per round: {', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine lowers both ratios)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="articles in the throughput corpus")
    parser.add_argument("--memory-docs", type=int, nargs=2, default=[1000, 10000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per run; the fastest is kept")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--ungdc", type=int, default=0, metavar="N", help="a sample of N UN speeches instead")
    parser.add_argument("--big-record", type=float, default=0.0, metavar="MB", help="memory on one MB-sized record")
    parser.add_argument("--skip-memory", action="store_true", help="no 1k/10k-document memory runs")
    parser.add_argument("--skip-throughput", action="store_true", help="memory runs only")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rhetoric-bench-"))
    corpus = work / "corpus.jsonl"
    if args.ungdc:
        words = ungdc_sample(corpus, args.ungdc)
        what = f"{args.ungdc} UN General Debate speeches (seeded sample)"
    else:
        words = make_corpus(corpus, args.docs, (3, 6))
        what = f"{args.docs} generated articles"
    if not args.skip_throughput:
        throughput(args, corpus, work, words, what)
    if args.big_record:
        record = work / "big.jsonl"
        text = big_record(record, args.big_record)
        (work / "big.txt").write_text(text, encoding="utf-8")
        peak, seconds = peak_memory_mb(record, work, "big")
        print(f"\none record of {len(text) / 1e6:.1f} MB: batch --jobs 1 peak {peak:,.0f} MB in {seconds:.0f} s "
              f"(goal <= 1,000 MB)", flush=True)
        peak, seconds = peak_memory_mb(record, work, "big-analyze", [
            sys.executable, "-m", "rhetoric", "analyze", str(work / "big.txt"), "--format", "json"])
        print(f"same text with analyze: peak {peak:,.0f} MB in {seconds:.0f} s", flush=True)
    if args.skip_memory:
        return

    print(f"\n{'memory run (real process, --jobs 1)':40} {'docs':>6} {'words':>9} {'seconds':>8} {'peak MB':>8}")
    peaks = []
    for docs in args.memory_docs:
        mem_corpus = work / f"mem{docs}.jsonl"
        mem_words = make_corpus(mem_corpus, docs, (1, 1), seed=docs)
        peak, seconds = peak_memory_mb(mem_corpus, work, f"mem{docs}")
        peaks.append(peak)
        print(f"{'rhetoric batch (short articles)':40} {docs:6} {mem_words:9,} {seconds:8.1f} {peak:8.0f}", flush=True)
    print(f"\npeak memory {args.memory_docs[1]} / {args.memory_docs[0]} docs: {peaks[1] / peaks[0]:.2f} (goal <= 1.2)")
    print(f"(work files in {work})")


if __name__ == "__main__":
    main()
