"""Sizes of what reaches students: the digest email, the widget, and the API slices a widget reads.

    python bench/reach_sizes.py             # a board of 10,000 synthetic listings
    python bench/reach_sizes.py --size 1000

Prints the widget's size (raw and gzipped), the digest email of the busiest week (HTML and text
parts; the target is under 100 KB of HTML), and the slice files a widget downloads (the whole
board's cards, the largest slice of each kind and a median category) beside the whole API that
the widget used to download, raw and gzipped. Listings
are validated and prepared as a build does, without Pelican, so it runs in a minute or two.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from board.core.settings import BoardSettings
from board.render import slices
from board.render.digest import Links, Week, email, issue_of
from board.render.display import MODE_LABELS
from board.render.prepared import ListingPreparer
from board.validate.catalog import validate_content

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
SITE = "https://careers.example.edu/board"


def kb(data: bytes) -> str:
    return f"{len(data) / 1024:,.1f} KB raw, {len(gzip.compress(data, 9)) / 1024:,.1f} KB gzipped"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="listings on the board (default: %(default)s)")
    count = parser.parse_args().size
    widget = (ROOT / "theme" / "static" / "js" / "embed.js").read_bytes()
    print(f"embed.js: {kb(widget)}")
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        generate(count, content, TODAY)
        settings = BoardSettings.from_pelican({"PATH": str(content), "TIMEZONE": "Europe/London", "SITEURL": SITE})
        catalog = validate_content(settings).catalog
        assert catalog is not None
        preparer = ListingPreparer(catalog, settings, TODAY, lambda key: settings.absolute(f"opportunities/{key}/"))
        prepared = sorted(preparer.prepare_all(catalog.listings.values()).values(),
                          key=lambda item: (item.listing.apply_by, item.id))
    open_listings = [item for item in prepared if not item.view.closed]
    weeks = {Week.of(item.listing.posted) for item in open_listings if Week.of(item.listing.posted) != Week.of(TODAY)}
    busiest = max((issue_of(week, open_listings) for week in weeks), key=lambda issue: len(issue.listings))
    links = Links(SITE + "/", f"{SITE}/digest/{busiest.id}/", f"{SITE}/subscribe/")
    message = email(busiest, settings.site_name, "en", links)
    print(f"digest {busiest.id} ({len(busiest.listings)} listings, 40 shown): HTML {kb(message.html.encode())}; "
          f"text {kb(message.text.encode())}")
    known = {"category": {item.listing.category: item.listing.category for item in open_listings},
             "mode": dict(MODE_LABELS)}
    cards = {item.id: slices.compact(slices.card(item)) for item in open_listings}
    files = {part.path: slices.slice_text(part, cards).encode() for part in slices.cut(open_listings, known, TODAY)}
    print(f"{count:,} listings, {len(open_listings):,} open, {len(files):,} slice files")
    whole = json.dumps({"opportunities": [item.record for item in open_listings]}, ensure_ascii=False, indent=1)
    print(f"  for comparison, api/v1/opportunities.json: {kb(whole.encode())}")
    print(f"  slices/all.json: {kb(files['slices/all.json'])}")
    for kind in slices.KINDS:
        own = {path: data for path, data in files.items() if path.startswith(f"slices/{kind}/")}
        largest = max(own, key=lambda path: len(own[path]))
        print(f"  largest {kind} slice, {largest}: {kb(own[largest])}")
    categories = sorted((data for path, data in files.items() if path.startswith("slices/category/")), key=len)
    print(f"  median category slice: {kb(categories[len(categories) // 2])}")
    skills = [len(data) for path, data in files.items() if path.startswith("slices/skill/")]
    print(f"  median skill slice: {statistics.median(skills) / 1024:,.1f} KB raw")


if __name__ == "__main__":
    main()
