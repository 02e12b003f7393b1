"""Every description renders in well under a second, whatever its content, and exactly as before.

Python-Markdown's own processors took 73 s for 20,000 '[' and crashed on "1. 1. 1. …".
``board.read.bounded_markdown`` bounds them. These tests render the known worst cases and
adversarial documents under a generous hang guard (speed itself is measured by
``bench/markdown_worst_cases.py``), and check that any ordinary document renders exactly as
Python-Markdown's own processors render it.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from board.read.bounded_markdown import MAX_NESTING, BoundedWork
from board.read.markdown import render_description
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from markdown_worst_cases import DESCRIPTION_MAX, WORST_CASES, fill, nest

HANG_GUARD = 10.0  # seconds for one render: some fifty times what the slowest case takes
# Markdown's syntax, in the pieces attackers and ordinary writers combine.
PIECES = ["[", "]", "(", ")", "!", "*", "**", "_", "`", "```", "<", ">", "a", "b c", " ", "\n", "\n\n", "-", "#",
          "=", "|", "&", ":", "'", '"', "\\", "    ", "\t", "1. ", "+ ", "> ", "---", "<div>", "</div>", "<a ",
          "<b>", "</b>", "</", "<!--", "-->", "<?", "?>", "<!DOCTYPE", "<![CDATA[", "]]>", "&amp;", "&#", "http://x",
          "https://x.example/", "x@y.example", "[x]: /u", "]:", "|-|", "  \n", "<br/>", "{", "}", "~", "www."]
PIECE = st.sampled_from(PIECES)


class HangError(Exception):
    pass


@contextmanager
def hang_guard(seconds: float = HANG_GUARD) -> Iterator[None]:
    def give_up(*_: object) -> None:
        raise HangError(f"rendering took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_guarded(text: str) -> str:
    render_description.cache_clear()
    with hang_guard():
        return render_description(text).html


@pytest.mark.parametrize("name", WORST_CASES)
def test_each_known_worst_case_renders_without_hanging_or_crashing(name: str) -> None:
    assert len(WORST_CASES[name]) <= DESCRIPTION_MAX
    assert render_guarded(WORST_CASES[name])


@settings(max_examples=40, deadline=None)
@given(unit=st.lists(PIECE, min_size=1, max_size=4).map("".join))
def test_any_short_pattern_repeated_to_the_longest_description_renders_in_bounded_time(unit: str) -> None:
    render_guarded(fill(unit))


@settings(max_examples=25, deadline=None)
@given(opening=st.lists(PIECE, min_size=1, max_size=3).map("".join),
       closing=st.lists(PIECE, max_size=3).map("".join))
def test_any_construct_nested_as_deep_as_a_description_allows_renders_in_bounded_time(opening: str,
                                                                                     closing: str) -> None:
    render_guarded(nest(opening, closing))


def test_lists_and_quotes_nest_at_most_so_deep_and_the_rest_is_text() -> None:
    html = render_guarded(fill("1. "))
    assert html.count("<ol>") == MAX_NESTING
    assert render_guarded("> " * 10 + "a").count("<blockquote>") == 10


stock = markdown.Markdown(extensions=["sane_lists", "tables"])
bounded = markdown.Markdown(extensions=["sane_lists", "tables", BoundedWork()])


@settings(max_examples=400, deadline=None)
@given(text=st.lists(PIECE, max_size=80).map("".join))
def test_any_ordinary_document_renders_exactly_as_python_markdown_renders_it(text: str) -> None:
    stock.reset()
    bounded.reset()
    assert bounded.convert(text) == stock.convert(text)


def test_a_long_ordinary_document_renders_exactly_as_python_markdown_renders_it() -> None:
    section = ("## Context\n\nWe run [our shop](https://shop.example/about \"About\") with *three* people, "
               "see [the notes][notes] and ![a chart](logos/chart.png).\n\n[notes]: https://notes.example/x\n\n"
               "- first, with `code` and <b>bold</b>\n- second\n    - nested\n\n> a quote\n> on two lines\n\n"
               "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n1. one\n2. two\n\n---\n\nSetext\n------\n\n<div>raw</div>\n\n")
    text = section * (DESCRIPTION_MAX // len(section))
    stock.reset()
    bounded.reset()
    assert bounded.convert(text) == stock.convert(text)
