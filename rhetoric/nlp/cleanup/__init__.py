"""Cleanup and segmentation: footnote markers, reference lists, captions, headings.

Importing this package registers the ``rhetoric_segmenter`` and ``rhetoric_cleanup``
factories.
"""
from .blocks import Block, domain_of, find_blocks, parse_references
from .component import Cleanup, Segmenter, adapt_tokenizer

__all__ = ["Block", "Cleanup", "Segmenter", "adapt_tokenizer", "domain_of", "find_blocks", "parse_references"]
