"""Ed25519 public keys in the two forms the board meets them, read with Python's standard library.

The build is given the public half of the badge-signing key in PEM (``BOARD_SIGNING_PUBLIC_KEY``,
as ``openssl pkey -pubout`` prints it); the signer asks ``openssl`` for its private key's public
half in DER. Both are a SubjectPublicKeyInfo, which for Ed25519 (RFC 8410) is always the same 12
bytes followed by the key's 32, so reading one needs no ASN.1 library, and the signer, which runs
without site-packages (``python3 -S``), reads it the same way as the build.
"""

from __future__ import annotations

import base64
import binascii
import re

SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")  # SEQUENCE { id-Ed25519 } BIT STRING (32 bytes)
KEY_BYTES = 32
_PEM = re.compile(r"-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----")


def from_der(der: bytes) -> bytes | None:
    """The 32 bytes of the Ed25519 public key ``der`` holds, or None when it holds no such key."""
    if len(der) != len(SPKI_PREFIX) + KEY_BYTES or not der.startswith(SPKI_PREFIX):
        return None
    return der[len(SPKI_PREFIX):]


def from_pem(text: str) -> bytes | None:
    """The 32 bytes of the Ed25519 public key in the PEM ``text``, or None when it holds no such key."""
    match = _PEM.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return from_der(base64.b64decode("".join(match.group(1).split()), validate=True))
    except binascii.Error:
        return None
