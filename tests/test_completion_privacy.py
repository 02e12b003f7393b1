"""Privacy by default, checked from outside: no email address and no name a student did not give
anywhere in what the board publishes; the "Is this your record?" check runs in Chromium and sends
the address nowhere; the pages are accessible; employer text stays text."""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from board.contribute.completion import identity_hash
from browser import serve
from conftest import CONTENT, ROOT, TEST_RECORD, Board, epoch_at, run_pelican, sample_today

ADDRESS = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
BOARD_CONTACT = b"badges@example.org"  # BOARD_BADGE_CONTACT: the board's role address, in issuer profiles only
AXE = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text()
NAMED = "bylaw-guides-2026-autumn"  # the one sample record whose student confirmed their name
NAME = b"Maya Fictional"


# Pagefind's own prebuilt search interfaces, which it writes beside every index, credit its translators
# by address; the board's search does not load them (it has its own, theme/static/js/search.js).
PAGEFIND_UI = re.compile(r"^pagefind/pagefind-(component-)?ui\.js$")


def published_text(site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file's bytes, with compressed (Pagefind's index) and base64 (JWT) content decoded too."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data.startswith(b"\x1f\x8b"):
                data += gzip.decompress(data)
            if path.suffix == ".ics":  # an event's UID is <listing-id>@<board's host> by RFC 5545 convention
                data = re.sub(rb"^UID:[^\r\n]*", b"", data, flags=re.MULTILINE)
            if path.suffix == ".jwt":
                data += b"".join(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
                                 for part in data.decode().split("."))
            yield path.relative_to(site).as_posix(), data


def addresses(site: Path) -> list[tuple[str, bytes]]:
    return [(name, found) for name, data in published_text(site) for found in ADDRESS.findall(data)
            if not (found == BOARD_CONTACT and name.startswith("issuers/") and name.endswith(".json"))
            and not PAGEFIND_UI.match(name)]


def test_the_sample_board_publishes_no_email_address(sample_site: Path) -> None:
    assert addresses(sample_site) == []


def test_a_board_with_a_signing_key_publishes_no_email_address_either(completion_board: Board) -> None:
    assert addresses(completion_board.site) == []
    student = completion_board.email.encode()
    assert [name for name, data in published_text(completion_board.site)
            if student.lower() in data.lower() or student.split(b"@")[0].lower() in data.lower()] == []


def test_the_scan_finds_an_address_where_one_is_published(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"<p>write to ada@example.net</p>")
    (tmp_path / "token.jwt").write_text(base64.urlsafe_b64encode(b'{"e":"bo@example.net"}').decode() + ".e30.e30")
    assert addresses(tmp_path) == [("page.html", b"ada@example.net"), ("token.jwt", b"bo@example.net")]


def test_a_name_appears_only_where_its_student_confirmed_it(completion_board: Board) -> None:
    where = sorted(name for name, data in published_text(completion_board.site) if NAME in data)
    assert where == [f"completions/{NAMED}/index.html"]
    assert [name for name, data in published_text(completion_board.site) if b"Jane Roe" in data] == []


def test_records_without_a_confirmed_name_say_a_student(sample_site: Path) -> None:
    page = (sample_site / "completions" / "investor-model-tidy-up" / "index.html").read_text()
    assert "by A student" in page and "<dd>A student</dd>" in page


def test_no_record_is_listed_anywhere_and_search_engines_are_asked_to_leave_them(sample_site: Path) -> None:
    ids = [path.name for path in (sample_site / "completions").iterdir()]
    linking = [name for name, data in published_text(sample_site) for key in ids
               if f"completions/{key}".encode() in data and not name.startswith(("completions/", "badges/"))]
    assert linking == []
    for key in ids:
        page = (sample_site / "completions" / key / "index.html").read_text()
        assert '<meta name="robots" content="noindex">' in page


def check_address(browser: object, board: Board, address: str) -> tuple[str, list[str]]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url} {request.post_data}"))
    page.goto(f"{board.url}/completions/{TEST_RECORD}/")
    page.fill("#email-check-address", address)
    page.click(".email-check button")
    page.wait_for_function("document.querySelector('.email-check__result').textContent !== ''")
    result = page.inner_text(".email-check__result")
    page.close()
    return result, requests


def test_the_email_check_confirms_the_students_address_in_chromium(browser: object, completion_board: Board) -> None:
    typed = f"  {completion_board.email.upper()} "  # as a student might type it
    result, requests = check_address(browser, completion_board, typed)
    assert result == "Yes: this record was issued to that address."
    assert [request for request in requests if completion_board.email.split("@")[0].lower() in request.lower()] == []
    assert all(request.startswith("GET ") for request in requests)


def test_the_email_check_says_no_for_another_address(browser: object, completion_board: Board) -> None:
    result, requests = check_address(browser, completion_board, "someone.else@example.org")
    assert result.startswith("No: this record was issued to another address.")
    assert [request for request in requests if "someone.else" in request] == []


def test_the_check_is_the_same_hash_as_make_completion_and_the_verifiers(completion_board: Board) -> None:
    assertion = json.loads((completion_board.site / "completions" / TEST_RECORD / "assertion.json").read_text())
    recipient = assertion["recipient"]
    assert recipient["identity"] == identity_hash(completion_board.email, recipient["salt"])
    page = (completion_board.site / "completions" / TEST_RECORD / "index.html").read_text()
    assert f'data-identity="{recipient["identity"]}" data-salt="{recipient["salt"]}"' in page
    assert 'name="' not in page.split('class="email-check"')[1].split("</form>")[0]  # a form that submits nothing


@pytest.mark.parametrize("path", [f"completions/{NAMED}/", f"completions/{TEST_RECORD}/",
                                  "completions/lender-pricing-benchmark/", "outcomes/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_or_critical_accessibility_violations(browser: object, completion_board: Board, path: str,
                                                         width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{completion_board.url}/{path}")
    page.evaluate(AXE)  # evaluated by the test harness, so the page's CSP stays as it is
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.close()
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]
               if v["impact"] in ("serious", "critical")]
    assert (serious, overflow) == ([], False)


def test_employer_text_in_a_record_stays_text(browser: object, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    source = content / "completions" / "pedalshare-berlin-rider-survey" / "winter-rider-survey.yaml"
    payload = '<img src=x onerror=alert(1)><script>alert("x")</script></blockquote><a href="javascript:alert(1)">x</a>'
    data = yaml.safe_load(source.read_text())
    source.write_text(yaml.safe_dump({**data, "statement": payload}))
    site = tmp_path / "site"
    with serve(site) as url:
        result = run_pelican(content, site, epoch_at(sample_today()), "publishconf.py", {"SITEURL": url})
        assert result.returncode == 0, result.stdout + result.stderr
        page = (site / "completions" / "winter-rider-survey" / "index.html").read_text()
        assert "<img src=x" not in page and "<script>alert" not in page and 'href="javascript:' not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        tab = browser.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(f"{url}/completions/winter-rider-survey/")
        statement = tab.inner_text(".statement")
        tab.close()
        assert dialogs == [] and statement.startswith("<img src=x onerror=alert(1)>")
