"""Employer email addresses, kept out of reach of address harvesters.

The page carries the address encoded in a data attribute and, for people without JavaScript,
spelled out as "name [at] example [dot] org". ``theme/static/js/email.js`` turns it into a
working mailto link.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class HiddenEmail:
    encoded: str  # base64 of the full mailto: URL, with the subject line
    spelled_out: str  # readable by people and screen readers, not by a mailto: scraper


def hide_email(address: str, subject: str) -> HiddenEmail:
    mailto = f"mailto:{quote(address, safe='@')}?subject={quote(subject)}"
    return HiddenEmail(
        encoded=base64.b64encode(mailto.encode("utf-8")).decode("ascii"),
        spelled_out=spell_out(address),
    )


def spell_out(address: str) -> str:
    user, _, domain = address.partition("@")
    return f"{user} [at] {domain.replace('.', ' [dot] ')}"
