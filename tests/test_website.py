"""What every public website has, on the board as a deploy publishes it: a sitemap and robots.txt for
search engines, one canonical address and a preview per page for links shared in chats, icons, a
404 page, complete JobPosting data, and guide pages that read well."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from PIL import Image

from board.render.prepared import ListingPreparer
from board.render.preview_image import PreviewCard, listing_card
from board.render.sitemap import SitemapEntry, sitemap_files
from board.site.preview_images import PreviewCache
from board.validate.catalog import validate_content
from conftest import CONTENT, ROOT, PublishedBoard, board_settings, sample_today
from test_build import CATEGORIES, CLOSED, OPEN
from test_outside_checkers import page_types

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FONTS = ROOT / "theme" / "fonts"


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return lxml.html.parse(str(file)).getroot()


def meta(document: lxml.html.HtmlElement, name: str) -> str:
    [content] = document.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return str(content)


def sitemap(board: PublishedBoard) -> dict[str, str | None]:
    root = ET.parse(board.site / "sitemap.xml").getroot()
    return {url.findtext(f"{SITEMAP}loc") or "": url.findtext(f"{SITEMAP}lastmod") for url in root}


def test_the_sitemap_lists_open_listings_and_browse_pages_dated_by_their_content(published_board) -> None:
    listed = sitemap(published_board)
    url = published_board.url
    for key, listing in OPEN.items():
        assert listed[f"{url}/opportunities/{key}/"] == str(listing["posted"])
    for key in CLOSED:
        assert f"{url}/opportunities/{key}/" not in listed  # still published, but not offered to crawlers
        assert (published_board.site / "opportunities" / key / "index.html").is_file()
    newest = max(str(listing["posted"]) for listing in OPEN.values())
    assert listed[f"{url}/"] == newest and listed[f"{url}/categories/"] == newest
    assert f"{url}/skills/python/" in listed and f"{url}/post/" in listed
    assert not any("/saved/" in address or "/embed/" in address or "404" in address for address in listed)
    for address in listed:
        assert (published_board.site / urlsplit(address).path.lstrip("/") / "index.html").is_file(), address


def test_robots_txt_allows_crawling_and_names_the_sitemap(published_board) -> None:
    robots = (published_board.site / "robots.txt").read_text()
    assert robots.startswith("User-agent: *\n")
    assert f"Sitemap: {published_board.url}/sitemap.xml\n" in robots


def test_past_the_limit_the_sitemap_becomes_an_index_of_parts() -> None:
    entries = [SitemapEntry(f"https://board.example/{n}/", date(2026, 1, n)) for n in range(1, 6)]
    files = sitemap_files(entries, lambda path: f"https://board.example/{path}", limit=2)
    assert sorted(files) == ["sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml",
                             "sitemaps/sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [(part.findtext(f"{SITEMAP}loc"), part.findtext(f"{SITEMAP}lastmod")) for part in index] == [
        ("https://board.example/sitemaps/sitemap-1.xml", "2026-01-02"),
        ("https://board.example/sitemaps/sitemap-2.xml", "2026-01-04"),
        ("https://board.example/sitemaps/sitemap-3.xml", "2026-01-05")]
    assert len(ET.fromstring(files["sitemaps/sitemap-3.xml"])) == 1
    assert list(sitemap_files(entries, str, limit=5)) == ["sitemap.xml"]


@pytest.mark.parametrize("kind", ["home", "open listing", "closed listing", "category", "skill", "post", "subscribe",
                                  "api", "about", "digest archive"])
def test_every_page_names_its_one_address_and_its_preview_for_shared_links(published_board, kind: str) -> None:
    path = page_types(published_board.site)[kind].split("?")[0]
    document = page(published_board.site, path)
    address = f"{published_board.url}/{path}"
    assert document.xpath("//link[@rel='canonical']/@href") == [address]
    assert document.xpath("//link[@rel='alternate'][@hreflang='en']/@href") == [address]
    assert document.xpath("//link[@rel='alternate'][@hreflang='x-default']/@href") == [address]
    assert meta(document, "og:url") == address
    assert meta(document, "og:title") and meta(document, "og:description") == meta(document, "description")
    assert meta(document, "twitter:card") == "summary_large_image"
    image = meta(document, "og:image")
    assert image.startswith(f"{published_board.url}/") and meta(document, "og:image:alt")
    with Image.open(published_board.site / urlsplit(image).path.lstrip("/")) as drawn:
        assert (drawn.format, drawn.size) == ("PNG", (1200, 630))


def test_an_open_listing_is_shared_with_its_own_preview_and_a_closed_one_with_the_boards(published_board) -> None:
    key, closed = sorted(OPEN)[0], sorted(CLOSED)[0]
    image = meta(page(published_board.site, f"opportunities/{key}/"), "og:image")
    assert image == f"{published_board.url}/previews/{key}.png"
    closed_image = meta(page(published_board.site, f"opportunities/{closed}/"), "og:image")
    assert closed_image == f"{published_board.url}/preview.png"
    assert sorted(path.stem for path in (published_board.site / "previews").glob("*.png")) == sorted(OPEN)


def listing_cards() -> dict[str, PreviewCard]:
    """Each open sample listing's card, as the build makes it: title, organization, pay, effort, deadline."""
    settings = board_settings(CONTENT)
    catalog = validate_content(settings).catalog
    prepare = ListingPreparer(catalog, settings, sample_today(), settings.absolute)
    return {key: listing_card(prepare(catalog.listings[key]).view, settings.site_name) for key in sorted(OPEN)[:2]}


def test_a_preview_shows_the_listing_and_is_the_same_bytes_drawn_cold_or_taken_from_the_cache(
        published_board, tmp_path: Path) -> None:
    cache = PreviewCache(tmp_path / "previews", FONTS)
    for key, card in listing_cards().items():
        assert card.title == OPEN[key]["title"] and [label for label, _ in card.facts] == ["Pay", "Effort", "Apply by"]
        published = (published_board.site / "previews" / f"{key}.png").read_bytes()
        cold = cache.ensure(card)
        assert cold.read_bytes() == published
        cold.write_bytes(b"kept")  # a warm cache is used as it is, never drawn again
        assert cache.ensure(card).read_bytes() == b"kept"
    first, second = listing_cards().values()
    assert first.digest(FONTS) != second.digest(FONTS)  # a changed listing is a new image


def test_the_404_page_offers_search_and_the_newest_listings_with_addresses_that_work_anywhere(
        published_board) -> None:
    document = page(published_board.site, "404.html")
    assert document.xpath("//h1/text()") == ["Page not found"]
    [form] = document.xpath("//form[@role='search']")
    assert form.get("action") == f"{published_board.url}/" and form.xpath(".//input[@name='q']")
    newest = sorted(OPEN, key=lambda key: str(OPEN[key]["posted"]), reverse=True)[:6]
    shown = [href.rstrip("/").rsplit("/", 1)[-1] for href in document.xpath("//h3[@class='card__title']/a/@href")]
    assert sorted(shown) == sorted(newest)
    relative = [href for href in document.xpath("//a/@href | //link/@href | //script/@src")
                if not href.startswith(("http", "#", "mailto:"))]
    assert relative == []
    assert meta(document, "robots") == "noindex"


def test_browsers_find_the_icons_and_the_web_app_manifest(published_board) -> None:
    site = published_board.site
    with Image.open(site / "favicon.ico") as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
    with Image.open(site / "apple-touch-icon.png") as touch:
        assert (touch.format, touch.size) == ("PNG", (180, 180))
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["name"] == "Micro-internship board" and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file()
    assert "<svg" in (site / "icons" / "icon.svg").read_text()
    home = page(site, "")
    assert home.xpath("//link[@rel='apple-touch-icon']/@href") == [f"{published_board.url}/apple-touch-icon.png"]
    assert home.xpath("//link[@rel='manifest']/@href") == [f"{published_board.url}/manifest.webmanifest"]


def test_a_skill_only_closed_listings_ask_for_is_shown_but_not_linked(published_board) -> None:
    open_skills = {skill for listing in OPEN.values() for skill in listing["skills"]}
    for key, listing in CLOSED.items():
        tags = page(published_board.site, f"opportunities/{key}/").xpath("//ul[contains(@class, 'tags')]/li")
        assert [tag.text_content() for tag in tags] == listing["skills"]
        linked = [tag.text_content() for tag in tags if tag.xpath("a")]
        assert linked == [skill for skill in listing["skills"] if skill in open_skills], key
    assert {skill for listing in CLOSED.values() for skill in listing["skills"]} - open_skills  # the sample has one


def job_posting_of(board: PublishedBoard, key: str) -> dict:
    [script] = page(board.site, f"opportunities/{key}/").xpath("//script[@type='application/ld+json']/text()")
    return json.loads(script)


def test_job_postings_name_skills_and_give_every_fee_per_hour(published_board) -> None:
    for key, listing in OPEN.items():
        posting = job_posting_of(published_board, key)
        pay, hours = listing["compensation"], listing["effort_hours"]
        assert posting["directApply"] is False
        if pay["type"] in ("fixed", "stipend"):
            assert posting["baseSalary"]["value"] == {
                "@type": "QuantitativeValue", "unitText": "HOUR",
                "minValue": round(pay["amount"] / hours["max"], 2), "maxValue": round(pay["amount"] / hours["min"], 2),
            } if hours["min"] != hours["max"] else {"@type": "QuantitativeValue", "unitText": "HOUR",
                                                    "value": round(pay["amount"] / hours["min"], 2)}
    skills = {key: job_posting_of(published_board, key)["skills"] for key, listing in OPEN.items()
              if "sql" in listing["skills"] or "excel" in listing["skills"]}
    assert skills and all("SQL" in named or "Excel" in named for named in skills.values())
    assert all("-" not in job_posting_of(published_board, key)["skills"] for key in OPEN)


def test_the_subscribe_page_groups_feeds_by_name_without_repeating_the_sites_name(published_board) -> None:
    document = page(published_board.site, "subscribe/")
    groups = {section.xpath("string(h2)"): [item.get("data-name") for item in section.xpath(".//li")]
              for section in document.xpath("//section[@class='feed-group']")}
    assert list(groups) == ["Everything", "Categories", "Skills", "Organizations", "Countries"]
    assert groups["Categories"] == sorted(label["label"] for label in CATEGORIES.values())
    assert groups["Countries"] == sorted(groups["Countries"]) and "Germany" in groups["Countries"]
    assert "DE" not in groups["Countries"]
    links = [link.text_content() for link in document.xpath("//main//a")]
    assert not any("Micro-internship board" in text for text in links)
    assert document.xpath("//input[@id='feed-filter'][@type='search']")
    assert document.xpath("//label[@for='feed-filter']")


@pytest.mark.parametrize("path", ["post/", "api/"])
def test_guide_page_examples_are_in_a_labelled_code_box_a_keyboard_can_scroll(published_board, path: str) -> None:
    boxes = page(published_board.site, path).xpath("//pre")
    assert boxes
    for box in boxes:
        assert box.get("tabindex") == "0" and box.get("role") == "region" and box.get("aria-label")
        assert "code-block" in box.get("class")


def test_the_embed_frame_describes_itself_and_asks_not_to_be_indexed(published_board) -> None:
    document = lxml.html.parse(str(published_board.site / "embed" / "index.html")).getroot()
    assert "micro-internships" in meta(document, "description").lower()
    assert meta(document, "robots") == "noindex"
