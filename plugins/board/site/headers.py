"""``_headers`` at the site root, for hosts that read it (Netlify, Cloudflare Pages).

It sends the pages' Content-Security-Policy (the same text as their meta tag, from the board's
settings) as a header, where ``frame-ancestors`` works: no site may frame the board, except the
embed frame, which is made to be framed. ``nosniff`` keeps browsers from reading a file as
another type than the one it is served as. GitHub Pages sends no custom headers (see README).

A path matching several rules gets the headers of all of them, so the policy is given per
top-level entry of the site, and the embed frame's rule overlaps none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from board.core.settings import BoardSettings
from board.site.build import build_state

HEADERS_FILE = "_headers"
EMBED = "embed"


def write_headers(pelican: Any) -> None:
    output = Path(pelican.output_path)
    entries = sorted(output.iterdir())
    text = headers_file([entry.name for entry in entries if entry.is_dir()],
                        [entry.name for entry in entries if entry.is_file() and entry.suffix == ".html"],
                        build_state(pelican.settings).settings)
    (output / HEADERS_FILE).write_text(text, encoding="utf-8")


def headers_file(folders: list[str], root_pages: list[str], settings: BoardSettings) -> str:
    """Headers for every path; the pages' policy for the site root, its HTML files and each folder
    but the embed frame's; the embed frame's own policy for it."""
    page = [f"Content-Security-Policy: {settings.page_policy}; frame-ancestors 'none'", "X-Frame-Options: DENY"]
    rules = [("/*", ["X-Content-Type-Options: nosniff", "Referrer-Policy: strict-origin-when-cross-origin"]),
             ("/", page), *((f"/{name}", page) for name in root_pages)]
    for name in folders:
        rules.append((f"/{name}/*", [f"Content-Security-Policy: {settings.embed_policy}"] if name == EMBED else page))
    return "".join(f"{path}\n" + "".join(f"  {header}\n" for header in headers) for path, headers in rules)
