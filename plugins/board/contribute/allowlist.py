"""What a pull request may touch, by role.

Anyone may change listing and organization data: ``content/opportunities/<id>.yaml``,
``content/organizations/<id>.yaml``, organization logos ``content/logos/<name>.png|jpg|jpeg|webp``
and completions ``content/completions/<listing-id>/<id>.yaml`` (the ownership rule then decides
whose). Everything else needs an owner of the path in CODEOWNERS. Links and submodules are refused
anywhere for everyone, and so are executable files in content/: the board never follows a link,
and content is data.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from board.contribute.codeowners import CodeOwners
from board.contribute.finding import REFUSED, Finding
from board.contribute.git_objects import EXECUTABLE, SUBMODULE, SYMLINK, Change
from board.contribute.inert import printable
from board.contribute.side import CONTENT
from board.read.content_dir import ID_LENGTH, ID_PATTERN

LISTING, ORGANIZATION, LOGO, COMPLETION = "listing", "organization", "logo", "completion"
DATA_FOLDERS = {"opportunities": LISTING, "organizations": ORGANIZATION}
LOGO_EXTENSIONS = {"png", "jpg", "jpeg", "webp"}
CODEOWNERS_ONLY = "only maintainers listed in .github/CODEOWNERS may change {area}: " \
                  "this pull request may change listing and organization data only"


def _is_id(text: str) -> bool:
    return bool(ID_PATTERN.fullmatch(text)) and len(text) in ID_LENGTH


def data_kind(path: str) -> str | None:
    """``listing``, ``organization``, ``logo`` or ``completion`` for a data file's path, else None."""
    parts = path.split("/")
    if len(parts) == 4 and parts[:2] == [CONTENT, "completions"]:
        stem, _, extension = parts[3].rpartition(".")
        return COMPLETION if extension == "yaml" and _is_id(parts[2]) and _is_id(stem) else None
    if len(parts) != 3 or parts[0] != CONTENT:
        return None
    stem, _, extension = parts[2].rpartition(".")
    if parts[1] in DATA_FOLDERS and extension == "yaml" and _is_id(stem):
        return DATA_FOLDERS[parts[1]]
    if parts[1] == "logos" and extension in LOGO_EXTENSIONS and ID_PATTERN.fullmatch(stem):
        return LOGO
    return None


def refusal(change: Change, author: str, owners: CodeOwners) -> Finding | None:
    """Why ``author`` may not make this change at all, or None."""
    message = _never(change) or (None if owners.owns(author, change.path) else _not_data(change.path))
    return Finding(change.path, REFUSED, message) if message else None


def _never(change: Change) -> str | None:
    if change.mode == SYMLINK:
        return "is a symbolic link: links are refused anywhere in the repository, whoever opens the pull " \
               "request; commit the file itself"
    if change.mode == SUBMODULE:
        return "is a submodule: submodules are refused anywhere in the repository, whoever opens the pull request"
    if change.mode == EXECUTABLE and change.path.startswith(f"{CONTENT}/"):
        return "is an executable file: files under content/ are data (git mode 100644); " \
               "remove the executable bit with `git update-index --chmod=-x`"
    return None


def _not_data(path: str) -> str | None:
    if data_kind(path):
        return None
    parts = PurePosixPath(path).parts
    name = printable("/".join(parts[2:]))
    if parts[:2] in {(CONTENT, "opportunities"), (CONTENT, "organizations")}:
        return f"'{name}' is not a valid file name here: use <id>.yaml, where the id is 3-80 lowercase letters, " \
               "digits and single hyphens"
    if parts[:2] == (CONTENT, "completions"):
        return f"'{name}' is not a valid completion path: use completions/<listing-id>/<id>.yaml, where each id is " \
               "3-80 lowercase letters, digits and single hyphens (`make completion` writes it)"
    if parts[:2] == (CONTENT, "logos"):
        return f"'{name}' is not a logo: content/logos/ holds only organization logos named <name>.png, .jpg, " \
               ".jpeg or .webp (lowercase letters, digits and single hyphens); only maintainers listed in " \
               ".github/CODEOWNERS may add anything else"
    depth = 2 if parts[0] == CONTENT else 1
    area = "/".join(parts[:depth]) + "/…" if len(parts) > depth else path
    return CODEOWNERS_ONLY.format(area=printable(area))
