"""Send one issue of the digest over SMTP: ``python3 -S -m board.reach.mail ISSUE_FOLDER --send``.

Runs in the job that holds the SMTP secrets, so it uses Python's standard library only (no
site-packages) and reads the folder ``python -m board digest`` wrote as hostile: exactly the files
it names, regular files of bounded size, an issue with listings, headers on one line, no script,
frame, form or image in the HTML part, and every link pointing into the board (``--board-url``,
from the workflow, not from the folder). So a compromised package on the reading side cannot
send a phishing email in the career office's name, only a digest of the board.

The message is multipart/alternative (plain text, then HTML) with a stable ``Message-ID`` (the
same issue always has the same one, so a list that saw it once drops a second copy),
``List-Id`` and ``List-Unsubscribe``. Credentials never cross the network in the clear: the
connection is TLS on port 465 and STARTTLS otherwise, except to a loopback address.

Settings come from the environment (the workflow maps its secrets there): SMTP_HOST, SMTP_PORT
(587), SMTP_USER and SMTP_PASSWORD (both or neither), DIGEST_FROM, DIGEST_TO, and optionally
DIGEST_UNSUBSCRIBE (a mailto: or https: address; by default a mailto: to DIGEST_FROM).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import smtplib
import ssl
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from board.contribute.handoff import HandoffError, read_regular_file

MANIFEST = "digest.json"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_PART_BYTES = 512 * 1024
ISSUE = re.compile(r"\d{4}-w\d{2}")
EDITION = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MESSAGE_ID = re.compile(r"<digest-\d{4}-w\d{2}-[a-z0-9-]+@[A-Za-z0-9.-]+>")
# Employer text reaches the HTML escaped (``&lt;script``), so only the template's own tags are read here.
TAG = re.compile(r"<[^>]*>")
FORBIDDEN_TAG = re.compile(r"<\s*/?\s*(script|iframe|frame|object|embed|form|img|image|svg|link|base"
                           r"|meta\s+http-equiv)\b|\son[a-z]+\s*=", re.IGNORECASE)
LINK = re.compile(r"""\b(?:href|src|action|background)\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
LINK_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)  # the text part's own links stand alone
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
TIMEOUT = 60


class MailError(Exception):
    """The issue cannot be sent as it is; the message says why and what to do."""


@dataclass(frozen=True)
class Edition:
    issue: str
    edition: str
    subject: str
    message_id: str
    listings: int
    html: str
    text: str
    archive: str


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    user: str
    password: str
    sender: str
    to: str
    unsubscribe: str


def read_edition(folder: Path, edition: str, board_url: str) -> Edition:
    """The ``edition`` of the issue in ``folder``, checked as hostile; a ``MailError`` for anything
    ``python -m board digest`` would not write."""
    try:
        manifest = json.loads(read_regular_file(folder / MANIFEST, MAX_MANIFEST_BYTES))
        entry = next(item for item in manifest["editions"] if item["edition"] == edition)
        issue, archive = manifest["issue"], manifest["archive"]
        found = Edition(issue, edition, entry["subject"], entry["message_id"], entry["listings"],
                        _part(folder, entry["html"], ".html"), _part(folder, entry["text"], ".txt"), archive)
    except StopIteration:
        raise MailError(f"{folder}/{MANIFEST} has no edition {edition!r}") from None
    except (HandoffError, ValueError, TypeError, KeyError) as failure:
        raise MailError(f"{folder} is not an issue written by `python -m board digest`: {failure}") from None
    _check(found, board_url)
    return found


def _part(folder: Path, name: Any, suffix: str) -> str:
    if not (isinstance(name, str) and name.endswith(suffix) and EDITION.fullmatch(name.removesuffix(suffix))):
        raise ValueError(f"{name!r} is not the name of an edition's file")
    return read_regular_file(folder / name, MAX_PART_BYTES)


def _check(edition: Edition, board_url: str) -> None:
    if not (isinstance(edition.issue, str) and ISSUE.fullmatch(edition.issue)):
        raise MailError(f"{edition.issue!r} is not an issue like 2026-w48")
    if not (isinstance(edition.message_id, str) and MESSAGE_ID.fullmatch(edition.message_id)
            and f"-{edition.issue}-{edition.edition}@" in edition.message_id):
        raise MailError(f"{edition.message_id!r} is not this issue's Message-ID")
    if not (isinstance(edition.subject, str) and 0 < len(edition.subject) <= 300 and edition.subject.isprintable()):
        raise MailError("the subject must be one line of at most 300 printable characters")
    if type(edition.listings) is not int or edition.listings < 1:
        raise MailError(f"issue {edition.issue} has no listings: an empty issue is never sent")
    tags = TAG.findall(edition.html)
    if bad := next((tag for tag in tags if FORBIDDEN_TAG.search(tag)), None):
        raise MailError(f"the HTML part holds {bad[:80]!r}; a digest has no script, frame, form or image")
    board = board_url.rstrip("/") + "/"
    links = [*(link for tag in tags for link in LINK.findall(tag)), *LINK_LINE.findall(edition.text),
             edition.archive]
    if outside := [link for link in links if not link.startswith(board)]:
        raise MailError(f"the issue links outside the board ({board}): {outside[0]!r}")


def smtp_from_environment(environment: Mapping[str, str]) -> Smtp | None:
    """The SMTP settings, None when the board sends no digest (SMTP_HOST unset); a ``MailError``
    naming the variable when one is wrong or missing."""
    host = environment.get("SMTP_HOST", "").strip()
    if not host:
        return None
    missing = [name for name in ("DIGEST_FROM", "DIGEST_TO") if not environment.get(name, "").strip()]
    if missing:
        raise MailError(f"SMTP_HOST is set but {' and '.join(missing)} is not: set the secret(s) in the "
                        "environment 'digest'")
    user, password = environment.get("SMTP_USER", ""), environment.get("SMTP_PASSWORD", "")
    if bool(user) != bool(password):
        raise MailError("set both SMTP_USER and SMTP_PASSWORD, or neither (a server that needs no login)")
    port_text = environment.get("SMTP_PORT", "").strip() or "587"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise MailError(f"SMTP_PORT={port_text!r} is not a port number: use 587 (STARTTLS) or 465 (TLS)")
    sender, to = environment["DIGEST_FROM"].strip(), environment["DIGEST_TO"].strip()
    for name, address in (("DIGEST_FROM", sender), ("DIGEST_TO", to)):
        if "@" not in parseaddr(address)[1] or not address.isprintable():
            raise MailError(f"{name} must be one email address, like careers-list@example.edu")
    unsubscribe = (environment.get("DIGEST_UNSUBSCRIBE", "").strip()
                   or f"mailto:{parseaddr(sender)[1]}?subject=unsubscribe")
    if not unsubscribe.startswith(("mailto:", "https://")) or not unsubscribe.isprintable() or " " in unsubscribe:
        raise MailError("DIGEST_UNSUBSCRIBE must be one mailto: or https:// address")
    return Smtp(host, int(port_text), user, password, sender, to, unsubscribe)


def message(edition: Edition, smtp: Smtp, board_url: str) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = edition.subject
    mail["From"] = smtp.sender
    mail["To"] = smtp.to
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = edition.message_id
    mail["List-Id"] = f"Weekly digest <digest.{urlsplit(board_url).hostname or 'board.invalid'}>"
    mail["List-Unsubscribe"] = f"<{smtp.unsubscribe}>"
    mail["List-Archive"] = f"<{edition.archive}>"
    mail.set_content(edition.text)
    mail.add_alternative(edition.html, subtype="html")
    return mail


def send(mail: EmailMessage, smtp: Smtp) -> None:
    """Deliver ``mail``; a ``MailError`` saying what went wrong and what to check."""
    context = ssl.create_default_context()
    try:
        if smtp.port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
        with client:
            client.ehlo()
            if smtp.port != 465 and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
            elif smtp.port != 465 and smtp.host not in LOOPBACK:
                raise MailError(f"{smtp.host}:{smtp.port} offers no STARTTLS: the board never sends a password or "
                                "a list's address in the clear; use the server's TLS port (465 or 587)")
            if smtp.user:
                client.login(smtp.user, smtp.password)
            refused = client.send_message(mail)
    except (smtplib.SMTPException, OSError) as failure:
        raise MailError(f"sending through {smtp.host}:{smtp.port} failed: {failure}") from None
    if refused:
        raise MailError(f"the server refused {', '.join(refused)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -S -m board.reach.mail",
                                     description="Check an issue of the digest and send it over SMTP.")
    parser.add_argument("folder", type=Path, help="the issue's folder (`python -m board digest` wrote it)")
    parser.add_argument("--board-url", required=True, help="the board's public address: every link must be under it")
    parser.add_argument("--edition", default="all", help="the edition to send (default: %(default)s)")
    parser.add_argument("--send", action="store_true", help="send it (SMTP_* and DIGEST_* from the environment)")
    arguments = parser.parse_args(argv)
    try:
        edition = read_edition(arguments.folder, arguments.edition, arguments.board_url)
        smtp = smtp_from_environment(os.environ)
        if smtp is None:
            print("The digest is not sent: set the secrets SMTP_HOST, DIGEST_FROM and DIGEST_TO (and SMTP_PORT, "
                  "SMTP_USER, SMTP_PASSWORD) in the environment 'digest' to send it.")
            return 0
        mail = message(edition, smtp, arguments.board_url)
        if not arguments.send:
            print(f"Would send issue {edition.issue} ({edition.listings} listings) to {smtp.to}: {edition.subject}")
            return 0
        send(mail, smtp)
    except MailError as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    print(f"Sent issue {edition.issue} ({edition.listings} listings) to {smtp.to} as {edition.message_id}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
