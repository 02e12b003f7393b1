"""Screenshots of a listing's link as a chat app shows it (docs/screens/share-preview-<width>.png), drawn
from the page's own Open Graph tags and preview image, in Debian's Chromium: what a student sees
when a friend pastes the link.

    python docs/share_preview.py [--site output] [--listing eastside-food-bank-survey-analysis]
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import playwright_browser, serve  # noqa: E402

WIDTHS = (360, 1280)
CHAT = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Chat</title><style>
body {{ margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e9edf2; color: #111; }}
.chat {{ max-width: 560px; margin: 0 auto; padding: 20px 12px; }}
.who {{ font-weight: 600; font-size: 13px; color: #1d4ed8; margin: 0 0 4px; }}
.bubble {{ background: #fff; border-radius: 4px 16px 16px 16px; padding: 10px 12px; box-shadow: 0 1px 2px #0002; }}
.bubble p {{ margin: 0 0 8px; }} .bubble a {{ color: #1d4ed8; word-break: break-all; }}
.card {{ border-left: 4px solid #1d4ed8; background: #f4f6fa; border-radius: 8px; overflow: hidden; }}
.card img {{ display: block; width: 100%; aspect-ratio: 1200 / 630; }}
.card div {{ padding: 8px 10px; }} .site {{ font-size: 12px; color: #555; }}
.title {{ font-weight: 700; margin: 2px 0; }} .description {{ font-size: 13px; color: #333; }}
.time {{ text-align: right; font-size: 11px; color: #777; margin-top: 4px; }}
</style></head><body><div class="chat"><p class="who">Sam</p><div class="bubble">
<p>This one pays and it's remote, you should apply! <a href="{url}">{url}</a></p>
<div class="card"><img src="{image}" alt="{alt}"><div><div class="site">{site}</div>
<div class="title">{title}</div><div class="description">{description}</div></div></div>
<div class="time">12:04</div></div></div></body></html>"""


def tags(page: Path) -> dict[str, str]:
    document = lxml.html.parse(str(page)).getroot()
    return {str(element.get("property")): str(element.get("content"))
            for element in document.xpath("//meta[starts-with(@property, 'og:')]")}


def shoot(site: Path, listing: str, folder: Path) -> list[Path]:
    found = tags(site / "opportunities" / listing / "index.html")
    shots = []
    with serve(site) as base, playwright_browser() as browser:
        chat = CHAT.format(url=escape(found["og:url"]), image=escape(base + urlsplit(found["og:image"]).path),
                           alt=escape(found["og:image:alt"]), site=escape(found["og:site_name"]),
                           title=escape(found["og:title"]), description=escape(found["og:description"]))
        (site / "share-preview.html").write_text(chat, encoding="utf-8")  # served beside the image it shows
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 700})
                page.goto(f"{base}/share-preview.html")
                page.wait_for_load_state("networkidle")
                shots.append(folder / f"share-preview-{width}.png")
                page.locator(".chat").screenshot(path=str(shots[-1]))
                page.close()
        finally:
            (site / "share-preview.html").unlink()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--listing", default="eastside-food-bank-survey-analysis")
    arguments = parser.parse_args()
    for shot in shoot(arguments.site, arguments.listing, ROOT / "docs" / "screens"):
        print(shot.relative_to(ROOT))


if __name__ == "__main__":
    main()
