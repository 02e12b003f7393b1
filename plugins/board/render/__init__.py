"""Rendering: what a student sees of a listing (safe HTML, display text, structured data)."""
