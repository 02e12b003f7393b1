"""Employer Markdown becomes safe HTML: formatting survives, script and unsafe URLs do not."""

from __future__ import annotations

import pytest

from board.render.markdown import LINK_REL, render_markdown


def test_formatting_survives_and_headings_start_below_the_page_headings() -> None:
    html = render_markdown("# Context\n\nSome **bold** and *italic*.\n\n- one\n- two\n")
    assert html.startswith("<h3>Context</h3>")
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<li>one</li>" in html


def test_every_link_gets_the_board_rel_and_only_https_and_mailto_keep_their_href() -> None:
    html = render_markdown("[a](https://example.org) [b](mailto:x@example.org) [c](http://example.org) "
                           "[d](ftp://example.org)")
    assert html.count(f'rel="{LINK_REL}"') == 4
    assert 'href="https://example.org"' in html and 'href="mailto:x@example.org"' in html
    assert "http://example.org" not in html and "ftp:" not in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<svg onload="alert(1)"></svg>',
        '<object data="data:text/html;base64,PHNjcmlwdD4="></object>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_nothing_an_employer_writes_can_run_script(attack: str) -> None:
    html = render_markdown(f"Before {attack} after").lower()
    for marker in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "style=", "<svg",
                   "<object", "data:text", "<!--"):
        assert marker not in html
