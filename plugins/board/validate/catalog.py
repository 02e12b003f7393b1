"""Validate a whole content folder: every file, every problem, and the catalog of what passed."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BoardError, InternalError
from ..model import Catalog, Listing, Organization
from ..problems import Problem, error
from ..read import content_dir
from ..read.vocabulary import Vocabulary
from ..read.yaml_loader import Document, YamlError, load_yaml
from ..settings import BoardSettings
from .rules import ListingRules, check_logo
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
                     only: Collection[Path] | None = None) -> Result:
    """Check the vocabulary, every organization and every listing; collect all problems.
    With ``only``, the listings checked are just those files (a pull request's changes); the
    vocabulary and every organization are still checked, because listings depend on them."""
    result = Result(catalog=None)
    vocabulary = load_vocabulary(settings, result)
    if vocabulary is None:
        return result
    catalog = Catalog(vocabulary)
    organizations = _check_folder(settings.content / "organizations", SchemaChecker(
        load_schema(settings.schemas / "organization.schema.json")), result)
    for document in organizations:
        organization = Organization(document.path.stem, document)
        logo_problems = list(check_logo(organization, settings.content))
        result.problems.extend(logo_problems)
        if not logo_problems:
            catalog.organizations[organization.id] = organization
    listing_schema = with_categories(load_schema(settings.schemas / "opportunity.schema.json"),
                                     list(vocabulary.categories))
    broken = {path.stem for path in (settings.content / "organizations").glob("*.yaml")} - set(catalog.organizations)
    rules = ListingRules(settings, vocabulary, catalog.organizations, broken)
    chosen = None if only is None else [settings.content / "opportunities" / path.name for path in only]
    checker = SchemaChecker(listing_schema)
    listings = _check_folder(settings.content / "opportunities", checker, result, progress, chosen)
    for document in listings:
        with blame(document.path):
            problems = rules.check(document)
        result.problems.extend(problems)
        if not any(problem.is_error for problem in problems):
            organization = catalog.organizations[document.data["organization"]]
            catalog.listings[document.path.stem] = Listing(document.path.stem, document, organization)
    result.problems.sort()
    result.catalog = catalog
    return result


def load_vocabulary(settings: BoardSettings, result: Result) -> Vocabulary | None:
    """The vocabulary, or None with its problems added to ``result``."""
    checker = SchemaChecker(load_schema(settings.schemas / "vocabulary.schema.json"))
    document = _load_checked(settings.content / VOCABULARY_FILE, checker, result)
    return Vocabulary.from_data(document.data) if document else None


def _check_folder(folder: Path, checker: SchemaChecker, result: Result,
                  progress: Callable[[int, int], None] | None = None,
                  chosen: list[Path] | None = None) -> list[Document]:
    """Load and schema-check every file in ``folder`` (or the chosen ones); return the documents without errors."""
    files, problems = content_dir.scan(folder, chosen)
    result.problems.extend(problems)
    valid = []
    for index, path in enumerate(files, start=1):
        document = _load_checked(path, checker, result)
        if document:
            valid.append(document)
        if progress:
            progress(index, len(files))
    return valid


@contextmanager
def blame(path: Path) -> Iterator[None]:
    """Turn an unexpected failure while checking ``path`` into an InternalError naming it."""
    try:
        yield
    except (YamlError, BoardError):
        raise
    except Exception as failure:
        raise InternalError(path, failure) from failure


def _load_checked(path: Path, checker: SchemaChecker, result: Result) -> Document | None:
    result.files_checked += 1
    try:
        with blame(path):
            document = load_yaml(path)
    except YamlError as failure:
        where = (failure.position.line, failure.position.column)
        result.problems.append(error(path, where, "", failure.message, failure.hint))
        return None
    with blame(path):
        problems = [*checker.check(document), *text_problems(document)]
    result.problems.extend(problems)
    return None if problems else document
