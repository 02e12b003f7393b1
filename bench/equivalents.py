"""Turn a generated board (bench/generate.py) into equivalent sites for stock Pelican and Hugo.

    python bench/equivalents.py stock-pelican /tmp/board-1000/content /tmp/board-1000/stock
    python bench/equivalents.py hugo /tmp/board-1000/content /tmp/board-1000/hugo

Both sites get the same listings with the same Markdown body (facts, description, deliverables),
one page per listing, paginated lists (24 a page) for home, categories, skills and organizations,
and RSS and Atom feeds for all of them. The configurations live in bench/configs/ and the Hugo
theme in bench/hugo_layouts/, so they can be read and diffed as what they are.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
CONFIGS = BENCH / "configs"
HUGO_LAYOUTS = BENCH / "hugo_layouts"


@dataclass(frozen=True)
class Listing:
    """One generated listing, with the names its pages show instead of ids."""

    stem: str  # the file name without .yaml, used as the slug
    record: dict[str, Any]
    organization: str
    category: str


def load_listings(content: Path) -> list[Listing]:
    """Every listing under CONTENT/opportunities, in file-name order."""
    categories = yaml.safe_load((content / "vocabulary.yaml").read_text(encoding="utf-8"))["categories"]
    organizations = {path.stem: _read(path)["name"] for path in (content / "organizations").glob("*.yaml")}
    listings = []
    for path in sorted((content / "opportunities").glob("*.yaml")):
        record = _read(path)
        listings.append(Listing(path.stem, record, organizations[record["organization"]],
                                categories[record["category"]]["label"]))
    return listings


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def facts(listing: Listing) -> dict[str, str]:
    """What our listing page shows beside the description, as plain text."""
    record = listing.record
    effort = record["effort_hours"]
    return {
        "pay": _pay(record["compensation"]),
        "effort": f"{effort['min']}–{effort['max']} hours in total",
        "location": _location(record["location"]),
        "posted": str(record["posted"]),
        "apply_by": str(record["apply_by"]),
        "apply": record["apply"].get("url") or f"mailto:{record['apply']['email']}",
    }


def _pay(pay: dict[str, Any]) -> str:
    if pay["type"] == "unpaid":
        return "Unpaid"
    if pay["type"] == "hourly":
        return f"{pay['min']:,}–{pay['max']:,} {pay['currency']} per hour"
    return f"{pay['amount']:,} {pay['currency']} ({pay['type']})"


def _location(location: dict[str, Any]) -> str:
    if location["mode"] == "remote":
        return "Remote from " + ", ".join(location["countries"])
    address = location["address"]
    return f"{location['mode'].capitalize()} in {address['city']}, {address['country']}"


def markdown_body(listing: Listing) -> str:
    """The listing's page body: key facts, the description and the deliverables."""
    fact = facts(listing)
    lines = [
        f"- **Pay:** {fact['pay']}",
        f"- **Effort:** {fact['effort']}",
        f"- **Where:** {fact['location']}",
        f"- **Posted:** {fact['posted']}",
        f"- **Apply by:** {fact['apply_by']}",
        f"- **Apply:** [Apply on {listing.organization}’s site]({fact['apply']})",
        "",
        "## About the project",
        "",
        listing.record["description"].strip(),
        "",
        "## Deliverables",
        "",
        *[f"- {item}" for item in listing.record["deliverables"]],
    ]
    return "\n".join(lines) + "\n"


def pelican_source(listing: Listing) -> str:
    """A Pelican Markdown article: metadata lines, a blank line, the body."""
    record = listing.record
    metadata = {
        "Title": record["title"],
        "Date": record["posted"],
        "Category": listing.category,
        "Tags": ", ".join(record["skills"]),
        "Author": listing.organization,
        "Summary": " ".join(record["summary"].split()),
        "Slug": listing.stem,
    }
    header = "".join(f"{key}: {value}\n" for key, value in metadata.items())
    return f"{header}\n{markdown_body(listing)}"


def hugo_source(listing: Listing) -> str:
    """A Hugo page: YAML front matter (taxonomies and the facts as params), then the body."""
    record = listing.record
    front_matter = {
        "title": record["title"],
        "date": str(record["posted"]),
        "summary": record["summary"],
        "categories": [listing.category],
        "skills": list(record["skills"]),
        "organizations": [listing.organization],
        "params": facts(listing),
    }
    dumped = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n{markdown_body(listing)}"


def write_stock_pelican(content: Path, out: Path) -> int:
    """Write OUT/pelicanconf.py and OUT/content/<stem>.md; return how many listings."""
    listings = load_listings(content)
    _fresh(out / "content")
    shutil.copy(CONFIGS / "pelicanconf.py", out / "pelicanconf.py")
    for listing in listings:
        (out / "content" / f"{listing.stem}.md").write_text(pelican_source(listing), encoding="utf-8")
    return len(listings)


def write_hugo(content: Path, out: Path) -> int:
    """Write OUT/hugo.toml, OUT/layouts/ and OUT/content/opportunities/<stem>.md; return how many."""
    listings = load_listings(content)
    pages = out / "content" / "opportunities"
    _fresh(out / "content")
    pages.mkdir()
    shutil.copy(CONFIGS / "hugo.toml", out / "hugo.toml")
    if (out / "layouts").exists():
        shutil.rmtree(out / "layouts")
    shutil.copytree(HUGO_LAYOUTS, out / "layouts")
    for listing in listings:
        (pages / f"{listing.stem}.md").write_text(hugo_source(listing), encoding="utf-8")
    return len(listings)


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


WRITERS = {"stock-pelican": write_stock_pelican, "hugo": write_hugo}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("engine", choices=sorted(WRITERS), help="which site to write")
    parser.add_argument("content", type=Path, help="the generated content folder (bench/generate.py)")
    parser.add_argument("out", type=Path, help="the site folder to write")
    arguments = parser.parse_args()
    count = WRITERS[arguments.engine](arguments.content, arguments.out)
    print(f"{arguments.engine}: {count} listings -> {arguments.out}")


if __name__ == "__main__":
    main()
