"""The board's icons and web app manifest: ``favicon.ico`` and ``apple-touch-icon.png`` at the site
root (where browsers look without being told), the SVG and the manifest's PNGs under ``icons/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.render.site_icons import BLUE, SVG, favicon_ico, icon_png
from board.site.build import build_state

ICONS = {"svg": "icons/icon.svg", "apple_touch": "apple-touch-icon.png", "manifest": "manifest.webmanifest",
         "theme_color": BLUE}
MANIFEST_SIZES = (192, 512)
BACKGROUND = "#f7f7f5"  # the theme's --bg


class IconsGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        (output / "icons").mkdir(parents=True, exist_ok=True)
        (output / ICONS["svg"]).write_text(SVG, encoding="utf-8")
        (output / "favicon.ico").write_bytes(favicon_ico())
        (output / ICONS["apple_touch"]).write_bytes(icon_png(180, rounded=False))
        for size in MANIFEST_SIZES:
            (output / _png_path(size)).write_bytes(icon_png(size))
        site_name = build_state(self.settings).settings.site_name
        (output / ICONS["manifest"]).write_text(manifest(site_name), encoding="utf-8")


def manifest(site_name: str) -> str:
    """The web app manifest; its addresses are relative to it, so a board under a path works too."""
    return json.dumps({
        "name": site_name,
        "short_name": site_name,
        "start_url": "./",
        "scope": "./",
        "display": "minimal-ui",
        "background_color": BACKGROUND,
        "theme_color": BLUE,
        "icons": [{"src": ICONS["svg"], "type": "image/svg+xml", "sizes": "any"},
                  *({"src": _png_path(size), "type": "image/png", "sizes": f"{size}x{size}"}
                    for size in MANIFEST_SIZES)],
    }, indent=2, ensure_ascii=False) + "\n"


def _png_path(size: int) -> str:
    return f"icons/icon-{size}.png"
