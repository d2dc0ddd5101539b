"""Run the ``rhetoric`` CLI with two test components registered, for tests that need a
real process (signals, locks, orphans): ``python tests/slow_batch.py batch ...``.

``rhetoric_test_slow`` sleeps ``RHETORIC_TEST_SLOW`` seconds (default 0.2) per document,
so a run lasts long enough to be interrupted; ``rhetoric_test_hang`` loops on any
document containing HANG, like a stage that never ends on one record.
"""
import os
import time

from spacy.language import Language


@Language.component("rhetoric_test_slow")
def slow(doc):
    time.sleep(float(os.environ.get("RHETORIC_TEST_SLOW", "0.2")))
    return doc


@Language.component("rhetoric_test_hang")
def hang(doc):
    while "HANG" in doc.text:
        time.sleep(0.01)
    return doc


if __name__ == "__main__":
    from rhetoric.cli import main

    main()
