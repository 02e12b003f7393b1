"""Validate all content before anything is read or written, and stop the build on any error; then
prepare every listing (on every core for a large board) and leave the build's state for the rest
of the site, so every file is parsed, checked and rendered exactly once per build (and a description
only when its text changed since the last build: site/description_cache.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from board.core.errors import InvalidContentError
from board.core.settings import BoardSettings
from board.render.prepared import ListingPreparer
from board.site import description_cache
from board.site.build import BuildState, remember
from board.site.templates import template_context
from board.validate import report
from board.validate.catalog import validate_content


def validate_before_reading(generator: Any) -> None:
    settings = BoardSettings.from_pelican(generator.settings)
    result = validate_content(settings, progress=_progress)
    root = Path.cwd()
    for problem in result.problems:
        print(report.as_text(problem, root), file=sys.stderr)
    if not result.ok or result.catalog is None:
        raise InvalidContentError(
            f"{len(result.errors)} error(s) in the content, listed above; nothing was built. "
            "Run `make validate` to check again."
        )
    today = settings.today()
    article_url = generator.settings["ARTICLE_URL"]
    preparer = ListingPreparer(result.catalog, settings, today,
                               lambda listing_id: settings.absolute(article_url.format(slug=listing_id)))
    cache = Path(generator.settings["CACHE_PATH"])
    description_cache.load(cache)
    prepared = preparer.prepare_all(result.catalog.listings.values())
    description_cache.save(cache, prepared.values(), settings.remote_images)
    state = BuildState(settings, result.catalog, today, prepared, preparer)
    remember(generator.settings, state)
    generator.context.update(template_context(state))


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and (done % 250 == 0 or done == total):
        print(f"\rValidated {done}/{total} listings", end="\n" if done == total else "", file=sys.stderr)
