"""Every slice of the board, reusable: feeds per facet with structured fields, JSON Feed, the JSON
API checked against its published schemas, and deadline calendars, all read back by real parsers."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from refresh import SYNTHETIC_LISTINGS

from board.render.feed_xml import OPPORTUNITY_NS
from conftest import ROOT
from test_build import CLOSED, OPEN

SITE = "http://localhost:8000"


def page_url(key: str) -> str:
    return f"{SITE}/opportunities/{key}/"


def countries(listing: dict) -> list[str]:
    return listing["location"].get("countries") or [listing["location"]["address"]["country"]]


def grouped(values_of) -> dict[str, list[str]]:
    """Open listing ids grouped by each value ``values_of(listing)`` gives."""
    groups: dict[str, list[str]] = {}
    for key, listing in OPEN.items():
        for value in values_of(listing):
            groups.setdefault(value, []).append(key)
    return groups


FACETS = {
    "remote": grouped(lambda listing: ["remote"] if listing["location"]["mode"] == "remote" else []),
    "skills": grouped(lambda listing: listing["skills"]),
    "organizations": grouped(lambda listing: [listing["organization"]]),
    "countries": grouped(lambda listing: [code.lower() for code in countries(listing)]),
}


def feed_file(site: Path, facet: str, slug: str, kind: str) -> Path:
    return site / "feeds" / (f"remote.{kind}.xml" if facet == "remote" else f"{facet}/{slug}.{kind}.xml")


@pytest.mark.parametrize("facet", sorted(FACETS))
def test_every_facet_has_rss_and_atom_feeds_with_exactly_its_open_listings(sample_site: Path, facet: str) -> None:
    for slug, keys in FACETS[facet].items():
        for kind in ("rss", "atom"):
            feed = feedparser.parse(feed_file(sample_site, facet, slug, kind).read_bytes())
            assert not feed.bozo, feed.bozo_exception
            assert sorted(entry.link for entry in feed.entries) == sorted(map(page_url, keys)), (facet, slug)
            assert all(entry.id == entry.link for entry in feed.entries)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_item_carries_the_structured_fields_in_the_documented_namespace(sample_site: Path, kind: str) -> None:
    tree = lxml.etree.parse(str(sample_site / "feeds" / f"all.{kind}.xml"))
    items = tree.xpath("//item | //*[local-name()='entry']")
    assert len(items) == len(OPEN)
    for item in items:
        fields = {}
        for element in item.iterfind(f"{{{OPPORTUNITY_NS}}}*"):
            fields.setdefault(lxml.etree.QName(element).localname, []).append(element.text)
        link = item.findtext("link") or item.find("{http://www.w3.org/2005/Atom}link").get("href")
        listing = OPEN[link.rstrip("/").rsplit("/", 1)[-1]]
        assert fields["deadline"] == [listing["apply_by"]]
        assert fields["currency"] == [listing["compensation"]["currency"]]
        assert fields["effort-min"] == [str(listing["effort_hours"]["min"])]
        assert fields["location-mode"] == [listing["location"]["mode"]]
        assert fields["country"] == countries(listing)
        assert fields["category"] == [listing["category"]] and fields["skill"] == listing["skills"]
        assert fields["pay"][0] and fields["pay-type"] == [listing["compensation"]["type"]]


def test_pages_announce_their_feeds_for_autodiscovery(sample_site: Path) -> None:
    def alternates(path: str) -> list[str]:
        return lxml.html.parse(str(sample_site / path)).getroot().xpath("//link[@rel='alternate']/@href")

    skill = sorted(FACETS["skills"])[0]
    assert f"../../feeds/skills/{skill}.atom.xml" in alternates(f"skills/{skill}/index.html")
    organization = sorted(FACETS["organizations"])[0]
    assert f"../../feeds/organizations/{organization}.rss.xml" in alternates(f"organizations/{organization}/index.html")
    assert "../feeds/remote.atom.xml" in alternates("remote/index.html")


@pytest.fixture(scope="module")
def api_registry(sample_site: Path) -> Registry:
    schemas = [(path.name, json.loads(path.read_text())) for path in (sample_site / "api" / "v1").glob("*.schema.json")]
    published = sorted(path.name for path in (ROOT / "schemas" / "api").glob("*.json"))
    assert sorted(name for name, _ in schemas) == published
    return Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas)


def validate_payload(registry: Registry, schema: str, payload: object) -> None:
    validator = Draft202012Validator(registry.contents(schema), registry=registry)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == []


def test_every_api_payload_matches_its_published_schema(sample_site: Path, api_registry: Registry) -> None:
    api = sample_site / "api" / "v1"
    for name in ("opportunities", "organizations", "categories", "outcomes"):
        validate_payload(api_registry, f"{name}.schema.json", json.loads((api / f"{name}.json").read_text()))
    for path in (api / "opportunities").glob("*.json"):
        validate_payload(api_registry, "opportunity.schema.json", json.loads(path.read_text()))


def test_the_api_lists_open_listings_by_deadline_and_keeps_a_record_of_every_listing(sample_site: Path) -> None:
    api = sample_site / "api" / "v1"
    listed = json.loads((api / "opportunities.json").read_text())["opportunities"]
    assert [item["id"] for item in listed] == sorted(OPEN, key=lambda key: (OPEN[key]["apply_by"], key))
    for key in CLOSED:
        assert json.loads((api / "opportunities" / f"{key}.json").read_text())["status"] == "closed"
    record = listed[0]
    assert record["url"] == page_url(record["id"]) and record["description_html"].startswith("<")
    text = (api / "opportunities.json").read_text()
    assert "@" not in "".join(item["apply"].get("url", "") + item["apply"].get("page", "") for item in listed)
    assert all(email not in text for email in (v["apply"].get("email") for v in OPEN.values()) if email)


def test_the_json_feed_is_version_1_1_with_an_opportunity_extension(sample_site: Path,
                                                                    api_registry: Registry) -> None:
    feed = json.loads((sample_site / "feeds" / "all.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == f"{SITE}/feeds/all.json"
    assert sorted(item["id"] for item in feed["items"]) == sorted(map(page_url, OPEN))
    for item in feed["items"]:
        extension = {key: value for key, value in item["_opportunity"].items() if key != "about"}
        validate_payload(api_registry, "opportunity.schema.json", extension)
        assert item["date_published"].startswith(OPEN[extension["id"]]["posted"])


def test_the_deadline_calendar_has_one_all_day_event_per_open_listing(sample_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((sample_site / "calendar" / "deadlines.ics").read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == sorted(f"{key}@localhost" for key in OPEN)
    for key, listing in OPEN.items():
        event = events[f"{key}@localhost"]
        assert event.decoded("DTSTART") == date.fromisoformat(listing["apply_by"])
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(days=1)
        assert str(event["URL"]) == page_url(key)
        assert listing["title"] in str(event["SUMMARY"])


def test_each_category_has_its_own_deadline_calendar(sample_site: Path) -> None:
    for path in sorted((sample_site / "calendar" / "categories").glob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
        assert uids == sorted(f"{key}@localhost" for key, value in OPEN.items() if value["category"] == path.stem)


def test_the_subscribe_page_lists_every_feed_and_calendar(sample_site: Path) -> None:
    page = lxml.html.parse(str(sample_site / "subscribe" / "index.html")).getroot()
    linked = {(sample_site / "subscribe" / href).resolve() for href in page.xpath("//a/@href")}
    published = {path.resolve() for pattern in ("feeds/**/*.xml", "feeds/*.json", "calendar/*.ics",
                                                "calendar/categories/*.ics") for path in sample_site.glob(pattern)}
    assert published and published <= linked
    assert "feed reader" in page.text_content()


def test_feeds_carry_their_newest_listings_up_to_the_cap_and_the_api_carries_all(synthetic_site: Path) -> None:
    site = synthetic_site
    records = json.loads((site / "api/v1/opportunities.json").read_text())["opportunities"]
    newest = sorted(records, key=lambda record: (record["posted"], record["id"]), reverse=True)[:100]
    assert len(records) == SYNTHETIC_LISTINGS > 100
    for kind in ("rss", "atom"):
        feed = feedparser.parse((site / f"feeds/all.{kind}.xml").read_bytes())
        assert [entry.link for entry in feed.entries] == [record["url"] for record in newest]
    json_feed = json.loads((site / "feeds/all.json").read_text())
    assert [item["id"] for item in json_feed["items"]] == [record["url"] for record in newest]
    subscribe = lxml.html.fromstring((site / "subscribe/index.html").read_bytes()).text_content()
    assert f"({SYNTHETIC_LISTINGS} open)" in subscribe and "newest 100 listings" in subscribe


def test_every_deadline_event_reminds_three_days_and_one_day_before(sample_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((sample_site / "calendar" / "deadlines.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        alarms = event.walk("VALARM")
        assert sorted(alarm["TRIGGER"].dt for alarm in alarms) == [timedelta(days=-3), timedelta(days=-1)]
        assert all(alarm["ACTION"] == "DISPLAY" and str(event["SUMMARY"]).removeprefix("Apply by today: ")
                   in str(alarm["DESCRIPTION"]) for alarm in alarms)


def test_each_open_listing_has_its_own_calendar_with_its_one_event(sample_site: Path) -> None:
    everything = icalendar.Calendar.from_ical((sample_site / "calendar" / "deadlines.ics").read_bytes())
    uids = sorted(str(event["UID"]) for event in everything.walk("VEVENT"))
    own = sorted(sample_site.glob("calendar/opportunities/*.ics"))
    assert [path.stem for path in own] == [uid.split("@")[0] for uid in uids]
    for path in own:
        [event] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert str(event["UID"]).startswith(f"{path.stem}@")
        page = lxml.html.parse(str(sample_site / "opportunities" / path.stem / "index.html")).getroot()
        [link] = page.xpath("//a[@download]/@href")
        assert (sample_site / "opportunities" / path.stem / link).resolve() == path.resolve()


def test_rss_items_name_the_organization(sample_site: Path) -> None:
    feed = feedparser.parse((sample_site / "feeds" / "all.rss.xml").read_bytes())
    assert feed.entries and all(entry.get("author") for entry in feed.entries)
