"""What the board says and does on GitHub about an issue-form outcome: the writing side.

``python3 -S -m board.contribute.issue_replies --event E --artifact A --replies R`` runs in the job
that may push, open pull requests and comment, and installs nothing: standard library only, no
site-packages. It reads the converter's artifact as hostile (``handoff``), puts the one listing
file into the checkout, and writes the Markdown to post into R: every employer value inert, handles
mentioned only when they are GitHub logins. The workflow's shell steps then run git and gh on
exactly those files, choosing by the step outputs ``action`` (``pull-request``, ``reply`` or
``none``), ``listing``, ``id`` and ``title``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from board.contribute.handoff import (
    EDITED,
    LISTING,
    NOT_A_MAINTAINER,
    REFUSED,
    HandoffError,
    Outcome,
    mention,
    read_artifact,
)
from board.contribute.inert import code_span

APPROVED = "approved"
MAX_SHOWN_CHARACTERS = 60_000  # a pull request body holds 65,536
_BACKTICK_RUNS = re.compile(r"`+")


@dataclass(frozen=True)
class Replies:
    action: str  # pull-request | reply | none
    comment: str = ""  # on the issue ("reply")
    pr_comment: str = ""  # on the board's open pull request for the issue, if there is one ("reply")
    pr_title: str = ""
    pr_body: str = ""


def replies_for(outcome: Outcome, listing_text: str | None, issue: int, author: str) -> Replies:
    """What to post about ``outcome`` for issue number ``issue`` opened by ``author``."""
    if outcome.kind == LISTING:
        return Replies("pull-request", pr_title=f"Add listing {code_span(outcome.listing_id)}",
                       pr_body=_pull_request_body(outcome, listing_text or "", issue, author))
    if outcome.kind == REFUSED:
        return Replies("reply", comment=_refusal(outcome.reasons))
    if outcome.kind == NOT_A_MAINTAINER:
        return Replies("reply", comment=_not_a_maintainer(outcome, author))
    if outcome.kind == EDITED:
        return Replies("reply", comment=EDITED_COMMENT, pr_comment=EDITED_PR_COMMENT.format(issue=issue))
    return Replies("none")


EDITED_COMMENT = (
    f"This issue was edited after a maintainer approved it, so the board removed the `{APPROVED}` label: it turns "
    "into a listing only what a maintainer approved. A maintainer can read the edited answers and add "
    f"`{APPROVED}` again; the board then converts them (and updates its pull request, if it opened one).\n"
)
EDITED_PR_COMMENT = (
    "#{issue} was edited after it was approved. This pull request still holds the listing as it was approved, "
    f"not the edit. To take the edit, a maintainer adds `{APPROVED}` to the issue again and the board updates "
    "this pull request; until then, what you review here is what would be merged.\n"
)


def _pull_request_body(outcome: Outcome, text: str, issue: int, author: str) -> str:
    path = code_span(str(outcome.listing_path))
    return "\n".join([
        f"From the issue form: #{issue}, posted by {mention(author)} for {code_span(outcome.organization)}, "
        "whose maintainers include them.",
        "",
        f"This adds {path} exactly as the board converted the issue when a maintainer added the `{APPROVED}` "
        "label. Edits to the issue after that are not in it (an edit withdraws the approval). The whole file is "
        "below, as it will be merged; the **listings** check gives its verdict on it.",
        "",
        f"Closes #{issue}.",
        "",
        _code_block(text),
    ])


def _refusal(reasons: Sequence[str]) -> str:
    lines = ["The board could not turn this request into a listing yet:", ""]
    lines += [f"- {code_span(reason)}" for reason in reasons]
    lines += ["", f"Edit the issue to fix these; a maintainer can then add the `{APPROVED}` label again."]
    return "\n".join(lines) + "\n"


def _not_a_maintainer(outcome: Outcome, author: str) -> str:
    organization = code_span(outcome.organization)
    file = code_span(f"content/organizations/{outcome.organization}.yaml")
    maintainers = ", ".join(mention(handle) for handle in outcome.maintainers)
    return (
        f"{mention(author)} does not maintain {organization}, so the board cannot post this listing for it: only "
        f"the maintainers named in {file} on the default branch may post for an organization.\n\n"
        f"{maintainers}: if {mention(author)} should post for {organization}, add their handle to `maintainers` "
        f"in that file with a pull request; a board maintainer can then add the `{APPROVED}` label to this issue "
        "again. If not, nothing needs doing.\n"
    )


def internal_error(reason: str) -> Replies:
    """The reply when the conversion job failed or left an artifact that is not what it leaves."""
    return Replies("reply", comment=(
        f"The board could not handle this issue ({reason}), so nothing was posted and the `{APPROVED}` label was "
        f"removed. A maintainer can read what happened in {_run_link()} and add `{APPROVED}` again to retry.\n"))


def _run_link() -> str:
    server, repository, run = (os.environ.get(name, "") for name in
                               ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if (re.fullmatch(r"https://[A-Za-z0-9.-]+", server) and re.fullmatch(r"[\w.-]+/[\w.-]+", repository)
            and run.isdigit()):
        return f"the log of [this workflow run]({server}/{repository}/actions/runs/{run})"
    return "the log of this workflow run"


def _code_block(text: str) -> str:
    """``text`` as a fenced block no line of it can close: literal, whatever it holds."""
    shown = text if len(text) <= MAX_SHOWN_CHARACTERS else (
        text[:MAX_SHOWN_CHARACTERS] + "\n# … shortened here: the whole file is in this pull request's changes\n")
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICK_RUNS.findall(shown)), default=0))
    return f"{fence}yaml\n{shown.rstrip(chr(10))}\n{fence}\n"


def place_listing(text: str, checkout: Path, relative: PurePosixPath) -> Path:
    """Write the listing at ``relative`` in ``checkout``: a new regular file, inside the checkout's own
    ``content/opportunities`` (no link followed out of it), never over an existing file."""
    target = checkout / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if Path(os.path.realpath(target.parent)) != Path(os.path.realpath(checkout)).joinpath(*relative.parent.parts):
        raise HandoffError(f"{relative.parent} in the checkout is not a plain folder")
    try:
        with open(target, "x", encoding="utf-8", newline="") as file:
            file.write(text)
    except FileExistsError:
        raise HandoffError(f"{relative} already exists on the default branch") from None
    return target


def github_output(values: dict[str, str], path: Path) -> None:
    """Append step outputs for GitHub Actions ($GITHUB_OUTPUT), one ``name=value`` line each."""
    with path.open("a", encoding="utf-8") as file:
        for name, value in values.items():
            if "\n" in value or "\r" in value:
                raise ValueError(f"output {name} must be one line")
            file.write(f"{name}={value}\n")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    event = json.loads(arguments.event.read_text(encoding="utf-8"))
    issue, author = int(event["issue"]["number"]), str(event["issue"]["user"]["login"])
    outputs, status = {}, 0
    try:
        outcome, text = read_artifact(arguments.artifact, str(event.get("action")))
        if outcome.kind == LISTING:
            place_listing(text or "", arguments.into, outcome.listing_path)
            outputs = {"listing": str(outcome.listing_path), "id": outcome.listing_id}
        replies = replies_for(outcome, text, issue, author)
    except HandoffError as failure:
        print(f"error: {failure}", file=sys.stderr)
        replies, status = internal_error("the conversion job failed or left something unexpected"), 1
    outputs = {"action": replies.action, **outputs, "title": replies.pr_title}
    _write(arguments.replies, replies)
    if "GITHUB_OUTPUT" in os.environ:
        github_output(outputs, Path(os.environ["GITHUB_OUTPUT"]))
    print(f"{replies.action}: {outputs.get('listing', 'no listing')}" if status == 0 else replies.action)
    return status


def _write(folder: Path, replies: Replies) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("comment.md", replies.comment), ("pr-comment.md", replies.pr_comment),
                       ("pr-body.md", replies.pr_body)):
        if text:
            (folder / name).write_text(text, encoding="utf-8")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -S -m board.contribute.issue_replies",
                                     description="Check the converter's artifact and write what to post.")
    parser.add_argument("--event", type=Path, required=True, help="the issue event JSON ($GITHUB_EVENT_PATH)")
    parser.add_argument("--artifact", type=Path, required=True, help="the folder the converter's artifact is in")
    parser.add_argument("--replies", type=Path, required=True, help="where to write the Markdown to post")
    parser.add_argument("--into", type=Path, default=Path("."), help="the checkout to put the listing in")
    return parser


if __name__ == "__main__":
    sys.exit(main())
