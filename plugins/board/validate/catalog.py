"""Validate a whole content folder: every file, every problem, and the catalog of what passed."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import BoardError, InternalError
from ..model import Catalog, Listing, Organization
from ..problems import Problem, error
from ..read import content_dir
from ..read.vocabulary import Vocabulary
from ..read.yaml_loader import Document, Path_, YamlError, load_yaml
from ..settings import BoardSettings
from . import logos
from .pages import check_pages
from .parallel import check_all
from .rules import ListingRules
from .schema import SchemaChecker, load_schema, with_categories
from .text import text_problems

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
                     only: Collection[Path] | None = None, prepare: Prepare | None = None) -> Result:
    """Check the whole content folder (no links, no special files), the vocabulary, every
    organization and its logo, the logos folder, the pages and every listing; collect all problems.
    With ``only``, the listings checked are just those files (a pull request's changes); the rest
    is still checked, because listings depend on it and the build reads it.
    With ``prepare``, each valid listing is also prepared for the build where it was checked
    (on every core for a large folder), into ``catalog.prepared``."""
    result = Result(catalog=None)
    result.problems.extend(content_dir.unsafe_entries(settings.content))
    vocabulary = load_vocabulary(settings, result)
    if vocabulary is None:
        result.problems.sort()
        return result
    catalog = Catalog(vocabulary)
    organization_checker = SchemaChecker(load_schema(settings.schemas / "organization.schema.json"))
    for document in _check_folder(settings.content / "organizations", partial(_check_file, organization_checker),
                                  result):
        organization = Organization(document.path.stem, document)
        logo_problems = list(logos.logo_problems(organization, settings.content))
        result.problems.extend(logo_problems)
        if not logo_problems:
            catalog.organizations[organization.id] = organization
    result.problems.extend(logos.folder_problems(settings.content))
    page_problems, pages_checked = check_pages(settings)
    result.problems.extend(page_problems)
    result.files_checked += pages_checked
    check_listing = partial(_check_listing, SchemaChecker(_listing_schema(settings, vocabulary)),
                            _listing_rules(settings, vocabulary, catalog), partial(_prepare, catalog, prepare))
    chosen = None if only is None else [settings.content / "opportunities" / path.name for path in only]
    for document in _check_folder(settings.content / "opportunities", check_listing, result, progress, chosen):
        organization = catalog.organizations[document.data["organization"]]
        catalog.listings[document.path.stem] = Listing(document.path.stem, document, organization)
        if prepare:
            catalog.prepared[document.path.stem] = document.prepared
    result.problems.sort()
    result.catalog = catalog
    return result


def load_vocabulary(settings: BoardSettings, result: Result) -> Vocabulary | None:
    """The vocabulary, or None with its problems added to ``result``."""
    checker = SchemaChecker(load_schema(settings.schemas / "vocabulary.schema.json"))
    document, problems = _check_file(checker, settings.content / VOCABULARY_FILE)
    result.files_checked += 1
    result.problems.extend(problems)
    return Vocabulary.from_data(document.data) if document else None


def _listing_schema(settings: BoardSettings, vocabulary: Vocabulary) -> dict:
    return with_categories(load_schema(settings.schemas / "opportunity.schema.json"), list(vocabulary.categories))


def _listing_rules(settings: BoardSettings, vocabulary: Vocabulary, catalog: Catalog) -> ListingRules:
    broken = {path.stem for path in (settings.content / "organizations").glob("*.yaml")} - set(catalog.organizations)
    return ListingRules(settings, vocabulary, catalog.organizations, broken)


Check = Callable[[Path], tuple[Document | None, list[Problem]]]
Prepare = Callable[[Listing, Vocabulary], Any]


def _check_folder(folder: Path, check: Check, result: Result, progress: Callable[[int, int], None] | None = None,
                  chosen: list[Path] | None = None) -> list[Document]:
    """Check every file in ``folder`` (or the chosen ones); return the documents without errors."""
    files, problems = content_dir.scan(folder, chosen)
    result.problems.extend(problems)
    valid = []
    for index, (document, problems) in enumerate(check_all(check, files, _without_positions), start=1):
        result.files_checked += 1
        result.problems.extend(problems)
        if document:
            valid.append(document)
        if progress:
            progress(index, len(files))
    return valid


def _without_positions(outcome: tuple[Document | None, list[Problem]]) -> tuple[Document | None, list[Problem]]:
    """What a worker sends back: position tables serve error messages, which are already made."""
    document, problems = outcome
    return (Document(document.path, document.data, prepared=document.prepared) if document else None), problems


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


def _check_listing(checker: SchemaChecker, rules: ListingRules, prepare: Callable[[Document], Any],
                   path: Path) -> tuple[Document | None, list[Problem]]:
    """A listing also meets the board's rules, which run on the fields the schema accepted, so one
    run reports every problem; warnings keep a listing on the board, errors do not."""
    document, problems, broken = _load_and_check(checker, path)
    if document is None:
        return None, problems
    with blame(path):
        problems = sorted([*problems, *rules.check(document, broken)])
    if any(problem.is_error for problem in problems):
        return None, problems
    with blame(path):
        document.prepared = prepare(document)
    return document, problems


def _prepare(catalog: Catalog, prepare: Prepare | None, document: Document) -> Any:
    if prepare is None:
        return None
    organization = catalog.organizations[document.data["organization"]]
    return prepare(Listing(document.path.stem, document, organization), catalog.vocabulary)


@contextmanager
def blame(path: Path) -> Iterator[None]:
    """Turn an unexpected failure while checking ``path`` into an InternalError naming it."""
    try:
        yield
    except (YamlError, BoardError):
        raise
    except Exception as failure:
        raise InternalError(path, failure) from failure
