"""The weekly digest: the listings posted in one ISO week, as an email (an HTML part and a plain
text part) and as the web archive's page of that issue.

An issue is named by its week, ``2026-w48``, and holds the listings posted from its Monday to its
Sunday, soonest deadline first, grouped by category; there is an edition of it for the whole board
and one per category. Only finished weeks make issues, so an issue never changes once its week is
over (except that listings close). The email shows at most ``EMAIL_LIMIT`` listings, so it stays
small for every mail client; the archive page shows them all.

The HTML part is built for mail clients: tables, inline styles (a ``<style>`` block adds dark
colours for clients that honour ``prefers-color-scheme``), no script, no images, and every employer
value escaped by the template engine.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from board.core.vocabulary import Category
from board.render.display import date_text
from board.render.prepared import PreparedListing

EMAIL_LIMIT = 40  # listings shown in one email; the archive page has the rest
ALL = "all"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENVIRONMENT = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                           trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2026-w48`` -> Week(2026, 48); ValueError with what to write otherwise."""
        year, separator, number = text.lower().partition("-w")
        try:
            week = cls(int(year), int(number))
            week.monday.isoformat()
        except ValueError:
            raise ValueError(f"{text!r} is not a week written like 2026-w48") from None
        if not separator or week.of(week.monday) != week:
            raise ValueError(f"{text!r} is not a week written like 2026-w48")
        return week

    @property
    def id(self) -> str:
        return f"{self.year}-w{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def before(self) -> Week:
        return Week.of(self.monday - timedelta(days=1))


@dataclass(frozen=True)
class Section:
    category: Category
    listings: tuple[PreparedListing, ...]


@dataclass(frozen=True)
class Issue:
    week: Week
    edition: str  # ALL or a category id
    listings: tuple[PreparedListing, ...]  # soonest deadline first

    @property
    def id(self) -> str:
        return self.week.id

    @property
    def sections(self) -> list[Section]:
        """The listings by category, categories in alphabetical order of their labels."""
        grouped: dict[str, list[PreparedListing]] = {}
        for prepared in self.listings:
            grouped.setdefault(prepared.view.category.id, []).append(prepared)
        sections = [Section(items[0].view.category, tuple(items)) for items in grouped.values()]
        return sorted(sections, key=lambda section: section.category.label.casefold())

    def edition_of(self, category: str) -> Issue:
        return Issue(self.week, category, tuple(p for p in self.listings if p.listing.category == category))


def issues(prepared: Iterable[PreparedListing], today: date) -> list[Issue]:
    """Every finished week in which listings were posted, newest first (the archive)."""
    weeks: dict[Week, list[PreparedListing]] = {}
    for item in prepared:
        if item.listing.posted < Week.of(today).monday:
            weeks.setdefault(Week.of(item.listing.posted), []).append(item)
    return [Issue(week, ALL, _by_deadline(items)) for week, items in sorted(weeks.items(), key=lambda pair:
                                                                           (pair[0].year, pair[0].number),
                                                                           reverse=True)]


def issue_of(week: Week, prepared: Iterable[PreparedListing]) -> Issue:
    """The listings posted in ``week`` that are still open: what an email of that week offers."""
    return Issue(week, ALL, _by_deadline(item for item in prepared
                                         if Week.of(item.listing.posted) == week and not item.view.closed))


def _by_deadline(items: Iterable[PreparedListing]) -> tuple[PreparedListing, ...]:
    return tuple(sorted(items, key=lambda item: (item.listing.apply_by, item.id)))


@dataclass(frozen=True)
class Email:
    subject: str
    message_id: str  # stable: the same issue and edition always have the same one
    html: str
    text: str


@dataclass(frozen=True)
class Links:
    """Where an email points: the board, the issue's archive page, the Subscribe page."""

    board: str
    archive: str
    subscribe: str


def week_text(week: Week, locale: str) -> str:
    """``23 Nov 2026 to 29 Nov 2026``."""
    return f"{date_text(week.monday, locale)} to {date_text(week.sunday, locale)}"


def subject_of(issue: Issue, site_name: str, locale: str, category_label: str | None = None) -> str:
    count = len(issue.listings)
    what = f"{count} new micro-internship{'s' if count != 1 else ''}"
    if category_label:
        what += f" in {category_label}"
    return f"{what} · {site_name} · {date_text(issue.week.monday, locale)} – {date_text(issue.week.sunday, locale)}"


def message_id(issue: Issue, board_url: str) -> str:
    host = urlsplit(board_url).hostname or "micro-internship-board.invalid"
    return f"<digest-{issue.id}-{issue.edition}@{host}>"


def email(issue: Issue, site_name: str, locale: str, links: Links, category_label: str | None = None) -> Email:
    subject = subject_of(issue, site_name, locale, category_label)
    shown = issue.listings[:EMAIL_LIMIT]
    more = len(issue.listings) - len(shown)
    shown_issue = Issue(issue.week, issue.edition, shown)
    span = week_text(issue.week, locale)
    html = _ENVIRONMENT.get_template("digest_email.html").render(
        issue=shown_issue, subject=subject, site_name=site_name, links=links, more=more, week_text=span)
    return Email(subject, message_id(issue, links.board), html, plain_text(shown_issue, span, links, site_name, more))


def plain_text(issue: Issue, week_text: str, links: Links, site_name: str, more: int) -> str:
    lines = [f"New micro-internships on {site_name}, posted {week_text}.", ""]
    for section in issue.sections:
        lines += [section.category.label.upper(), ""]
        for prepared in section.listings:
            view = prepared.view
            lines += [_flat(view.title), f"  {_flat(view.organization_name)}",
                      f"  {view.pay} · {view.effort} · {view.location}", f"  Apply by {view.apply_by_text}",
                      *textwrap.wrap(_flat(view.summary), 72, initial_indent="  ", subsequent_indent="  "),
                      f"  {prepared.record['url']}", ""]
    if more:
        lines += [f"And {more} more in this issue: {links.archive}", ""]
    lines += ["--", f"This issue on the web: {links.archive}", f"All open listings: {links.board}",
              f"Feeds, calendars and this digest: {links.subscribe}"]
    return "\n".join(lines) + "\n"


def _flat(text: str) -> str:
    """One line of text: an employer's line breaks cannot start lines of their own."""
    return " ".join(text.split())

