"""Properties that must hold for any text at all: the board never crashes on it, never lets it
become markup, and never writes XML or JSON that a parser would refuse."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.read.markdown import render_markdown, render_page
from board.read.yaml_loader import YamlError, load_yaml
from board.render.feed_xml import Entry, FeedInfo, feed_entry, render
from board.render.jsonld import script_json
from board.site.api import encode, encode_with_list
from board.validate.catalog import validate_content
from board.validate.text import BIDI_CONTROLS, ZERO_WIDTH, first_forbidden
from conftest import EXAMPLES, board_settings, make_content
from test_hostile import scan_html

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture])
# Any Unicode text, weighted towards the characters attackers and broken editors produce.
NASTY = st.lists(st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("<>&\"'`=/\\:;{}[]!*#|-\t\n\r\x00\x07\x1b\u202e\u200b\ufeff\u2028")),
    st.sampled_from(["<script>", "javascript:", "</script>", "<!--", "]]>", "&#x6a;", "{{", "*[", "](", "---",
                     "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<a href='data:x'>"]),
), max_size=60).map("".join)
TEXT_FIELDS = [("title",), ("summary",), ("description",), ("deliverables", 0), ("organization",),
               ("category",), ("skills", 0), ("apply", "url"), ("posted",), ("location", "countries", 0)]


@PROPERTY_SETTINGS
@given(text=NASTY)
def test_the_loader_returns_a_document_or_a_yaml_error_for_any_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "listing.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        document = load_yaml(path)
    except YamlError as refusal:
        assert refusal.message and refusal.position.line >= 1
    else:
        assert isinstance(document.data, dict)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_content(tmp_path_factory.mktemp("properties"))


@PROPERTY_SETTINGS
@given(field=st.sampled_from(TEXT_FIELDS), text=NASTY)
def test_the_validator_explains_any_value_in_any_field_and_never_crashes(content: Path, field: tuple,
                                                                         text: str) -> None:
    listing = yaml.safe_load((EXAMPLES / "valid" / "acme-market-research.yaml").read_text())
    listing = json.loads(json.dumps(listing, default=str))
    target = listing
    for part in field[:-1]:
        target = target[part]
    target[field[-1]] = text
    (content / "opportunities" / "property.yaml").write_text(yaml.safe_dump(listing, allow_unicode=True))
    result = validate_content(board_settings(content))
    for problem in result.problems:
        assert problem.message and problem.line >= 1 and problem.column >= 1


@PROPERTY_SETTINGS
@given(text=NASTY)
def test_rendered_markdown_never_contains_script_handlers_or_dangerous_urls(text: str) -> None:
    assert scan_html(f"<div>{render_markdown(text)}</div>", fragment=True) == []


@PROPERTY_SETTINGS
@given(text=NASTY)
def test_structured_data_always_parses_back_and_never_ends_its_script(text: str) -> None:
    data = {"title": text, "nested": [text, {"x": text}]}
    encoded = script_json(data)
    assert "<" not in encoded and ">" not in encoded
    assert json.loads(encoded) == data


@PROPERTY_SETTINGS
@given(title=NASTY, summary=NASTY, author=NASTY)
def test_feeds_are_well_formed_and_carry_employer_text_as_text(title: str, summary: str, author: str) -> None:
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    info = FeedInfo("https://board.example/", "https://board.example/all.rss.xml",
                    "https://board.example/all.atom.xml", title, summary, moment, "en")
    entry = Entry("https://board.example/opportunities/x/", title, summary, summary, moment, author, (title,))
    for body in render(info, [feed_entry(entry)]):
        tree = lxml.etree.fromstring(body)
        items = tree.xpath("//item | //*[local-name()='entry']")
        assert len(items) == 1
        for element in items[0].iter():
            local = lxml.etree.QName(element).localname
            if local in {"description", "encoded", "content"} and element.text:
                assert scan_html(f"<div>{element.text}</div>", fragment=True) == []
                assert not lxml.html.fragment_fromstring(f"<div>{element.text}</div>").xpath("//script")


def forbidden_by_definition(value: str, plain: bool) -> tuple[int, str] | None:
    """The rule in words: bidi controls anywhere, zero-width characters in one-line fields, and
    Unicode control characters (category Cc) except tab and newline in multi-line text."""
    for index, char in enumerate(value):
        if char in BIDI_CONTROLS:
            return index, "bidirectional control"
        if plain and char in ZERO_WIDTH:
            return index, "zero-width"
        if unicodedata.category(char) == "Cc" and (plain or char not in "\n\t"):
            return index, "control"
    return None


@given(text=NASTY, plain=st.booleans())
def test_the_invisible_character_check_finds_exactly_what_the_rule_forbids(text: str, plain: bool) -> None:
    assert first_forbidden(text, plain) == forbidden_by_definition(text, plain)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(NASTY, children, max_size=4),
    max_leaves=12)


@given(key=NASTY, items=st.lists(JSON_VALUES, max_size=5))
def test_a_list_of_already_encoded_api_records_is_exactly_the_list_encoded_at_once(key: str, items: list) -> None:
    assert encode_with_list(key, [encode(item) for item in items]) == encode({key: items})


@PROPERTY_SETTINGS
@given(title=NASTY, slug=NASTY, body=NASTY)
def test_the_page_validator_explains_any_page_and_never_crashes(content: Path, title: str, slug: str,
                                                                 body: str) -> None:
    pages = content / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "property.md").write_bytes(f"Title: {title}\nSlug: {slug}\n\n{body}".encode("utf-8", "surrogatepass"))
    for problem in validate_content(board_settings(content)).problems:
        assert problem.message and problem.line >= 1 and problem.column >= 1


@PROPERTY_SETTINGS
@given(text=NASTY)
def test_rendered_pages_never_contain_script_handlers_or_dangerous_urls(text: str) -> None:
    assert scan_html(f"<div>{render_page(text).html}</div>", fragment=True) == []
