"""Only <id>.yaml files belong in content/opportunities/; anything else is an error naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.read.content_dir import scan


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "good-id.yml").write_text("x: 1"), "'good-id.yml' is not a .yaml file"),
        (lambda d: (d / ".hidden.yaml").write_text("x: 1"), "hidden files do not belong"),
        (lambda d: (d / "sub").mkdir(), "is a folder"),
        (lambda d: (d / "link-id.yaml").symlink_to(d / "good-id.yaml"), "is a symbolic link"),
        (lambda d: (d / "Bad_ID.yaml").write_text("x: 1"), "'Bad_ID' cannot be an id"),
        (lambda d: (d / "ab.yaml").write_text("x: 1"), "'ab' cannot be an id"),
        (lambda d: (d / "double--hyphen.yaml").write_text("x: 1"), "cannot be an id"),
        (lambda d: (d / f"{'a' * 81}.yaml").write_text("x: 1"), "cannot be an id"),
        (lambda d: (d / "notes.txt").write_text("x"), "'notes.txt' is not a .yaml file"),
    ],
)
def test_a_stray_entry_is_an_error_naming_it(tmp_path: Path, make, message: str) -> None:
    (tmp_path / "good-id.yaml").write_text("x: 1")
    make(tmp_path)
    files, problems = scan(tmp_path)
    assert files == [tmp_path / "good-id.yaml"]
    assert len(problems) == 1
    assert message in problems[0].message


def test_a_yml_file_is_told_its_new_name(tmp_path: Path) -> None:
    (tmp_path / "acme-study.yml").write_text("x: 1")
    _, [problem] = scan(tmp_path)
    assert problem.hint == "rename it to acme-study.yaml"


def test_ids_of_3_to_80_characters_are_accepted_in_sorted_order(tmp_path: Path) -> None:
    for name in ("zz-9", "abc", "a" * 80):
        (tmp_path / f"{name}.yaml").write_text("x: 1")
    files, problems = scan(tmp_path)
    assert problems == []
    assert [f.stem for f in files] == sorted(["zz-9", "abc", "a" * 80])
