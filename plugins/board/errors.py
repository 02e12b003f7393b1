"""Exceptions raised by the board. Problems with content are data (``validate.problems``);
these exceptions are for conditions that stop a command."""


class BoardError(Exception):
    """Base class: a condition the user can fix, with a message saying how."""


class InvalidContentError(BoardError):
    """Raised by the build gate when validation found errors; the problems were already printed."""

    exit_code = 1
