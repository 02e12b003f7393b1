"""Career offices embed the board on their own sites: the script widget and the iframe, driven in
Chromium from a host page on a different origin (another localhost port), with the board served
the way GitHub Pages serves it (Access-Control-Allow-Origin: *)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from board.render.display import date_text
from board.site.guide_pages import integrity, versioned_name
from browser import serve
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
    (board_folder / "api" / "v1" / "slices").mkdir(parents=True)
    host_folder.mkdir()
    shutil.copy(ROOT / "theme" / "static" / "js" / "embed.js", board_folder / "embed.js")
    document = json.loads((sample_site / "api" / "v1" / "slices" / "all.json").read_text())
    card = document["opportunities"][0]
    card.update(title="<img src=x onerror=alert('title')>", url="javascript:alert('url')",
                pay="<svg onload=alert('pay')>", apply_by_text="<iframe src=javascript:alert('date')>",
                organization={**card["organization"], "name": "<script>alert('org')</script>"})
    document["opportunities"] = [card]
    (board_folder / "api" / "v1" / "slices" / "all.json").write_text(json.dumps(document))
    with serve(board_folder, cors=True) as board, serve(host_folder) as host:
        page, dialogs = open_host(browser, board, host_folder, "")
        page.goto(f"{host}/index.html")
        [card] = widget_cards(page)
        assert card["title"] == "<img src=x onerror=alert('title')>"
        assert card["href"] == f"{board}/"
        assert "<script>alert('org')</script>" in card["text"] and "<svg onload=alert('pay')>" in card["text"]
        shadow_elements = page.evaluate("[...document.querySelector('.micro-internships-embed').shadowRoot"
                                        ".querySelectorAll('*')].map((node) => node.localName)")
        assert not {"img", "script", "iframe", "svg"} & set(shadow_elements)
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
        widget = (sample_site / "embed.js").read_bytes()
        # The snippet is rewritten after the widget's hash is computed, which is asynchronous.
        expect(page.locator("#script-snippet")).to_have_value(
            f'<script src="http://localhost:8000/{versioned_name(widget)}" integrity="{integrity(widget)}" '
            'crossorigin="anonymous" data-category="design" data-limit="3" async></script>')
        assert (sample_site / versioned_name(widget)).read_bytes() == widget
        assert ('<iframe src="http://localhost:8000/embed/?category=design&amp;limit=3" title="Micro-internships" '
                'loading="lazy" width="100%" height="455" frameborder="0"></iframe>') \
            in page.input_value("#iframe-snippet")
        shown = """() => { const inside = document.querySelector('#embed-preview').contentDocument;
            const list = inside?.querySelector('.micro-internships-embed')?.shadowRoot.querySelector('.list');
            return inside?.location.search === '?category=design&limit=3' && list
                && [...list.querySelectorAll('.title')].map((title) => title.textContent); }"""
        titles = page.wait_for_function(shown).json_value()
        design = sorted((key for key, value in OPEN.items() if value["category"] == "design"),
                        key=lambda key: (OPEN[key]["apply_by"], key))[:3]
        assert titles == [OPEN[key]["title"] for key in design]
        page.select_option("#opt-organization", "tern-books")
        page.select_option("#opt-country", "GB")
        expect(page.locator("#script-snippet")).to_have_value(
            re.compile('data-category="design" data-organization="tern-books" data-country="GB"'))


STRICT_HOST = """<!DOCTYPE html>
<html><head><title>Strict career office</title>
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src {board}; connect-src {board}; frame-src {board}; style-src 'self'">
</head><body>
<h1>Career office</h1>
{widgets}
<iframe id="frame" src="{board}/embed/?category=design&amp;limit=2" title="Listings" width="100%" height="330"
        frameborder="0"></iframe>
</body></html>"""


def open_strict_host(browser, board: str, host_folder: Path, widgets: list[str]):
    """A host page on another origin whose policy allows the board for scripts, requests and frames
    only: no inline script, no inline style. Every request and console message is recorded."""
    tags = "\n".join(f'<div><script src="{board}/embed.js" {attributes} async></script></div>'
                     for attributes in widgets)
    (host_folder / "index.html").write_text(STRICT_HOST.format(board=board, widgets=tags))
    page = browser.new_page()
    page.clock.set_fixed_time(datetime.combine(sample_today(), time(12), BOARD_TIMEZONE))
    requests, console = [], []
    page.on("request", lambda request: requests.append(request.url) if request.frame == page.main_frame else None)
    page.on("console", lambda message: console.append((message.type, message.text)))
    return page, requests, console


def wait_until(page, expression: str, seconds: float = 20) -> None:
    """Poll ``expression`` until it is truthy: the strict page forbids the eval that wait_for_function uses."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def shadow_texts(page, selector: str) -> list[list[str]]:
    return page.evaluate("""(selector) => [...document.querySelectorAll('.micro-internships-embed')].map((host) =>
        [...host.shadowRoot.querySelectorAll(selector)].map((node) => node.textContent))""", selector)


def sorted_keys(condition) -> list[str]:
    return sorted((key for key, value in OPEN.items() if condition(value)),
                  key=lambda key: (OPEN[key]["apply_by"], key))


def test_widgets_work_under_a_strict_policy_and_share_one_request_per_slice(browser, sample_site: Path,
                                                                             tmp_path: Path) -> None:
    widgets = ['data-category="design" data-limit="2"', 'data-category="design" data-limit="1"',
               'data-skill="python" data-limit="3"']
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, requests, console = open_strict_host(browser, board, tmp_path, widgets)
        page.goto(f"{host}/index.html")
        wait_until(page, "[...document.querySelectorAll('.micro-internships-embed')].length === 3 && "
                               "[...document.querySelectorAll('.micro-internships-embed')].every((host) => "
                               "host.shadowRoot.querySelector('.list, .empty'))")
        design = sorted_keys(lambda value: value["category"] == "design")
        python = sorted_keys(lambda value: "python" in value["skills"])
        assert shadow_texts(page, ".title") == [[OPEN[key]["title"] for key in keys]
                                                for keys in (design[:2], design[:1], python[:3])]
        title_color = page.evaluate("getComputedStyle(document.querySelector('.micro-internships-embed').shadowRoot"
                                    ".querySelector('.title')).color")
        assert title_color == "rgb(29, 78, 216)"  # the widget's own stylesheet applies under style-src 'self'
        api_requests = [url.removeprefix(board) for url in requests if "/api/" in url]
        assert sorted(api_requests) == ["/api/v1/slices/category/design.json", "/api/v1/slices/skill/python.json"]
        page.frame_locator("#frame").locator(".micro-internships-embed").wait_for()
        assert page.evaluate("document.getElementById('frame').getBoundingClientRect().height") == 330  # the builder's
        inside = page.frames[1]
        wait_until(inside, "document.querySelector('.micro-internships-embed').shadowRoot.querySelector('.list')")
        assert inside.evaluate("getComputedStyle(document.querySelector('.micro-internships-embed').shadowRoot"
                               ".querySelector('.title')).color") == "rgb(29, 78, 216)"  # under the frame's own policy
        assert inside.evaluate("document.body.getBoundingClientRect().bottom") <= 330  # two listings fit, unscrolled
        assert [text for kind, text in console if kind in ("error", "warning")] == []


def test_dates_read_as_the_board_writes_them(browser, sample_site: Path, tmp_path: Path) -> None:
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, _, _ = open_strict_host(browser, board, tmp_path, ['data-limit="3"'])
        page.goto(f"{host}/index.html")
        wait_until(page, "document.querySelector('.micro-internships-embed')?.shadowRoot.querySelector('.list')")
        first = sorted_keys(lambda value: True)[:3]
        [shown] = shadow_texts(page, ".deadline")
        assert shown == [f"Apply by {date_text(date.fromisoformat(str(OPEN[key]['apply_by'])), 'en')}" for key in first]
        assert all(re.fullmatch(r"Apply by \d{1,2} [A-Z][a-z]{2} \d{4}", text) for text in shown)  # 4 Dec 2026


@pytest.mark.parametrize(("attributes", "warning", "shown"), [
    ('data-category="data-analisys"', "data-category=\"data-analisys\" matches nothing on the board; "
     "did you mean 'data-analysis'?", 'No category "data-analisys" on this board (did you mean "data-analysis"?).'),
    ('data-category="Data analysis"', "did you mean 'data-analysis'?", "did you mean \"data-analysis\"?"),
    ('data-skill="pyhton"', "did you mean 'python'?",
     'No open listings with skill "pyhton" right now (did you mean "python"?).'),
    ('data-country="Germany"', "did you mean 'DE'?",
     'No open listings with country "GERMANY" right now (did you mean "DE"?).'),
    ('data-country="XX"', 'data-country="XX" matches nothing on the board',
     'No open listings with country "XX" right now.'),
    ('data-categroy="design"', "data-categroy is not a setting; did you mean 'data-category'?", None),
    ('data-limit="lots"', 'data-limit="lots" is not 1 to 50; showing 5', None),
], ids=["typo", "label", "skill", "country-name", "country", "attribute-name", "limit"])
def test_a_setting_the_board_does_not_know_is_named_in_the_console_and_the_widget(
        browser, sample_site: Path, tmp_path: Path, attributes: str, warning: str, shown: str | None) -> None:
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, _, console = open_strict_host(browser, board, tmp_path, [attributes])
        page.goto(f"{host}/index.html")
        wait_until(page, "document.querySelector('.micro-internships-embed')?.shadowRoot"
                               ".querySelector('.list, .empty')")
        warnings = [text for kind, text in console if kind == "warning"]
        assert any(warning in text and "micro-internships widget" in text for text in warnings), warnings
        if shown:
            [[text]] = shadow_texts(page, ".empty")
            assert shown in text
        else:
            assert shadow_texts(page, ".empty") == [[]] and shadow_texts(page, ".title")[0]


def test_known_values_that_match_nothing_together_say_so_plainly(browser, sample_site: Path, tmp_path: Path) -> None:
    organization = next(value["organization"] for value in OPEN.values()
                        if all(other["category"] != "design" for other in OPEN.values()
                               if other["organization"] == value["organization"]))
    with serve(sample_site, cors=True) as board, serve(tmp_path) as host:
        page, _, console = open_strict_host(browser, board, tmp_path,
                                            [f'data-category="design" data-organization="{organization}"'])
        page.goto(f"{host}/index.html")
        wait_until(page, "document.querySelector('.micro-internships-embed')?.shadowRoot.querySelector('.empty')")
        assert shadow_texts(page, ".empty") == [["No open listings match right now."]]
        assert [text for kind, text in console if kind == "warning"] == []


def test_the_versioned_widget_loads_with_its_integrity_hash_and_a_changed_file_is_refused(
        browser, sample_site: Path, tmp_path: Path) -> None:
    widget = (sample_site / "embed.js").read_bytes()
    tag = (f'<script src="{{board}}/{versioned_name(widget)}" integrity="{integrity(widget)}" '
           'crossorigin="anonymous" data-limit="2" async></script>')
    board_folder = tmp_path / "tampered"
    shutil.copytree(sample_site / "api", board_folder / "api")
    (board_folder / versioned_name(widget)).write_bytes(widget.replace(b"Apply by", b"Apply now"))
    for folder, expected in ((sample_site, 1), (board_folder, 0)):
        host_folder = tmp_path / f"host-{expected}"
        host_folder.mkdir()
        with serve(folder, cors=True) as board, serve(host_folder) as host:
            (host_folder / "index.html").write_text(f"<!DOCTYPE html><title>Host</title>{tag.format(board=board)}")
            page = browser.new_page()
            page.goto(f"{host}/index.html")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelectorAll('.micro-internships-embed').length") == expected
