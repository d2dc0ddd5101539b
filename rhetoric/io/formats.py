"""The one set of file suffixes: which files are documents, records, results and outputs."""
from __future__ import annotations

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# One document per file (``rhetoric analyze``, a folder given to ``rhetoric batch``).
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# One JSON object per line: input records, or analyses (a batch result).
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Input records as tables, with their delimiter.
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
# A results store written by ``rhetoric batch``.
STORE_SUFFIXES = frozenset({".sqlite", ".db", ".sqlite3"})
PARQUET_SUFFIXES = frozenset({".parquet"})
# Files ``read_results`` reads back.
