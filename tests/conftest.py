"""Shared fixtures: the project's paths, content folders made for a test, and real Pelican builds."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from board.contribute.completion import identity_hash
from board.core.settings import BoardSettings
from board.reach.sign import KEY_VARIABLE, PUBLIC_VARIABLE
from browser import playwright_browser, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "golden"))
CONTENT = ROOT / "content"
EXAMPLES = Path(__file__).resolve().parent / "examples"

# Pagefind writes its filter and metadata chunks in an order that changes between runs, even for the
# same pages (Pagefind issue #638: fragments are stable since 1.3, these are not). Everything else,
# the search fragments and word index included, must be byte-identical.
UNSTABLE = re.compile(r"^pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)$")
BOARD_TIMEZONE = ZoneInfo("Europe/London")  # pelicanconf.TIMEZONE


def board_settings(content: Path) -> BoardSettings:
    return BoardSettings.from_pelican({"PATH": str(content), "TIMEZONE": BOARD_TIMEZONE.key})


def make_content(folder: Path, listings: dict[str, str] | None = None, organizations: Path | None = None) -> Path:
    """A content folder: the board's vocabulary, some organizations, and the given listing texts."""
    content = folder / "content"
    (content / "opportunities").mkdir(parents=True)
    shutil.copy(CONTENT / "vocabulary.yaml", content / "vocabulary.yaml")
    shutil.copytree(organizations or EXAMPLES / "organizations", content / "organizations")
    shutil.copytree(CONTENT / "logos", content / "logos")
    for name, text in (listings or {}).items():
        (content / "opportunities" / name).write_text(text, encoding="utf-8")
    return content


def settings_for(content: Path, folder: Path) -> Path:
    """A settings file in ``folder``: the board's pelicanconf.py, reading ``content``."""
    settings = folder / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
                        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    return settings


def epoch_at(day: date, clock: time = time(12, 0)) -> str:
    """SOURCE_DATE_EPOCH for a moment on ``day`` in the board's time zone."""
    return str(int(datetime.combine(day, clock, BOARD_TIMEZONE).timestamp()))


def sample_today() -> date:
    """The day the sample content was written for: its newest `posted` date."""
    from board.read.yaml_loader import load_yaml

    return max(date.fromisoformat(load_yaml(path).data["posted"])
               for path in (CONTENT / "opportunities").glob("*.yaml"))


def stable_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site that the same input must reproduce byte for byte, by relative path."""
    return {name: path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and not UNSTABLE.match(name := path.relative_to(site).as_posix())}


def _pelican_command(content: Path, output: Path, settings: str) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings)]


def _pelican_env(epoch: str, extra_env: dict[str, str] | None) -> dict[str, str]:
    return {**_without_keys(os.environ), "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": epoch,
            **(extra_env or {})}


def _without_keys(environment: Mapping[str, str]) -> dict[str, str]:
    """The environment without a badge-signing key a developer may have set: a test gives its own."""
    return {key: value for key, value in environment.items() if key not in (KEY_VARIABLE, PUBLIC_VARIABLE)}


def run_pelican(content: Path, output: Path, epoch: str, settings: str = "pelicanconf.py",
                extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build with real Pelican in a child process and wait for it."""
    return subprocess.run(_pelican_command(content, output, settings), cwd=ROOT, env=_pelican_env(epoch, extra_env),
                          capture_output=True, text=True, timeout=300)


def start_pelican(content: Path, output: Path, epoch: str) -> subprocess.Popen:
    """Start a real Pelican build without waiting for it, in a process group of its own (so a test
    can stop it with its worker processes, as a cancelled CI job does)."""
    return subprocess.Popen(_pelican_command(content, output, "pelicanconf.py"), cwd=ROOT,
                            env=_pelican_env(epoch, None), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def run_board(*arguments: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # Outside GitHub Actions unless a test says otherwise, so annotations appear only when asked for.
    inherited = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment = {**inherited, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "board", *arguments], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright, for one test module."""
    with playwright_browser() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample board, built once by real Pelican on the day its content was written for."""
    output = tmp_path_factory.mktemp("sample-site")
    result = run_pelican(CONTENT, output, epoch_at(sample_today()))
    assert result.returncode == 0, result.stderr
    return output


# A board with completion records, built for and served at a local address, signed by the signer with a key
TEST_LISTING = "pedalshare-berlin-rider-survey"  # and one completion recorded here for an address made here.
TEST_RECORD = "test-record-for-verifiers"


@dataclass(frozen=True)
class Board:
    site: Path
    url: str
    email: str  # the test student's address: in no file, only in this process
    key: Ed25519PrivateKey


def private_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()


def public_pem(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()


def run_signer(site: Path, private_key: str | None, extra_env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess:
    """``python3 -S -m board.reach.sign SITE``, as the deploy's sign job runs it: no site-packages."""
    environment = {**_without_keys(os.environ), "PYTHONPATH": str(ROOT / "plugins"),
                   **({KEY_VARIABLE: private_key} if private_key is not None else {}), **(extra_env or {})}
    return subprocess.run([sys.executable, "-S", "-m", "board.reach.sign", str(site)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def completion_text(email: str) -> str:
    salt = secrets.token_hex(16)
    return (f"# student: Jane Roe (a comment: never published)\n"
            f"student:\n  identity: {identity_hash(email, salt)}\n  salt: {salt}\n"
            "started: 2026-10-20\nfinished: 2026-11-10\nissued: 2026-11-11\nhours: 16\n"
            "delivered: [The survey questions and pilot notes]\n"
            "statement: Careful survey design and a pilot that caught two confusing questions.\n"
            "paid: {amount: 250, currency: EUR}\n")


@pytest.fixture(scope="session")
def completion_board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Board]:
    folder = tmp_path_factory.mktemp("badges")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    email = f"Student.{secrets.token_hex(4)}@Example.org"
    (content / "completions" / TEST_LISTING / f"{TEST_RECORD}.yaml").write_text(completion_text(email))
    key = Ed25519PrivateKey.generate()
    site = folder / "site"
    with serve(site) as url:
        result = run_pelican(content, site, epoch_at(sample_today()), "publishconf.py",
                             {"SITEURL": url, PUBLIC_VARIABLE: public_pem(key)})
        assert result.returncode == 0, result.stderr
        signed = run_signer(site, private_pem(key))
        assert signed.returncode == 0, signed.stderr
        yield Board(site, url, email, key)


@dataclass(frozen=True)
class PublishedBoard:
    site: Path
    url: str


@pytest.fixture(scope="session")
def published_board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedBoard]:
    """The sample board as it is published (publishconf.py: absolute addresses), built for and served
    at a local address, for the checkers that look at it from outside."""
    site = tmp_path_factory.mktemp("published") / "site"
    with serve(site, crawlable=True) as url:
        result = run_pelican(CONTENT, site, epoch_at(sample_today()), "publishconf.py", {"SITEURL": url})
        assert result.returncode == 0, result.stderr
        yield PublishedBoard(site, url)


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A board of generated listings (tests/golden/refresh.py), built once by real Pelican."""
    from refresh import build_synthetic

    return build_synthetic(tmp_path_factory.mktemp("synthetic-site"))
