"""New listings announced in Discord, Slack and on Mastodon, against local HTTP servers that record
every request: what is new (the built API against the one the live site served before), the
payloads and headers each service gets, text that can mention or link nobody, waiting on 429,
and never posting the same listing twice to a channel."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, run_board

Completed = subprocess.CompletedProcess

BOARD = "http://localhost:8000"
HOSTILE_TITLE = ("@everyone @here <!channel> <@U024BE7LH> [click](https://evil.example/x) **now** "
                 "cc @alice@mastodon.social")
HOSTILE_ORGANIZATION = "Evil <!here> & Co `code` https://phish.example"


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict
    at: float  # monotonic
    wall: float  # time.time()


@dataclass
class Service:
    """A local HTTP server answering POSTs: first with the scripted answers, then 200 (or ``status``)."""

    script: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    status: int = 200
    requests: list[Recorded] = field(default_factory=list)


@contextmanager
def service(recorder: Service) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            recorder.requests.append(Recorded(self.path, dict(self.headers), json.loads(self.rfile.read(length)),
                                              time.monotonic(), time.time()))
            status, headers, body = recorder.script.pop(0) if recorder.script else (recorder.status, {}, b"{}")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def three_services(discord: Service, slack: Service, mastodon: Service) -> Iterator[dict[str, str]]:
    with service(discord) as discord_url, service(slack) as slack_url, service(mastodon) as mastodon_url:
        yield {"DISCORD_WEBHOOK_URL": f"{discord_url}/api/webhooks/1/secret-token",
               "SLACK_WEBHOOK_URL": f"{slack_url}/services/T0/B0/secret", "MASTODON_URL": mastodon_url,
               "MASTODON_TOKEN": "mastodon-secret"}


def api_file(folder: Path, records: list[dict], name: str) -> Path:
    path = folder / name
    path.write_text(json.dumps({"opportunities": records}))
    return path


@pytest.fixture(scope="module")
def records(sample_site: Path) -> list[dict]:
    return json.loads((sample_site / "api" / "v1" / "opportunities.json").read_text())["opportunities"]


def make_plan(folder: Path, current: list[dict], previous: list[dict] | None) -> tuple[Path, Completed]:
    folder.mkdir(parents=True, exist_ok=True)
    arguments = ["announcements", "--current", str(api_file(folder, current, "current.json")),
                 "--out", str(folder / "plan.json")]
    if previous is not None:
        arguments += ["--previous", str(api_file(folder, previous, "previous.json"))]
    return folder / "plan.json", run_board(*arguments)


def post(plan: Path, environment: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    """The job with the secrets: no site-packages, secrets from the environment only."""
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("DISCORD_", "SLACK_", "MASTODON_"))}
    return subprocess.run([sys.executable, "-S", "-m", "board.reach.chat", str(plan), "--board-url", BOARD, *extra],
                          env={**clean, "PYTHONPATH": str(ROOT / "plugins"), **environment},
                          capture_output=True, text=True, timeout=120)


def newest(records: list[dict], count: int) -> list[dict]:
    return sorted(records, key=lambda record: (record["posted"], record["id"]), reverse=True)[:count]


def test_only_listings_the_live_site_did_not_serve_are_announced_newest_first(tmp_path: Path, records) -> None:
    added = newest(records, 3)
    previous = [record for record in records if record not in added]
    plan, result = make_plan(tmp_path, records, previous)
    assert result.returncode == 0, result.stderr
    announced = json.loads(plan.read_text())["announcements"]
    assert [item["id"] for item in announced] == [record["id"] for record in added]
    first = announced[0]
    assert first["url"] == f"{BOARD}/opportunities/{first['id']}/"
    assert first["pay"] == added[0]["compensation"]["display"]
    assert first["apply_by"][-4:].isdigit() and first["apply_by"].split()[1] in (
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())  # "4 Dec 2026", as the board words dates
    assert result.stdout.startswith("3 new listing(s) to announce: ")


@pytest.mark.parametrize(("previous", "reason"), [
    (None, "the live site's API could not be read before deploying, so nothing is announced (the next deploy "
           "compares with this one)"),
    ("same", "no listing is new since the last deploy"),
], ids=["live-site-unreadable", "nothing-new"])
def test_nothing_is_announced_without_the_live_api_or_when_nothing_is_new(
        tmp_path: Path, records, previous, reason: str) -> None:
    plan, result = make_plan(tmp_path, records, records if previous == "same" else None)
    assert json.loads(plan.read_text())["announcements"] == []
    assert result.stdout == f"Nothing to announce: {reason}.\n"
    assert post(plan, {"DISCORD_WEBHOOK_URL": "https://discord.example/x"}, "--send").stdout.startswith(
        "Nothing to announce: ")


def test_more_than_ten_new_listings_become_ten_messages_and_one_summary(tmp_path: Path, records) -> None:
    plan, _ = make_plan(tmp_path, records, [])
    data = json.loads(plan.read_text())
    assert len(data["announcements"]) == 10 and data["more"] == len(records) - 10
    discord = Service()
    with service(discord) as url:
        result = post(plan, {"DISCORD_WEBHOOK_URL": f"{url}/hook"}, "--send")
    assert result.returncode == 0, result.stderr
    assert len(discord.requests) == 11
    assert discord.requests[-1].body["content"] == f"And {len(records) - 10} more new micro-internships: {BOARD}/"


def hostile(records: list[dict]) -> list[dict]:
    record = {**newest(records, 1)[0], "title": HOSTILE_TITLE}
    record["organization"] = {**record["organization"], "name": HOSTILE_ORGANIZATION}
    return [record]


def test_each_service_gets_plain_text_that_mentions_and_links_nobody(tmp_path: Path, records) -> None:
    plan, _ = make_plan(tmp_path, hostile(records), [])
    discord, slack, mastodon = Service(), Service(), Service()
    with three_services(discord, slack, mastodon) as environment:
        result = post(plan, environment, "--send")
    assert result.returncode == 0, result.stderr
    [to_discord], [to_slack], [to_mastodon] = discord.requests, slack.requests, mastodon.requests
    url = hostile(records)[0]["url"]

    assert to_discord.path == "/api/webhooks/1/secret-token?wait=true"
    assert to_discord.body["allowed_mentions"] == {"parse": []} and to_discord.body["flags"] == 4  # no embeds
    content = to_discord.body["content"]
    assert "@\u200beveryone" in content and "@everyone" not in content and "@here" not in content
    assert "\\[click\\]\\(https\\:\u200b//evil.example/x\\)" in content and "\\*\\*now\\*\\*" in content
    assert "\\<@\u200bU024BE7LH\\>" in content and content.endswith(url)

    assert to_slack.path == "/services/T0/B0/secret"
    assert to_slack.body["mrkdwn"] is False and to_slack.body["unfurl_links"] is False
    text = to_slack.body["text"]
    assert "<!" not in text and "<@" not in text and "&lt;!channel&gt;" in text and "&lt;!here&gt; &amp; Co" in text
    assert "https://evil" not in text and "https://phish" not in text and text.endswith(url)

    assert to_mastodon.path == "/api/v1/statuses"
    assert to_mastodon.headers["Authorization"] == "Bearer mastodon-secret"
    assert len(to_mastodon.headers["Idempotency-Key"]) == 32
    status = to_mastodon.body["status"]
    assert not any(status[index + 1].isalnum() for index, char in enumerate(status) if char == "@")
    assert "://evil" not in status and status.endswith(url) and to_mastodon.body["visibility"] == "public"
    assert all(secret not in result.stdout + result.stderr for secret in ("secret-token", "mastodon-secret"))


def test_a_429_is_waited_out_as_each_service_says_and_tried_again(tmp_path: Path, records) -> None:
    plan, _ = make_plan(tmp_path, records, [record for record in records if record not in newest(records, 2)])
    reset = datetime.now(UTC) + timedelta(seconds=5)  # Mastodon's turn comes after Discord's and Slack's
    discord = Service(script=[(429, {"Content-Type": "application/json"}, b'{"retry_after": 0.8, "global": false}')])
    slack = Service(script=[(429, {"Retry-After": "1"}, b"rate_limited")])
    mastodon = Service(script=[(429, {"X-RateLimit-Reset": reset.isoformat()}, b'{"error": "Too many requests"}'),
                               (503, {}, b"")])
    with three_services(discord, slack, mastodon) as environment:
        result = post(plan, environment, "--send")
    assert result.returncode == 0, result.stderr
    assert [len(served.requests) for served in (discord, slack, mastodon)] == [3, 3, 4]
    for served, wait in ((discord, 0.8), (slack, 1.0)):
        first, again = served.requests[0], served.requests[1]
        assert first.body == again.body and again.at - first.at >= wait - 0.05
    assert mastodon.requests[1].wall >= reset.timestamp() - 0.05  # waited until the reset instant
    assert mastodon.requests[0].headers["Idempotency-Key"] == mastodon.requests[2].headers["Idempotency-Key"]


def test_a_refusal_stops_that_channel_only_and_a_second_run_posts_nothing_twice(tmp_path: Path, records) -> None:
    plan, _ = make_plan(tmp_path, records, [record for record in records if record not in newest(records, 2)])
    ledger = tmp_path / "ledger"
    discord, slack, mastodon = Service(), Service(status=403), Service()
    with three_services(discord, slack, mastodon) as environment:
        first = post(plan, environment, "--ledger", str(ledger), "--send")
        assert first.returncode == 1 and "error: slack: HTTP 403" in first.stderr
        assert [len(served.requests) for served in (discord, slack, mastodon)] == [2, 1, 2]
        slack.status = 200
        second = post(plan, {**environment, "GITHUB_RUN_ATTEMPT": "2"},
                      "--ledger", str(ledger), "--send")
    assert second.returncode == 0, second.stderr
    assert [len(served.requests) for served in (discord, slack, mastodon)] == [2, 3, 2]
    third = post(plan, {"DISCORD_WEBHOOK_URL": "http://127.0.0.1:9/never"}, "--ledger", str(ledger), "--send")
    assert third.returncode == 0 and "discord: posted 0 message(s)" in third.stderr
    assert sorted(path.name for path in ledger.iterdir()) == ["attempt-1.json", "attempt-2.json"]
    assert len(json.loads((ledger / "attempt-2.json").read_text())) == 6  # 2 listings x 3 channels


@pytest.mark.parametrize(("change", "message"), [
    (lambda plan: plan["announcements"][0].update(url="https://phish.example/opportunities/x/"),
     "its link must be a page of the board"),
    (lambda plan: plan["announcements"][0].update(extra="x"), "an announcement has unexpected or missing keys"),
    (lambda plan: plan["announcements"][0].update(title="x" * 301), "every field of an announcement is text"),
    (lambda plan: plan.update(announcements=[plan["announcements"][0]] * 51), "at most 50"),
], ids=["foreign-link", "extra-key", "long-title", "flood"])
def test_the_posting_side_refuses_a_plan_the_announcements_command_would_not_write(
        tmp_path: Path, records, change, message: str) -> None:
    plan, _ = make_plan(tmp_path, records, records[1:])
    data = json.loads(plan.read_text())
    change(data)
    plan.write_text(json.dumps(data))
    discord = Service()
    with service(discord) as url:
        result = post(plan, {"DISCORD_WEBHOOK_URL": f"{url}/hook"}, "--send")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert discord.requests == []


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, "Nothing is announced: set DISCORD_WEBHOOK_URL, SLACK_WEBHOOK_URL, or MASTODON_URL and MASTODON_TOKEN.\n"),
    ({"SLACK_WEBHOOK_URL": "http://hooks.slack.example/x"}, "error: SLACK_WEBHOOK_URL must be an https:// address\n"),
    ({"MASTODON_URL": "https://mastodon.example"}, "error: set both MASTODON_URL (the instance, like "
                                                   "https://mastodon.social) and MASTODON_TOKEN, or neither\n"),
], ids=["none-set", "not-https", "half-of-mastodon"])
def test_channels_are_optional_and_a_wrong_secret_is_named(tmp_path: Path, records, environment, expected) -> None:
    plan, _ = make_plan(tmp_path, records, records[1:])
    result = post(plan, environment, "--send")
    assert (result.stdout if result.returncode == 0 else result.stderr) == expected
