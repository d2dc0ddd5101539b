"""The Analysis contract as plain data: the dataclasses, their JSON form and the one vocabulary.

Nothing here imports spaCy or any heavy library, so every module after the converter can use it.
"""
