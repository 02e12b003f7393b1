"""The board's icon, a white briefcase on the theme's blue, as SVG and as PNG and ICO drawn with Pillow.

One geometry, on a 64-unit square, for both: the SVG for browsers that take it, PNGs for the rest
(the apple-touch-icon and the web app manifest's), and ``favicon.ico``, which browsers and crawlers
ask for at the site root whatever a page says.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

BLUE = "#1d4ed8"  # the theme's --accent
WHITE = "#ffffff"
SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="{BLUE}"/>
<path d="M24 21v-5a4 4 0 0 1 4-4h8a4 4 0 0 1 4 4v5" fill="none" stroke="{WHITE}" stroke-width="4"/>
<rect x="12" y="21" width="40" height="30" rx="5" fill="{WHITE}"/>
<rect x="12" y="32" width="40" height="3" fill="{BLUE}"/>
</svg>
"""
DRAWN_AT = 512  # drawn large, then scaled down, for smooth edges at every size


def icon_png(size: int, rounded: bool = True) -> bytes:
    """The icon at ``size`` pixels; ``rounded=False`` fills the square (iOS rounds it itself)."""
    return _png(_icon(rounded).resize((size, size), Image.Resampling.LANCZOS))


def favicon_ico() -> bytes:
    output = io.BytesIO()
    _icon(True).save(output, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return output.getvalue()


def _icon(rounded: bool) -> Image.Image:
    unit = DRAWN_AT / 64
    image = Image.new("RGBA", (DRAWN_AT, DRAWN_AT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(left: float, top: float, right: float, bottom: float) -> tuple[float, float, float, float]:
        return left * unit, top * unit, right * unit, bottom * unit

    draw.rounded_rectangle(box(0, 0, 64, 64), radius=14 * unit if rounded else 0, fill=BLUE)
    draw.rounded_rectangle(box(22, 10, 42, 26), radius=6 * unit, outline=WHITE, width=round(4 * unit))  # handle
    draw.rounded_rectangle(box(12, 21, 52, 51), radius=5 * unit, fill=WHITE)
    draw.rectangle(box(12, 32, 52, 35), fill=BLUE)
    return image


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
