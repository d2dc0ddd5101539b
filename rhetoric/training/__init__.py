"""Offline trainers for the shipped models (scikit-learn: ``pip install ".[train]"``)."""
