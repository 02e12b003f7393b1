"""Web addresses employers give: read as a browser would, they must lead to the site they name.

The schemas' pattern asks for ``https://``; this check, attached to JSON Schema's ``format: uri``,
refuses what the pattern lets through: a host that cannot be read (``https://[host/apply``), no
host at all, a user name or password before the host (``https://good.example@evil.example``), a
port that is not a number.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from jsonschema import FormatChecker

_LABEL = re.compile(r"\A[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\Z")

format_checker = FormatChecker(formats=())


@format_checker.checks("uri", raises=ValueError)
def is_web_address(value: object) -> bool:
    """True for a usable https URL; raises ValueError saying what is wrong otherwise. Other values
    (not text, not https) are left to the schema's type and pattern, which explain them better."""
    if isinstance(value, str) and value.startswith("https://"):
        problem = url_problem(value)
        if problem:
            raise ValueError(problem)
    return True


def url_problem(url: str) -> str | None:
    """What keeps ``url`` from being a plain https address, in words, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is what checks it
    except ValueError as failure:
        if "Port" in str(failure):
            return "has a port that is not a number from 0 to 65535"
        return "has a '[' or ']' that does not enclose an IPv6 address"
    if "\\" in parts.netloc:
        return "has a '\\' in its host part, which browsers read as '/'"
    if "@" in parts.netloc:
        return "has a user name or password before the host ('...@'); browsers go to the host after the '@'"
    if not parts.hostname:
        return "has no host name after https://"
    if not _valid_host(parts.hostname):
        return f"has a host name that is not valid: {parts.hostname!r}"
    return None


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return all(_LABEL.match(label) for label in labels) and not ascii_host.replace(".", "").isdigit()
