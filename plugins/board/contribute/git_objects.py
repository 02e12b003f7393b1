"""A pull request read from git's objects as data: nothing of its commits is checked out or run.

Paths come NUL-separated (``-z``), so a name holding a newline, a tab or a quote is read as the
name it is, and file contents come from ``git cat-file``, which never applies filters or textconv.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

REGULAR, EXECUTABLE, SYMLINK, SUBMODULE = "100644", "100755", "120000", "160000"
_UNSAFE_PARTS = {"", ".", ".."}


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, T type changed (a rename is a D and an A)
    path: str
    mode: str  # git's mode after the change: 100644 a file, 120000 a link, 000000 when deleted


@dataclass(frozen=True)
class Entry:
    mode: str
    kind: str  # blob, tree or commit (a submodule)
    object: str
    path: str


def is_commit(name: str) -> bool:
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], capture_output=True,
                            check=False)
    return result.returncode == 0


def changes(base: str, head: str) -> list[Change]:
    """What ``head`` changes since its merge base with ``base`` (what GitHub shows as the diff)."""
    fields = _git("diff", "--raw", "-z", "--no-renames", "--no-abbrev", f"{base}...{head}").split(b"\0")
    found = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if meta.startswith(b":"):  # ":old-mode new-mode old-id new-id status"
            _, new_mode, _, _, status = meta[1:].decode("ascii").split(" ")
            found.append(Change(status[0], _text(path), new_mode))
    return found


def read(commit: str, path: str) -> bytes | None:
    """The file's bytes at ``commit``, or None when there is no such file."""
    result = subprocess.run(["git", "cat-file", "blob", f"{commit}:{path}"], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def tree(commit: str, folder: str, recursive: bool = False) -> list[Entry]:
    """The entries under ``folder`` (a path ending in ``/``) at ``commit``."""
    listing = _git("ls-tree", "-z", *(["-r"] if recursive else []), commit, "--", folder)
    entries = []
    for line in filter(None, listing.split(b"\0")):
        meta, path = line.split(b"\t", 1)
        mode, kind, object_id = meta.decode("ascii").split(" ")
        entries.append(Entry(mode, kind, object_id, _text(path)))
    return entries


def files(commit: str, folder: str) -> dict[str, bytes]:
    """The regular files directly in ``folder`` at ``commit``, by path."""
    entries = [entry for entry in tree(commit, folder) if entry.mode == REGULAR]
    return dict(zip((entry.path for entry in entries), _blobs([entry.object for entry in entries]), strict=True))


def materialize(commit: str, folder: str, destination: Path) -> None:
    """Write the regular files (mode 100644) under ``folder`` at ``commit`` into ``destination``,
    at the same relative paths. Nothing else is written: no link, no executable, no submodule."""
    (destination / folder).mkdir(parents=True, exist_ok=True)
    entries = [entry for entry in tree(commit, f"{folder}/", recursive=True)
               if entry.mode == REGULAR and not _UNSAFE_PARTS & set(entry.path.split("/"))]
    for entry, data in zip(entries, _blobs([entry.object for entry in entries]), strict=True):
        target = destination.joinpath(*entry.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as file:  # never through anything already there
            file.write(data)


def _blobs(object_ids: list[str]) -> list[bytes]:
    """Many blobs' contents from one ``git cat-file --batch``, in order."""
    if not object_ids:
        return []
    output = _git("cat-file", "--batch", stdin="".join(f"{object_id}\n" for object_id in object_ids).encode())
    blobs, position = [], 0
    for _ in object_ids:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split(b" ")[2])
        blobs.append(output[header_end + 1:header_end + 1 + size])
        position = header_end + 1 + size + 1  # the contents end with a newline of git's
    return blobs


def _text(path: bytes) -> str:
    # Undecodable bytes survive as surrogates: shown escaped, and passed back to git unchanged.
    return path.decode("utf-8", "surrogateescape")


def _git(*arguments: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *arguments], capture_output=True, check=True, input=stdin).stdout
