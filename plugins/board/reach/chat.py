"""Announce new listings in Discord, Slack and on Mastodon:
``python3 -S -m board.reach.chat PLAN --board-url URL --ledger FILE --send``.

Runs in the job that holds the webhooks and the Mastodon token, so it uses Python's standard
library only and reads the plan (``python -m board announcements``) as hostile: known keys, short
one-line texts, listing ids, and links under the board's address given by the workflow.

Messages are plain text built from the listing's fields, and nobody can be pinged or linked by
an employer: every ``@`` is followed by a zero-width space (no ``@everyone``, ``@here`` or
``@user@instance``), ``://`` in employer text is broken the same way (no links but the board's),
Discord gets ``allowed_mentions`` with nothing allowed, escaped Markdown and no embeds, Slack gets
``&``, ``<`` and ``>`` escaped (no ``<!channel>``), no formatting and no unfurling. Each channel is
optional: it is used when its secret is set.

Rate limits are respected: a 429 waits as long as the answer says (``Retry-After``, Discord's
``retry_after``, Mastodon's ``X-RateLimit-Reset``; at most a minute) and tries again, as does a
5xx; any other refusal stops that channel and fails the job at the end. Each listing posted to a
channel is written to the ledger at once, and a listing already in it is skipped, so running the
job again posts nothing twice. Mastodon also gets an ``Idempotency-Key``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from board.contribute.handoff import HandoffError, read_regular_file

FIELDS = ("id", "title", "organization", "category", "pay", "effort", "place", "apply_by", "url")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_PLAN_BYTES = 256 * 1024
MAX_ANNOUNCEMENTS = 50
MAX_TEXT = 300
MAX_ATTEMPTS = 5
MAX_WAIT = 60.0
TIMEOUT = 30
ZERO_WIDTH_SPACE = "\u200b"
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
USER_AGENT = "micro-internship-board announcements (+https://github.com/)"


class ChatError(Exception):
    """A channel refused, or the plan is not what ``python -m board announcements`` writes."""


@dataclass(frozen=True)
class Listing:
    id: str
    title: str
    organization: str
    category: str
    pay: str
    effort: str
    place: str
    apply_by: str
    url: str


@dataclass(frozen=True)
class Plan:
    listings: tuple[Listing, ...]
    more: int
    reason: str


def read_plan(path: Path, board_url: str) -> Plan:
    """The plan in ``path``, checked as hostile; a ``ChatError`` for anything else."""
    try:
        data = json.loads(read_regular_file(path, MAX_PLAN_BYTES))
        if not isinstance(data, dict) or set(data) != {"board", "announcements", "more", "reason"}:
            raise ValueError("unexpected or missing keys")
        items = data["announcements"]
        if not isinstance(items, list) or len(items) > MAX_ANNOUNCEMENTS:
            raise ValueError(f"announcements must be a list of at most {MAX_ANNOUNCEMENTS}")
        listings = tuple(_listing(item, board_url) for item in items)
        more, reason = data["more"], data["reason"]
        if type(more) is not int or not 0 <= more <= 1_000_000 or not isinstance(reason, str):
            raise ValueError("more must be a whole number and reason text")
    except (HandoffError, ValueError) as failure:
        raise ChatError(f"{path.name} is not a plan written by `python -m board announcements`: {failure}") from None
    return Plan(listings, more, _line(reason))


def _listing(item: Any, board_url: str) -> Listing:
    if not isinstance(item, dict) or set(item) != set(FIELDS):
        raise ValueError("an announcement has unexpected or missing keys")
    if not all(isinstance(item[name], str) and 0 < len(item[name]) <= MAX_TEXT for name in FIELDS):
        raise ValueError(f"every field of an announcement is text of 1 to {MAX_TEXT} characters")
    if not ID.fullmatch(item["id"]) or not item["url"].startswith(board_url.rstrip("/") + "/") \
            or not item["url"].isprintable() or " " in item["url"]:
        raise ValueError(f"{item['id']!r}: its link must be a page of the board")
    return Listing(**{name: _line(item[name]) for name in FIELDS})


def _line(text: str) -> str:
    return " ".join("".join(char if char.isprintable() else " " for char in text).split())


def inert(text: str) -> str:
    """Employer text that can neither mention nor link: a zero-width space after each ``@`` and in ``://``."""
    return text.replace("@", "@" + ZERO_WIDTH_SPACE).replace("://", ":" + ZERO_WIDTH_SPACE + "//")


def wording(listing: Listing, escape: Callable[[str], str]) -> str:
    """The announcement, every employer value passed through ``inert`` and the channel's ``escape``."""
    def safe(value: str) -> str:
        return escape(inert(value))
    return (f"New micro-internship: {safe(listing.title)}, {safe(listing.organization)}\n"
            f"{safe(listing.pay)} · {safe(listing.effort)} · {safe(listing.place)} · {safe(listing.category)}\n"
            f"Apply by {safe(listing.apply_by)}: {listing.url}")


def more_wording(count: int, board: str) -> str:
    return f"And {count} more new micro-internship{'s' if count != 1 else ''}: {board}"


def discord_escape(text: str) -> str:
    return re.sub(r"([\\*_~`|>#\[\]()<:-])", r"\\\1", text)


def slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Request:
    url: str
    body: dict[str, Any]
    headers: dict[str, str]


class Channel:
    name = ""

    def requests(self, listing: Listing | None, text: str, board: str) -> Request:
        raise NotImplementedError

    def escape(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class Discord(Channel):
    webhook: str
    name = "discord"

    def escape(self, text: str) -> str:
        return discord_escape(text)

    def requests(self, listing: Listing | None, text: str, board: str) -> Request:
        separator = "&" if "?" in self.webhook else "?"
        return Request(f"{self.webhook}{separator}wait=true",
                       {"content": text[:2000], "allowed_mentions": {"parse": []}, "flags": 4}, {})


@dataclass(frozen=True)
class Slack(Channel):
    webhook: str
    name = "slack"

    def escape(self, text: str) -> str:
        return slack_escape(text)

    def requests(self, listing: Listing | None, text: str, board: str) -> Request:
        return Request(self.webhook, {"text": text, "mrkdwn": False, "unfurl_links": False, "unfurl_media": False},
                       {})


@dataclass(frozen=True)
class Mastodon(Channel):
    instance: str
    token: str
    name = "mastodon"

    def requests(self, listing: Listing | None, text: str, board: str) -> Request:
        key = hashlib.sha256(f"{board} {listing.id if listing else 'more'} {text}".encode()).hexdigest()[:32]
        return Request(f"{self.instance.rstrip('/')}/api/v1/statuses", {"status": text[:500], "visibility": "public"},
                       {"Authorization": f"Bearer {self.token}", "Idempotency-Key": key})


def channels_from_environment(environment: Mapping[str, str]) -> list[Channel]:
    """The channels whose secrets are set; a ``ChatError`` naming a secret that is set wrong."""
    found: list[Channel] = []
    if discord := environment.get("DISCORD_WEBHOOK_URL", "").strip():
        found.append(Discord(_endpoint("DISCORD_WEBHOOK_URL", discord)))
    if slack := environment.get("SLACK_WEBHOOK_URL", "").strip():
        found.append(Slack(_endpoint("SLACK_WEBHOOK_URL", slack)))
    instance, token = environment.get("MASTODON_URL", "").strip(), environment.get("MASTODON_TOKEN", "").strip()
    if bool(instance) != bool(token):
        raise ChatError("set both MASTODON_URL (the instance, like https://mastodon.social) and MASTODON_TOKEN, "
                        "or neither")
    if instance:
        found.append(Mastodon(_endpoint("MASTODON_URL", instance), token))
    return found


def _endpoint(name: str, url: str) -> str:
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not secure or not parts.hostname or not url.isprintable() or " " in url:
        raise ChatError(f"{name} must be an https:// address")
    return url


def post(request: Request, sleep: Callable[[float], None] = time.sleep) -> None:
    """POST ``request`` as JSON, waiting and trying again on 429 and 5xx; a ``ChatError`` otherwise."""
    body = json.dumps(request.body, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, **request.headers}
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(urllib.request.Request(request.url, body, headers, method="POST"),
                                        timeout=TIMEOUT):
                return
        except urllib.error.HTTPError as answer:
            retry = answer.code == 429 or answer.code >= 500
            if not retry or attempt == MAX_ATTEMPTS:
                raise ChatError(f"HTTP {answer.code} {answer.reason}{_detail(answer)}") from None
            sleep(wait_for(answer.code, answer.headers, answer.read(4096), attempt))
        except (urllib.error.URLError, OSError) as failure:
            if attempt == MAX_ATTEMPTS:
                raise ChatError(f"no answer: {getattr(failure, 'reason', failure)}") from None
            sleep(2.0 ** (attempt - 1))


def wait_for(code: int, headers: Message, body: bytes, attempt: int) -> float:
    """How long to wait before trying again, as the answer says; at most ``MAX_WAIT`` seconds."""
    if code != 429:
        return min(2.0 ** (attempt - 1), MAX_WAIT)  # 1, 2, 4, 8 seconds
    seconds = None
    if retry_after := headers.get("Retry-After"):
        seconds = _seconds(retry_after)
    if seconds is None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            seconds = float(json.loads(body)["retry_after"])  # Discord
    if seconds is None and (reset := headers.get("X-RateLimit-Reset")):  # Mastodon: an ISO 8601 time
        with contextlib.suppress(ValueError):
            seconds = (datetime.fromisoformat(reset.replace("Z", "+00:00")) - datetime.now(UTC)).total_seconds()
    return min(max(seconds if seconds is not None else 2.0 ** attempt, 0.0), MAX_WAIT)


def _seconds(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
    except (TypeError, ValueError):
        return None


def _detail(answer: urllib.error.HTTPError) -> str:
    try:
        text = answer.read(300).decode("utf-8", "replace")
    except OSError:
        return ""
    return f": {_line(text)}" if text else ""


class Ledger:
    """What has been posted where, so that another attempt posts nothing twice. A folder: every
    ``*.json`` in it is read (one per earlier attempt, as the workflow brings them back), and this
    attempt keeps the union in ``attempt-<GITHUB_RUN_ATTEMPT>.json``, rewritten after each post."""

    def __init__(self, folder: Path | None, attempt: str = "1") -> None:
        self.path = folder / f"attempt-{attempt if attempt.isdigit() else '1'}.json" if folder else None
        self.done: set[str] = set()
        for path in sorted(folder.glob("*.json")) if folder and folder.is_dir() else []:
            try:
                entries = json.loads(read_regular_file(path, MAX_PLAN_BYTES))
            except (HandoffError, ValueError) as failure:
                raise ChatError(f"the ledger {path.name} cannot be read: {failure}") from None
            if not (isinstance(entries, list) and all(isinstance(entry, str) for entry in entries)):
                raise ChatError(f"the ledger {path.name} must be a list of texts")
            self.done |= set(entries)

    def has(self, channel: Channel, key: str) -> bool:
        return f"{channel.name}:{key}" in self.done

    def add(self, channel: Channel, key: str) -> None:
        self.done.add(f"{channel.name}:{key}")
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(sorted(self.done), indent=1) + "\n", encoding="utf-8")


def announce(plan: Plan, channels: Sequence[Channel], board: str, ledger: Ledger,
             sleep: Callable[[float], None] = time.sleep) -> list[str]:
    """Post every announcement to every channel; the channels that failed, each with why."""
    failures = []
    for channel in channels:
        posted = 0
        messages: list[tuple[Listing | None, str, str]] = [
            (listing, listing.id, wording(listing, channel.escape)) for listing in plan.listings]
        if plan.more:
            messages.append((None, f"more-{plan.more}-after-{plan.listings[-1].id if plan.listings else ''}",
                             more_wording(plan.more, board)))
        try:
            for listing, key, text in messages:
                if ledger.has(channel, key):
                    continue
                post(channel.requests(listing, text, board), sleep)
                ledger.add(channel, key)
                posted += 1
        except ChatError as failure:
            failures.append(f"{channel.name}: {failure}")
        print(f"{channel.name}: posted {posted} message(s)", file=sys.stderr)
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -S -m board.reach.chat",
                                     description="Announce the listings of a plan in Discord, Slack and Mastodon.")
    parser.add_argument("plan", type=Path, help="the file `python -m board announcements` wrote")
    parser.add_argument("--board-url", required=True, help="the board's public address: every link must be under it")
    parser.add_argument("--ledger", type=Path, help="a folder of what earlier attempts posted; this attempt adds its "
                                                    "own file (attempt-$GITHUB_RUN_ATTEMPT.json)")
    parser.add_argument("--send", action="store_true", help="post (secrets from the environment)")
    arguments = parser.parse_args(argv)
    board = arguments.board_url.rstrip("/") + "/"
    try:
        plan = read_plan(arguments.plan, arguments.board_url)
        channels = channels_from_environment(os.environ)
        ledger = Ledger(arguments.ledger, os.environ.get("GITHUB_RUN_ATTEMPT", "1"))
    except ChatError as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    if not plan.listings:
        print(f"Nothing to announce: {plan.reason or 'no new listing'}.")
        return 0
    if not channels:
        print("Nothing is announced: set DISCORD_WEBHOOK_URL, SLACK_WEBHOOK_URL, or MASTODON_URL and MASTODON_TOKEN.")
        return 0
    for listing in plan.listings:
        print(wording(listing, lambda text: text))
    if not arguments.send:
        return 0
    failed = announce(plan, channels, board, ledger)
    for reason in failed:
        print(f"error: {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
