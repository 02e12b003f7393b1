"""The shared YAML loader: plain data only, YAML 1.2 scalars, positions for every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.read.yaml_loader import Position, YamlError, load_yaml


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "listing.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def test_dates_stay_strings_and_yaml_1_1_booleans_stay_words(tmp_path: Path) -> None:
    document = load_text(tmp_path, "posted: 2026-11-01\nengagement: no\nremote: yes\nflag: true\nopenings: 3\n")
    assert document.data == {"posted": "2026-11-01", "engagement": "no", "remote": "yes", "flag": True, "openings": 3}


def test_every_value_and_key_has_its_line_and_column(tmp_path: Path) -> None:
    document = load_text(tmp_path, "title: A\napply:\n  url: https://example.org\nskills: [a, b]\n")
    assert document.values[("apply", "url")] == Position(3, 8)
    assert document.keys[("apply", "url")] == Position(3, 3)
    assert document.values[("skills", 1)] == Position(4, 13)


def test_position_of_a_missing_path_falls_back_to_its_nearest_parent(tmp_path: Path) -> None:
    document = load_text(tmp_path, "title: A\napply:\n  url: https://example.org\n")
    assert document.position(("apply", "email")) == Position(3, 3)


def test_an_alias_bomb_fails_fast_with_a_clear_error(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    with pytest.raises(YamlError, match="more than 50000 values"):
        load_text(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!binary aGVsbG8=\n", "uses the YAML tag 'tag:yaml.org,2002:binary'"),
        ("a: !custom 1\n", "uses the YAML tag '!custom'"),
        ("? [1, 2]\n: complex key\n", "a key must be plain text"),
        ("a: 1\n---\nb: 2\n", "holds several YAML documents"),
        ("just a sentence\n", "must be a mapping"),
        ("", "the file is empty"),
        ("a: [1, 2\n", "not valid YAML"),
    ],
)
def test_anything_but_one_plain_mapping_is_refused_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(YamlError, match=message.replace("[", r"\[").replace("?", r"\?")):
        load_text(tmp_path, text)


def test_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "listing.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: A\n")
    with pytest.raises(YamlError, match="byte-order mark"):
        load_yaml(path)


def test_a_file_over_256_kb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "listing.yaml"
    path.write_text("description: |\n" + ("  " + "x" * 98 + "\n") * 2700)
    with pytest.raises(YamlError, match="larger than 256 KB"):
        load_yaml(path)


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    document = load_text(tmp_path, "title: Cafe\u0301 study\n")
    assert document.data["title"] == "Caf\u00e9 study"


@pytest.mark.parametrize(("text", "message"), [
    ("title: &a [*a]\n", "an alias refers to a value that contains it"),
    ("title: " + "[" * 100 + "]" * 100 + "\n", "nests values more than 64 levels deep"),
])
def test_self_referencing_or_deeply_nested_values_are_refused_not_a_crash(tmp_path: Path, text: str,
                                                                          message: str) -> None:
    with pytest.raises(YamlError, match=message):
        load_text(tmp_path, text)
