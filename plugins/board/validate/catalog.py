"""Validate a whole content folder: every file, every problem, and the catalog of what passed."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from board.core.errors import blame
from board.core.model import Catalog, Completion, Data, Listing, Organization
from board.core.money import RATES_FILE, ExtraRates, ecb_currencies
from board.core.parallel import map_ordered
from board.core.problems import Problem, error
from board.core.settings import BoardSettings
from board.core.vocabulary import Vocabulary
from board.read import content_dir
from board.read.yaml_loader import Document, Path_, YamlError, load_yaml
from board.validate import completions, logos
from board.validate.pages import check_pages
from board.validate.rules import ListingRules
from board.validate.schema import SchemaChecker, load_schema, with_categories
from board.validate.text import text_problems

VOCABULARY_FILE = "vocabulary.yaml"


@dataclass
class Result:
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_content(settings: BoardSettings, progress: Callable[[int, int], None] | None = None,
                     only: Collection[Path] | None = None) -> Result:
    """Check the whole content folder (no links, no special files), the vocabulary, every
    organization and its logo, the logos folder, the pages and every listing; collect all problems.
    With ``only``, the listings checked are just those files (a pull request's changes); the rest
    is still checked, because listings depend on it and the build reads it."""
    result = Result(catalog=None)
    result.problems.extend(content_dir.unsafe_entries(settings.content))
    vocabulary = load_vocabulary(settings, result)
    if vocabulary is None:
        result.problems.sort()
        return result
    catalog = Catalog(vocabulary, extra_rates=_check_rates(settings, result))
    _check_organizations(settings, catalog, result)
    page_problems, pages_checked = check_pages(settings)
    result.problems.extend(page_problems)
    result.files_checked += pages_checked
    check_listing = partial(_check_with_rules, SchemaChecker(_listing_schema(settings, vocabulary)),
                            _listing_rules(settings, vocabulary, catalog))
    chosen = None if only is None else [settings.content / "opportunities" / path.name for path in only]
    for path, data in _check_folder(settings.content / "opportunities", check_listing, result, progress, chosen):
        organization = catalog.organizations[data["organization"]]
        catalog.listings[path.stem] = Listing(path.stem, data, organization)
    if only is None:  # completions depend on every listing; a check of some listings leaves them out
        _check_completions(settings, catalog, result)
    result.problems.sort()
    result.catalog = catalog
    return result


def check_listing(settings: BoardSettings, catalog: Catalog, path: Path) -> tuple[Listing | None, list[Problem]]:
    """One listing file checked against a catalog whose other files were checked before (the dev
    server's edit of a listing): the listing when it has no error, and its problems. Links and
    special files are ``content_dir.unsafe_entries``' to name."""
    files, problems = content_dir.scan(path.parent, [path])
    if problems or not files:
        return None, problems
    rules = _listing_rules(settings, catalog.vocabulary, catalog)
    document, problems = _check_with_rules(SchemaChecker(_listing_schema(settings, catalog.vocabulary)), rules, path)
    if document is None:
        return None, problems
    data = document.data
    return Listing(path.stem, data, catalog.organizations[data["organization"]]), problems


def check_completions(settings: BoardSettings, catalog: Catalog) -> list[Problem]:
    """The completion records' problems, against these listings."""
    result = Result(catalog=None)
    _check_completions(settings, catalog, result)
    return result.problems


def _check_completions(settings: BoardSettings, catalog: Catalog, result: Result) -> None:
    listing_ids = {path.stem for path in (settings.content / "opportunities").glob("*.yaml")}
    files, problems = completions.completion_files(settings.content / completions.FOLDER, listing_ids)
    result.problems.extend(problems)
    if not files:
        return
    checker = SchemaChecker(load_schema(settings.schemas / "completion.schema.json"))
    check = partial(_check_with_rules, checker, completions.CompletionRules(catalog.listings, settings.today()))
    for path, data in _check_folder(settings.content / completions.FOLDER, check, result, chosen=files):
        catalog.completions[path.stem] = Completion(path.stem, data, catalog.listings[path.parent.name])


def _check_organizations(settings: BoardSettings, catalog: Catalog, result: Result) -> None:
    checker = SchemaChecker(load_schema(settings.schemas / "organization.schema.json"))
    check = partial(_check_organization, checker, settings.content)
    for path, data in _check_folder(settings.content / "organizations", check, result):
        catalog.organizations[path.stem] = Organization(path.stem, data)
    result.problems.extend(logos.folder_problems(settings.content))


def _check_rates(settings: BoardSettings, result: Result) -> ExtraRates | None:
    """``content/rates.yaml``, when there is one: the board's rates for currencies the ECB lacks."""
    path = settings.content / RATES_FILE
    if not path.exists():
        return None
    checker = SchemaChecker(load_schema(settings.schemas / "rates.schema.json"))
    document, problems = _check_file(checker, path)
    result.files_checked += 1
    if document is not None:
        problems += _rates_problems(document)
    result.problems.extend(problems)
    if document is None or problems:
        return None
    data = document.data
    return ExtraRates(data["source"], date.fromisoformat(data["date"]), dict(data["per_euro"]))


def _rates_problems(document: Document) -> list[Problem]:
    """A real day, and no currency the ECB publishes (the board uses the ECB's rate for those)."""
    path, data = document.path, document.data
    problems = [error(path, _where(document, ("per_euro", code)), f"per_euro.{code}",
                      f"the European Central Bank already publishes {code}; the board uses the ECB's rate",
                      f"remove {code} from {RATES_FILE}") for code in sorted(set(data["per_euro"]) & ecb_currencies())]
    try:
        date.fromisoformat(data["date"])
    except ValueError:
        problems.append(error(path, _where(document, ("date",)), "date",
                              f"'{data['date']}' is not a day of the calendar",
                              "write the day the rates are from as YYYY-MM-DD"))
    return problems


def _where(document: Document, field: Path_) -> tuple[int, int]:
    position = document.position(field, key=True)
    return position.line, position.column


def load_vocabulary(settings: BoardSettings, result: Result) -> Vocabulary | None:
    """The vocabulary, or None with its problems added to ``result``."""
    checker = SchemaChecker(load_schema(settings.schemas / "vocabulary.schema.json"))
    document, problems = _check_file(checker, settings.content / VOCABULARY_FILE)
    result.files_checked += 1
    result.problems.extend(problems)
    return Vocabulary.from_data(document.data) if document else None


def _listing_schema(settings: BoardSettings, vocabulary: Vocabulary) -> dict[str, Any]:
    return with_categories(load_schema(settings.schemas / "opportunity.schema.json"), list(vocabulary.categories))


def _listing_rules(settings: BoardSettings, vocabulary: Vocabulary, catalog: Catalog) -> ListingRules:
    broken = {path.stem for path in (settings.content / "organizations").glob("*.yaml")} - set(catalog.organizations)
    return ListingRules(settings, vocabulary, catalog.organizations, broken)


Check = Callable[[Path], tuple[Document | None, list[Problem]]]
Checked = tuple[Path, Data]  # a file that passed, and its values


def _check_folder(folder: Path, check: Check, result: Result, progress: Callable[[int, int], None] | None = None,
                  chosen: list[Path] | None = None) -> list[Checked]:
    """Check every file in ``folder`` (or the chosen ones); return those without errors."""
    files, problems = content_dir.scan(folder, chosen)
    result.problems.extend(problems)
    valid = []
    for index, (checked, problems) in enumerate(map_ordered(partial(_checked, check), files), start=1):
        result.files_checked += 1
        result.problems.extend(problems)
        if checked:
            valid.append(checked)
        if progress:
            progress(index, len(files))
    return valid


def _checked(check: Check, path: Path) -> tuple[Checked | None, list[Problem]]:
    """What a worker sends back: the values, without the positions that served the messages."""
    document, problems = check(path)
    return ((document.path, document.data) if document else None), problems


def _check_file(checker: SchemaChecker, path: Path) -> tuple[Document | None, list[Problem]]:
    """Load and schema-check one file: its document when it has no problems, and its problems."""
    document, problems, _ = _load_and_check(checker, path)
    return (None if problems else document), problems


def _load_and_check(checker: SchemaChecker, path: Path) -> tuple[Document | None, list[Problem], set[Path_]]:
    """The loaded document (None when it cannot be loaded), its schema and text problems, and the
    paths of the values the schema refused."""
    try:
        with blame(path):
            document = load_yaml(path)
    except YamlError as failure:
        where = (failure.position.line, failure.position.column)
        return None, [error(path, where, failure.field, failure.message, failure.hint)], set()
    with blame(path):
        findings = checker.findings(document)
        problems = [*(problem for _, problem in findings), *text_problems(document)]
    return document, problems, {field for field, _ in findings}


def _check_organization(checker: SchemaChecker, content: Path, path: Path) -> tuple[Document | None, list[Problem]]:
    """An organization's logo, when it names one, is a sound image too."""
    document, problems = _check_file(checker, path)
    if document is None:
        return None, problems
    with blame(path):
        problems = list(logos.logo_problems(document, content))
    return (None if problems else document), problems


def _check_with_rules(checker: SchemaChecker, rules: ListingRules | completions.CompletionRules,
                      path: Path) -> tuple[Document | None, list[Problem]]:
    """A listing (or completion) also meets the board's rules, which run on the fields the schema
    accepted, so one run reports every problem; warnings keep a file on the board, errors do not."""
    document, problems, broken = _load_and_check(checker, path)
    if document is None:
        return None, problems
    with blame(path):
        problems = sorted([*problems, *rules.check(document, broken)])
    return (None if any(problem.is_error for problem in problems) else document), problems
