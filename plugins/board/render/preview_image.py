"""The preview image a chat app or social site shows for a shared link (Open Graph ``og:image``).

1200 x 630 pixels, the size Facebook, LinkedIn, Slack, Discord and X crop least. A listing's image
shows its title, organization, pay, effort and deadline; the board's own image, its name and
description. The text is only drawn (a picture runs no script, whatever an employer wrote), with the
DejaVu fonts shipped in the theme, so every machine draws the same pixels and PNG bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from board.render.view import ListingView

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
TEXT_WIDTH = WIDTH - 2 * MARGIN
ACCENT = (29, 78, 216)  # the theme's --accent
INK = (28, 29, 33)  # --text
MUTED = (85, 88, 95)  # --muted
PAPER = (255, 255, 255)
TINT = (238, 242, 255)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
VERSION = "2"  # change when the drawing changes, so cached images are drawn again
ELLIPSIS = "…"
# Each ink over each ground it is drawn on: anti-aliased text and rounded corners only blend these.
BLENDS = ((ACCENT, PAPER), (INK, PAPER), (MUTED, PAPER), (INK, TINT), (MUTED, TINT), (TINT, PAPER))
STEPS = 16  # shades per blend, as many as anti-aliased text needs to look smooth


@dataclass(frozen=True)
class PreviewCard:
    """What one preview image shows: a heading, a line under it, and up to three labelled facts."""

    kicker: str  # the small line at the top: the board's name
    title: str
    subtitle: str  # the organization, or the board's description
    facts: tuple[tuple[str, str], ...] = ()

    def digest(self, fonts: Path) -> str:
        """What the image is made of: the card, the fonts, the drawing and Pillow's version."""
        hashed = hashlib.sha256(repr((self, VERSION, PIL.__version__)).encode())
        hashed.update(_fonts_digest(fonts))
        return hashed.hexdigest()


@cache
def _fonts_digest(fonts: Path) -> bytes:
    """The fonts' own digests, read once a build rather than once a card."""
    return b"".join(hashlib.sha256((fonts / name).read_bytes()).digest() for name in (REGULAR, BOLD))


def preview_png(card: PreviewCard, fonts: Path) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    draw.text((MARGIN, 56), _fit(card.kicker, _font(fonts, REGULAR, 30), TEXT_WIDTH), font=_font(fonts, REGULAR, 30),
              fill=ACCENT)
    y = _paragraph(draw, card.title, _font(fonts, BOLD, 60 if card.facts else 72), 126, 3 if card.facts else 2,
                   INK, 1.18)
    _paragraph(draw, card.subtitle, _font(fonts, REGULAR, 36), y + 18, 1 if card.facts else 3, MUTED, 1.3)
    if card.facts:
        _facts(draw, card.facts, fonts)
    output = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(output, format="PNG")
    return output.getvalue()


@cache
def _palette() -> Image.Image:
    """The card's colours as a fixed palette: mapping to it takes 1 ms where compressing the full
    colour image took 40 ms (a board draws one image per open listing), and the file is half the size.
    Pillow maps to a palette through a coarse colour cache, so a shade too close to one of the
    card's own colours could take its pixels: shades closer than 6 levels to a colour already in the
    palette are left out, and the card's colours come out exact."""
    colours: list[tuple[int, ...]] = [PAPER, TINT, INK, MUTED, ACCENT]
    for ink, ground in BLENDS:
        for step in range(1, STEPS - 1):
            shade = tuple(round(a + (b - a) * step / (STEPS - 1)) for a, b in zip(ink, ground, strict=True))
            if all(max(abs(x - y) for x, y in zip(shade, colour, strict=True)) >= 6 for colour in colours):
                colours.append(shade)
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


def _facts(draw: ImageDraw.ImageDraw, facts: tuple[tuple[str, str], ...], fonts: Path) -> None:
    """Up to three facts in boxes along the bottom: a small label over a bold value."""
    gap, top, bottom = 24, 424, HEIGHT - 64
    width = (TEXT_WIDTH - gap * (len(facts) - 1)) // len(facts)
    label_font, value_font = _font(fonts, BOLD, 22), _font(fonts, BOLD, 30)
    for position, (label, value) in enumerate(facts):
        left = MARGIN + position * (width + gap)
        draw.rounded_rectangle((left, top, left + width, bottom), radius=16, fill=TINT)
        draw.text((left + 24, top + 20), label.upper(), font=label_font, fill=MUTED)
        for number, line in enumerate(_wrap(value, value_font, width - 48, 2)):
            draw.text((left + 24, top + 56 + number * 38), line, font=value_font, fill=INK)


def _paragraph(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, top: int, max_lines: int,
               colour: tuple[int, int, int], leading: float) -> int:
    """Draws ``text`` wrapped to the text width in at most ``max_lines``; returns the y below it."""
    step = round(font.size * leading)
    lines = _wrap(text, font, TEXT_WIDTH, max_lines)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * step), line, font=font, fill=colour)
    return top + step * len(lines)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; a word wider than a line is cut; what does not fit ends in an ellipsis."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if font.getlength(line) > width:
            line = _fit(line, font, width)
        lines.append(line)
    if words and lines:
        lines[-1] = _fit(f"{lines[-1]} {' '.join(words)}", font, width)
    return lines


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text`` itself if it fits in ``width``, else its longest start that fits with an ellipsis."""
    if font.getlength(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle].rstrip() + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


@cache
def _font(fonts: Path, name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts / name), size)


def listing_card(view: ListingView, site_name: str) -> PreviewCard:
    """A listing's card: a fixed date rather than "closes in 3 days", which would be stale tomorrow."""
    return PreviewCard(site_name, view.title, view.organization_name,
                       (("Pay", view.pay), ("Effort", view.effort), ("Apply by", view.apply_by_text)))


def board_card(site_name: str, description: str) -> PreviewCard:
    return PreviewCard("Micro-internships", site_name, description)
