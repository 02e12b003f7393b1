"""A real board repository for pull-request tests: a base commit on ``main``, and pull requests as
commits on their own branch, checked by ``python -m board check-pr`` run from the base checkout,
exactly as the trusted workflow runs it (the pull request's commit is only objects)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import CONTENT, EXAMPLES, ROOT, make_content

LISTING = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text()
CODEOWNERS = "# Board maintainers\n* @Board-Keeper @second-keeper\n"
COMMITTER = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


@dataclass(frozen=True)
class Link:
    """A symbolic link to commit, pointing at ``target``."""

    target: str


@dataclass(frozen=True)
class Executable:
    text: str


File = str | bytes | Link | Executable | None  # None deletes the file


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *COMMITTER, *arguments], check=True, capture_output=True,
                          text=True).stdout


def make_repo(folder: Path, with_plugins: bool = False, codeowners: str = CODEOWNERS) -> Path:
    """The base commit: two example organizations plus Kilimo Pay (with its logo), one listing,
    CODEOWNERS and pelicanconf.py; with ``with_plugins``, a copy of the board's own code too."""
    organizations = folder / "organizations"
    shutil.copytree(EXAMPLES / "organizations", organizations)
    shutil.copy(CONTENT / "organizations" / "kilimo-pay.yaml", organizations)
    repo = folder / "board"
    make_content(repo, {"acme-market-research.yaml": LISTING}, organizations)
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text(codeowners)
    (repo / "pelicanconf.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    if with_plugins:
        shutil.copytree(ROOT / "plugins", repo / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "schemas", repo / "schemas")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


def propose(repo: Path, files: dict[str, File], branch: str = "pull") -> str:
    """Commit ``files`` on ``branch`` (from main), then return the work tree to main. Returns the commit."""
    git(repo, "switch", "-q", "-C", branch, "main")
    for name, content in files.items():
        _write(repo / name, content)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "pull request", "--allow-empty")
    commit = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "switch", "-q", "--discard-changes", "main")
    return commit


def check_pr(repo: Path, author: str, head: str = "pull", plugins: Path = ROOT / "plugins",
             extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m board check-pr`` in the repository's work tree (the base), with ``plugins`` as its code,
    outside GitHub Actions unless ``env`` says otherwise."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment |= {"PYTHONPATH": str(plugins), **(env or {})}
    return subprocess.run([sys.executable, "-m", "board", "check-pr", "--base", "main",
                           "--head", head, "--author", author, *extra], cwd=repo, env=environment,
                          capture_output=True, text=True, timeout=120)


def refusals(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": refused: " in line]


def reviews(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": review: " in line]


def _write(path: Path, content: File) -> None:
    if content is None:
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.exists():
        path.unlink()
    if isinstance(content, Link):
        os.symlink(content.target, path)
    elif isinstance(content, Executable):
        path.write_text(content.text)
        path.chmod(0o755)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
