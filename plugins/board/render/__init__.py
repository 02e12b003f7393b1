"""Rendering: what students and machines see of a checked listing: display words, facets, its
view, its structured record, JSON-LD and feed XML, prepared once per build (``prepared``)."""
