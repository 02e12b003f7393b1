"""Exceptions raised by the board. Problems with content are data (``validate.problems``);
these exceptions are for conditions that stop a command."""


class BoardError(Exception):
    """Base class: a condition the user can fix, with a message saying how."""


class InvalidContentError(BoardError):
    """Raised by the build gate when validation found errors; the problems were already printed."""


class InternalError(BoardError):
    """Raised by validation when checking a file failed unexpectedly: a bug in the board, not the file."""

    def __init__(self, path: object, cause: BaseException):
        super().__init__(f"internal error while checking {path}: {type(cause).__name__}: {cause}")
        self.path = path
        self.cause = cause

    def __reduce__(self) -> tuple:
        """Picklable, so a failure in a validation worker process reaches the command as itself."""
        return InternalError, (self.path, self.cause)
