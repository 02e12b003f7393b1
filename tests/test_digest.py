"""The weekly digest: `python -m board digest` writes the issue of a finished week, the web archive
publishes every issue, and `python3 -S -m board.reach.mail` sends it to a real SMTP server
(aiosmtpd, started here), which receives a multipart/alternative message with both parts, the
right listings and links, and no employer markup. The sending side reads the issue as hostile."""

from __future__ import annotations

import email
import email.policy
import json
import os
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from board.render.digest import EMAIL_LIMIT, Week
from conftest import CONTENT, ROOT, epoch_at, make_content, run_board, sample_today
from test_build import OPEN

BOARD = "http://localhost:8000"
TODAY = sample_today()
LAST_WEEK = Week.of(TODAY).before
HOSTILE_TITLE = "<img src=x onerror=alert(1)> Win @everyone <script>alert('t')</script>"
HOSTILE_ORGANIZATION_LINE = "name: \"<b>Evil</b> & Co <a href='https://phish.example'>login</a>\""
SETTINGS = (f'PATH = "content"\nTIMEZONE = "Europe/London"\nSITEURL = "{BOARD}"\nSITENAME = "Careers board"\n'
            'ARTICLE_URL = "opportunities/{slug}/"\n')


def posted_in(week: Week) -> list[str]:
    return sorted(key for key, value in OPEN.items() if Week.of(date.fromisoformat(str(value["posted"]))) == week)


def write_digest(folder: Path, day: date, *extra: str, settings: str = "pelicanconf.py", cwd: Path = ROOT):
    return run_board("--settings", settings, "digest", "--out", str(folder), *extra, cwd=cwd,
                     env={"SOURCE_DATE_EPOCH": epoch_at(day)})


def test_weeks_are_iso_weeks_named_like_2026_w48() -> None:
    week = Week.parse("2026-w48")
    assert (week.monday, week.sunday, week.id) == (date(2026, 11, 23), date(2026, 11, 29), "2026-w48")
    assert Week.of(date(2027, 1, 1)).id == "2026-w53" and week.before.id == "2026-w47"
    for wrong in ("2026-48", "2026-w54", "w48", "2026-w4x"):
        with pytest.raises(ValueError, match="is not a week written like 2026-w48"):
            Week.parse(wrong)


def test_the_digest_holds_the_open_listings_posted_last_week_for_the_board_and_each_category(tmp_path: Path) -> None:
    result = write_digest(tmp_path, TODAY)
    assert result.returncode == 0, result.stderr
    expected = posted_in(LAST_WEEK)
    assert expected, "the samples have listings posted in the week before their newest one"
    manifest = json.loads((tmp_path / LAST_WEEK.id / "digest.json").read_text())
    assert manifest["issue"] == LAST_WEEK.id and manifest["archive"] == f"{BOARD}/digest/{LAST_WEEK.id}/"
    editions = {entry["edition"]: entry for entry in manifest["editions"]}
    assert editions["all"]["listings"] == len(expected)
    assert editions["all"]["message_id"] == f"<digest-{LAST_WEEK.id}-all@localhost>"
    categories = {OPEN[key]["category"] for key in expected}
    assert set(editions) == {"all", *categories}
    assert sum(editions[category]["listings"] for category in categories) == len(expected)
    html = (tmp_path / LAST_WEEK.id / "all.html").read_text()
    links = lxml.html.fromstring(html).xpath("//a/@href")
    listed = [link for link in links if "/opportunities/" in link]
    assert sorted(listed) == sorted(f"{BOARD}/opportunities/{key}/" for key in expected)
    text = (tmp_path / LAST_WEEK.id / "all.txt").read_text()
    assert all(OPEN[key]["title"] in text and f"{BOARD}/opportunities/{key}/" in text for key in expected)
    assert f"Wrote issue {LAST_WEEK.id} ({len(expected)} listings" in result.stdout


def test_the_html_part_is_made_for_mail_clients(tmp_path: Path) -> None:
    assert write_digest(tmp_path, TODAY).returncode == 0
    html = (tmp_path / LAST_WEEK.id / "all.html").read_text()
    page = lxml.html.fromstring(html)
    assert page.xpath("//script | //img | //iframe | //form | //link | //video | //audio") == []
    assert page.xpath("//meta[@name='color-scheme']/@content") == ["light dark"]
    assert "prefers-color-scheme: dark" in html
    assert page.xpath("//table[@role='presentation']") and all(cell.get("style") for cell in page.xpath("//td"))
    assert len(html.encode()) < 100 * 1024


def test_an_issue_stays_under_100_kb_however_busy_the_week(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    today = date(2026, 11, 25)
    generate(700, tmp_path / "content", today)
    (tmp_path / "settings.py").write_text(SETTINGS)
    week = Week.of(today).before
    result = write_digest(tmp_path / "digest", today, settings="settings.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "digest" / week.id / "digest.json").read_text())
    busiest = manifest["editions"][0]
    assert busiest["listings"] > EMAIL_LIMIT
    html = (tmp_path / "digest" / week.id / "all.html").read_text()
    assert len(html.encode()) < 100 * 1024
    assert f"And {busiest['listings'] - EMAIL_LIMIT} more in this issue" in html
    assert len(lxml.html.fromstring(html).xpath("//a[contains(@href, '/opportunities/')]")) == EMAIL_LIMIT


def test_a_week_without_open_listings_makes_no_issue(tmp_path: Path) -> None:
    outcome = tmp_path / "outcome"
    result = write_digest(tmp_path / "digest", date(2030, 3, 6), "--outcome", str(outcome))
    assert result.returncode == 0
    assert "No open listing was posted in week 2030-w09 (2030-02-25 to 2030-03-03): no issue, nothing to send." \
        in result.stdout
    assert not (tmp_path / "digest").exists() and outcome.read_text() == "issue=\n"


def test_an_unfinished_week_is_refused(tmp_path: Path) -> None:
    result = write_digest(tmp_path, TODAY, "--week", Week.of(TODAY).id)
    assert result.returncode == 1
    assert f"error: week {Week.of(TODAY).id} is not over yet" in result.stderr


def hostile_board(folder: Path, day: date) -> Path:
    """The samples, plus a listing posted in the week before ``day`` whose title and organization
    name an attacker wrote."""
    make_content(folder, organizations=CONTENT / "organizations")
    for path in (CONTENT / "opportunities").glob("*.yaml"):
        (folder / "content" / "opportunities" / path.name).write_bytes(path.read_bytes())
    listing = (CONTENT / "opportunities" / "tern-books-seo-audit.yaml").read_text()
    data = yaml.safe_load(listing)
    posted = Week.of(day).before.monday + timedelta(days=1)
    listing = (listing.replace(f"title: {data['title']}", f"title: {json.dumps(HOSTILE_TITLE)}")
               .replace(f"posted: {data['posted']}", f"posted: {posted}")
               .replace(f"apply_by: {data['apply_by']}", f"apply_by: {posted + timedelta(days=30)}"))
    (folder / "content" / "opportunities" / "tern-books-seo-audit.yaml").write_text(listing)
    organization = folder / "content" / "organizations" / "tern-books.yaml"
    lines = [HOSTILE_ORGANIZATION_LINE if line.startswith("name:") else line
             for line in organization.read_text().splitlines()]
    organization.write_text("\n".join(lines) + "\n")
    (folder / "settings.py").write_text(SETTINGS)
    return folder


class Recorder:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    return AuthResult(success=isinstance(auth_data, LoginPassword) and auth_data.login == b"board"
                      and auth_data.password == b"s3cret", handled=False)  # not handled: the server answers 535


@pytest.fixture
def smtp_server():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield controller, recorder
    finally:
        controller.stop()


def smtp_environment(port: int, **changes: str) -> dict[str, str]:
    environment = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "SMTP_USER": "board", "SMTP_PASSWORD": "s3cret",
                   "DIGEST_FROM": "Careers <careers@localhost>", "DIGEST_TO": "students-list@localhost"}
    return {**environment, **changes}


def send(folder: Path, environment: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    """The sending job's command: no site-packages, settings from the environment only."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("SMTP_", "DIGEST_"))}
    return subprocess.run([sys.executable, "-S", "-m", "board.reach.mail", str(folder), "--board-url", BOARD, *extra],
                          env={**clean, "PYTHONPATH": str(ROOT / "plugins"), **environment},
                          capture_output=True, text=True, timeout=60)


def test_the_issue_arrives_over_smtp_with_both_parts_the_right_links_and_no_employer_markup(
        tmp_path: Path, smtp_server) -> None:
    controller, recorder = smtp_server
    board = hostile_board(tmp_path / "board", TODAY)
    assert write_digest(tmp_path / "digest", TODAY, settings="settings.py", cwd=board).returncode == 0
    result = send(tmp_path / "digest" / LAST_WEEK.id, smtp_environment(controller.port), "--send")
    assert result.returncode == 0, result.stderr
    [envelope] = recorder.envelopes
    assert envelope.mail_from == "careers@localhost" and envelope.rcpt_tos == ["students-list@localhost"]
    received = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert received.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in received.iter_parts()] == ["text/plain", "text/html"]
    assert received["Message-ID"] == f"<digest-{LAST_WEEK.id}-all@localhost>"
    assert received["List-Unsubscribe"] == "<mailto:careers@localhost?subject=unsubscribe>"
    assert received["List-Archive"] == f"<{BOARD}/digest/{LAST_WEEK.id}/>"
    expected = {*posted_in(LAST_WEEK), "tern-books-seo-audit"}
    assert received["Subject"] == (f"{len(expected)} new micro-internships · Careers board · "
                                   f"{LAST_WEEK.monday.day} Nov 2026 – {LAST_WEEK.sunday.day} Nov 2026")
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert HOSTILE_TITLE in text and f"{BOARD}/opportunities/tern-books-seo-audit/" in text
    page = lxml.html.fromstring(html)
    assert page.xpath("//script | //img | //b") == []
    assert HOSTILE_TITLE in page.text_content() and "<b>Evil</b> & Co" in page.text_content()
    assert all(link.startswith(f"{BOARD}/") for link in page.xpath("//a/@href"))
    assert {f"{BOARD}/opportunities/{key}/" for key in expected} == \
        {link for link in page.xpath("//a/@href") if "/opportunities/" in link}
    assert f"Sent issue {LAST_WEEK.id}" in result.stdout and "s3cret" not in result.stdout + result.stderr


def test_the_same_issue_always_has_the_same_message_id(tmp_path: Path) -> None:
    for run in ("first", "second"):
        assert write_digest(tmp_path / run, TODAY).returncode == 0
    first, second = (json.loads((tmp_path / run / LAST_WEEK.id / "digest.json").read_text())
                     for run in ("first", "second"))
    assert first == second


@pytest.fixture(scope="module")
def sample_issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("issue")
    assert write_digest(folder, TODAY).returncode == 0
    return folder / LAST_WEEK.id


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new, 1))


def tampered(sample_issue: Path, folder: Path, name: str, change) -> Path:
    copy = folder / "issue"
    copy.mkdir()
    for path in sample_issue.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    change(copy / name)
    return copy


@pytest.mark.parametrize(("name", "change", "message"), [
    ("all.html", lambda path: path.write_text(path.read_text().replace("</body>", "<script>x()</script></body>")),
     "error: the HTML part holds '<script>'; a digest has no script, frame, form or image"),
    ("all.html", lambda path: replace_in(path, f'href="{BOARD}/', 'href="https://phish.example/'),
     "error: the issue links outside the board (http://localhost:8000/): 'https://phish.example/"),
    ("all.html", lambda path: path.write_text(path.read_text().replace("<p ", '<p onclick="x()" ', 1)),
     "error: the HTML part holds"),
    ("digest.json", lambda path: path.write_text(path.read_text().replace('"listings": ', '"listings": 0, "x": ', 1)),
     "an empty issue is never sent"),
    ("digest.json", lambda path: path.write_text(path.read_text().replace(" · ", "\\nBcc: everyone@example.org\\n", 1)),
     "error: the subject must be one line"),
    ("all.txt", lambda path: (path.unlink(), path.symlink_to("/etc/passwd")),
     "error: "),
], ids=["script", "foreign-link", "event-handler", "empty", "header-injection", "symlink"])
def test_the_sending_side_refuses_an_issue_the_digest_command_would_not_write(
        sample_issue: Path, tmp_path: Path, smtp_server, name: str, change, message: str) -> None:
    controller, recorder = smtp_server
    result = send(tampered(sample_issue, tmp_path, name, change), smtp_environment(controller.port), "--send")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert recorder.envelopes == []


def test_without_the_secrets_nothing_is_sent_and_the_log_says_which_to_set(sample_issue: Path) -> None:
    result = send(sample_issue, {}, "--send")
    assert result.returncode == 0
    assert result.stdout == ("The digest is not sent: set the secrets SMTP_HOST, DIGEST_FROM and DIGEST_TO (and "
                             "SMTP_PORT, SMTP_USER, SMTP_PASSWORD) in the environment 'digest' to send it.\n")


@pytest.mark.parametrize(("changes", "message"), [
    ({"DIGEST_TO": ""}, "error: SMTP_HOST is set but DIGEST_TO is not: set the secret(s) in the environment 'digest'"),
    ({"SMTP_PASSWORD": ""}, "error: set both SMTP_USER and SMTP_PASSWORD, or neither"),
    ({"SMTP_PORT": "smtp"}, "error: SMTP_PORT='smtp' is not a port number: use 587 (STARTTLS) or 465 (TLS)"),
    ({"DIGEST_TO": "a@x.example\nBcc: b@x.example"}, "error: DIGEST_TO must be one email address"),
    ({"DIGEST_UNSUBSCRIBE": "javascript:alert(1)"}, "error: DIGEST_UNSUBSCRIBE must be one mailto: or https://"),
    ({"SMTP_PASSWORD": "wrong"}, "failed: (535"),
])
def test_wrong_settings_are_named(sample_issue: Path, smtp_server, changes: dict[str, str], message: str) -> None:
    controller, recorder = smtp_server
    result = send(sample_issue, smtp_environment(controller.port, **changes), "--send")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert recorder.envelopes == []


def test_a_server_that_is_not_this_machine_gets_no_password_without_tls(sample_issue: Path) -> None:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.2", port=free_port(), authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        result = send(sample_issue, smtp_environment(controller.port, SMTP_HOST="127.0.0.2"), "--send")
    finally:
        controller.stop()
    assert result.returncode == 1
    assert "127.0.0.2" in result.stderr and "offers no STARTTLS: the board never sends a password" in result.stderr
    assert recorder.envelopes == []


def test_starttls_is_used_when_the_server_offers_it(sample_issue: Path, tmp_path: Path) -> None:
    import ssl

    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    recorder = Recorder()
    controller = Controller(recorder, hostname="localhost", port=free_port(), authenticator=authenticate,
                            tls_context=context, require_starttls=True)
    controller.start()
    try:
        result = send(sample_issue, {**smtp_environment(controller.port, SMTP_HOST="localhost"),
                                     "SSL_CERT_FILE": str(certificate)}, "--send")
    finally:
        controller.stop()
    assert result.returncode == 0, result.stderr
    assert len(recorder.envelopes) == 1


def test_the_archive_publishes_every_finished_week_and_the_subscribe_page_links_to_it(sample_site: Path) -> None:
    weeks = {Week.of(date.fromisoformat(str(value["posted"]))) for value in yaml_listings()}
    finished = {week.id for week in weeks if week.sunday < TODAY}
    published = {path.parent.name for path in (sample_site / "digest").glob("*/index.html")}
    assert published == finished
    page = lxml.html.fromstring((sample_site / "digest" / LAST_WEEK.id / "index.html").read_text())
    assert [link.split("/")[-2] for link in page.xpath("//main//h3/a/@href")] == \
        sorted(posted_in(LAST_WEEK) + [key for key, value in closed_listings().items()
                                       if Week.of(date.fromisoformat(str(value["posted"]))) == LAST_WEEK],
               key=lambda key: page.xpath("//main//h3/a/@href").index(f"../../opportunities/{key}/"))
    index = lxml.html.fromstring((sample_site / "digest" / "index.html").read_text())
    assert len(index.xpath("//main//li/a")) == len(finished)
    subscribe = lxml.html.fromstring((sample_site / "subscribe" / "index.html").read_text())
    assert subscribe.xpath("//a[text()='Read past issues of the digest']/@href") == ["../digest/"]


def yaml_listings() -> list[dict]:
    return [yaml.safe_load(path.read_text()) for path in (CONTENT / "opportunities").glob("*.yaml")]


def closed_listings() -> dict[str, dict]:
    from test_build import CLOSED

    return CLOSED
