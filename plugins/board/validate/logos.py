"""Logos are images, checked by their content: the board publishes only the ones organizations name.

A logo is a regular file directly in content/logos/ (the schema's pattern fixes the name), whose
bytes Pillow reads as a PNG, JPEG or WebP image of the format its extension says, within limits
of size and pixels that keep a decompression bomb from being decoded at all. Anything else in
content/logos/ is an error, since nothing there may become a page or a script of the site.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from board.core.problems import Problem, error
from board.read.content_dir import ID_LENGTH, ID_PATTERN, suggest_id
from board.read.files import UnsafeFileError, read_regular
from board.read.yaml_loader import Document

LOGOS = "logos"
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
MAX_BYTES = 512 * 1024
MAX_PIXELS = 4_000_000  # 2000 x 2000 pixels; a logo is shown at 64 x 64
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}


def logo_problems(organization: Document, content: Path) -> Iterator[Problem]:
    """The problem with the organization's logo, if it has one and it is not a sound image."""
    logo = organization.data.get("logo")
    if not logo:
        return
    fault = image_fault(content / logo, FORMATS[Path(logo).suffix])
    if fault:
        message, hint = fault
        where = organization.position(("logo",))
        yield error(organization.path, (where.line, where.column), "logo", f"'{logo}' {message}", hint)


def image_fault(path: Path, expected: str) -> tuple[str, str] | None:
    """What keeps the file at ``path`` from being a sound image of the ``expected`` format, with a hint."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return "is not a file in content/logos/", f"commit the image as content/{LOGOS}/{path.name}"
    except UnsafeFileError as refusal:
        return refusal.reason, "commit the image itself"
    except OSError as failure:
        return f"cannot be read: {failure.strerror or failure}", ""
    if len(data) > MAX_BYTES:
        return f"is larger than {MAX_BYTES // 1024} KB", "save it smaller: the board shows logos at 64 × 64 pixels"
    return _decode_fault(data, expected)


def _decode_fault(data: bytes, expected: str) -> tuple[str, str] | None:
    kinds = "a PNG, JPEG or WebP image"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=list(_NAMES)) as image:
                if image.format != expected:
                    found = _NAMES.get(image.format or "", image.format)
                    return (f"is a {found} image, not {_NAMES[expected]} as its name says",
                            "save it in the format its extension names, or rename it")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _too_many_pixels(f"{width} × {height}")
                image.load()  # decode it all: a damaged or truncated file fails here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return _too_many_pixels("more than Pillow will decode")
    except UnidentifiedImageError:
        return f"is not {kinds}", f"export the logo as {kinds}"
    except (OSError, SyntaxError, ValueError):
        return "is damaged: its image data cannot be read to the end", "export the logo again"
    return None


def _too_many_pixels(size: str) -> tuple[str, str]:
    return (f"has too many pixels ({size}; at most {MAX_PIXELS:,})",
            "scale it down: the board shows logos at 64 × 64 pixels")


def folder_problems(content: Path) -> list[Problem]:
    """Anything in content/logos/ that is not an image file with an id for a name. (Links and special
    files are named by ``content_dir.unsafe_entries``.)"""
    folder = content / LOGOS
    if folder.is_symlink() or not folder.is_dir():
        return []
    problems = []
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):
            continue
        fault = _entry_fault(entry)
        if fault:
            problems.append(error(entry, (1, 1), "", *fault))
    return problems


def _entry_fault(entry: Path) -> tuple[str, str] | None:
    if entry.is_dir():
        return "is a folder; content/logos/ holds image files only", "move the images up into content/logos/"
    if entry.suffix not in FORMATS:
        return (f"'{entry.name}' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only",
                "remove it")
    if not ID_PATTERN.match(entry.stem) or len(entry.stem) not in ID_LENGTH:
        return (f"'{entry.stem}' cannot name a logo: use 3-80 lowercase letters, digits and single hyphens",
                f"rename it, e.g. to {suggest_id(entry.stem)}{entry.suffix}")
    return None
