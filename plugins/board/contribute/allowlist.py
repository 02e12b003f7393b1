"""What a pull request may touch, by role.

Anyone may change listing and organization data: ``content/opportunities/<id>.yaml``,
``content/organizations/<id>.yaml`` and organization logos ``content/logos/<name>.png|jpg|jpeg|webp``
(the ownership rule then decides whose). Everything else needs an owner of the path in CODEOWNERS.
Links and submodules are refused anywhere for everyone, and so are executable files in content/:
the board never follows a link, and content is data.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from board.contribute.codeowners import CodeOwners
from board.contribute.finding import REFUSED, Finding
from board.contribute.git_objects import EXECUTABLE, SUBMODULE, SYMLINK, Change
from board.contribute.inert import printable
from board.contribute.side import CONTENT
from board.read.content_dir import ID_LENGTH, ID_PATTERN

LISTING, ORGANIZATION, LOGO = "listing", "organization", "logo"
DATA_FOLDERS = {"opportunities": LISTING, "organizations": ORGANIZATION}
LOGO_EXTENSIONS = {"png", "jpg", "jpeg", "webp"}
CODEOWNERS_ONLY = "only maintainers listed in .github/CODEOWNERS may change {area}: " \
                  "this pull request may change listing and organization data only"


def data_kind(path: str) -> str | None:
    """``listing``, ``organization`` or ``logo`` for a data file's path, else None."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != CONTENT:
        return None
    stem, _, extension = parts[2].rpartition(".")
    if parts[1] in DATA_FOLDERS and extension == "yaml" and ID_PATTERN.fullmatch(stem) and len(stem) in ID_LENGTH:
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
    if parts[:2] == (CONTENT, "logos"):
        return f"'{name}' is not a logo: content/logos/ holds only organization logos named <name>.png, .jpg, " \
               ".jpeg or .webp (lowercase letters, digits and single hyphens); only maintainers listed in " \
               ".github/CODEOWNERS may add anything else"
    depth = 2 if parts[0] == CONTENT else 1
    area = "/".join(parts[:depth]) + "/…" if len(parts) > depth else path
    return CODEOWNERS_ONLY.format(area=printable(area))
