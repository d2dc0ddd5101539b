"""The choices and defaults of a comparison, without numpy: the CLI's options read them here,
so ``rhetoric compare --help`` starts without loading the statistics."""
from __future__ import annotations

from ..contract.fields import SCORE_NAMES

# Any sentence score can be compared (contract.fields).
METRICS = SCORE_NAMES
DEFAULT_METRIC = METRICS[0]  # optimism
LEVELS = ("doc", "sentence")
PERIODS = ("year", "quarter", "month")
# Defaults for a publishable run; tests pass much smaller counts. 2,000 bootstrap resamples
# give stable 95% percentile limits (Efron & Tibshirani 1993, ch. 13 suggest >= 1,000);
# 5,000 permutations resolve p-values near 0.05 to about +-0.003.
BOOTSTRAP_RESAMPLES = 2000
PERMUTATIONS = 5000
SEED = 0
# Multiple-comparison corrections (implemented in stats.CORRECTIONS).
CORRECTION_NAMES = ("fdr_bh", "holm")
# Distinctive terms per group.
TOP_TERMS = 10
# Fields a corpus report compares groups of, unless told otherwise.
REPORT_BY = ("voice", "role", "outlet", "country")
