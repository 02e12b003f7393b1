"""Exceptions that stop a command. Problems with content are data (``board.core.problems``), never
raised; these are for conditions that end a run, each with a message saying what to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class BoardError(Exception):
    """Base class: a condition the user can fix, with a message saying how."""


class SettingsError(BoardError):
    """Raised by ``BoardSettings.from_pelican`` when a setting in pelicanconf.py has a wrong value."""


class InvalidContentError(BoardError):
    """Raised by the build gate when validation found errors; the problems were already printed."""


class InternalError(BoardError):
    """Raised by validation when checking a file failed unexpectedly: a bug in the board, not the file."""

    def __init__(self, path: object, cause: BaseException):
        super().__init__(f"internal error while checking {path}: {type(cause).__name__}: {cause}")
        self.path = path
        self.cause = cause

    def __reduce__(self) -> tuple[type[InternalError], tuple[object, BaseException]]:
        """Picklable, so a failure in a validation worker process reaches the command as itself."""
        return InternalError, (self.path, self.cause)


@contextmanager
def blame(subject: object) -> Iterator[None]:
    """Turn an unexpected failure while working on ``subject`` (a file) into an InternalError naming it."""
    try:
        yield
    except BoardError:
        raise
    except Exception as failure:
        raise InternalError(subject, failure) from failure
