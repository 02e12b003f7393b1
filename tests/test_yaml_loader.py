"""The shared YAML loader: plain data only, YAML 1.2 scalars, positions for every value."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from board.read.yaml_loader import Position, YamlError, load_yaml
from conftest import ROOT


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


@pytest.mark.parametrize(("character", "name"), [
    ("\u0085", "U+0085 (NEXT LINE)"), ("\u2028", "U+2028 (LINE SEPARATOR)"),
    ("\u2029", "U+2029 (PARAGRAPH SEPARATOR)"), ("\r", "U+000D (CARRIAGE RETURN)"),
])
def test_a_line_break_a_review_does_not_show_is_refused_where_it_is(tmp_path: Path, character: str,
                                                                    name: str) -> None:
    # PyYAML reads each as a line break: the reviewer's one title line would set a second key.
    with pytest.raises(YamlError) as refused:
        load_text(tmp_path, f"summary: fine\ntitle: A study{character}apply: {{url: https://evil.example}}\n")
    assert refused.value.message == (f"contains {name}, which YAML reads as a line break although a review "
                                     "shows one line")
    assert refused.value.position == Position(2, 15)


def test_a_line_feed_after_a_carriage_return_is_an_ordinary_line_end(tmp_path: Path) -> None:
    path = tmp_path / "listing.yaml"
    path.write_bytes(b"title: A\r\nsummary: B\r\n")
    assert load_yaml(path).data == {"title": "A", "summary": "B"}


@pytest.mark.parametrize("character", ["\x9b", "\x80", "\x1b", "\x7f"])
def test_every_raw_control_character_is_refused_with_its_code_point(tmp_path: Path, character: str) -> None:
    with pytest.raises(YamlError) as refused:
        load_text(tmp_path, f"title: A{character}B\n")
    assert refused.value.message == (f"contains the control character U+{ord(character):04X}, which a review "
                                     "does not show")
    assert refused.value.position == Position(1, 9)


def test_escaped_control_characters_are_values_for_the_text_checks_not_the_loader(tmp_path: Path) -> None:
    assert load_text(tmp_path, 'title: "A\\x07B"\n').data == {"title": "A\x07B"}


@pytest.mark.parametrize("text", ["a: " + "[" * 50_000, "a: " + "{a: " * 30_000, "- " * 50_000])
def test_deep_nesting_is_refused_before_libyaml_composes_it_without_crashing(tmp_path: Path, text: str) -> None:
    # libyaml's composer recurses: 50,000 levels crash the process. A child process turns a crash into a failure.
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    script = ("import sys\nfrom pathlib import Path\nfrom board.read.yaml_loader import YamlError, load_yaml\n"
              "try:\n    load_yaml(Path(sys.argv[1]))\nexcept YamlError as refusal:\n"
              "    print(refusal.position.line, refusal.message)\n")
    child = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    assert child.returncode == 0, child.stderr
    assert child.stdout == "1 nests values more than 64 levels deep\n"


@pytest.mark.parametrize(("text", "field"), [
    ("openings: " + "9" * 5000 + "\n", "openings"),
    ("compensation:\n  amount: " + "1" * 21 + "\n", "compensation.amount"),
    ("skills:\n  - " + "7" * 4301 + "\n", "skills[0]"),
    ("? " + "5" * 5000 + "\n: key\n", ""),
])
def test_a_huge_number_is_an_error_about_its_field_not_a_crash(tmp_path: Path, text: str, field: str) -> None:
    with pytest.raises(YamlError) as refused:
        load_text(tmp_path, text)
    assert refused.value.field == field
    assert "characters long; numbers here have at most 20" in refused.value.message


@pytest.mark.parametrize("number", [".inf", "-.Inf", ".nan", "1e999"])
def test_numbers_that_json_cannot_carry_are_refused(tmp_path: Path, number: str) -> None:
    with pytest.raises(YamlError, match=f"{re.escape(number)} is not a finite number"):
        load_text(tmp_path, f"openings: {number}\n")


def test_a_link_or_a_fifo_is_refused_without_being_followed_or_waited_on(tmp_path: Path) -> None:
    (tmp_path / "target.yaml").write_text("title: A\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "target.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(YamlError, match="is a symbolic link, which the board never follows"):
        load_yaml(tmp_path / "link.yaml")
    with pytest.raises(YamlError, match="is not a regular file"):
        load_yaml(tmp_path / "pipe.yaml")  # opened without blocking, then refused
