"""Employer Markdown to safe HTML: render with Python-Markdown, then sanitize with nh3."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

LINK_REL = "nofollow ugc noopener noreferrer"
TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"https", "mailto"}


class _DemoteHeadings(Treeprocessor):
    """A listing page already has its h1 and h2s: employer headings start at h3."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _DemoteHeadingsExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)


_renderer = markdown.Markdown(extensions=["sane_lists", "tables", _DemoteHeadingsExtension()])


def render_markdown(text: str) -> str:
    """Safe HTML for untrusted Markdown: allowlisted tags only, https/mailto links with rel set."""
    _renderer.reset()
    html = _renderer.convert(text)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
