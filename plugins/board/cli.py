"""The board's command line: ``python -m board <command>``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from board.contribute import samples
from board.contribute.completion import OPTIONAL, PROMPTS, new_completion
from board.contribute.from_issue import outcome_of_event
from board.contribute.new import LISTING_QUESTIONS, ORGANIZATION_QUESTIONS, NewListingError, flag_name, new_listing
from board.contribute.pull_request import check_pull_request
from board.contribute.reminder_issues import reminder_for, to_json
from board.contribute.reminders import due_listings
from board.core.errors import InternalError, SettingsError
from board.core.settings import BoardSettings
from board.reach.announcements import plan
from board.reach.digest import write_issue
from board.render.digest import Week
from board.render.prepared import ListingPreparer
from board.validate import report
from board.validate.catalog import Result, load_vocabulary, validate_content
from board.validate.schema import load_schema, with_categories

EXIT_OK, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 3  # argparse exits 2 on a usage error
BUG_REPORT = "This is a bug in the board, not in your content; please report it with the file attached."


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        status: int = arguments.run(arguments)
        return status
    except InternalError as failure:
        print(f"{failure}\n{BUG_REPORT}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as failure:  # the last line of defence, reported as such
        print(f"internal error: {type(failure).__name__}: {failure}\n{BUG_REPORT}", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m board", description="Tools for a micro-internship board.")
    parser.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"),
                        help="Pelican settings file to read the board's settings from (default: %(default)s)")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for add_command in (_add_validate, _add_new, _add_completion, _add_check_pr, _add_from_issue, _add_reminders,
                        _add_schema, _add_shift_dates, _add_serve, _add_digest, _add_announcements):
        add_command(commands)
    return parser


def _add_validate(commands: Any) -> None:
    check = commands.add_parser(
        "validate", help="check every listing and organization",
        description="Check the vocabulary, every organization and every listing, and print all problems, "
                    "one per line (file:line:column: severity: field: message). Exits 1 when there is any "
                    "error, 3 on an internal error. Under GitHub Actions it also prints annotations.",
    )
    check.add_argument("--quiet", action="store_true", help="print errors and warnings only, no summary")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE",
                       help="check only these listing files, e.g. a pull request's changes (the vocabulary and "
                            "every organization are checked too, since listings depend on them); default: all")
    check.set_defaults(run=_validate)


def _add_new(commands: Any) -> None:
    new = commands.add_parser(
        "new", help="write a new, commented listing file (and its organization's file when new)",
        description="Ask a few questions (or take them as flags) and write content/opportunities/<id>.yaml, "
                    "commented field by field, plus content/organizations/<org>.yaml when the organization is "
                    "new. Each answer is checked as you give it. Without a terminal every answer must be a flag.",
    )
    new.add_argument("--id", help="the listing's permanent id (default: from organization and title)")
    new.add_argument("--description", help="the Markdown brief (default: a skeleton to fill in)")
    new.add_argument("--no-input", action="store_true", help="never ask; fail when a flag is missing")
    for question in LISTING_QUESTIONS:
        new.add_argument(f"--{flag_name(question.key)}", metavar="TEXT", help=question.prompt)
    for question in ORGANIZATION_QUESTIONS:
        new.add_argument(f"--org-{flag_name(question.key)}", metavar="TEXT",
                         help=f"new organization: {question.prompt}")
    new.set_defaults(run=_new)


def _add_completion(commands: Any) -> None:
    completion = commands.add_parser(
        "completion", help="record a finished project: a completion file with the student's hashed email",
        description="Ask for the listing, the student's email address and the facts of the project (or take them "
                    "as flags), and write content/completions/<listing>/<id>.yaml. The address is trimmed, "
                    "lowercased and hashed with a new random salt; only the hash and the salt are written. "
                    "Without a terminal every answer must be a flag.",
    )
    completion.add_argument("--listing", help="the listing's id (its file name in content/opportunities/)")
    completion.add_argument("--email", help="the student's email address (better typed at the prompt: a flag "
                                            "stays in your shell's history)")
    completion.add_argument("--id", help="the completion's permanent id (default: 12 random hex digits)")
    completion.add_argument("--issued", help="the day the record is issued, YYYY-MM-DD (default: today)")
    completion.add_argument("--paid-currency", help="the currency paid in (default: the listing's)")
    completion.add_argument("--no-input", action="store_true", help="never ask; fail when a flag is missing")
    prompts = PROMPTS | {question.key: question.prompt for question in OPTIONAL}
    for key, prompt in prompts.items():
        completion.add_argument(f"--{flag_name(key)}", metavar="TEXT", help=prompt)
    completion.set_defaults(run=_completion)


def _add_check_pr(commands: Any) -> None:
    pull = commands.add_parser(
        "check-pr", help="the verdict on a pull request: what it may change, whose data, and is it valid",
        description="Read the pull request from git objects as data (the paths HEAD changes since its merge base "
                    "with BASE, and HEAD's content/ tree, regular files only), validate that content with this "
                    "installed board's code and settings, check that the author may make each change "
                    "(.github/CODEOWNERS, organization maintainers), flag organizations that could pass for "
                    "another, and write a Markdown job summary. Nothing of HEAD is checked out or run. "
                    "Exits 1 on any error or refused change.",
    )
    pull.add_argument("--base", required=True, help="the commit the pull request is compared against")
    pull.add_argument("--head", required=True, help="the pull request's commit (fetched, never checked out)")
    pull.add_argument("--author", required=True, help="the pull request author's GitHub login")
    pull.add_argument("--summary", type=Path, help="append the Markdown summary to this file ($GITHUB_STEP_SUMMARY)")
    pull.add_argument("--outcome", type=Path, help="append errors=N, refused=N and review=N lines to this file "
                                                   "($GITHUB_OUTPUT), for the commit status")
    pull.set_defaults(run=lambda arguments: check_pull_request(
        _settings(arguments), arguments.base, arguments.head, arguments.author, arguments.summary, arguments.outcome))


def _add_from_issue(commands: Any) -> None:
    issue = commands.add_parser(
        "from-issue", help="decide what an issue event from the 'Post an opportunity' form calls for",
        description="Read a GitHub issue event (labeled or edited). An issue labelled 'approved' whose author "
                    "maintains the organization it names becomes a listing file, checked like `new`; otherwise "
                    "the outcome says why not. An approved issue edited afterwards loses its approval. Writes "
                    "the outcome (outcome.json, and the listing file) into OUT for the job that may post it "
                    "(python3 -S -m board.contribute.issue_replies). Exits 0 whatever the outcome.",
    )
    issue.add_argument("--event", type=Path, required=True, help="the event JSON ($GITHUB_EVENT_PATH)")
    issue.add_argument("--out", type=Path, default=Path("from-issue"),
                       help="the empty folder to write the outcome into (default: %(default)s)")
    issue.set_defaults(run=_from_issue)


def _add_reminders(commands: Any) -> None:
    remind = commands.add_parser(
        "reminders", help="list the deadline reminders due for organization maintainers",
        description="Find open listings whose deadline is at most DAYS days away and print the reminder for each. "
                    "With --out, also write them as JSON for the job that opens the issues "
                    "(python3 -S -m board.contribute.reminder_issues FILE --send), which installs nothing.",
    )
    remind.add_argument("--days", type=int, default=7, help="how many days ahead to look (default: %(default)s)")
    remind.add_argument("--out", type=Path, help="write the due listings to this JSON file")
    remind.set_defaults(run=_reminders)


def _add_schema(commands: Any) -> None:
    schema = commands.add_parser(
        "schema", help="refresh the schema's category list from content/vocabulary.yaml",
        description="Write the categories of content/vocabulary.yaml into the category enum of "
                    "schemas/opportunity.schema.json, so editors autocomplete them. Validation always "
                    "uses the vocabulary itself; a test fails when the two disagree.",
    )
    schema.set_defaults(run=_refresh_schema)


def _add_shift_dates(commands: Any) -> None:
    shift = commands.add_parser(
        "shift-dates", help="move the sample listings' dates so the newest is posted today",
        description="Rewrite posted, apply_by and start in every listing by the same number of days, so "
                    "that the newest listing is posted today (SOURCE_DATE_EPOCH when set). Keeps the "
                    "files' comments and layout. Meant for the sample content of a fresh clone.",
    )
    shift.add_argument("--to", type=_date, help="the day the newest listing should be posted (YYYY-MM-DD)")
    shift.set_defaults(run=_shift_dates)


def _add_serve(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="serve the built site locally, with Access-Control-Allow-Origin: * like GitHub Pages",
        description="Serve OUTPUT at http://localhost:PORT/ on the loopback address, adding "
                    "Access-Control-Allow-Origin: * to every response so a page on another origin can use the "
                    "widget and the API. With --autoreload, the site is built, then rebuilt whenever content, theme, "
                    "schemas or settings change: an edit to listings alone is served within seconds (its pages, "
                    "lists and feeds), and a full build follows in the background; changes to plugins/ need a restart.",
    )
    serve.add_argument("--output", type=Path, default=Path("output"), help="the built site (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: %(default)s)")
    serve.add_argument("--autoreload", action="store_true", help="rebuild on every change (make devserver)")
    serve.set_defaults(run=_serve)


def _add_digest(commands: Any) -> None:
    digest = commands.add_parser(
        "digest", help="write the weekly digest of new listings, ready to send by email",
        description="Write the issue of the last finished week (Monday to Sunday, or --week): the open listings "
                    "posted that week, as an email-ready HTML part and a plain-text part, for the whole board and "
                    "for each category with listings, plus digest.json for the job that sends it "
                    "(python3 -S -m board.reach.mail). A week with no open listing writes nothing.",
    )
    digest.add_argument("--out", type=Path, default=Path("digest"), help="the folder to write the issue into "
                                                                          "(default: %(default)s)")
    digest.add_argument("--week", type=_week, help="the week to write, like 2026-w48 (default: the last finished one)")
    digest.add_argument("--outcome", type=Path, help="append issue=<id> (empty when there is none) to this file "
                                                     "($GITHUB_OUTPUT)")
    digest.set_defaults(run=_digest)


def _add_announcements(commands: Any) -> None:
    announce = commands.add_parser(
        "announcements", help="list the listings a deploy makes new, worded for Discord, Slack and Mastodon",
        description="Compare the API just built (--current) with the one the live site served before deploying "
                    "(--previous) and write the open listings that are new, at most 10 (the rest summed up), for "
                    "the job that posts them (python3 -S -m board.reach.chat). When --previous is missing, "
                    "nothing is announced: every listing would look new.",
    )
    announce.add_argument("--current", type=Path, default=Path("output/api/v1/opportunities.json"),
                          help="the new site's opportunities.json (default: %(default)s)")
    announce.add_argument("--previous", type=Path, help="the live site's opportunities.json, fetched before deploying")
    announce.add_argument("--out", type=Path, required=True, help="the plan to write (JSON)")
    announce.set_defaults(run=_announcements)


def _settings(arguments: argparse.Namespace) -> BoardSettings:
    from pelican.settings import read_settings

    if not arguments.settings.is_file():
        raise SystemExit(f"error: settings file {arguments.settings} not found (use --settings)")
    try:
        return BoardSettings.from_pelican(read_settings(str(arguments.settings)))
    except (SettingsError, ValueError) as failure:  # Pelican raises ValueError for its own settings
        raise SystemExit(f"error: {arguments.settings}: {failure}") from None


def _validate(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    _check_listing_files(arguments.files, settings.content / "opportunities")
    result = validate_content(settings, only=arguments.files or None)
    root = Path.cwd()
    for problem in result.problems:
        print(report.as_text(problem, root))
    if report.in_github_actions():
        for problem in result.problems:
            print(report.as_annotation(problem, root))
    if not arguments.quiet:
        print(report.summary_line(result.problems, result.files_checked), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def _check_listing_files(files: list[Path], folder: Path) -> None:
    for path in files:
        if path.resolve().parent != folder.resolve():
            raise SystemExit(f"error: {path} is not a listing file in {folder}/")
        if not path.is_file():
            raise SystemExit(f"error: {path} does not exist")


def _new(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    flags = {key.replace("_", "-"): value for key, value in vars(arguments).items() if isinstance(value, str)}
    given = {question.key: flags[flag_name(question.key)] for question in LISTING_QUESTIONS
             if flag_name(question.key) in flags}
    given |= {f"org-{question.key}": flags[f"org-{flag_name(question.key)}"] for question in ORGANIZATION_QUESTIONS
              if f"org-{flag_name(question.key)}" in flags}
    given |= {key: flags[key] for key in ("id", "description") if key in flags}
    interactive = sys.stdin.isatty() and not arguments.no_input
    schemas = {name: load_schema(settings.schemas / f"{name}.schema.json") for name in ("opportunity", "organization")}
    try:
        written = new_listing(settings.content, schemas, given, _ask if interactive else None, settings.today())
    except NewListingError as failure:
        print(f"error: {failure}", file=sys.stderr)
        return EXIT_INVALID
    for path in written:
        print(f"Wrote {path}")
    result = validate_content(settings)
    problems = [problem for problem in result.problems if problem.file in written]
    for problem in problems:
        print(report.as_text(problem, Path.cwd()))
    print("Fill in the description, then run `make validate`." if not problems else "Fix the problems above.")
    return EXIT_INVALID if any(problem.is_error for problem in problems) else EXIT_OK


def _completion(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    flags = {key.replace("_", "-"): value for key, value in vars(arguments).items() if isinstance(value, str)}
    keys = [*PROMPTS, *(question.key for question in OPTIONAL), "email", "id", "issued", "paid.currency"]
    given = {key: flags[flag_name(key)] for key in keys if flag_name(key) in flags}
    interactive = sys.stdin.isatty() and not arguments.no_input
    catalog = validate_content(settings).catalog
    listings = catalog.listings if catalog else {}
    listing_id = flags.get("listing") or (_ask("Listing id (its file name without .yaml)", "") if interactive else "")
    if listing_id not in listings:
        print(f"error: no valid listing {listing_id!r} in {settings.content / 'opportunities'}/ (--listing)",
              file=sys.stderr)
        return EXIT_INVALID
    schema = load_schema(settings.schemas / "completion.schema.json")
    try:
        written = new_completion(settings.content, schema, listings[listing_id], given,
                                 _ask if interactive else None, settings.today())
    except NewListingError as failure:  # NewCompletionError, or a flag collect() refused
        print(f"error: {failure}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote {written} (the email address itself is not in it)")
    problems = [problem for problem in validate_content(settings).problems if problem.file == written]
    for problem in problems:
        print(report.as_text(problem, Path.cwd()))
    print("Commit it and open a pull request." if not problems else "Fix the problems above.")
    return EXIT_INVALID if any(problem.is_error for problem in problems) else EXIT_OK


def _ask(prompt: str, help_text: str) -> str:
    if help_text:
        print(f"  ({help_text})")
    return input(f"{prompt}: ")


def _from_issue(arguments: argparse.Namespace) -> int:
    if arguments.out.exists() and any(arguments.out.iterdir()):
        print(f"error: {arguments.out} is not empty; give --out a new or empty folder", file=sys.stderr)
        return EXIT_INVALID
    outcome = outcome_of_event(_settings(arguments), arguments.event, arguments.out)
    listing = f" {outcome.listing_path}" if outcome.listing_id else ""
    print(f"{outcome.kind}{listing} (written to {arguments.out}/)")
    return EXIT_OK


def _reminders(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    result = validate_content(settings)
    if result.catalog is None:
        return EXIT_INVALID
    due = due_listings(result.catalog, settings.today(), arguments.days, settings.max_window_days)
    for reminder in map(reminder_for, due):
        print(f"## {reminder.title}\n\n{reminder.body}")
    if arguments.out:
        arguments.out.parent.mkdir(parents=True, exist_ok=True)
        arguments.out.write_text(to_json(due), encoding="utf-8")
    print(f"{len(due)} reminder(s).", file=sys.stderr)
    return EXIT_OK


def _refresh_schema(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    result = Result(catalog=None)
    vocabulary = load_vocabulary(settings, result)
    if vocabulary is None:
        for problem in result.problems:
            print(report.as_text(problem, Path.cwd()), file=sys.stderr)
        return EXIT_INVALID
    path = settings.schemas / "opportunity.schema.json"
    updated = with_categories(load_schema(path), list(vocabulary.categories))
    path.write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {len(vocabulary.categories)} categories to {path}.")
    return EXIT_OK


def _shift_dates(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    target = arguments.to or settings.today()
    days, changed = samples.shift_dates(settings.content / "opportunities", target)
    records = samples.shift_completion_dates(settings.content / "completions", days)
    print(f"Moved dates by {days:+d} day(s) in {changed} listing(s) and {records} completion(s); "
          f"the newest listing is now posted {target}.")
    return EXIT_OK


def _digest(arguments: argparse.Namespace) -> int:
    from pelican.settings import read_settings

    settings = _settings(arguments)
    result = validate_content(settings)
    if result.catalog is None or not result.ok:
        for problem in result.problems:
            print(report.as_text(problem, Path.cwd()), file=sys.stderr)
        return EXIT_INVALID
    today = settings.today()
    week = arguments.week or Week.of(today).before
    if week.sunday >= today:
        print(f"error: week {week.id} is not over yet (it ends {week.sunday}); an issue covers a finished week",
              file=sys.stderr)
        return EXIT_INVALID
    article_url = read_settings(str(arguments.settings))["ARTICLE_URL"]
    preparer = ListingPreparer(result.catalog, settings, today,
                               lambda listing_id: settings.absolute(article_url.format(slug=listing_id)))
    written = write_issue(week, preparer.prepare_all(result.catalog.listings.values()).values(), settings,
                          arguments.out)
    if written is None:
        print(f"No open listing was posted in week {week.id} ({week.monday} to {week.sunday}): no issue, "
              "nothing to send.")
    else:
        print(f"Wrote issue {written.issue.id} ({len(written.issue.listings)} listings; editions: "
              f"{', '.join(written.editions)}) to {written.folder}/")
    if arguments.outcome:
        with arguments.outcome.open("a", encoding="utf-8") as outcome:
            outcome.write(f"issue={written.issue.id if written else ''}\n")
    return EXIT_OK


def _announcements(arguments: argparse.Namespace) -> int:
    settings = _settings(arguments)
    if not arguments.current.is_file():
        print(f"error: {arguments.current} does not exist: build the site first (make publish)", file=sys.stderr)
        return EXIT_INVALID
    made = plan(arguments.current, arguments.previous, settings.absolute(""), settings.locale)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(made.to_json(), encoding="utf-8")
    if made.announcements:
        more = f", and {made.more} more summed up" if made.more else ""
        print(f"{len(made.announcements)} new listing(s) to announce{more}: "
              f"{', '.join(item.id for item in made.announcements)}")
    else:
        print(f"Nothing to announce: {made.reason}.")
    return EXIT_OK


def _week(text: str) -> Week:
    try:
        return Week.parse(text)
    except ValueError as failure:
        raise argparse.ArgumentTypeError(str(failure)) from None


def _serve(arguments: argparse.Namespace) -> int:
    from board.site.dev_server import serve  # Pelican is imported only for the commands that need it

    builds = None
    if arguments.autoreload:
        from board.site.dev_builds import DevBuilds
        builds = DevBuilds(arguments.settings, arguments.output)
    arguments.output.mkdir(parents=True, exist_ok=True)
    serve(arguments.output, arguments.port, builds)
    return EXIT_OK


def _date(text: str) -> date:

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
