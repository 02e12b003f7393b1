"""A full build kept in memory, so the dev server shows an edited listing within seconds.

After one full build in this process, an edit to listing files is applied to that build: each
changed file is checked against the catalog and prepared alone, Pelican reads it with the board's
reader while every other article is reused, and the build's own generators and templates write
again only what shows the changed listings: their pages, every list page whose listings or
numbering changed, the category, skill and organization index pages, the feeds that carry them
(before or after the edit) and their search cards. The files written are those a full build of the
edited content writes (``tests/test_live_site.py``). What else a listing can change (counts on other
pages, the API, calendars, the sitemap, the search index) waits for a full build; the dev server
runs one in the background.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator
from pelican.paginator import Page
from pelican.settings import read_settings
from pelican.utils import sanitised_join
from pelican.writers import Writer

from board.core.errors import InvalidContentError
from board.core.model import Listing
from board.core.parallel import in_this_process
from board.read import content_dir
from board.site.build import BuildState, build_state
from board.site.feed_kinds import FEED_KINDS
from board.site.feeds import FeedsGenerator
from board.site.pages import BoardPagesGenerator
from board.site.pages_on_every_core import write_articles
from board.site.search_index import BrowseIndexGenerator, card
from board.site.templates import template_context
from board.site.terms import write_term_pages
from board.site.up_to_date import record_path
from board.validate import report
from board.validate.catalog import check_completions, check_listing

LISTINGS = "opportunities"  # the listings' folder in the content (ARTICLE_PATHS)
TERM_INDEXES = ("CATEGORIES_SAVE_AS", "TAGS_SAVE_AS", "AUTHORS_SAVE_AS")  # pages that count every term's listings

PAGINATED = ("articles_page", "dates_page")  # the template variables of a list page's page (Pelican's Writer)
# What a list page shows: for each of them, the articles on the page, the number of pages and of articles.
Signature = tuple[tuple[str, tuple[Any, ...], int, int], ...]
Wanted = Callable[[str, Signature | None], bool]
AnyGenerator = TypeVar("AnyGenerator")


@dataclass(frozen=True)
class Update:
    """What an update did to the site, relative to it."""

    written: list[str]
    removed: list[str]  # files a full build of the edited content would not write


class LiveSite:
    """The site in ``output``, built by the settings in ``settings_file`` and kept in memory."""

    def __init__(self, settings_file: Path, output: Path) -> None:
        self.settings_file = settings_file
        self.output = output
        self._generators: list[Any] = []

    @property
    def ready(self) -> bool:
        """Whether a full build succeeded in this process, so edits can be applied to it."""
        return bool(self._generators)

    @property
    def listings_folder(self) -> Path:
        """Where the kept build read its listings."""
        return Path(self._generator(ArticlesGenerator).path) / LISTINGS

    def build(self) -> None:
        """A full build, as ``make html`` runs it (even when nothing changed), kept in memory."""
        self._generators = []
        record_path(self.output).unlink(missing_ok=True)  # this run keeps no record of its inputs
        settings = read_settings(str(self.settings_file), override={"OUTPUT_PATH": str(self.output)})
        site = Pelican(settings)
        kept: list[Any] = []

        def keep(generators: list[Any]) -> None:
            kept.extend(generators)

        signals.all_generators_finalized.connect(keep)
        try:
            type(site).run(site)  # Pelican's own run: the board's skips a build whose inputs did not change
        finally:
            signals.all_generators_finalized.disconnect(keep)
        for generator in kept:
            generator.output_path = str(self.output)  # they wrote into the staging folder, now the site
        self._generators = kept

    def apply(self, paths: Collection[Path]) -> Update:
        """The site updated for these edited, added or removed listing files. Raises
        InvalidContentError, changing nothing, when a file has an error; after any other failure the
        next change builds in full."""
        articles = self._generator(ArticlesGenerator)
        state = build_state(articles.settings)
        ids = sorted({path.stem for path in paths})
        checked = self._check([path for path in paths if path.exists()], set(ids), state)
        record_path(self.output).unlink(missing_ok=True)  # the site is no longer a build of recorded inputs
        try:
            with in_this_process(), self._writing_aside() as scratch:
                update = self._update(articles, state, ids, checked, scratch)
                _move(update.written, scratch, self.output)
        except BaseException:
            self._generators = []
            raise
        for name in update.removed:
            (self.output / name).unlink(missing_ok=True)
        return update

    def _update(self, articles: Any, state: BuildState, ids: list[str], checked: dict[str, Listing],
                scratch: Path) -> Update:
        """Into ``scratch``, what shows these listings, with the build's state updated for them."""
        listed_before, feeds_before = _listed(articles, ids), _feeds_of(ids, state)
        before = self._write_pages(lambda name, signature: False, [], listed_before.terms, scratch)
        _prepare(state, checked, removed=set(ids) - set(checked))
        self._read_again(articles, [Path(LISTINGS) / f"{listing_id}.yaml" for listing_id in ids])
        articles.context.update(template_context(state))
        listed = _listed(articles, ids)
        named = {article.save_as for article in listed.articles} | {articles.settings["INDEX_SAVE_AS"]}  # its counts
        if listed.places != listed_before.places:  # so are the counts of terms
            named |= {articles.settings[setting] for setting in TERM_INDEXES}
        after = self._write_pages(_changed_lists(before.signatures, named), listed.articles,
                                  listed_before.terms | listed.terms, scratch)
        feeds_generator = self._generator(FeedsGenerator)
        carrying = feeds_before | _feeds_of(ids, state)
        feeds = feeds_generator.write_feeds(lambda kind, key: (kind, key) in carrying)
        browse = self._generator(BrowseIndexGenerator)
        cards = browse.write_cards([article for article in browse.searchable() if article.slug in ids])
        gone = {*before.signatures.keys() - after.signatures.keys(),
                *(article.save_as for article in listed_before.articles),
                *(card(listing_id) for listing_id in ids),
                *(name for kind, key in carrying for name in feeds_generator.files_of(kind, key))}
        written = [*after.written, *feeds, *cards]
        return Update(written, sorted(gone - set(written)))

    @contextmanager
    def _writing_aside(self) -> Iterator[Path]:
        """The generators write into a scratch folder beside the site meanwhile, and each file is
        moved into the site whole."""
        scratch = self.output.parent / f".{self.output.name}.live"
        shutil.rmtree(scratch, ignore_errors=True)
        for generator in self._generators:
            generator.output_path = str(scratch)
        try:
            yield scratch
        finally:
            for generator in self._generators:
                generator.output_path = str(self.output)
            shutil.rmtree(scratch, ignore_errors=True)

    def _check(self, paths: list[Path], ids: set[str], state: BuildState) -> dict[str, Listing]:
        """The edited listings, checked as a full build checks them: each file, the folder's entries,
        and the completion records, which depend on every listing."""
        problems = content_dir.unsafe_entries(self.listings_folder)
        checked = {}
        for path in paths:
            listing, found = check_listing(state.settings, state.catalog, path)
            problems += found
            if listing:
                checked[listing.id] = listing
        listings = {key: value for key, value in state.catalog.listings.items() if key not in ids} | checked
        problems += check_completions(state.settings, replace(state.catalog, listings=listings, completions={}))
        for problem in sorted(problems):
            print(report.as_text(problem, Path.cwd()), file=sys.stderr)
        errors = [problem for problem in problems if problem.is_error]
        if errors or len(checked) < len(paths):
            raise InvalidContentError(f"{len(errors)} error(s), listed above; the site was left as it was.")
        return checked

    def _write_pages(self, wanted: Wanted, edited: list[Any], terms: set[tuple[str, str]],
                     folder: Path) -> _SelectiveWriter:
        """The edited listings' pages, and the list pages ``wanted`` picks among the board's lists and
        the pages of these terms, by the generators that wrote them all: Pelican's ``generate_pages``,
        but for the pages of unchanged listings and of terms without an edited listing, which cannot
        have changed (its period archives and drafts are off)."""
        articles = self._generator(ArticlesGenerator)
        writer = _SelectiveWriter(str(folder), articles.settings, wanted)
        write = partial(writer.write_file, relative_urls=articles.settings["RELATIVE_URLS"])
        write_articles(articles, write, edited)
        articles.generate_direct_templates(write)
        for kind, pairs in (("tag", articles.tags.items()), ("category", articles.categories),
                            ("author", articles.authors)):
            write_term_pages(articles, kind, [(term, listed) for term, listed in pairs if (kind, term.slug) in terms],
                             write)
        self._generator(BoardPagesGenerator).generate_output(writer)
        return writer

    def _read_again(self, articles: Any, changed: list[Path]) -> None:
        """Pelican's articles, lists and terms made again, reading only the changed files."""
        content = articles.context["generated_content"]
        for path in map(str, changed):
            content.pop(path, None)
        kept = dict(content)
        articles.get_cached_data = lambda path, default=None: kept.get(os.path.normpath(path), default)
        articles.cache_data = lambda path, data: None
        articles.categories, articles.tags, articles.authors = defaultdict(list), defaultdict(list), defaultdict(list)
        try:
            articles.generate_context()
        finally:
            del articles.get_cached_data, articles.cache_data  # Pelican's own again

    def _generator(self, kind: type[AnyGenerator]) -> AnyGenerator:
        if not self._generators:
            raise RuntimeError("no full build in this process yet: call build() first")
        return next(generator for generator in self._generators if isinstance(generator, kind))


def _prepare(state: BuildState, checked: dict[str, Listing], removed: Collection[str]) -> None:
    for listing_id, listing in checked.items():
        state.catalog.listings[listing_id] = listing
        state.prepared[listing_id] = state.preparer(listing)
    for listing_id in removed:
        state.catalog.listings.pop(listing_id, None)
        state.prepared.pop(listing_id, None)


def _move(names: list[str], scratch: Path, output: Path) -> None:
    """Each written file into the site, replacing the old one at once: no request sees half a file."""
    for name in names:
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / name, target)


def _feeds_of(ids: list[str], state: BuildState) -> set[tuple[str, str]]:
    """The feeds that carry these listings: open ones only."""
    listings = [prepared.listing for listing_id in ids
                if (prepared := state.prepared.get(listing_id)) and not prepared.view.closed]
    return {(kind.name, key) for listing in listings for kind in FEED_KINDS for key in kind.keys(listing)}


@dataclass(frozen=True)
class _Listed:
    """Where some listings are on the board: their articles, whether each is open, and its terms."""

    articles: list[Any]
    places: frozenset[tuple[str, bool, str, str]]  # id, open, term kind, term slug

    @property
    def terms(self) -> set[tuple[str, str]]:
        """The (kind, slug) of each term page they are listed on."""
        return {(kind, slug) for _, _, kind, slug in self.places}


def _listed(articles: Any, ids: Collection[str]) -> _Listed:
    chosen = set(ids)
    open_ones = [article for article in articles.articles if article.slug in chosen]
    closed = [article for article in articles.hidden_articles if article.slug in chosen]
    places = {(article.slug, is_open, kind, term.slug)
              for is_open, group in ((True, open_ones), (False, closed)) for article in group
              for kind, terms in (("category", [article.category]), ("tag", article.tags), ("author", article.authors))
              for term in terms}
    return _Listed([*open_ones, *closed], frozenset(places))


def _changed_lists(before: dict[str, Signature | None], named: set[str]) -> Wanted:
    """The ``named`` pages, and every list page whose articles or numbering are not what they were:
    an edited listing is a new article, so each page that shows it, before or after, is one of them."""

    def wanted(name: str, signature: Signature | None) -> bool:
        return name in named or (signature is not None and before.get(name) != signature)

    return wanted


class _SelectiveWriter(Writer):
    """Pelican's writer, rendering only the files ``wanted`` picks, and noting every list page's
    signature on the way."""

    def __init__(self, output_path: str, settings: dict[str, Any], wanted: Wanted) -> None:
        super().__init__(output_path, settings=settings)
        self.wanted = wanted
        self.signatures: dict[str, Signature | None] = {}
        self.written: list[str] = []
        self._passed: set[str] = set()

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().write_file(name, _Chosen(template, self), context, *args, **kwargs)

    def choose(self, localcontext: dict[str, Any]) -> bool:
        name = localcontext["output_file"]
        signature = self.signatures[name] = _signature(localcontext)
        if self.wanted(name, signature):
            self.written.append(name)
            return True
        self._passed.add(sanitised_join(self.output_path, name))
        return False

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if filename in self._passed:
            return nullcontext(io.StringIO())
        return super()._open_w(filename, encoding, override)


class _Chosen:
    """A template that renders only what its writer chooses (the writer writes nothing of the rest)."""

    def __init__(self, template: Any, writer: _SelectiveWriter) -> None:
        self.template = template
        self.writer = writer

    def render(self, localcontext: dict[str, Any]) -> str:
        return str(self.template.render(localcontext)) if self.writer.choose(localcontext) else ""


def _signature(localcontext: dict[str, Any]) -> Signature | None:
    """The articles themselves, not their ids: they compare by identity, and the old ones stay alive
    while the signature does, so no new article can take an old one's place by its address."""
    pages = [(key, page) for key in PAGINATED if isinstance(page := localcontext.get(key), Page)]
    return tuple((key, tuple(page.object_list), page.paginator.num_pages, page.paginator.count)
                 for key, page in pages) or None

