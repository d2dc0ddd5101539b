"""Data the project ships (installed as rhetoric._corpora): gazetteers, indicator tables, samples."""
