"""rhetoric: who speaks, how upbeat and how hedged, which figures, held against the numbers.

The library entry points::

    from rhetoric import analyze_text, analyze_path, load_pipeline
"""
from .contract.schema import SCHEMA, Analysis
from .api import analyze_document, analyze_many, analyze_path, analyze_text
from .errors import RhetoricError
from .io.readers import Document, read_path
from .nlp.pipeline import load_pipeline

__all__ = ["SCHEMA", "Analysis", "Document", "RhetoricError", "analyze_document", "analyze_many",
           "analyze_path", "analyze_text", "load_pipeline", "read_path"]
__version__ = "0.1.0"
