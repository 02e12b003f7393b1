"""A finding of the pull-request check about one changed path: refused, or for a maintainer to review."""

from __future__ import annotations

from dataclasses import dataclass

REFUSED = "refused"  # fails the check
REVIEW = "review"  # passes, but a maintainer must look before merging


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    verdict: str
    message: str
