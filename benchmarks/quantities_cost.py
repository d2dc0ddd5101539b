"""Speed of the quantity stage alone: sentences per second of ``rhetoric_quantities``.

The texts are parsed once by every earlier stage; only the quantity component's
``__call__`` is timed, so the figure is comparable to a stand-alone extractor such as
quantulum3 (~190 sentences/s on this machine per shared/eval/quantities/README.md).

    python benchmarks/quantities_cost.py            # built-in sentences (written for this project)
    python benchmarks/quantities_cost.py FILE.txt   # any text file, e.g. a speech
"""
from __future__ import annotations

import statistics
import sys
import time

from rhetoric.nlp.pipeline import load_pipeline

# Our own sentences covering the patterns the stage handles (amounts, percents, ranges,
# changes, ranks, periods, targets) and non-quantities (dates, years, times, footnotes).
SENTENCES = [
    "Exports to the bloc rose 12.5 percent to $4.2 billion in the first quarter of 2019.",
    "The ministry aims to lift bilateral trade to 200 billion dollars by 2024, officials said.",
    "Some 3,400 workers lost their jobs when the plant closed on 14 March.",
    "Inflation is expected to ease to between 4 and 5 percent next year.",
    "The port handled nearly two million containers, up from 1.6 million a year earlier.",
    "Germany is the country's second-largest trading partner after China.",
    "Turnover fell by a third in the second half of 2016 as prices slumped.",
    "The talks began at 10 a.m. and ended after World War II veterans laid wreaths.[3]",
    "Grain shipments reached 52 million tonnes, more than twice the 2010 level.",
    "Unemployment stood at 5.8% in May, 0.3 percentage points lower than in April.",
    "The central bank raised its key rate by 50 basis points to 7.75 percent.",
    "Roughly 60 per cent of voters backed the plan, against 35 per cent who opposed it.",
    "The deal, worth €1.2bn, covers 14 aircraft and 30 years of maintenance.",
    "In 2015 the two sides signed 32 agreements on energy and transport.",
    "Budget revenue is projected to reach 18 trillion roubles in 2021.",
    "The pipeline will carry 38 billion cubic metres of gas a year for three decades.",
    "He said the economy grew 2.3% in the third quarter, its fastest pace since 2012.",
    "Only one in four firms reported higher sales, and fewer than 10% hired new staff.",
    "Prices have doubled to ¥6,000 per tonne since January.",
    "The new line runs at speeds of up to 350 km/h over 1,300 kilometres.",
]


# The machine is shared: the median of a few runs is steadier than one.
REPEATS = 5


def main(argv: list[str]) -> None:
    nlp = load_pipeline()
    if argv:
        text = open(argv[0], encoding="utf-8").read()
        texts = [p for p in text.split("\n\n") if p.strip()]
    else:
        texts = SENTENCES * 25
    stage = nlp.get_pipe("rhetoric_quantities")
    with nlp.select_pipes(disable=["rhetoric_quantities"]):
        docs = list(nlp.pipe(texts))
    sentences = sum(len(list(doc.sents)) for doc in docs)
    stage(docs[0])  # warm up: lexicon and regexes are built once per process
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        figures = sum(len(stage(doc)._.quantities) for doc in docs)
        timings.append(time.perf_counter() - start)
    seconds = statistics.median(timings)
    print(f"quantity stage alone: {sentences} sentences, {figures} figures, median of {REPEATS} runs "
          f"{seconds:.3f} s -> {sentences / seconds:,.0f} sentences/s")


if __name__ == "__main__":
    main(sys.argv[1:])
