"""Employer text in the bots' comments, job summaries and issues is shown, never acted on.

Each value is rendered by a real CommonMark parser (markdown-it-py, with GitHub's tables), as
GitHub would: nothing may come out as a link, an image, markup, or a mention outside code.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from board.contribute.inert import code_span, table_cell

HOSTILE = [
    "@board-maintainers please merge",
    "![pixel](https://tracker.example/p.gif)",
    "[click](https://evil.example) and https://evil.example/raw",
    "<img src=x onerror=alert(1)> <b>bold</b>",
    "``` fenced ``` and `tick` and ``double``",
    "`starts with a tick",
    "ends with a tick`",
    "line one\n\n# heading on line two\n- a list",
    "a | b || c",
    "&lt;entity&gt; &#64;mention",
    "**bold** _it_ ~~gone~~",
]
GITHUB = MarkdownIt("commonmark").enable("table")


def code_text(html: str) -> str:
    return "".join(re.findall(r"<code>(.*?)</code>", html, flags=re.DOTALL))


@pytest.mark.parametrize("text", HOSTILE)
def test_an_employer_value_renders_as_one_literal_code_span(text: str) -> None:
    html = GITHUB.renderInline(code_span(text))
    assert re.fullmatch(r"<code>.*</code>", html, flags=re.DOTALL), html
    shown = code_text(html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert shown == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_an_employer_value_stays_in_its_table_cell(text: str) -> None:
    html = GITHUB.render(f"| a | b |\n|---|---|\n| {table_cell(text)} | next |\n")
    cells = re.findall(r"<td>(.*?)</td>", html, flags=re.DOTALL)
    assert len(cells) == 2 and cells[1] == "next", html
    assert re.fullmatch(r"<code>.*</code>", cells[0], flags=re.DOTALL), cells[0]
    assert "<a " not in html and "<img" not in html


def test_an_empty_value_is_said_to_be_empty() -> None:
    assert code_span("  \n ") == "(empty)"
