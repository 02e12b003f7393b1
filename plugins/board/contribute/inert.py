"""Employer text in what the board's bots write on GitHub: shown, never acted on.

GitHub renders comments, job summaries and issues as Markdown: an employer's ``@team`` would
notify people, ``![x](https://tracker)`` would load an image, ``https://…`` would become a link
and ``<b>`` would be markup. Inside a code span none of that happens, so every employer value
goes into one, on one line, with table pipes escaped.
"""

from __future__ import annotations

import re

_BACKTICK_RUNS = re.compile(r"`+")


def code_span(text: str) -> str:
    """``text`` as one inline code span: literal, on one line, whatever it holds."""
    flat = " ".join(text.split())
    if not flat:
        return "(empty)"
    fence = "`" * (1 + max((len(run) for run in _BACKTICK_RUNS.findall(flat)), default=0))
    # A span that starts or ends with a backtick needs a space between it and the fence;
    # CommonMark strips exactly one space on each side when both are there.
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


def printable(text: str) -> str:
    """``text`` with every invisible or line-breaking character spelled out (``\\n``, ``\\u2028``):
    a file name ending in a newline shows as one, and a log line cannot become two, or a
    workflow command."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for char in text)


def table_cell(text: str) -> str:
    """``text`` as an inert code span that also stays in its Markdown table cell.
    GitHub splits table rows on ``|`` before it reads code spans, so pipes are escaped."""
    return code_span(text).replace("|", "\\|")
