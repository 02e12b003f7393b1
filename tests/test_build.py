"""A real Pelican build of the sample board: pages, feeds, structured data, and nothing dropped.

Expectations are computed straight from the sample YAML files with PyYAML, independently of the
board's own reading code.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import lxml.html
import pytest
import yaml
from jsonschema import Draft202012Validator

from board.read.yaml_loader import load_yaml
from conftest import CONTENT, sample_today

TODAY = sample_today()


def samples() -> dict[str, dict]:
    return {path.stem: load_yaml(path).data for path in sorted((CONTENT / "opportunities").glob("*.yaml"))}


def is_open(listing: dict) -> bool:
    return listing.get("status", "open") == "open" and date.fromisoformat(listing["apply_by"]) >= TODAY


OPEN = {key: value for key, value in samples().items() if is_open(value)}
CLOSED = {key: value for key, value in samples().items() if not is_open(value)}
CATEGORIES = yaml.safe_load((CONTENT / "vocabulary.yaml").read_text())["categories"]


def html(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / path)).getroot()


def card_ids(page: lxml.html.HtmlElement) -> list[str]:
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in page.xpath("//h3[@class='card__title']/a/@href")]


def all_pages(site: Path, first: str) -> list[str]:
    """Card ids across a paginated list, following its Next links."""
    ids, path = [], Path(first)
    while True:
        page = html(site, str(path))
        ids += card_ids(page)
        following = page.xpath("//a[@rel='next']/@href")
        if not following:
            return ids
        path = (site / path.parent / following[0] / "index.html").resolve().relative_to(site.resolve())


def test_the_sample_board_has_open_and_closed_listings() -> None:
    assert len(OPEN) >= 20 and len(CLOSED) >= 3


def test_home_lists_every_open_listing_soonest_deadline_first(sample_site: Path) -> None:
    ids = all_pages(sample_site, "index.html")
    assert sorted(ids) == sorted(OPEN)
    assert ids == sorted(OPEN, key=lambda key: (OPEN[key]["apply_by"], key))


def test_a_card_shows_title_organization_pay_effort_place_category_and_deadline(sample_site: Path) -> None:
    first = html(sample_site, "index.html").xpath("//li[contains(@class, 'card')]")[0]
    listing = OPEN[card_ids(first)[0]]
    text = " ".join(first.text_content().split())
    assert listing["title"] in text
    assert str(listing["effort_hours"]["max"]) in text
    assert CATEGORIES[listing["category"]]["label"] in text
    assert "Closes" in text and "apply by" in text
    labels = first.xpath(".//dt/text()")
    assert labels == ["Pay", "Effort", "Where", "Category"]


def test_every_listing_has_its_own_page_open_or_closed(sample_site: Path) -> None:
    for key, listing in samples().items():
        page = html(sample_site, f"opportunities/{key}/index.html")
        assert page.xpath("//h1/text()") == [listing["title"]]
        assert [item.text_content() for item in page.xpath("//ul[@class='deliverables']/li")] == listing["deliverables"]


@pytest.mark.parametrize("key", sorted(OPEN)[:5])
def test_an_open_listing_has_job_posting_structured_data(sample_site: Path, key: str) -> None:
    page = html(sample_site, f"opportunities/{key}/index.html")
    [script] = page.xpath("//script[@type='application/ld+json']/text()")
    posting = json.loads(script)
    listing = OPEN[key]
    assert posting["@type"] == "JobPosting" and "INTERN" in posting["employmentType"]
    assert posting["directApply"] is False  # students apply on the employer's site or by email
    assert posting["title"] == listing["title"]
    assert posting["datePosted"] == listing["posted"]
    assert posting["validThrough"].startswith(listing["apply_by"] + "T23:59:59")
    assert posting["hiringOrganization"]["name"]
    assert posting["description"]
    if listing["location"]["mode"] == "remote":
        assert posting["jobLocationType"] == "TELECOMMUTE"
        assert len(posting["applicantLocationRequirements"]) == len(listing["location"]["countries"])
    else:
        assert posting["jobLocation"]["address"]["addressCountry"] == listing["location"]["address"]["country"]
    if listing["compensation"]["type"] != "unpaid":
        assert posting["baseSalary"]["currency"] == listing["compensation"]["currency"]
        assert posting["baseSalary"]["value"]["unitText"] == "HOUR"
    assert page.xpath("//a[@class='button'] | //*[@class='apply-email']")


def test_a_closed_listing_keeps_its_page_with_a_notice_and_no_structured_data(sample_site: Path) -> None:
    for key in CLOSED:
        page = html(sample_site, f"opportunities/{key}/index.html")
        assert page.xpath("//*[contains(@class, 'notice--closed')]"), key
        assert not page.xpath("//script[@type='application/ld+json']"), key
        assert not page.xpath("//a[@class='button'] | //*[@class='apply-email']"), key
    assert sorted(all_pages(sample_site, "closed/index.html")) == sorted(CLOSED)


def test_category_pages_list_their_open_listings_and_link_their_feeds(sample_site: Path) -> None:
    for category in CATEGORIES:
        path = f"categories/{category}/index.html"
        expected = sorted(key for key, listing in OPEN.items() if listing["category"] == category)
        assert sorted(all_pages(sample_site, path)) == expected
        feeds = html(sample_site, path).xpath("//link[@rel='alternate']/@href")
        assert f"../../feeds/categories/{category}.atom.xml" in feeds
        assert f"../../feeds/categories/{category}.rss.xml" in feeds


def test_skill_organization_and_remote_pages_list_the_right_open_listings(sample_site: Path) -> None:
    skill = OPEN[sorted(OPEN)[0]]["skills"][0]
    expected = sorted(key for key, listing in OPEN.items() if skill in listing["skills"])
    assert sorted(all_pages(sample_site, f"skills/{skill}/index.html")) == expected
    remote = sorted(key for key, listing in OPEN.items() if listing["location"]["mode"] == "remote")
    assert sorted(all_pages(sample_site, "remote/index.html")) == remote
    for organization in (CONTENT / "organizations").glob("*.yaml"):
        data = yaml.safe_load(organization.read_text())
        page = html(sample_site, f"organizations/{organization.stem}/index.html")
        assert data["summary"] in page.text_content()
        expected = sorted(key for key, listing in OPEN.items() if listing["organization"] == organization.stem)
        assert sorted(card_ids(page)) == expected
        if "logo" in data:
            [logo] = page.xpath("//img[@class='org-logo']/@src")
            assert (sample_site / "organizations" / organization.stem / logo).resolve().is_file()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_main_feed_carries_every_open_listing_with_stable_guids(sample_site: Path, kind: str) -> None:
    feed = feedparser.parse((sample_site / "feeds" / f"all.{kind}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    by_link = {entry.link: entry for entry in feed.entries}
    assert sorted(by_link) == sorted(f"http://localhost:8000/opportunities/{key}/" for key in OPEN)
    for key, listing in OPEN.items():
        entry = by_link[f"http://localhost:8000/opportunities/{key}/"]
        assert entry.title == listing["title"]
        assert entry.id == entry.link
        assert date(*entry.published_parsed[:3]) == date.fromisoformat(listing["posted"])
        text = unescape(entry.summary)
        assert listing["summary"] in text
        assert "Pay: " in text and "Effort: " in text and "Apply by " in text


def test_each_category_has_feeds_with_only_its_open_listings(sample_site: Path) -> None:
    for category in CATEGORIES:
        for kind in ("rss", "atom"):
            feed = feedparser.parse((sample_site / "feeds" / "categories" / f"{category}.{kind}.xml").read_bytes())
            assert not feed.bozo
            links = sorted(entry.link for entry in feed.entries)
            expected = sorted(f"http://localhost:8000/opportunities/{key}/"
                              for key, listing in OPEN.items() if listing["category"] == category)
            assert links == expected


def test_every_page_has_landmarks_a_skip_link_and_the_main_feed(sample_site: Path) -> None:
    for path in sorted(sample_site.rglob("*.html")):
        page = lxml.html.parse(str(path)).getroot()
        relative = path.relative_to(sample_site)
        if relative.parts[0] == "embed":  # the inside of the iframe embed, not a page of the site
            continue
        if relative.parts[:2] == ("search", "cards"):  # a listing's card, which search.js puts in a page
            continue
        assert page.xpath("//a[@class='skip-link']/@href") == ["#main"], relative
        assert page.xpath("//main[@id='main']") and page.xpath("//header") and page.xpath("//nav"), relative
        assert len(page.xpath("//h1")) == 1, relative
        assert any(href.endswith("feeds/all.atom.xml") for href in page.xpath("//link[@rel='alternate']/@href"))
        inline = page.xpath("//script[not(@src) and not(@type='application/ld+json')]")
        assert not inline, f"{relative} has inline script"
        assert all(re.search(r"/theme/js/[a-z-]+\.js$", src) for src in page.xpath("//script/@src")), relative


def test_a_listing_page_names_every_country_and_the_full_address(sample_site: Path) -> None:
    remote = max((key for key, listing in OPEN.items() if listing["location"]["mode"] == "remote"),
                 key=lambda key: len(OPEN[key]["location"]["countries"]))
    assert len(OPEN[remote]["location"]["countries"]) > 3
    facts = html(sample_site, f"opportunities/{remote}/index.html").xpath("//aside//dd")[2].text_content()
    assert facts.count(",") == len(OPEN[remote]["location"]["countries"]) - 1
    onsite = next(key for key, listing in OPEN.items() if "street" in listing["location"].get("address", {}))
    address = OPEN[onsite]["location"]["address"]
    facts = html(sample_site, f"opportunities/{onsite}/index.html").xpath("//aside//dd")[2].text_content()
    assert address["street"] in facts and address["city"] in facts


def test_the_post_page_shows_a_schema_valid_example_and_links_to_the_editor_and_the_form(sample_site: Path) -> None:
    page = html(sample_site, "post/index.html")
    example = page.xpath("//pre/code")[0].text_content()
    assert example.startswith("# yaml-language-server: $schema=")
    schema = json.loads((CONTENT.parent / "schemas" / "opportunity.schema.json").read_text())
    listing = yaml.safe_load(example)
    listing = {key: str(value) if isinstance(value, date) else value for key, value in listing.items()}
    assert list(Draft202012Validator(schema).iter_errors(listing)) == []
    [editor] = [href for href in page.xpath("//a/@href") if "/new/main?" in href]
    assert parse_qs(urlsplit(editor).query)["value"] == [example]
    assert any(href.endswith("/issues/new?template=new-opportunity.yml") for href in page.xpath("//a/@href"))
    assert "Paid work only" in page.text_content() and "within 120 days" in page.text_content()
