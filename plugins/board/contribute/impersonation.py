"""Organizations that could pass for another: flagged for a maintainer, naming the other one.

For every organization the pull request adds or changes: a change of name, url or logo is shown
(old -> new); a name equal to another's once folded, or differing only in lookalike characters,
or mixing scripts with lookalikes; a url of another organization's website; a logo with the same
bytes as another organization's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from functools import cache

from board.contribute.finding import REVIEW, Finding
from board.contribute.git_objects import Change
from board.contribute.lookalikes import folded, mixed_scripts, site, skeleton
from board.contribute.side import CONTENT, OrganizationFile, Side

SAME_ORGANIZATION = "a maintainer must check it is still the same organization"


def impersonation_findings(changes: list[Change], base: Side, head: Side) -> list[Finding]:
    changed = {change.path for change in changes}
    digest = cache(lambda logo: _digest(head, logo))
    findings = []
    for organization in sorted(head.organizations.values(), key=lambda found: found.id):
        before = base.organizations.get(organization.id)
        logo_replaced = bool(organization.logo) and f"{CONTENT}/{organization.logo}" in changed
        if organization.path not in changed and not logo_replaced:
            continue
        others = [other for other in head.organizations.values() if other.id != organization.id]
        messages = [*_changes(before, organization, logo_replaced)]
        if before is None or before.name != organization.name:
            messages += _name(organization, others)
        if before is None or before.url != organization.url:
            messages += _url(organization, others)
        if before is None or before.logo != organization.logo or logo_replaced:
            messages += _logo(organization, others, digest)
        findings += [Finding(organization.path, REVIEW, message) for message in messages]
    return findings


def _changes(before: OrganizationFile | None, after: OrganizationFile, logo_replaced: bool) -> Iterator[str]:
    if before is None:
        return
    for field in ("name", "url", "logo"):
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            yield f"{field} changes: {_shown(old)} -> {_shown(new)}; {SAME_ORGANIZATION}"
    if logo_replaced and before.logo == after.logo:
        yield f"logo image changes: content/{after.logo} is replaced; {SAME_ORGANIZATION}"


def _name(organization: OrganizationFile, others: list[OrganizationFile]) -> Iterator[str]:
    if not organization.name:
        return
    lookalike = False
    for other in others:
        if not other.name:
            continue
        if folded(other.name) == folded(organization.name):
            yield f"name {_shown(organization.name)} is the name of {other.label} once case and spaces are " \
                  "ignored: a maintainer must check this is not an impersonation"
        elif skeleton(other.name) == skeleton(organization.name):
            lookalike = True
            yield f"name {_shown(organization.name)} looks like the name of {other.label}: they differ only in " \
                  "lookalike characters (Unicode confusables); a maintainer must check this is not an impersonation"
    scripts = mixed_scripts(organization.name)
    if scripts and not lookalike:
        yield f"name {_shown(organization.name)} mixes scripts ({', '.join(scripts)}) with lookalike letters: " \
              "a maintainer must check this is not an impersonation"


def _url(organization: OrganizationFile, others: list[OrganizationFile]) -> Iterator[str]:
    address = site(organization.url or "")
    if not address:
        return
    for other in others:
        other_address = site(other.url or "")
        if other_address == address:
            yield f"url {_shown(organization.url)} is the website of {other.label} already"
        elif other_address and skeleton(other_address) == skeleton(address):
            yield f"url {_shown(organization.url)} looks like the website of {other.label} " \
                  f"({_shown(other.url)}): they differ only in lookalike characters"


def _logo(organization: OrganizationFile, others: list[OrganizationFile],
          digest: Callable[[str | None], str | None]) -> Iterator[str]:
    mine = digest(organization.logo)
    if not mine:
        return
    for other in others:
        if other.logo and digest(other.logo) == mine:
            yield f"logo {_shown(organization.logo)} is the same image (SHA-256) as the logo of {other.label}"


def _digest(side: Side, logo: str | None) -> str | None:
    data = side.blob(f"{CONTENT}/{logo}") if logo else None
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _shown(value: str | None) -> str:
    return "(none)" if value is None else repr(value)
