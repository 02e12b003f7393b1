"""The board's pages (content/pages/*.md) set a title and a slug, nothing else, and are checked like listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.read.page import parse_page
from board.validate.catalog import validate_content
from conftest import board_settings, make_content


def page_problems(tmp_path: Path, pages: dict[str, str]) -> list[str]:
    content = make_content(tmp_path)
    (content / "pages").mkdir()
    for name, text in pages.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    result = validate_content(board_settings(content))
    return [f"{Path(p.file).name}:{p.line}: {p.severity.value}: {p.field + ': ' if p.field else ''}{p.message}"
            for p in result.problems]


def test_a_page_with_a_title_and_a_slug_passes(tmp_path: Path) -> None:
    assert page_problems(tmp_path, {"partners.md": "Title: Our partners\nSlug: partners\n\nText.\n"}) == []


@pytest.mark.parametrize("line", ["Save_as: index.html", "save_as: embed/index.html", "URL: embed/",
                                  "Template: embed_frame", "Status: hidden", "Date: 2026-01-01", "Lang: fr",
                                  "Translation: true", "Summary: <script>x</script>", "Javascripts: x.js"])
def test_any_other_metadata_is_an_error_naming_its_line_and_field(tmp_path: Path, line: str) -> None:
    key = line.split(":")[0]
    problems = page_problems(tmp_path, {"partners.md": f"Title: Partners\nSlug: partners\n{line}\n\nText.\n"})
    assert problems == [f"partners.md:3: error: {key.lower()}: '{key}:' cannot be set on a page: a page sets only "
                        "its Title: and Slug:"]


@pytest.mark.parametrize(("slug", "message"), [
    ("index", "'index/' is an address of the board itself"),
    ("embed", "'embed/' is an address of the board itself"),
    ("opportunities", "'opportunities/' is an address of the board itself"),
    ("feeds", "'feeds/' is an address of the board itself"),
    ("api", "'api/' is an address of the board itself"),
    ("search", "'search/' is an address of the board itself"),
    ("../index", "'../index' cannot be a page's address: use 3-80 lowercase letters, digits and single hyphens"),
    ("Partners Page", "'Partners Page' cannot be a page's address: use 3-80 lowercase letters, digits and single "
                      "hyphens"),
])
def test_a_slug_is_an_id_that_names_no_page_of_the_board(tmp_path: Path, slug: str, message: str) -> None:
    problems = page_problems(tmp_path, {"partners.md": f"Title: Partners\nSlug: {slug}\n\nText.\n"})
    assert problems == [f"partners.md:2: error: slug: {message}"]


def test_two_pages_cannot_share_a_slug(tmp_path: Path) -> None:
    problems = page_problems(tmp_path, {"first.md": "Title: First\nSlug: partners\n\nA\n",
                                        "second.md": "Title: Second\nSlug: partners\n\nB\n"})
    assert problems == ["second.md:2: error: slug: 'partners' is already the slug of first.md"]


def test_a_missing_title_or_slug_a_repeated_key_and_a_continued_value_are_errors(tmp_path: Path) -> None:
    assert page_problems(tmp_path, {"partners.md": "Slug: partners\nslug: other\n\nText\n"}) == [
        "partners.md:1: error: title: the page has no 'Title:' line",
        "partners.md:2: error: slug: 'slug:' is given twice (first on line 1)",
    ]
    assert page_problems(tmp_path / "2", {"partners.md": "Title: Our partners\n    and friends\n\nText\n"}) == [
        "partners.md:1: error: slug: the page has no 'Slug:' line: it names the page's address",
        "partners.md:2: error: title: 'Title:' goes on over several lines",
    ]


@pytest.mark.parametrize(("name", "message"), [
    ("faq.rst", "'faq.rst' is not a .md file"),
    ("evil.html", "'evil.html' is not a .md file"),
    ("notes.markdown", "'notes.markdown' is not a .md file"),
    ("Bad Name.md", "'Bad Name' cannot be an id"),
])
def test_any_other_file_in_the_pages_folder_is_an_error_naming_it(tmp_path: Path, name: str, message: str) -> None:
    [problem] = page_problems(tmp_path, {name: ".. include:: /etc/passwd\n   :literal:\n"})
    assert problem.startswith(f"{name}:1: error: {message}")


def test_a_page_body_may_not_hide_control_characters_and_remote_images_warn(tmp_path: Path) -> None:
    assert page_problems(tmp_path, {"partners.md": "Title: P\u202eartners\nSlug: partners\n\nA\n\nB\u0007C\n"}) == [
        "partners.md:1: error: title: contains a bidirectional control character, U+202E, at position 2",
        "partners.md:6: error: contains a control character, U+0007",
    ]
    remote = "Title: Partners\nSlug: partners\n\n![x](https://t.example/p)\n"
    [warned] = page_problems(tmp_path / "2", {"partners.md": remote})
    assert warned.startswith("partners.md:4: warning: the image 'https://t.example/p' is not on the board")


def test_metadata_is_read_as_python_markdowns_meta_extension_reads_it() -> None:
    import markdown

    text = "---\nTitle: A page\nSlug:   a-page  \nExtra: one\n    two\n...\n# Body\n\ntext\n"
    page = parse_page(text, Path("a.md"))
    meta = markdown.Markdown(extensions=["meta"])
    body = meta.convert(text)
    assert {key: [m.value for m in page.metadata if m.key.lower() == key] for key in meta.Meta} == meta.Meta
    assert markdown.markdown(page.body) == body
    assert page.body_line == 7
