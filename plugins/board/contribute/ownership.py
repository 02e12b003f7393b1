"""Whose data a pull request may change, for authors who do not own the paths in CODEOWNERS.

- A listing may be added, changed or removed only by a maintainer of its organization, as the
  organization's file says on the base branch (so nobody can add themselves in the same PR).
  Moving a listing to another organization needs both organizations' maintainers.
- A new organization (absent on the base branch) is allowed but flagged for review, and its
  listings need the PR author among its maintainers.
- Changing an organization's file needs one of its base maintainers.
- A logo may change only when every organization naming it, on base and head, is one the
  author maintains; a logo nobody names has no business in content/logos/.
- A completion (``content/completions/<listing-id>/<id>.yaml``) may be added, changed or removed
  only by a maintainer of its listing's organization, both as they are on the base branch: the
  project was posted before it was completed, and nobody can vouch for another's student.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from board.contribute.allowlist import COMPLETION, LISTING, LOGO, ORGANIZATION, data_kind
from board.contribute.finding import REFUSED, REVIEW, Finding
from board.contribute.git_objects import Change
from board.contribute.side import CONTENT, OrganizationFile, Side, read_data


def check_ownership(changes: list[Change], author: str, base: Side, head: Side) -> list[Finding]:
    author = author.lower()
    rules = {LISTING: _listing, ORGANIZATION: _organization, LOGO: _logo, COMPLETION: _completion}
    return [finding for change in changes if (kind := data_kind(change.path))
            for finding in rules[kind](change.path, author, base, head)]


def _maintainers(organization: str, base: Side, head: Side) -> frozenset[str] | None:
    """The maintainers that count: the base's, or the head's for an organization new in this pull
    request; None when neither side has the organization."""
    found = base.organizations.get(organization) or head.organizations.get(organization)
    return None if found is None else found.maintainers


def _listing(path: str, author: str, base: Side, head: Side) -> list[Finding]:
    versions = [read_data(text) for side in (base, head) if (text := side.text(path)) is not None]
    named = [data.get("organization") if isinstance(data, dict) else None for data in versions]
    organizations = [organization for organization in named if isinstance(organization, str)]
    if len(organizations) != len(named):
        return [Finding(path, REFUSED, "its organization cannot be read; fix the file's YAML first")]
    findings = []
    for organization in sorted(set(organizations)):
        handles = _maintainers(organization, base, head) or frozenset()
        if organization not in base.organizations:
            verdict = REVIEW if author in handles else REFUSED
            findings.append(Finding(path, verdict, f"posts for '{organization}', an organization new in this pull "
                                    "request" + ("" if verdict == REVIEW else f" that does not list @{author}")))
        elif author not in handles:
            findings.append(Finding(path, REFUSED, f"@{author} is not a maintainer of '{organization}' "
                                    f"(maintainers: {', '.join('@' + m for m in sorted(handles))})"))
    return findings


def _completion(path: str, author: str, base: Side, head: Side) -> list[Finding]:
    listing_id = PurePosixPath(path).parent.name
    text = base.text(f"{CONTENT}/opportunities/{listing_id}.yaml")
    if text is None:
        return [Finding(path, REFUSED, f"completes '{listing_id}', which is not a listing on the base branch: "
                                       "record a completion once its listing is merged")]
    data = read_data(text)
    organization = data.get("organization") if isinstance(data, dict) else None
    handles = base.organizations[organization].maintainers if organization in base.organizations else frozenset()
    if author in handles:
        return []
    return [Finding(path, REFUSED, f"@{author} is not a maintainer of '{organization}', whose listing "
                                   f"'{listing_id}' this completes (maintainers: "
                                   f"{', '.join('@' + m for m in sorted(handles)) or 'none'})")]


def _organization(path: str, author: str, base: Side, head: Side) -> list[Finding]:
    existing = base.organizations.get(PurePosixPath(path).stem)
    if existing is None:
        return [Finding(path, REVIEW, "a new organization: a maintainer must check it is genuine")]
    if author in existing.maintainers:
        return []
    return [Finding(path, REFUSED, f"@{author} is not a maintainer of this organization")]


def _logo(path: str, author: str, base: Side, head: Side) -> list[Finding]:
    logo = path.removeprefix(f"{CONTENT}/")
    naming = sorted({organization.id for side in (base, head) for organization in side.organizations.values()
                     if organization.logo == logo})
    if not naming:
        return [Finding(path, REFUSED, f"no organization names this logo: add `logo: {logo}` to your "
                                       "organization's file in the same pull request")]
    others = [_label(organization, base, head) for organization in naming
              if author not in (_maintainers(organization, base, head) or frozenset())]
    if others:
        return [Finding(path, REFUSED, f"is the logo of {', '.join(others)}, which @{author} does not maintain")]
    return []


def _label(organization: str, base: Side, head: Side) -> str:
    found: OrganizationFile = base.organizations.get(organization) or head.organizations[organization]
    return found.label
