"""A page of the board, ``content/pages/<name>.md``: a few ``Key: value`` lines, then Markdown.

The validator and the Pelican reader share this parser. It reads the metadata lines exactly as
Python-Markdown's ``meta`` extension does (Pelican's own Markdown reader uses it), with its
patterns, and keeps the line of each, so that errors can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from board.read.files import UnsafeFileError, read_regular

PAGE_FIELDS = ("title", "slug")  # the only metadata a page may set; save_as, url, template, status… may not
MAX_PAGE_BYTES = 64 * 1024


@dataclass(frozen=True)
class MetaLine:
    key: str  # as written; Pelican compares keys in lower case
    value: str
    line: int
    continued: bool = False  # an indented line that continues the key before it


@dataclass(frozen=True)
class PageSource:
    path: Path
    metadata: tuple[MetaLine, ...]
    body: str  # the Markdown after the metadata
    body_line: int  # the line the body starts on

    def value(self, key: str) -> str | None:
        """The first value given for ``key`` (any case), or None."""
        return next((meta.value for meta in self.metadata if meta.key.lower() == key and not meta.continued), None)


class PageError(Exception):
    """Raised by ``load_page`` for a file that cannot be read as a page."""

    def __init__(self, path: Path, message: str, line: int = 1, hint: str = ""):
        super().__init__(message)
        self.path, self.message, self.line, self.hint = path, message, line, hint


def load_page(path: Path) -> PageSource:
    try:
        raw = read_regular(path, MAX_PAGE_BYTES)
    except UnsafeFileError as refusal:
        raise PageError(path, refusal.reason, hint="commit the file itself here") from None
    except OSError as failure:
        raise PageError(path, f"cannot be read: {failure.strerror or failure}") from None
    if len(raw) > MAX_PAGE_BYTES:
        raise PageError(path, f"is larger than {MAX_PAGE_BYTES // 1024} KB, the most a page may be",
                        hint="split it into several pages")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as failure:
        raise PageError(path, f"is not UTF-8 text (byte 0x{raw[failure.start]:02x})",
                        raw[: failure.start].count(b"\n") + 1, "save the file as UTF-8 in your editor") from None
    return parse_page(text, path)


def parse_page(text: str, path: Path) -> PageSource:
    """Split a page into its metadata lines and its Markdown body, as Python-Markdown would."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # Markdown's line breaks
    index = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    metadata: list[MetaLine] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip() or END_RE.match(line):
            index += 1
            break
        key_line, more = META_RE.match(line), META_MORE_RE.match(line)
        if key_line:
            metadata.append(MetaLine(key_line["key"], key_line["value"].strip(), index + 1))
        elif more and metadata:
            metadata.append(MetaLine(metadata[-1].key, more["value"].strip(), index + 1, continued=True))
        else:
            break
        index += 1
    return PageSource(path, tuple(metadata), "\n".join(lines[index:]), index + 1)
