"""Employer text in the bots' comments, job summaries and issues is shown, never acted on.

Each value is rendered by a real CommonMark parser (markdown-it-py, with GitHub's tables), as
GitHub would: nothing may come out as a link, an image, markup, or a mention outside code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from board.contribute.inert import code_span, printable, table_cell
from pr_repo import check_pr, make_repo, propose

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


@pytest.mark.parametrize(("text", "shown"), [
    ("listing.yaml\n::error::forged", "listing.yaml\\n::error::forged"),
    ("a\rb\x85c\u2028d\u2029e", "a\\rb\\x85c\\u2028d\\u2029e"),
    ("bidi\u202eevil", "bidi\\u202eevil"),
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("Café Кilimo", "Café Кilimo"),  # letters of any script stay as they are
])
def test_printable_spells_out_every_invisible_or_line_breaking_character(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_the_pull_request_summary_keeps_hostile_organization_text_inert(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    hostile = "@board-maintainers ![pixel](https://tracker.example/p.gif) [click](https://evil.example) <b>x</b>"
    acme = (repo / "content/organizations/acme-analytics.yaml").read_text()
    propose(repo, {"content/organizations/acme-analytics.yaml": acme.replace("Acme Analytics", repr(hostile))})
    summary = tmp_path / "summary.md"
    check_pr(repo, "acme-octo", extra=("--summary", str(summary)))
    html = GITHUB.render(summary.read_text())
    assert "<a " not in html and "<img" not in html and "<b>" not in html
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)
    assert "@board" not in outside_code and "evil.example" not in outside_code
    assert "@board-maintainers" in code_text(html)
