"""Tests an attacker would write: a corpus of hostile listings, and a scan of everything built from them.

Each file in ``hostile/`` says in an ``# expect:`` line whether the board must refuse it (with a
named message) or accept it and render it inert. The scanner builds one site from every accepted
file and walks every output file, checking that no employer text became markup, script or a
dangerous URL anywhere: pages, feeds, structured data.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import icalendar
import lxml.etree
import lxml.html
import pytest

from board.validate.catalog import validate_content
from conftest import EXAMPLES, board_settings, epoch_at, make_content, run_pelican

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECT = re.compile(rb"^# expect: (inert|rejected: (.*))$", re.MULTILINE)
DANGEROUS_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcdoc"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "style", "base", "form", "frame", "frameset", "applet", "svg",
                      "math"}
OUR_ELEMENTS = {("form", "embed-options"), ("iframe", "embed-preview"), ("form", "search-form"),  # our controls
                ("form", "email-check"), ("form", "not-found-search"), ("svg", "outcomes-chart")}
OUR_SCRIPTS = re.compile(r"(^|/)(theme/js/[a-z-]+|embed)\.js$")


def corpus() -> dict[str, str | None]:
    """File name -> expected refusal message, or None when the file must be accepted."""
    cases = {}
    for path in sorted(HOSTILE.glob("*.yaml")):
        match = EXPECT.search(path.read_bytes())
        assert match, f"{path.name} has no '# expect:' line"
        cases[path.name] = match[2].decode() if match[2] else None
    return cases


CASES = corpus()
INERT = sorted(name for name, refusal in CASES.items() if refusal is None)


def hostile_content(folder: Path, names: list[str]) -> Path:
    content = make_content(folder)
    for organization in (HOSTILE / "organizations").glob("*.yaml"):
        shutil.copy(organization, content / "organizations" / organization.name)
    for name in names:
        shutil.copy(HOSTILE / name, content / "opportunities" / name)
    return content


def test_the_corpus_is_large_and_covers_both_outcomes() -> None:
    assert len(CASES) >= 40
    assert len(INERT) >= 20 and len(CASES) - len(INERT) >= 20


@pytest.mark.parametrize(("name", "refusal"), sorted(CASES.items()), ids=sorted(CASES))
def test_each_hostile_file_is_refused_with_its_message_or_accepted(name: str, refusal: str | None,
                                                                   tmp_path: Path) -> None:
    result = validate_content(board_settings(hostile_content(tmp_path, [name])))
    messages = [f"{problem.field}: {problem.message}" if problem.field else problem.message
                for problem in result.errors]
    if refusal is None:
        assert messages == []
        assert Path(name).stem in result.catalog.listings
    else:
        assert any(refusal in message for message in messages), messages
        assert Path(name).stem not in result.catalog.listings


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    content = hostile_content(folder, INERT)
    output = folder / "output"
    result = run_pelican(content, output, epoch_at(date(2026, 11, 2)))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_every_accepted_hostile_listing_is_published(hostile_site: Path) -> None:
    for name in INERT:
        assert (hostile_site / "opportunities" / Path(name).stem / "index.html").is_file()


def test_no_page_holds_employer_markup_script_or_dangerous_urls(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > len(INERT)
    for path in pages:
        problems = scan_html(path.read_text(encoding="utf-8"))
        assert problems == [], f"{path.relative_to(hostile_site)}: {problems}"


def test_structured_data_is_json_that_cannot_end_its_script(hostile_site: Path) -> None:
    open_pages = [path for path in hostile_site.glob("opportunities/*/index.html")
                  if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    blocks = [block for path in open_pages for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', path.read_text(encoding="utf-8"), re.DOTALL)]
    assert open_pages and len(blocks) == len(open_pages), "every open listing page carries one JobPosting"
    for block in blocks:
        assert "<" not in block and ">" not in block
        assert json.loads(block)["@type"] == "JobPosting"


def test_every_feed_is_well_formed_xml_whose_html_carries_no_employer_markup(hostile_site: Path) -> None:
    feeds = sorted(hostile_site.rglob("*.xml"))
    assert feeds
    for path in feeds:
        tree = lxml.etree.parse(str(path))  # raises on anything that is not well-formed XML
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            local = lxml.etree.QName(element).localname
            assert local != "script", path
            if local in {"description", "encoded"} or (local == "content" and element.get("type") == "html"):
                problems = scan_html(f"<div>{element.text or ''}</div>", fragment=True)
                assert problems == [], f"{path.relative_to(hostile_site)}: {problems}"
            if local in {"title", "summary"}:
                assert element.get("type") in (None, "text"), path


def test_json_payloads_are_valid_and_carry_employer_html_only_sanitized(hostile_site: Path) -> None:
    payloads = sorted(hostile_site.rglob("*.json"))
    assert payloads
    for path in payloads:
        for key, value in _walk(json.loads(path.read_text(encoding="utf-8"))):
            if key == "description_html":
                assert scan_html(f"<div>{value}</div>", fragment=True) == [], path
            if key in {"url", "page", "feed_url", "home_page_url", "id"} and isinstance(value, str):
                assert not DANGEROUS_URL.match(value.strip()), (path, key, value)


def test_calendars_parse_back_and_their_urls_are_safe(hostile_site: Path) -> None:
    calendars = sorted(hostile_site.rglob("*.ics"))
    assert calendars
    for path in calendars:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert str(event["URL"]).startswith("http")
            assert "\r" not in str(event["SUMMARY"])


def test_our_scripts_carry_no_employer_text(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*.js"):
        assert "alert(" not in path.read_text(encoding="utf-8"), path


def _walk(data: object, key: str = ""):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _walk(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value, key)
    else:
        yield key, data


def scan_html(text: str, fragment: bool = False) -> list[str]:
    """Everything in an HTML document that could run script or load something dangerous."""
    root = lxml.html.fragment_fromstring(text) if fragment else lxml.html.document_fromstring(text)
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        ours = not fragment and (tag, element.get("id")) in OUR_ELEMENTS
        refresh = tag == "meta" and element.get("http-equiv", "").lower() == "refresh"
        if (tag in FORBIDDEN_ELEMENTS and not ours) or refresh:
            problems.append(f"<{tag}>")
        if tag == "script" and not _our_script(element, fragment):
            problems.append(f"script: {(element.get('src') or element.text or '')[:60]}")
        for attribute, value in element.attrib.items():
            name = attribute.lower()
            if name.startswith("on") or name == "style":
                problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and DANGEROUS_URL.match(re.sub(r"[\x00-\x20]", "", value)):
                problems.append(f"<{tag} {name}={value[:40]}>")
    return problems


def _our_script(element: lxml.html.HtmlElement, fragment: bool) -> bool:
    if fragment:
        return False
    if element.get("type") == "application/ld+json" and not element.get("src"):
        return True
    return bool(OUR_SCRIPTS.search(element.get("src") or "")) and not (element.text or "").strip()


def test_the_scanner_itself_catches_what_it_looks_for() -> None:
    attacks = [
        "<img src=x onerror=alert(1)>", "<a href=' javascript:alert(1)'>x</a>", "<script>alert(1)</script>",
        "<iframe src=https://x.example></iframe>", "<a href='DATA:text/html,x'>x</a>", "<p style='x'>y</p>",
        "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", "<meta http-equiv=refresh content='0;url=x'>",
    ]
    for attack in attacks:
        assert scan_html(f"<html><body>{attack}</body></html>"), attack
    assert scan_html(f"<div>{EXAMPLES.name}</div>", fragment=True) == []
