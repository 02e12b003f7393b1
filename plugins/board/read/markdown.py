"""Untrusted Markdown to safe HTML: render with Python-Markdown (bounded work), then sanitize with nh3.

Listing descriptions and the board's pages go through the same sanitizer with the same allowlist;
pages may also use h2, while a description's headings start at h3 below its page's own. Images are
kept only from the board itself unless the board allows remote ones (``BOARD_REMOTE_IMAGES``): an
image from elsewhere tells its owner who reads the listing, and when.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from board.read.bounded_markdown import BoundedWork

LINK_REL = "nofollow ugc noopener noreferrer"
TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img",
})
PAGE_TAGS = TAGS | {"h2"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
# http is let through nh3 only so that the filter below can name the images it drops; no http URL is kept.
_SCHEMES_SEEN = {"https", "mailto", "http"}
# nh3 writes every attribute as name="value" with '"' escaped, so this finds each img it kept.
_IMAGE = re.compile(r'<img(?: [a-z]+="[^"]*")*>')
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


@dataclass(frozen=True)
class Rendered:
    html: str
    dropped_images: tuple[str, ...] = ()  # the sources of images left out, in order


class _DemoteHeadings(Treeprocessor):
    """A listing page already has its h1 and h2s: employer headings start at h3."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _DemoteHeadingsExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)


def _renderer(*extra: markdown.Extension) -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables", BoundedWork(), *extra])


_description_renderer = _renderer(_DemoteHeadingsExtension())
_page_renderer = _renderer()


# Descriptions an earlier build rendered, by description_key: site/description_cache.py fills it from
# Pelican's CACHE_PATH before the workers fork, and saves what this build rendered after.
known_descriptions: dict[str, str] = {}


def description_key(text: str, remote_images: bool) -> str:
    return hashlib.sha256(f"{remote_images:d}\0{text}".encode()).hexdigest()


def render_markdown(text: str, remote_images: bool = False) -> str:
    """Safe HTML for a listing's description (an earlier build's, when it rendered the same text)."""
    if known_descriptions and (html := known_descriptions.get(description_key(text, remote_images))) is not None:
        return html
    return render_description(text, remote_images).html


@lru_cache(maxsize=64)  # validation reports the dropped images, and the build renders the same text next
def render_description(text: str, remote_images: bool = False) -> Rendered:
    """A description as safe HTML: allowlisted tags only, https/mailto links with rel set, headings from h3."""
    return sanitize(_convert(_description_renderer, text), TAGS, remote_images)


@lru_cache(maxsize=16)
def render_page(text: str, remote_images: bool = False) -> Rendered:
    """A page of the board (content/pages/) as safe HTML: a description's allowlist, plus h2."""
    return sanitize(_convert(_page_renderer, text), PAGE_TAGS, remote_images)


def _convert(renderer: markdown.Markdown, text: str) -> str:
    renderer.reset()
    return renderer.convert(text)


def sanitize(html: str, tags: frozenset[str], remote_images: bool) -> Rendered:
    """The one sanitizer: nh3 with the board's allowlist; images from elsewhere are left out."""
    dropped: list[str] = []

    def keep(element: str, attribute: str, value: str) -> str | None:
        if (element, attribute) == ("a", "href") and _scheme(value) == "http":
            return None
        if (element, attribute) == ("img", "src") and not (
                on_the_board(value) or (remote_images and _scheme(value) == "https")):
            dropped.append(value)
            return None
        return value

    clean = nh3.clean(html, tags=set(tags), attributes=ATTRIBUTES, url_schemes=_SCHEMES_SEEN, link_rel=LINK_REL,
                      strip_comments=True, attribute_filter=keep)
    if dropped:
        clean = _IMAGE.sub(lambda image: image[0] if ' src="' in image[0] else "", clean)
    return Rendered(clean, tuple(dropped))


def may_show_images(text: str) -> bool:
    """Whether Markdown ``text`` can hold an image at all: only '![' and a raw '<img' make one."""
    return "![" in text or "<img" in text.lower()


def on_the_board(url: str) -> bool:
    """Whether a URL can only point at the board itself: relative and without a host, read the way
    a browser reads it (tabs and line breaks dropped, '\\' taken for '/', so '/\\host' is another site)."""
    text = _as_browsers_read(url)
    return not (_SCHEME.match(text) or text.startswith("//"))


def _scheme(url: str) -> str:
    found = _SCHEME.match(_as_browsers_read(url))
    return found[1].lower() if found else ""


def _as_browsers_read(url: str) -> str:
    """The WHATWG URL parser's first steps: strip leading and trailing controls and spaces, drop
    every tab and line break; and for the URLs that matter here, a backslash is a slash."""
    return _TAB_OR_NEWLINE.sub("", url).strip("".join(map(chr, range(0x21)))).replace("\\", "/")
