"""``404.html`` at the site root: GitHub Pages, Netlify and Cloudflare Pages serve it, as it is, for any
address the site does not have, so its links are absolute (it is shown at every depth) and it offers a
search box (the board's own, by the address bar's ``?q=``) and the newest listings."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from board.site.build import newest_first

NOT_FOUND = "404.html"
NEWEST = 6


class NotFoundPageGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        writer.write_file(NOT_FOUND, self.get_template("404"), self.context, relative_urls=False,
                          page_name="404", newest=newest_first(self.context["articles"])[:NEWEST])
