"""Whether Markdown the bots post would act on GitHub: rendered by a real CommonMark parser.

markdown-it-py renders it (with GitHub's tables) and the HTML is read as GitHub would act on it:
no link, no image, no markup but the bot's own, no bare URL (GitHub links those) and no mention
outside code, except the handles the bot means to notify.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

GITHUB = MarkdownIt("commonmark").enable("table")
BOTS_OWN_MARKUP = {"p", "ul", "li", "strong", "em", "code", "pre", "h2", "table", "thead", "tbody", "tr", "th", "td"}
CODE = re.compile(r"<pre><code[^>]*>.*?</code></pre>|<code>.*?</code>", flags=re.DOTALL)


def assert_inert(markdown: str, mentions: set[str]) -> None:
    html = GITHUB.render(markdown)
    outside_code = CODE.sub("", html)
    assert "<a " not in html and "<img" not in html, html
    assert set(re.findall(r"</?([a-zA-Z][\w-]*)", outside_code)) <= BOTS_OWN_MARKUP, outside_code
    assert not re.search(r"https?:|www\.", outside_code), outside_code
    mentioned = {handle.lower() for handle in re.findall(r"(?<![\w@`])@([A-Za-z0-9-]+)", outside_code)}
    assert mentioned <= {handle.lower() for handle in mentions}, outside_code
