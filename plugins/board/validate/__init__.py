"""Validation: JSON Schema checks and the board's own rules, reported as ``Problem`` objects."""
