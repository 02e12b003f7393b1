"""Attacks on the pull-request check, each reproduced for real and refused with its exact message.

Every test builds a real git repository (the base on ``main``), commits the attacker's changes on
a branch, and runs ``python -m board check-pr`` from the base's work tree, as the trusted
workflow does. The author is a real maintainer of Acme Analytics, so only the attack is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pr_repo import LISTING, Executable, Link, check_pr, git, make_repo, propose, refusals, reviews

MAINTAINER = "acme-octo"
CODEOWNERS_ONLY = "only maintainers listed in .github/CODEOWNERS may change {}: " \
                  "this pull request may change listing and organization data only"
NOT_A_LOGO = "'{}' is not a logo: content/logos/ holds only organization logos named <name>.png, .jpg, .jpeg or " \
             ".webp (lowercase letters, digits and single hyphens); only maintainers listed in .github/CODEOWNERS " \
             "may add anything else"
LINK = "is a symbolic link: links are refused anywhere in the repository, whoever opens the pull request; " \
       "commit the file itself"
BAD_NAME = "'{}' is not a valid file name here: use <id>.yaml, where the id is 3-80 lowercase letters, digits and " \
           "single hyphens"
IMPERSONATION = "a maintainer must check this is not an impersonation"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_a_page_with_a_script_and_the_script_in_logos_are_refused(repo: Path) -> None:
    propose(repo, {"content/pages/partners.md": 'Title: Partners\n\n<script src="../logos/x.js"></script>\n',
                   "content/logos/x.js": "alert(document.domain)\n",
                   "content/logos/evil.html": "<script>alert(1)</script>\n"})
    result = check_pr(repo, MAINTAINER)
    assert result.returncode == 1
    assert refusals(result) == [f"content/logos/evil.html: refused: {NOT_A_LOGO.format('evil.html')}",
                                f"content/logos/x.js: refused: {NOT_A_LOGO.format('x.js')}",
                                f"content/pages/partners.md: refused: {CODEOWNERS_ONLY.format('content/pages/…')}"]


@pytest.mark.parametrize("page", [
    "Title: About\nSave_as: index.html\n\nWe replaced the board.\n",
    "Title: About\nSave_as: embed/index.html\n\nWe replaced the embedded frame.\n",
    'Title: Moved\n\n<meta http-equiv="refresh" content="0; url=https://evil.example">\n',
])
def test_page_metadata_tricks_are_refused(repo: Path, page: str) -> None:
    propose(repo, {"content/pages/about.md": page})
    assert refusals(check_pr(repo, MAINTAINER)) == [
        f"content/pages/about.md: refused: {CODEOWNERS_ONLY.format('content/pages/…')}"]


def test_an_rst_page_including_system_files_is_refused(repo: Path) -> None:
    propose(repo, {"content/pages/faq.rst": "FAQ\n===\n\n.. include:: /etc/passwd\n   :literal:\n\n"
                                            ".. include:: /proc/self/environ\n   :literal:\n"})
    assert refusals(check_pr(repo, MAINTAINER)) == [
        f"content/pages/faq.rst: refused: {CODEOWNERS_ONLY.format('content/pages/…')}"]


@pytest.mark.parametrize("author", [MAINTAINER, "board-keeper"])  # a CODEOWNERS owner may not add links either
def test_symbolic_links_are_refused_for_everyone_and_never_followed(repo: Path, author: str) -> None:
    links = {"content/logos/passwd.png": "/etc/passwd", "content/logos/environ.png": "/proc/self/environ",
             "content/logos/git.png": "../../.git", "content/logos/root": "/", "plugins/escape": "/"}
    propose(repo, {path: Link(target) for path, target in links.items()})
    result = check_pr(repo, author)
    assert result.returncode == 1
    assert refusals(result) == [f"{path}: refused: {LINK}" for path in sorted(links)]
    assert "root:" not in result.stdout.replace("content/logos/root:", "")  # nothing of /etc/passwd was read


def test_an_executable_file_in_content_is_refused(repo: Path) -> None:
    propose(repo, {"content/opportunities/acme-run.yaml": Executable(LISTING)})
    assert refusals(check_pr(repo, MAINTAINER)) == [
        "content/opportunities/acme-run.yaml: refused: is an executable file: files under content/ are data "
        "(git mode 100644); remove the executable bit with `git update-index --chmod=-x`"]


def test_replacing_another_organizations_logo_is_refused(repo: Path) -> None:
    propose(repo, {"content/logos/kilimo-pay.png": (repo / "content/logos/atelier-moustique.png").read_bytes()})
    result = check_pr(repo, MAINTAINER)
    assert refusals(result) == ["content/logos/kilimo-pay.png: refused: is the logo of kilimo-pay ('Kilimo Pay'), "
                                "which @acme-octo does not maintain"]
    assert "content/organizations/kilimo-pay.yaml: review: logo image changes: content/logos/kilimo-pay.png is " \
           "replaced; a maintainer must check it is still the same organization" in reviews(result)


def test_a_logo_no_organization_names_is_refused(repo: Path) -> None:
    propose(repo, {"content/logos/stray.png": (repo / "content/logos/atelier-moustique.png").read_bytes()})
    assert refusals(check_pr(repo, MAINTAINER)) == [
        "content/logos/stray.png: refused: no organization names this logo: add `logo: logos/stray.png` to your "
        "organization's file in the same pull request"]


def test_editing_the_vocabulary_is_refused(repo: Path) -> None:
    vocabulary = (repo / "content/vocabulary.yaml").read_text()
    propose(repo, {"content/vocabulary.yaml": vocabulary.replace("marketing", "marketing-and-more", 1)})
    assert refusals(check_pr(repo, MAINTAINER)) == [
        f"content/vocabulary.yaml: refused: {CODEOWNERS_ONLY.format('content/vocabulary.yaml')}"]


@pytest.mark.parametrize("name", ["acme-second-study.yaml\n", "acme-second\n.yaml", "acme-second\t.yaml",
                                  "acme-second.yaml\u2028", "Acme-Second.yaml"])
def test_a_listing_file_name_with_a_control_character_is_refused_and_shown_escaped(repo: Path, name: str) -> None:
    propose(repo, {f"content/opportunities/{name}": LISTING})
    result = check_pr(repo, MAINTAINER)
    shown = name.encode("unicode_escape").decode("ascii")
    assert result.returncode == 1
    assert refusals(result) == [f"content/opportunities/{shown}: refused: {BAD_NAME.format(shown)}"]


def test_a_pull_request_cannot_change_its_own_verdict_because_check_pr_runs_the_base_code(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, with_plugins=True)
    ownership = repo / "plugins/board/contribute/ownership.py"
    allowlist = repo / "plugins/board/contribute/allowlist.py"
    neutered = {
        "plugins/board/contribute/ownership.py": ownership.read_text().replace(
            "    author = author.lower()\n", "    return []\n", 1),
        "plugins/board/contribute/allowlist.py": allowlist.read_text().replace(
            '    """Why ``author`` may not make this change at all, or None."""\n',
            '    """Why ``author`` may not make this change at all, or None."""\n    return None\n', 1),
        "content/opportunities/pier-study.yaml": LISTING.replace("acme-analytics", "north-pier-press"),
    }
    propose(repo, neutered)
    expected = [f"plugins/board/contribute/allowlist.py: refused: {CODEOWNERS_ONLY.format('plugins/…')}",
                f"plugins/board/contribute/ownership.py: refused: {CODEOWNERS_ONLY.format('plugins/…')}",
                "content/opportunities/pier-study.yaml: refused: @acme-octo is not a maintainer of 'north-pier-press' "
                "(maintainers: @pier-editor, @second-maintainer)"]
    from_base = check_pr(repo, MAINTAINER, plugins=repo / "plugins")
    assert from_base.returncode == 1
    assert sorted(refusals(from_base)) == sorted(expected)
    # The attack is real: the pull request's own code, had it run, would have passed itself.
    git(repo, "switch", "-q", "pull")
    from_head = check_pr(repo, MAINTAINER, plugins=repo / "plugins")
    assert (from_head.returncode, refusals(from_head)) == (0, [])


def test_a_maintainer_renaming_their_organization_to_another_ones_is_flagged_naming_it(repo: Path) -> None:
    acme = (repo / "content/organizations/acme-analytics.yaml").read_text()
    impostor = acme.replace("name: Acme Analytics", "name: KILIMO  pay").replace(
        "https://acme-analytics.example", "https://www.KilimoPay.example/") + "logo: logos/acme-analytics.png\n"
    propose(repo, {"content/organizations/acme-analytics.yaml": impostor,
                   "content/logos/acme-analytics.png": (repo / "content/logos/kilimo-pay.png").read_bytes()})
    result = check_pr(repo, MAINTAINER)
    assert (result.returncode, refusals(result)) == (0, [])
    found = [line.removeprefix("content/organizations/acme-analytics.yaml: review: ") for line in reviews(result)]
    assert found == [
        "logo 'logos/acme-analytics.png' is the same image (SHA-256) as the logo of kilimo-pay ('Kilimo Pay')",
        "logo changes: (none) -> 'logos/acme-analytics.png'; a maintainer must check it is still the same organization",
        "name 'KILIMO  pay' is the name of kilimo-pay ('Kilimo Pay') once case and spaces are ignored: "
        f"{IMPERSONATION}",
        "name changes: 'Acme Analytics' -> 'KILIMO  pay'; a maintainer must check it is still the same organization",
        "url 'https://www.KilimoPay.example/' is the website of kilimo-pay ('Kilimo Pay') already",
        "url changes: 'https://acme-analytics.example' -> 'https://www.KilimoPay.example/'; a maintainer must check "
        "it is still the same organization",
    ]


def test_a_new_organization_with_a_cyrillic_lookalike_name_and_a_copied_logo_is_flagged(repo: Path) -> None:
    propose(repo, {
        "content/organizations/kilimo-ke.yaml": "name: \u041ailimo Pay\nurl: https://kilimopay-ke.example\n"
                                                "summary: Mobile-money savings and loans for farmers in Kenya.\n"
                                                "logo: logos/kilimo-ke.png\nmaintainers: [newcomer]\n",
        "content/logos/kilimo-ke.png": (repo / "content/logos/kilimo-pay.png").read_bytes(),
    })
    result = check_pr(repo, "newcomer")
    assert (result.returncode, refusals(result)) == (0, [])
    assert reviews(result) == [f"content/organizations/kilimo-ke.yaml: review: {message}" for message in [
        "a new organization: a maintainer must check it is genuine",
        "logo 'logos/kilimo-ke.png' is the same image (SHA-256) as the logo of kilimo-pay ('Kilimo Pay')",
        "name '\u041ailimo Pay' looks like the name of kilimo-pay ('Kilimo Pay'): they differ only in lookalike "
        f"characters (Unicode confusables); {IMPERSONATION}",
    ]]


def test_a_name_mixing_scripts_is_flagged_even_when_no_organization_looks_like_it(repo: Path) -> None:
    propose(repo, {"content/organizations/north-star.yaml": "name: N\u043erth Star Studio\n"
                                                            "url: https://north-star.example\nsummary: A design "
                                                            "studio for museums and public libraries.\n"
                                                            "maintainers: [newcomer]\n"})
    assert f"content/organizations/north-star.yaml: review: name 'N\u043erth Star Studio' mixes scripts (Cyrillic, " \
           f"Latin) with lookalike letters: {IMPERSONATION}" in reviews(check_pr(repo, "newcomer"))


def test_a_url_that_only_looks_like_another_organizations_is_flagged(repo: Path) -> None:
    propose(repo, {"content/organizations/kilimo-two.yaml": "name: Harvest Loans\n"
                                                            "url: https://kil\u0456mopay.example\nsummary: Loans "
                                                            "for farmers, repaid after the harvest.\n"
                                                            "maintainers: [newcomer]\n"})
    assert "content/organizations/kilimo-two.yaml: review: url 'https://kil\u0456mopay.example' looks like the " \
           "website of kilimo-pay ('Kilimo Pay') ('https://kilimopay.example'): they differ only in lookalike " \
           "characters" in reviews(check_pr(repo, "newcomer"))


def test_a_line_of_output_can_never_become_a_workflow_command(repo: Path) -> None:
    propose(repo, {"content/opportunities/x\n::error::forged\n.yaml": LISTING,
                   "content/organizations/acme-analytics.yaml":
                       (repo / "content/organizations/acme-analytics.yaml").read_text().replace(
                           "Acme Analytics", "Acme\u2028::warning::forged")})
    result = check_pr(repo, MAINTAINER, extra=("--summary", str(repo.parent / "summary.md")))
    assert result.returncode == 1
    assert not [line for line in result.stdout.splitlines() if line.strip().startswith("::")]
    assert "\\n::error::forged\\n" in result.stdout


def test_base_and_head_must_be_commits_here(repo: Path) -> None:
    result = check_pr(repo, MAINTAINER, head="0" * 40)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"error: '{'0' * 40}' is not a commit in this repository; fetch it first "
                                          "(git fetch --no-tags origin pull/<number>/head)")


def test_the_content_checked_is_the_head_commits_never_the_work_tree(repo: Path) -> None:
    propose(repo, {"content/opportunities/acme-broken.yaml": LISTING.replace("https://jobs", "http://jobs")})
    (repo / "content/opportunities/only-in-the-work-tree.yaml").write_text("title: [unclosed\n")
    result = check_pr(repo, MAINTAINER)
    assert "content/opportunities/acme-broken.yaml:25:8: error: apply.url: " in result.stdout
    assert "only-in-the-work-tree" not in result.stdout
