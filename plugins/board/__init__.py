"""The micro-internship board: a listing's way from a YAML file to a published page.

Each stage is a sub-package, in the order a listing travels through them; each imports only from
the ones before it (``tests/test_layers.py`` holds them to it):

- ``core``: what every stage shares: settings, problems, the deadline rule, the typed model;
- ``read``: files as data: YAML with positions, pages, Markdown to safe HTML, never through a link;
- ``validate``: the JSON Schemas and the board's rules, every problem as a ``Problem``;
- ``render``: what students and machines see of a listing: its view, record, JSON-LD, feed XML;
- ``site``: the board as a Pelican site: every adapter, wired by ``board.site.register``;
- ``contribute``: how listings arrive: ``new``, the issue form, the pull-request verdict, reminders;
- ``reach``: how listings reach students: the weekly digest by email, announcements in chat, and
  the signer of their completion records' credentials;
- ``cli``: ``python -m board``.
"""
