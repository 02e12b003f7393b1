"""Employer email addresses are not on the page for harvesters, yet work for people."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from board.read.yaml_loader import load_yaml
from browser import rendered_dom, serve
from conftest import CONTENT

LISTINGS = {path.stem: load_yaml(path).data for path in sorted((CONTENT / "opportunities").glob("*.yaml"))}
BY_EMAIL = {key: data for key, data in LISTINGS.items()
            if "email" in data["apply"] and data.get("status", "open") == "open"}
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_no_page_or_feed_shows_an_address_or_a_mailto_link(sample_site: Path) -> None:
    for path in sample_site.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            text = path.read_text()
            assert not ADDRESS.search(text), f"{path.relative_to(sample_site)}: {ADDRESS.search(text).group()}"
            assert "mailto:" not in text, path


def test_without_javascript_the_address_is_spelled_out_for_people(sample_site: Path) -> None:
    key, listing = next(iter(BY_EMAIL.items()))
    page = lxml.html.parse(str(sample_site / "opportunities" / key / "index.html")).getroot()
    user, domain = listing["apply"]["email"].split("@")
    text = " ".join(page.xpath("//*[@class='apply-email']")[0].text_content().split())
    assert f"{user} [at] {domain.replace('.', ' [dot] ')}" in text


def test_with_javascript_it_becomes_a_working_mailto_link(sample_site: Path) -> None:
    key, listing = next(iter(BY_EMAIL.items()))
    with serve(sample_site) as base:
        dom = lxml.html.fromstring(rendered_dom(f"{base}/opportunities/{key}/"))
    [link] = dom.xpath("//*[@class='apply-email']//a")
    assert link.get("href").startswith(f"mailto:{listing['apply']['email']}?subject=Application%3A%20")
    assert link.text_content() == "Apply by email"
    assert listing["apply"]["email"] in dom.xpath("//*[@class='apply-email']")[0].text_content()
