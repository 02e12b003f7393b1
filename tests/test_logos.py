"""A logo is an image, checked by its content with Pillow; content/logos/ holds nothing else."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from board.validate.catalog import validate_content
from conftest import EXAMPLES, board_settings, make_content

ORGANIZATION = (EXAMPLES / "organizations" / "acme-analytics.yaml").read_text()


def image(kind: str, size: tuple[int, int] = (64, 64)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A small PNG file that claims a size: decoded, a bomb. Pillow reads the size from the header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(1024)))
            + chunk(b"IEND", b""))


def logo_problems(tmp_path: Path, name: str, data: bytes | None, logo: str | None = None) -> list[str]:
    """Validate content whose organization acme-analytics names ``logo`` (default: logos/<name>)."""
    content = make_content(tmp_path)
    if data is not None:
        (content / "logos" / name).write_bytes(data)
    (content / "organizations" / "acme-analytics.yaml").write_text(ORGANIZATION + f"logo: {logo or 'logos/' + name}\n")
    result = validate_content(board_settings(content))
    return [f"{Path(p.file).name}:{p.line}:{p.column}: {p.field + ': ' if p.field else ''}{p.message}"
            for p in result.errors]


@pytest.mark.parametrize(("name", "kind"), [("acme.png", "PNG"), ("acme.jpg", "JPEG"), ("acme.jpeg", "JPEG"),
                                            ("acme.webp", "WEBP")])
def test_a_png_jpeg_or_webp_logo_in_its_own_format_passes(tmp_path: Path, name: str, kind: str) -> None:
    assert logo_problems(tmp_path, name, image(kind)) == []


@pytest.mark.parametrize(("name", "data", "message"), [
    ("acme.png", b"alert(document.cookie)\n", "'logos/acme.png' is not a PNG, JPEG or WebP image"),
    ("acme.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
     "'logos/acme.png' is not a PNG, JPEG or WebP image"),
    ("acme.png", image("JPEG"), "'logos/acme.png' is a JPEG image, not PNG as its name says"),
    ("acme.webp", image("PNG"), "'logos/acme.webp' is a PNG image, not WebP as its name says"),
    ("acme.png", png_header(3000, 3000), "'logos/acme.png' has too many pixels (3000 × 3000; at most 4,000,000)"),
    ("acme.png", png_header(60_000, 60_000),
     "'logos/acme.png' has too many pixels (more than Pillow will decode; at most 4,000,000)"),
    ("acme.png", image("PNG")[:-30], "'logos/acme.png' is damaged: its image data cannot be read to the end"),
    ("acme.png", b"\x89PNG\r\n\x1a\n" + bytes(600 * 1024), "'logos/acme.png' is larger than 512 KB"),
    ("acme.png", None, "'logos/acme.png' is not a file in content/logos/"),
])
def test_anything_but_a_sound_small_image_is_an_error_at_the_organizations_logo_field(
        tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    assert logo_problems(tmp_path, name, data) == [f"acme-analytics.yaml:6:7: logo: {message}"]


def test_a_logo_that_is_a_link_is_refused_at_the_field_and_as_a_link(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    (content / "logos" / "acme.png").symlink_to("/etc/passwd")
    (content / "organizations" / "acme-analytics.yaml").write_text(ORGANIZATION + "logo: logos/acme.png\n")
    messages = [f"{p.field}: {p.message}" for p in validate_content(board_settings(content)).errors]
    assert messages == [": is a symbolic link (to '/etc/passwd'); the board never follows links",
                        "logo: 'logos/acme.png' is a symbolic link, which the board never follows"]


@pytest.mark.parametrize(("name", "message"), [
    ("x.js", "'x.js' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only"),
    ("evil.html", "'evil.html' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only"),
    (".htaccess", "'.htaccess' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only"),
    ("Our Logo.png", "'Our Logo' cannot name a logo: use 3-80 lowercase letters, digits and single hyphens"),
])
def test_any_other_file_in_the_logos_folder_is_an_error_naming_it(tmp_path: Path, name: str, message: str) -> None:
    content = make_content(tmp_path)
    (content / "logos" / name).write_text("<script>alert(1)</script>")
    [problem] = validate_content(board_settings(content)).errors
    assert (Path(problem.file).name, problem.message) == (name, message)


def test_an_image_no_organization_names_is_allowed_and_simply_not_published(tmp_path: Path) -> None:
    assert logo_problems(tmp_path, "acme.png", image("PNG"), logo="logos/kilimo-pay.png") == []
