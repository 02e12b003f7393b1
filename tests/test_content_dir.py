"""Only <id>.yaml files belong in content/opportunities/; anything else is an error naming it.
Nowhere in content/ may a link or a special file be: the walk that finds them never follows one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from board.read.content_dir import ID_PATTERN, scan, unsafe_entries


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "good-id.yml").write_text("x: 1"), "'good-id.yml' is not a .yaml file"),
        (lambda d: (d / ".hidden.yaml").write_text("x: 1"), "hidden files do not belong"),
        (lambda d: (d / "sub").mkdir(), "is a folder"),
        (lambda d: (d / "Bad_ID.yaml").write_text("x: 1"), "'Bad_ID' cannot be an id"),
        (lambda d: (d / "ab.yaml").write_text("x: 1"), "'ab' cannot be an id"),
        (lambda d: (d / "double--hyphen.yaml").write_text("x: 1"), "cannot be an id"),
        (lambda d: (d / f"{'a' * 81}.yaml").write_text("x: 1"), "cannot be an id"),
        (lambda d: (d / "notes.txt").write_text("x"), "'notes.txt' is not a .yaml file"),
        (lambda d: (d / "ends-in-newline\n.yaml").write_text("x: 1"), "cannot be an id"),
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


def test_an_id_is_the_whole_name_so_a_final_newline_is_no_id() -> None:
    assert ID_PATTERN.match("acme-study")
    assert not ID_PATTERN.match("acme-study\n")


def test_links_and_special_files_are_left_to_the_walk_of_the_whole_tree(tmp_path: Path) -> None:
    (tmp_path / "good-id.yaml").write_text("x: 1")
    (tmp_path / "link-id.yaml").symlink_to(tmp_path / "good-id.yaml")
    os.mkfifo(tmp_path / "pipe-id.yaml")
    files, problems = scan(tmp_path)
    assert (files, problems) == ([tmp_path / "good-id.yaml"], [])
    assert [(Path(p.file).name, p.message) for p in unsafe_entries(tmp_path)] == [
        ("link-id.yaml", f"is a symbolic link (to '{tmp_path / 'good-id.yaml'}'); the board never follows links"),
        ("pipe-id.yaml", "is a named pipe (FIFO), not a regular file"),
    ]


def test_the_walk_finds_links_at_any_depth_and_never_follows_one(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "root").symlink_to("/")  # followed, this would walk the whole machine
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # followed, this would never end
    found = {Path(problem.file).relative_to(tmp_path).as_posix() for problem in unsafe_entries(tmp_path)}
    assert found == {"a/b/c/root", "a/loop"}


def test_a_content_folder_that_is_itself_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "content").symlink_to(tmp_path / "real")
    [problem] = unsafe_entries(tmp_path / "content")
    assert "is a symbolic link" in problem.message
