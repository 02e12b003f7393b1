"""Employer Markdown becomes safe HTML: formatting survives, script and unsafe URLs do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from board.read.markdown import (
    LINK_REL,
    may_show_images,
    on_the_board,
    render_description,
    render_markdown,
    render_page,
)


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


def test_images_from_elsewhere_are_left_out_and_named_images_on_the_board_stay() -> None:
    rendered = render_description(
        "![a](https://tracker.example/a.gif) ![b](../../logos/acme.png) ![c](http://tracker.example/c.gif) "
        "![d](//tracker.example/d.gif) ![e](/\\tracker.example/e.gif) <img src=\" //tracker.example/f.gif\">")
    assert rendered.dropped_images == ("https://tracker.example/a.gif", "http://tracker.example/c.gif",
                                       "//tracker.example/d.gif", "/\\tracker.example/e.gif",
                                       " //tracker.example/f.gif")
    assert rendered.html.count("<img") == 1 and 'src="../../logos/acme.png"' in rendered.html
    assert "tracker.example" not in rendered.html


def test_the_board_setting_lets_https_images_through_and_nothing_else() -> None:
    rendered = render_description("![a](https://images.example/a.png) ![c](http://images.example/c.png)",
                                  remote_images=True)
    assert 'src="https://images.example/a.png"' in rendered.html
    assert rendered.dropped_images == ("http://images.example/c.png",)


@pytest.mark.parametrize(("url", "on_board"), [
    ("logos/a.png", True), ("/logos/a.png", True), ("../a.png", True), ("?x", True),
    ("//evil.example/a.png", False), ("/\\evil.example/a.png", False), ("\\\\evil.example", False),
    (" \t//evil.example", False), ("ht\ntps://evil.example", False), ("HTTPS://evil.example", False),
    ("data:image/png;base64,AAAA", False),
])
def test_on_the_board_means_what_a_browser_would_load_from_the_board(url: str, on_board: bool) -> None:
    assert on_the_board(url) is on_board


def test_pages_keep_their_second_level_headings_and_the_same_allowlist() -> None:
    html = render_page("## Partners\n\n<script>alert(1)</script><iframe src=x></iframe>[a](javascript:x)").html
    assert html.startswith("<h2>Partners</h2>")
    assert "<script" not in html and "<iframe" not in html and "javascript:" not in html
    assert render_description("## Partners").html == "<h4>Partners</h4>"


@pytest.mark.parametrize("text", ["![a](https://x.example/a.png)", "![a][r]\n\n[r]: https://x.example/a.png",
                                  "<IMG SRC='https://x.example/a.png'>", "<p><img\nsrc=https://x.example/a.png></p>"])
def test_text_that_shows_an_image_is_known_to_before_rendering(text: str) -> None:
    assert may_show_images(text) and render_description(text).dropped_images


@given(text=st.text(alphabet=st.sampled_from(list("![]()<>imgIMG/ :=\"'\nhttps.x")), max_size=40))
def test_text_without_the_marks_of_an_image_never_shows_one(text: str) -> None:
    if not may_show_images(text):
        assert "<img" not in render_description(text, remote_images=True).html
