"""The board's settings: every ``BOARD_*`` key declared once, with its default, checked at start-up.

``BoardSettings.from_pelican`` reads Pelican's settings (pelicanconf.py, publishconf.py) and
raises a ``SettingsError`` naming the key, the value and what to write instead, so a typo in
pelicanconf.py stops the build with one clear line rather than a traceback later on.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry
from babel import Locale, UnknownLocaleError

from board.core import ed25519
from board.core.errors import SettingsError

PROJECT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Option:
    """One ``BOARD_*`` setting: its default, what it means, and how to check a value."""

    key: str
    default: Any
    means: str
    check: Callable[[Any], str | None]  # a value -> why it is wrong, or None
    repeat: bool = True  # whether a message may repeat a wrong value (never a key pasted by mistake)


def _whole_number(least: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            return f"must be a whole number of at least {least}"
        return None
    return check


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return "must be a number of at least 0"
    return None


def _yes_no(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _locale(value: Any) -> str | None:
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError, TypeError):
        return "must be a locale Babel knows, such as 'en', 'en_GB', 'de' or 'fr_CA'"
    return None


def _repository(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", value):
        return None
    return "must be the board's GitHub repository as 'owner/name'"


def _branch(value: Any) -> str | None:
    return None if isinstance(value, str) and re.fullmatch(r"[\w./-]+", value) else "must be a branch name"


def _feed_size(value: Any) -> str | None:
    return None if value is None else _whole_number(1)(value)


def _address(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return None
    return "must be an email address, such as 'badges@careers.example.edu'"


def _currency(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value) and pycountry.currencies.get(alpha_3=value):
        return None
    return "must be an ISO 4217 currency code such as 'EUR', 'GBP' or 'USD'"


def _folder(value: Any) -> str | None:
    return None if isinstance(value, str | Path) and Path(value).is_dir() else "must name an existing folder"


def _public_key(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and ed25519.from_pem(value)):
        return None
    if isinstance(value, str) and "PRIVATE KEY" in value:
        return ("holds a private key, which the build must never see: give it the public half only "
                "(`openssl pkey -in board-key.pem -pubout`), and make a new key, since this one is no longer secret")
    return "must be an Ed25519 public key in PEM, as `openssl pkey -in board-key.pem -pubout` prints it, or None"


OPTIONS = (
    Option("BOARD_MAX_WINDOW_DAYS", 120, "the longest time from `posted` to `apply_by`, in days", _whole_number(1)),
    Option("BOARD_ACCEPT_UNPAID", False, "whether unpaid listings are accepted at all", _yes_no),
    Option("BOARD_MIN_HOURLY_RATE", 20, "warn when a listing pays less per hour, in its own currency", _number),
    Option("BOARD_LOCALE", "en", "the locale that formats money, dates and country names", _locale),
    Option("BOARD_CURRENCY", "EUR", "the currency pay is compared in (sorting, pay filters, 'about €X/h')",
           _currency),
    Option("BOARD_REMOTE_IMAGES", False,
           "whether descriptions may show https images from other sites (which can track readers)", _yes_no),
    Option("BOARD_REPOSITORY", "your-org/micro-internship-board", "where employers post, on GitHub", _repository),
    Option("BOARD_BRANCH", "main", "the repository's default branch", _branch),
    Option("BOARD_FEED_MAX_ITEMS", 100, "how many of the newest listings each feed carries, or None for all",
           _feed_size),
    Option("BOARD_BADGE_CONTACT", "badges@example.org",
           "the contact address in the board's Open Badges issuer profiles (Open Badges 2.0 requires one): "
           "a role address of the board, never a person's", _address),
    Option("BOARD_SIGNING_PUBLIC_KEY", None,
           "the public half of the key that signs Open Badges 3.0 credentials (pelicanconf.py reads it from the "
           "environment variable of the same name); None publishes Open Badges 2.0 records only",
           _public_key, repeat=False),
    Option("BOARD_SCHEMAS", str(PROJECT / "schemas"), "the folder of the JSON Schemas", _folder),
)
OPTION = {option.key: option for option in OPTIONS}

# The site's top-level names that a page's slug may not take, whatever the settings say; the first
# segment of every *_SAVE_AS and *_URL setting is added to them.
RESERVED_PATHS = frozenset({
    "index", "404", "api", "archives", "authors", "badges", "calendar", "categories", "closed", "completions",
    "credentials", "digest", "drafts", "embed", "embed-listings", "embed.js", "feeds", "issuers", "logos",
    "opportunities", "organizations", "outcomes", "page", "pagefind", "post", "remote", "saved", "search",
    "skills", "subscribe", "tags", "theme", "_headers",
})


@dataclass(frozen=True)
class BoardSettings:
    """What the validator and the build need to know, read once from Pelican's settings."""

    content: Path
    schemas: Path
    timezone: ZoneInfo
    max_window_days: int = 120
    accept_unpaid: bool = False
    min_hourly_rate: float = 20
    locale: str = "en"
    currency: str = "EUR"
    remote_images: bool = False
    repository: str = "your-org/micro-internship-board"
    branch: str = "main"
    feed_max_items: int | None = 100
    badge_contact: str = "badges@example.org"
    signing_public_key: bytes | None = None  # the 32 bytes of BOARD_SIGNING_PUBLIC_KEY, when the board signs
    site_url: str = ""  # SITEURL without its trailing slash: absolute links are f"{site_url}/{path}"
    site_name: str = "Micro-internship board"
    language: str = "en"
    reserved_paths: frozenset[str] = RESERVED_PATHS

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> BoardSettings:
        """Every ``BOARD_*`` key checked; raises ``SettingsError`` on the first wrong one."""
        board = {key: _checked(key, settings) for key in OPTION}
        _refuse_unknown(settings)
        return cls(
            content=Path(settings.get("PATH", "content")),
            schemas=Path(board["BOARD_SCHEMAS"]),
            timezone=_timezone(settings.get("TIMEZONE", "UTC")),
            max_window_days=board["BOARD_MAX_WINDOW_DAYS"],
            accept_unpaid=board["BOARD_ACCEPT_UNPAID"],
            min_hourly_rate=board["BOARD_MIN_HOURLY_RATE"],
            locale=board["BOARD_LOCALE"],
            currency=board["BOARD_CURRENCY"],
            remote_images=board["BOARD_REMOTE_IMAGES"],
            repository=board["BOARD_REPOSITORY"],
            branch=board["BOARD_BRANCH"],
            feed_max_items=board["BOARD_FEED_MAX_ITEMS"],
            badge_contact=board["BOARD_BADGE_CONTACT"],
            signing_public_key=ed25519.from_pem(board["BOARD_SIGNING_PUBLIC_KEY"] or ""),
            site_url=str(settings.get("SITEURL", "")).rstrip("/"),
            site_name=str(settings.get("SITENAME", cls.site_name)),
            language=str(settings.get("DEFAULT_LANG", "en")),
            reserved_paths=RESERVED_PATHS | _top_level_names(settings),
        )

    def absolute(self, path: str) -> str:
        """The public address of a path of the site: ``opportunities/x/`` -> ``https://…/opportunities/x/``."""
        return f"{self.site_url}/{path}"

    @property
    def page_policy(self) -> str:
        """The Content-Security-Policy of every page but the embed frame: no inline script, nothing
        from other origins (images from https sites only when the board allows remote images), and
        the board's own web app manifest."""
        images = "'self' https:" if self.remote_images else "'self'"
        return (f"default-src 'none'; style-src 'self'; img-src {images}; script-src 'self' 'wasm-unsafe-eval'; "
                "connect-src 'self'; font-src 'self'; frame-src 'self'; manifest-src 'self'; base-uri 'none'; "
                "form-action 'self'")

    @property
    def embed_policy(self) -> str:
        """The embed frame's policy: other sites show it in an iframe; the widget inside styles itself
        with a constructed stylesheet, which needs no style-src."""
        return "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'"

    def today(self) -> date:
        """The build's idea of today: SOURCE_DATE_EPOCH when set, else the clock, in the board's zone."""
        return self.now().date()

    def now(self) -> datetime:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
        return moment.astimezone(self.timezone)


def _checked(key: str, settings: Mapping[str, Any]) -> Any:
    option = OPTION[key]
    value = settings.get(key, option.default)
    reason = option.check(value)
    if reason:
        shown = f"{key} = {value!r}" if option.repeat else f"{key} (its value is not repeated here)"
        raise SettingsError(f"{shown} {reason}. It sets {option.means}; the default is "
                            f"{option.default!r}. Change it in pelicanconf.py.")
    return value


def _refuse_unknown(settings: Mapping[str, Any]) -> None:
    for key in settings:
        if key.startswith("BOARD_") and key not in OPTION:
            close = difflib.get_close_matches(key, OPTION, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the board's settings are: {', '.join(OPTION)}"
            raise SettingsError(f"{key} is not a setting of the board: {hint}")


def _timezone(name: Any) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE = {name!r} is not a time zone: use an IANA name such as "
                            "'Europe/London' or 'America/New_York'") from None


def _top_level_names(settings: Mapping[str, Any]) -> frozenset[str]:
    paths = [value for key, value in settings.items() if key.endswith(("_SAVE_AS", "_URL")) and isinstance(value, str)]
    paths.append(settings.get("THEME_STATIC_DIR", ""))
    return frozenset(name.removesuffix(".html") for path in paths if (name := path.split("/", 1)[0].strip())
                     and "{" not in name)
