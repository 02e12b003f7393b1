"""Reading a content file without trusting its path: never through a link, never from a FIFO or a device."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class UnsafeFileError(OSError):
    """Raised by ``read_regular`` for a path that is not a regular file; ``reason`` says what it is."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(code, reason)
        self.reason = reason


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``: at most ``max_bytes``, or one more when the file is larger, so the caller
    can say so. A symbolic link, FIFO, device or folder is refused without being followed or waited on
    (O_NOFOLLOW refuses the link itself; O_NONBLOCK keeps a FIFO from blocking the open)."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError as failure:
        if failure.errno == errno.ELOOP:
            raise UnsafeFileError(errno.ELOOP, "is a symbolic link, which the board never follows") from None
        raise
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UnsafeFileError(errno.EINVAL, "is not a regular file")
        return file.read(max_bytes + 1)
