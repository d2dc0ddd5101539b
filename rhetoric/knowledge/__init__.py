"""Shared data without spaCy: concepts, units, currencies, gazetteers and indicator tables.

Both the quantities stage and the reality checks read it.
"""
