"""The micro-internship board: a listing's way from YAML to a published page.

Each stage is a sub-package, in the order a listing travels through them:

- ``read``: load YAML files (with line numbers) and the board's vocabulary;
- ``validate``: check them against the JSON Schemas and the board's rules, as ``Problem`` objects;
- ``lifecycle``: decide which listings are open today;
- ``render``: turn a listing into what a student sees (HTML, view models, JSON-LD);
- ``publish``: the Pelican plugins that write pages and feeds.
"""
