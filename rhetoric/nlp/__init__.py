"""The only part of rhetoric that imports spaCy: the pipeline, the extensions, the stages
(cleanup, attribution, tone, quantities) and the converter from ``Doc`` to Analysis."""
