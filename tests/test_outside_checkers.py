"""The board as outside checkers see it, offline: the Nu HTML Checker (vnu.jar), LinkChecker and
axe-core, each run once over one site published as a deploy publishes it (absolute addresses),
on every kind of page the board has.

vnu.jar comes from npm (tests/tools/package-lock.json, installed by `make test`) and runs on Java;
.ci/run installs Java, so in CI a missing checker is a failure, elsewhere a skip.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from conftest import ROOT, PublishedBoard
from test_build import CLOSED, OPEN

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text()
FRAGMENTS = "search/cards/"  # the cards search shows: pieces of a page, not pages


def page_types(site: Path) -> dict[str, str]:
    """One page of every kind the board publishes, by what it is."""
    completion = sorted((site / "completions").glob("*/index.html"))[0].parent.name
    week = sorted(path.name for path in (site / "digest").iterdir() if path.is_dir())[-1]
    return {
        "home": "", "search": "?q=survey&category=research", "home, page 2": "page/2/",
        "open listing": f"opportunities/{sorted(OPEN)[0]}/", "closed listing": f"opportunities/{sorted(CLOSED)[0]}/",
        "categories": "categories/", "category": "categories/data-analysis/", "skills": "skills/",
        "skill": "skills/python/", "organizations": "organizations/", "organization": "organizations/tern-books/",
        "remote": "remote/", "closed": "closed/", "post": "post/", "subscribe": "subscribe/", "api": "api/",
        "embed builder": "embed-listings/", "embed frame": "embed/?limit=5", "saved": "saved/", "about": "about/",
        "outcomes": "outcomes/", "digest archive": "digest/", "digest issue": f"digest/{week}/",
        "completion record": f"completions/{completion}/", "not found": "404.html",
    }


def require(tool: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing: `make test` installs vnu.jar and .ci/run installs Java")
    pytest.skip(f"{tool} is missing (run `make tools`; vnu.jar needs Java)")


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if not path.relative_to(site).as_posix().startswith(FRAGMENTS))


def test_the_nu_html_checker_finds_no_error_on_any_page(published_board: PublishedBoard) -> None:
    require("java", shutil.which("java") is not None)
    require("vnu.jar", VNU.is_file())
    site = published_board.site
    checked = [*pages(site), *sorted((site / "theme" / "css").glob("*.css")), site / "icons" / "icon.svg"]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--also-check-css",
                             "--also-check-svg", *map(str, checked)], capture_output=True, text=True, timeout=300)
    errors = [f"{urlsplit(message['url']).path.removeprefix(str(site))}:{message.get('lastLine')}: {message['message']}"
              for message in json.loads(result.stdout or result.stderr)["messages"]]
    assert errors == []
    assert len(checked) > 100 and result.returncode == 0


def extra_addresses(board: PublishedBoard) -> list[str]:
    """What pages advertise outside links and anchors, which LinkChecker does not follow: preview
    images, the manifest's icons, and the files the search box loads."""
    found: set[str] = set()
    for path in pages(board.site):
        page = lxml.html.parse(str(path)).getroot()
        found.update(page.xpath("//meta[@property='og:image']/@content"))
        for name in ("index", "words", "pagefind-map", "pagefind"):
            found.update(page.xpath(f"//*[@id='search']/@data-{name}"))
    manifest = json.loads((board.site / "manifest.webmanifest").read_text())
    found.update(f"{board.url}/{icon['src']}" for icon in manifest["icons"])
    return sorted(found)


def test_linkchecker_finds_every_link_feed_api_and_calendar_address_on_the_site(
        published_board: PublishedBoard, tmp_path: Path) -> None:
    url = published_board.url
    config = tmp_path / "linkcheckerrc"
    # Two warnings are not wanted: url-too-long, as the Post page's link to GitHub's editor holds the
    # whole example file on purpose (3.5 KB; GitHub takes 8 KB), and url-content-type-unparseable,
    # which LinkChecker gives every start address that is a file rather than a page (an image, JSON).
    config.write_text("[checking]\nmaxrequestspersecond=1000\nthreads=4\n[filtering]\ncheckextern=0\n"
                      "ignorewarnings=url-too-long,url-content-type-unparseable\n")
    starts = [f"{url}/", f"{url}/robots.txt", f"{url}/sitemap.xml", f"{url}/404.html",
              *extra_addresses(published_board)]
    result = subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status", "-v", "-o", "csv",
                             *starts], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO("".join(line + "\n" for line in result.stdout.splitlines()
                                                   if not line.startswith("#"))), delimiter=";"))
    broken = [(row["urlname"], row["parentname"], row["result"], row["warningstring"]) for row in rows
              if row["valid"] != "True" or row["warningstring"]]
    assert broken == []
    checked = {urlsplit(row["url"]).path for row in rows}
    for advertised in ("/feeds/", "/api/v1/", "/calendar/", "/previews/", "/opportunities/", "/skills/"):
        assert any(path.startswith(advertised) for path in checked), advertised
    assert len(checked) > 400 and result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_serious_or_critical_violation_on_any_kind_of_page(browser, published_board: PublishedBoard,
                                                                        width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    found = {}
    for kind, path in page_types(published_board.site).items():
        page.goto(f"{published_board.url}/{path}")
        page.wait_for_load_state("networkidle")
        page.evaluate(AXE)  # by the test harness: the page's own policy stays as it is
        report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found[kind] = [(violation["id"], [node["target"] for node in violation["nodes"]][:3])
                       for violation in report["violations"] if violation["impact"] in ("serious", "critical")]
    page.close()
    assert {kind: violations for kind, violations in found.items() if violations} == {}
    assert len(found) == 25
