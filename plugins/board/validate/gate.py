"""Pelican plugin: validate all content before anything is read or written; stop on any error.

On success the validated catalog is left in the settings (``BOARD_BUILD``) for the reader and
the page and feed plugins, so every file is parsed and checked exactly once per build.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pelican import signals

from ..errors import InvalidContentError
from ..model import Catalog
from ..read.reader import ListingPreparer
from ..settings import BoardSettings
from . import report
from .catalog import validate_content


@dataclass(frozen=True)
class BuildState:
    """What one build knows: its settings, the validated content and its idea of today."""

    settings: BoardSettings
    catalog: Catalog
    today: date


def validate_before_reading(generator: Any) -> None:
    settings = BoardSettings.from_pelican(generator.settings)
    today = settings.today()
    preparer = ListingPreparer(today, settings, generator.settings["SITEURL"].rstrip("/"),
                               generator.settings["ARTICLE_URL"])
    result = validate_content(settings, progress=_progress, prepare=preparer)
    root = Path.cwd()
    for problem in result.problems:
        print(report.as_text(problem, root), file=sys.stderr)
    if not result.ok:
        raise InvalidContentError(
            f"{len(result.errors)} error(s) in the content, listed above; nothing was built. "
            "Run `make validate` to check again."
        )
    state = BuildState(settings, result.catalog, today)
    generator.settings["BOARD_BUILD"] = state
    generator.context["BOARD_BUILD"] = state
    # Pelican rewrites SITEURL to a relative path on each page when RELATIVE_URLS is on;
    # canonical links and structured data need the absolute one.
    generator.context["BOARD_SITEURL"] = generator.settings["SITEURL"].rstrip("/")


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and (done % 250 == 0 or done == total):
        print(f"\rValidated {done}/{total} listings", end="\n" if done == total else "", file=sys.stderr)


class _NoTracebackForContent(logging.Filter):
    """Pelican logs a traceback for any failure; bad content is not a bug, so keep the message only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], InvalidContentError):
            record.exc_info = None
        return True


def register() -> None:
    signals.article_generator_init.connect(validate_before_reading)
    logging.getLogger("pelican").addFilter(_NoTracebackForContent())
