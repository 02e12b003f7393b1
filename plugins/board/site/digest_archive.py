"""The digest's web archive: ``digest/`` lists every issue, ``digest/<2026-w48>/`` shows one.

Each finished week in which listings were posted is an issue (``render/digest.py``); its page
shows every listing of that week, the closed ones marked as such, so the link at the foot of an
email keeps working after the listings close.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from board.render.digest import issues, week_text
from board.site.build import build_state, prepared_of

ARCHIVE = "digest"


def issue_path(issue_id: str) -> str:
    return f"{ARCHIVE}/{issue_id}/"


class DigestArchiveGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        articles = {prepared_of(article).id: article
                    for article in [*self.context["articles"], *self.context["hidden_articles"]]}
        archive = issues([prepared for prepared in state.prepared.values() if prepared.id in articles], state.today)
        relative = self.settings["RELATIVE_URLS"]
        for issue in archive:
            sections = [(section.category, [articles[prepared.id] for prepared in section.listings])
                        for section in issue.sections]
            writer.write_file(f"{issue_path(issue.id)}index.html", self.get_template("digest"), self.context,
                              relative, url=issue_path(issue.id), page_name="digest", issue=issue, sections=sections,
                              week_text=week_text(issue.week, state.settings.locale))
        summaries = [(issue, week_text(issue.week, state.settings.locale)) for issue in archive]
        writer.write_file(f"{ARCHIVE}/index.html", self.get_template("digest_index"), self.context, relative,
                          url=f"{ARCHIVE}/", page_name="digest_index", issues=summaries)
