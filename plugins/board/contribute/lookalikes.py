"""When two names or addresses would look the same to a student: folded, and as Unicode skeletons.

The confusables come from confusable-homoglyphs, which ships Unicode's confusables.txt (UTS #39)
as classes of lookalike characters, and tells mixed scripts apart. We use it rather than the
``confusables`` package: it is maintained, its checks are linear in the name's length (that
package's ``normalize`` expands every combination of lookalikes, exponential for a hostile
name), and it is already the board's dependency. A skeleton maps each character to one fixed
member of its class, so two names with the same skeleton differ only in lookalike characters.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from confusable_homoglyphs import categories, confusables

_MARKS = "\u200e\u200f"  # the data wraps right-to-left characters in direction marks for display


def folded(name: str) -> str:
    """The name with case, compatibility forms and runs of spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def skeleton(name: str) -> str:
    """The name as its lookalike class: 'Kilimo Pay' with a Cyrillic Ka (U+041A) and with a Latin K share one."""
    decomposed = unicodedata.normalize("NFD", name)
    return folded(unicodedata.normalize("NFD", "".join(_representative(char) for char in decomposed)))


def mixed_scripts(name: str) -> list[str]:
    """The scripts of a name that mixes them with lookalike letters (e.g. Cyrillic in a Latin
    name), or [] for an honest name in one script."""
    if not confusables.is_dangerous(name):
        return []
    return sorted(script.title() for script in categories.unique_aliases(name) - {"COMMON"})


def site(url: str) -> str | None:
    """The address as host and path, so that case, ``www.``, a port, a query or a trailing slash
    do not make one website two; None when it has no host."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.rstrip(".").removeprefix("www.") + unquote(parts.path).rstrip("/")


@lru_cache(maxsize=4096)
def _representative(char: str) -> str:
    # A character's entry lists its class when it is the class's prototype, or just the prototype.
    lookalikes = _lookalikes(char)
    if not lookalikes:
        return char
    members: set[str] = {char, *lookalikes, *(_lookalikes(lookalikes[0]) if len(lookalikes) == 1 else ())}
    return min(members, key=lambda member: (len(member) != 1, member))


def _lookalikes(char: str) -> list[str]:
    return [entry["c"].strip(_MARKS) for entry in confusables.confusables_data.get(char, ())]
