"""``python -m board digest``: the issue of a finished week, written as files for the sending job.

The folder gets ``digest.json`` (what to send: each edition's subject, Message-ID, number of
listings and files) and, per edition (``all`` and each category with listings), ``<edition>.html``
and ``<edition>.txt``. A week without open listings writes nothing: there is never an empty issue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from board.core.settings import BoardSettings
from board.render.digest import ALL, Issue, Links, Week, email, issue_of
from board.render.prepared import PreparedListing

MANIFEST = "digest.json"


@dataclass(frozen=True)
class Written:
    issue: Issue
    folder: Path
    editions: tuple[str, ...]


def write_issue(week: Week, prepared: Iterable[PreparedListing], settings: BoardSettings,
                out: Path) -> Written | None:
    """The issue of ``week`` in ``out/<issue>/``, or None (and no files) when it has no open listing."""
    issue = issue_of(week, prepared)
    if not issue.listings:
        return None
    folder = out / issue.id
    folder.mkdir(parents=True, exist_ok=True)
    links = Links(board=settings.absolute(""), archive=settings.absolute(f"digest/{issue.id}/"),
                  subscribe=settings.absolute("subscribe/"))
    editions = [(ALL, issue, None)] + [(section.category.id, issue.edition_of(section.category.id),
                                        section.category.label) for section in issue.sections]
    manifest = []
    for name, edition, label in editions:
        message = email(edition, settings.site_name, settings.locale, links, label)
        (folder / f"{name}.html").write_text(message.html, encoding="utf-8")
        (folder / f"{name}.txt").write_text(message.text, encoding="utf-8")
        manifest.append({"edition": name, "subject": message.subject, "message_id": message.message_id,
                         "listings": len(edition.listings), "html": f"{name}.html", "text": f"{name}.txt"})
    (folder / MANIFEST).write_text(json.dumps({"issue": issue.id, "archive": links.archive, "board": links.board,
                                               "editions": manifest}, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return Written(issue, folder, tuple(name for name, _, _ in editions))
