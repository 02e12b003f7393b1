"""The board's pages (content/pages/*.md) are content like any other: checked before anything is built.

A page sets its title and its slug, nothing else: ``Save_as``, ``URL``, ``Template``, ``Status``
and the rest would let a page replace the home page or the embed frame, or hide itself. Its slug
is an id that names none of the board's own pages, and no other page's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from board.core.problems import Problem, error, warning
from board.core.settings import BoardSettings
from board.read import content_dir
from board.read.content_dir import ID_LENGTH, ID_PATTERN, suggest_id
from board.read.markdown import render_page
from board.read.page import PAGE_FIELDS, PageError, PageSource, load_page
from board.validate.rules import image_left_out
from board.validate.text import first_forbidden

PAGES = "pages"
TITLE_LENGTH = range(2, 121)


def check_pages(settings: BoardSettings) -> tuple[list[Problem], int]:
    """Every problem with the pages, and how many page files were checked. Pages are optional."""
    folder = settings.content / PAGES
    if not folder.exists() and not folder.is_symlink():
        return [], 0
    files, problems = content_dir.scan(folder, suffix=".md")
    taken: dict[str, Path] = {}
    for path in files:
        try:
            page = load_page(path)
        except PageError as failure:
            problems.append(error(path, (failure.line, 1), "", failure.message, failure.hint))
            continue
        problems.extend(page_problems(page, settings, taken))
    return problems, len(files)


def page_problems(page: PageSource, settings: BoardSettings, taken: dict[str, Path]) -> Iterator[Problem]:
    """The problems of one page; ``taken`` maps the slugs of the pages checked so far to their files."""
    yield from _metadata_problems(page)
    title, slug = page.value("title"), page.value("slug")
    if title is None:
        yield error(page.path, (1, 1), "title", "the page has no 'Title:' line",
                    "start the file with a line 'Title: <the page's title>'")
    else:
        yield from _title_problems(page, title)
    if slug is None:
        yield error(page.path, (1, 1), "slug", "the page has no 'Slug:' line: it names the page's address",
                    f"add a line 'Slug: {suggest_id(title or page.path.stem)}' under the title")
    else:
        yield from _slug_problems(page, slug, settings, taken)
    yield from _body_problems(page, settings)


def _metadata_problems(page: PageSource) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for meta in page.metadata:
        name = meta.key.lower()
        where = (meta.line, 1)
        if meta.continued:
            yield error(page.path, where, name, f"'{meta.key}:' goes on over several lines",
                        "write its value on one line")
        elif name not in PAGE_FIELDS:
            yield error(page.path, where, name, f"'{meta.key}:' cannot be set on a page: a page sets only its "
                                                "Title: and Slug:", "remove the line")
        elif name in first:
            yield error(page.path, where, name, f"'{meta.key}:' is given twice (first on line {first[name]})",
                        "keep one of them")
        else:
            first[name] = meta.line


def _title_problems(page: PageSource, title: str) -> Iterator[Problem]:
    where = (_line_of(page, "title"), 1)
    if len(title) not in TITLE_LENGTH:
        yield error(page.path, where, "title", f"must be {TITLE_LENGTH.start}-{TITLE_LENGTH.stop - 1} characters "
                                               f"long (it has {len(title)})")
    found = first_forbidden(title, plain=True)
    if found:
        index, kind = found
        yield error(page.path, where, "title", f"contains a {kind} character, U+{ord(title[index]):04X}, "
                                               f"at position {index + 1}", "delete it")


def _slug_problems(page: PageSource, slug: str, settings: BoardSettings,
                   taken: dict[str, Path]) -> Iterator[Problem]:
    where = (_line_of(page, "slug"), 1)
    if not ID_PATTERN.match(slug) or len(slug) not in ID_LENGTH:
        yield error(page.path, where, "slug", f"{slug!r} cannot be a page's address: use 3-80 lowercase letters, "
                                              "digits and single hyphens", f"for example: Slug: {suggest_id(slug)}")
    elif slug in settings.reserved_paths:
        yield error(page.path, where, "slug", f"'{slug}/' is an address of the board itself",
                    f"choose another slug, e.g. Slug: about-{slug}")
    elif slug in taken:
        yield error(page.path, where, "slug", f"'{slug}' is already the slug of {taken[slug].name}",
                    "give each page its own slug")
    else:
        taken[slug] = page.path


def _body_problems(page: PageSource, settings: BoardSettings) -> Iterator[Problem]:
    found = first_forbidden(page.body, plain=False)
    if found:
        index, kind = found
        line = page.body_line + page.body.count("\n", 0, index)
        yield error(page.path, (line, 1), "", f"contains a {kind} character, U+{ord(page.body[index]):04X}",
                    "delete it: it is invisible, or changes how the text around it is shown")
        return
    for source in render_page(page.body, settings.remote_images).dropped_images:
        yield warning(page.path, (page.body_line, 1), "", *image_left_out(source))


def _line_of(page: PageSource, key: str) -> int:
    return next(meta.line for meta in page.metadata if meta.key.lower() == key)
