"""Research comparisons: groups with bootstrap CIs, effect sizes and permutation tests,
distinctive terms by weighted log-odds, and tone lined up with indicator series over time.

Works on Analysis dicts (the JSON contract) and never needs spaCy, except to analyse raw
documents handed to :func:`load_analyses`.
"""
from .groups import Comparison, GroupStat, PairStat, bin_date, compare
from .inputs import is_document, load_analyses
from .logodds import distinctive_terms
from .timeseries import Alignment, align, indicator_values

__all__ = ["Alignment", "Comparison", "GroupStat", "PairStat", "align", "bin_date", "compare",
           "distinctive_terms", "indicator_values", "is_document", "load_analyses"]
