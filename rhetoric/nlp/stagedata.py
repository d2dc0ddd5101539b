"""Saving a stage's data files with the pipeline (``nlp.to_disk`` / ``spacy.load``).

Each rhetoric component reads its lexicons and patterns from a few files. Like spaCy's
``SpanRuler`` with its patterns, the component writes those files into its folder of a
saved pipeline, and a pipeline loaded from disk reads them from there, so a saved
pipeline carries its data wherever it goes (edited copies included).
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable, Union

from spacy.util import ensure_path

PathLike = Union[str, Path]


def save_files(path: PathLike, sources: dict[str, Path]) -> None:
    """Copy each ``name -> source file`` of ``sources`` into the folder ``path`` as ``name``."""
    folder = ensure_path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in sources.items():
        target = folder / name
        if Path(source).resolve() != target.resolve():
            shutil.copyfile(source, target)


def saved_folder(path: PathLike, names: Iterable[str]) -> Path:
    """``path`` as a folder holding every file of ``names``; a one-line error names the first missing."""
    folder = ensure_path(path)
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise ValueError(f"{folder}: no {missing[0]}; was this folder written by the component's to_disk?")
    return folder
