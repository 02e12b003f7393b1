"""Career offices embed the board on their own sites: the script widget and the iframe, driven in
Chromium from a host page on a different origin (another localhost port), with the board served
the way GitHub Pages serves it (Access-Control-Allow-Origin: *)."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest

from browser import playwright_browser, serve
from conftest import BOARD_TIMEZONE, ROOT, sample_today
from test_build import OPEN

HOST_PAGE = """<!DOCTYPE html>
<html><head><title>Career office</title>
<style>* {{ color: rgb(255, 0, 0) !important; font-family: serif !important; }}
       li {{ display: none !important; }}</style>
<script>window.hostGlobal = "untouched"; window.keysBefore = Object.keys(window);</script>
</head><body>
<h1 id="host-title">Career office</h1>
<script src="{board}/embed.js" {attributes} async></script>
<iframe id="frame" src="{board}/embed/?{query}" title="Listings" style="width:100%;border:0"></iframe>
<script>addEventListener("message", (e) => {{ if (e.data && e.data.type === "micro-internships:resize")
  document.getElementById("frame").style.height = e.data.height + "px"; }});</script>
</body></html>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_browser() as chromium:
        yield chromium


def open_host(browser, board: str, host_folder: Path, attributes: str, query: str = "limit=2"):
    (host_folder / "index.html").write_text(HOST_PAGE.format(board=board, attributes=attributes, query=query))
    page = browser.new_page()
    page.clock.set_fixed_time(datetime.combine(sample_today(), time(12), BOARD_TIMEZONE))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def widget_cards(page) -> list[dict]:
    page.wait_for_function("document.querySelector('.micro-internships-embed')?.shadowRoot"
                           "?.querySelector('.list, .empty')")
    return page.evaluate("""() => [...document.querySelector('.micro-internships-embed').shadowRoot
        .querySelectorAll('.card')].map((card) => ({title: card.querySelector('.title').textContent,
        href: card.querySelector('.title').href, color: getComputedStyle(card.querySelector('.title')).color,
        display: getComputedStyle(card).display, text: card.textContent}))""")


def test_the_widget_shows_the_matching_listings_and_leaves_the_host_page_alone(browser, sample_site: Path,
                                                                               tmp_path: Path) -> None:
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, dialogs = open_host(browser, board, tmp_path, 'data-category="data-analysis" data-limit="3"')
        page.goto(f"{host}/index.html")
        cards = widget_cards(page)
        expected = sorted((key for key, value in OPEN.items() if value["category"] == "data-analysis"),
                          key=lambda key: (OPEN[key]["apply_by"], key))[:3]
        assert [card["title"] for card in cards] == [OPEN[key]["title"] for key in expected]
        assert [card["href"] for card in cards] == [f"http://localhost:8000/opportunities/{key}/" for key in expected]
        assert all(card["color"] != "rgb(255, 0, 0)" and card["display"] != "none" for card in cards)
        assert page.evaluate("document.querySelector('.micro-internships-embed').shadowRoot.mode") == "open"
        new_globals = page.evaluate("Object.keys(window).filter((key) => !window.keysBefore.includes(key))")
        assert [name for name in new_globals if name != "keysBefore" and not name.isdigit()] == []  # digits: frames
        assert page.evaluate("window.hostGlobal") == "untouched"
        assert page.evaluate("getComputedStyle(document.getElementById('host-title')).color") == "rgb(255, 0, 0)"
        assert dialogs == []


def test_the_iframe_shows_listings_in_the_chosen_look_and_sizes_itself(browser, sample_site: Path,
                                                                       tmp_path: Path) -> None:
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, _ = open_host(browser, board, tmp_path, 'data-limit="1"', "mode=remote&limit=2&theme=dark")
        page.goto(f"{host}/index.html")
        frame = page.frame_locator("#frame")
        frame.locator(".micro-internships-embed").wait_for()
        page.wait_for_function("parseInt(document.getElementById('frame').style.height) > 100")
        inside = page.frames[1]
        inside.wait_for_function("document.querySelector('.micro-internships-embed').shadowRoot.querySelector('.list')")
        titles = inside.evaluate("[...document.querySelector('.micro-internships-embed').shadowRoot"
                                 ".querySelectorAll('.title')].map((link) => link.textContent)")
        remote = sorted((key for key, value in OPEN.items() if value["location"]["mode"] == "remote"),
                        key=lambda key: (OPEN[key]["apply_by"], key))[:2]
        assert titles == [OPEN[key]["title"] for key in remote]
        assert inside.evaluate("document.querySelector('.micro-internships-embed').shadowRoot"
                               ".querySelector('.mi').dataset.theme") == "dark"


def test_hostile_listing_text_and_urls_stay_inert(browser, sample_site: Path, tmp_path: Path) -> None:
    board_folder, host_folder = tmp_path / "board", tmp_path / "host"
    (board_folder / "api" / "v1").mkdir(parents=True)
    host_folder.mkdir()
    shutil.copy(ROOT / "theme" / "static" / "js" / "embed.js", board_folder / "embed.js")
    record = json.loads((sample_site / "api" / "v1" / "opportunities.json").read_text())["opportunities"][0]
    record.update(title="<img src=x onerror=alert('title')>", url="javascript:alert('url')",
                  organization={**record["organization"], "name": "<script>alert('org')</script>"})
    (board_folder / "api" / "v1" / "opportunities.json").write_text(json.dumps({"opportunities": [record]}))
    with serve(board_folder, cors=True) as board, serve(host_folder) as host:
        page, dialogs = open_host(browser, board, host_folder, "")
        page.goto(f"{host}/index.html")
        [card] = widget_cards(page)
        assert card["title"] == "<img src=x onerror=alert('title')>"
        assert card["href"] == f"{board}/"
        assert "<script>alert('org')</script>" in card["text"]
        shadow_elements = page.evaluate("[...document.querySelector('.micro-internships-embed').shadowRoot"
                                        ".querySelectorAll('*')].map((node) => node.localName)")
        assert not {"img", "script", "iframe"} & set(shadow_elements)
        page.wait_for_timeout(200)
        assert dialogs == []


def test_without_the_api_the_widget_is_a_plain_link_to_the_board(browser, tmp_path: Path) -> None:
    board_folder, host_folder = tmp_path / "board", tmp_path / "host"
    board_folder.mkdir()
    host_folder.mkdir()
    shutil.copy(ROOT / "theme" / "static" / "js" / "embed.js", board_folder / "embed.js")
    with serve(board_folder, cors=True) as board, serve(host_folder) as host:
        page, _ = open_host(browser, board, host_folder, "")
        page.goto(f"{host}/index.html")
        page.wait_for_load_state("networkidle")
        links = page.evaluate("[...document.querySelector('.micro-internships-embed').shadowRoot"
                              ".querySelectorAll('a')].map((link) => [link.textContent, link.href])")
        assert links == [["See open micro-internships", f"{board}/"]]


def test_the_widget_is_small() -> None:
    source = (ROOT / "theme" / "static" / "js" / "embed.js").read_bytes()
    assert len(gzip.compress(source, 9)) < 10 * 1024



def test_the_embed_page_builds_the_snippets_and_previews_them(browser, sample_site: Path) -> None:
    with serve(sample_site) as board:
        page = browser.new_page()
        page.clock.set_fixed_time(datetime.combine(sample_today(), time(12), BOARD_TIMEZONE))
        page.goto(f"{board}/embed-listings/")
        page.select_option("#opt-category", "design")
        page.select_option("#opt-limit", "3")
        snippet = page.input_value("#script-snippet")
        assert snippet == ('<script src="http://localhost:8000/embed.js" data-category="design" data-limit="3" '
                           'async></script>')
        assert "embed/?category=design&limit=3" in page.input_value("#iframe-snippet")
        preview = page.frame_locator("#embed-preview")
        titles = preview.locator(".micro-internships-embed .title")
        titles.first.wait_for()
        design = sorted((key for key, value in OPEN.items() if value["category"] == "design"),
                        key=lambda key: (OPEN[key]["apply_by"], key))[:3]
        assert titles.all_text_contents() == [OPEN[key]["title"] for key in design]
