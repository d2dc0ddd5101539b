"""Trained models with their cards (installed as rhetoric._models)."""
