"""Every BOARD_* setting is checked when a build or a command starts: a wrong value or a misspelt
key stops it with one line naming the key, the value and what to write, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from board.core.errors import SettingsError
from board.core.settings import OPTIONS, BoardSettings
from conftest import CONTENT, ROOT, public_pem, run_board, run_pelican

BASE = {"PATH": "content", "TIMEZONE": "Europe/London"}


@pytest.mark.parametrize(("key", "value", "message"), [
    ("BOARD_FEED_MAX_ITEMS", "100", "BOARD_FEED_MAX_ITEMS = '100' must be a whole number of at least 1"),
    ("BOARD_MAX_WINDOW_DAYS", 0, "BOARD_MAX_WINDOW_DAYS = 0 must be a whole number of at least 1"),
    ("BOARD_ACCEPT_UNPAID", "no", "BOARD_ACCEPT_UNPAID = 'no' must be True or False"),
    ("BOARD_MIN_HOURLY_RATE", -5, "BOARD_MIN_HOURLY_RATE = -5 must be a number of at least 0"),
    ("BOARD_LOCALE", "klingon", "BOARD_LOCALE = 'klingon' must be a locale Babel knows"),
    ("BOARD_REPOSITORY", "just-a-name", "BOARD_REPOSITORY = 'just-a-name' must be the board's GitHub repository"),
])
def test_a_wrong_value_names_the_key_the_value_and_the_default(key: str, value: object, message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        BoardSettings.from_pelican({**BASE, key: value})
    assert str(raised.value).startswith(message)
    assert "default" in str(raised.value) and "pelicanconf.py" in str(raised.value)


def test_a_misspelt_board_setting_is_refused_with_a_suggestion() -> None:
    with pytest.raises(SettingsError, match=r"BOARD_FEED_MAX_ITMES is not a setting of the board: did you mean "
                                            r"BOARD_FEED_MAX_ITEMS\?"):
        BoardSettings.from_pelican({**BASE, "BOARD_FEED_MAX_ITMES": 10})


def test_a_wrong_time_zone_is_named() -> None:
    with pytest.raises(SettingsError, match="TIMEZONE = 'Europe/Londres' is not a time zone"):
        BoardSettings.from_pelican({**BASE, "TIMEZONE": "Europe/Londres"})


def test_every_setting_has_a_default_that_passes_its_own_check() -> None:
    settings = BoardSettings.from_pelican(BASE)
    assert all(option.check(option.default) is None for option in OPTIONS)
    assert settings.site_url == "" and settings.feed_max_items == 100


def test_the_signing_public_key_is_read_from_pem_and_a_wrong_value_is_never_repeated() -> None:
    key = Ed25519PrivateKey.generate()
    pem = public_pem(key).replace("\n", "\r\n")  # as a variable pasted on Windows may hold it
    settings = BoardSettings.from_pelican({**BASE, "BOARD_SIGNING_PUBLIC_KEY": pem})
    assert settings.signing_public_key == key.public_key().public_bytes_raw()
    assert BoardSettings.from_pelican(BASE).signing_public_key is None
    wrong = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOv4 board"
    with pytest.raises(SettingsError) as raised:
        BoardSettings.from_pelican({**BASE, "BOARD_SIGNING_PUBLIC_KEY": wrong})
    assert str(raised.value).startswith("BOARD_SIGNING_PUBLIC_KEY (its value is not repeated here) must be an "
                                        "Ed25519 public key in PEM")
    assert "AAAA" not in str(raised.value)


def test_the_site_address_has_one_form_without_a_trailing_slash() -> None:
    settings = BoardSettings.from_pelican({**BASE, "SITEURL": "https://careers.example.edu/board/"})
    assert settings.absolute("opportunities/x/") == "https://careers.example.edu/board/opportunities/x/"


def write_settings(folder: Path, line: str) -> Path:
    path = folder / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                    f"PATH = {str(CONTENT)!r}\n{line}\n")
    return path


def test_a_build_with_a_wrong_setting_stops_with_one_line(tmp_path: Path) -> None:
    settings = write_settings(tmp_path, "BOARD_FEED_MAX_ITEMS = 'lots'")
    result = run_pelican(CONTENT, tmp_path / "output", "1764504000", settings=str(settings))
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())  # Pelican's log wraps long lines
    assert "SettingsError: BOARD_FEED_MAX_ITEMS = 'lots'" in said and "must be a whole number of at least 1" in said
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()


def test_a_command_with_a_wrong_setting_says_so(tmp_path: Path) -> None:
    settings = write_settings(tmp_path, "BOARD_LOCALE = 'xx-nope'")
    result = run_board("--settings", str(settings), "validate")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {settings}: BOARD_LOCALE = 'xx-nope' must be a locale Babel knows")
