"""Open Badges 3.0: a completion as a W3C Verifiable Credential, secured as a VC-JWT (JOSE, EdDSA).

The board signs, so the board is the credential's issuer, and the organization is the creator of
the achievement. The key is an Ed25519 private key in PEM, given to the build in the environment
(``BOARD_SIGNING_KEY``, from a CI secret); its public half is published as a JWK Set and as a JWK
of its own, whose address (named by the key's RFC 7638 thumbprint) is each JWT's ``kid``. The
algorithm is named ``EdDSA``, as Open Badges 3.0 and its verifiers know it (RFC 9864 now prefers
``Ed25519`` for the same signature). The JWT's payload is the
credential itself plus the registered claims ``iss``, ``nbf`` and ``jti`` (OB 3.0, section 8.2).
Ed25519 signatures are deterministic, so the same content and key give the same bytes.

A revoked completion gets no credential, and its credential's id is listed in the board's
revocation list, which every credential names as its ``credentialStatus``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

from board.core.errors import BoardError
from board.core.model import Completion
from board.render.badges import Absolute, badge_class_path, badge_image_path, credential_path, issuer_path, moment

KEY_VARIABLE = "BOARD_SIGNING_KEY"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
BOARD_ISSUER = "credentials/issuer.json"
JWKS = "credentials/jwks.json"
REVOCATION_LIST = "credentials/revoked.json"


class SigningKeyError(BoardError):
    """Raised by ``load_signing_key`` when BOARD_SIGNING_KEY holds no Ed25519 private key."""


def load_signing_key(text: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(text.strip().encode(), password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{KEY_VARIABLE} is set but holds no unencrypted Ed25519 private key in PEM: make one "
                              "with `openssl genpkey -algorithm ed25519` and store the whole file as the secret")
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(key: Ed25519PrivateKey, absolute: Absolute) -> dict[str, str]:
    """The public key as a JWK whose ``kid`` is its own address (Open Badges 3.0 wants a ``kid`` that
    can be dereferenced to the key), named by its RFC 7638 thumbprint."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    essential = {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}  # RFC 7638: these members, in this order
    thumbprint = _b64(hashlib.sha256(json.dumps(essential, separators=(",", ":")).encode()).digest())
    return {**essential, "kid": absolute(key_path(thumbprint)), "alg": "EdDSA", "use": "sig"}


def key_path(thumbprint: str) -> str:
    return f"credentials/keys/{thumbprint}.json"


def key_set(key: Ed25519PrivateKey, absolute: Absolute) -> dict[str, Any]:
    return {"keys": [public_jwk(key, absolute)]}


def board_issuer(name: str, absolute: Absolute) -> dict[str, Any]:
    return {"@context": CONTEXTS, "id": absolute(BOARD_ISSUER), "type": ["Profile"], "name": name,
            "url": absolute("")}


def revocation_list(revoked: list[Completion], absolute: Absolute) -> dict[str, Any]:
    """The 1EdTech revocation list of the board's credentials: every revoked completion's, with its reason."""
    return {"id": absolute(REVOCATION_LIST), "issuer": absolute(BOARD_ISSUER), "revokedCredentials": [
        {"id": absolute(credential_path(completion.id)), "revocationReason": completion.revoked}
        for completion in revoked]}


def open_badge_credential(completion: Completion, absolute: Absolute, board_name: str, listing_url: str,
                          timezone: ZoneInfo) -> dict[str, Any]:
    listing = completion.listing
    organization = completion.organization
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityHash": completion.identity, "identityType": "emailAddress",
                        "hashed": True, "salt": completion.salt}],
        "activityStartDate": moment(completion.started, timezone),
        "activityEndDate": moment(completion.finished, timezone),
        "narrative": f"{organization.name}: {completion.statement}",
        "achievement": {
            "id": absolute(badge_class_path(listing.id)),
            "type": ["Achievement"],
            "achievementType": "Assignment",
            "name": f"Completed: {listing.title}",
            "description": f"A micro-internship for {organization.name}, completed: {listing.summary}",
            "criteria": {"id": listing_url, "narrative": "Delivered:" + "".join(f"\n- {item}"
                                                                                 for item in completion.delivered)},
            "image": {"id": absolute(badge_image_path(organization.id)), "type": "Image"},
            "creator": {"id": absolute(issuer_path(organization.id)), "type": ["Profile"], "name": organization.name,
                        "url": organization.url},
            "tag": list(listing.skills),
        },
    }
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": absolute(credential_path(completion.id)),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": board_issuer(board_name, absolute),
        "validFrom": moment(completion.issued, timezone),
        "name": f"Completed: {listing.title}",
        "credentialSubject": subject,
        "credentialStatus": {"id": absolute(REVOCATION_LIST), "type": "1EdTechRevocationList"},
    }
    if completion.evidence:
        credential["evidence"] = [{"id": completion.evidence, "type": ["Evidence"]}]
    return credential


def vc_jwt(credential: dict[str, Any], key: Ed25519PrivateKey, absolute: Absolute) -> str:
    """The credential as a compact JWS: header, payload (the credential and its registered claims), signature."""
    header = {"alg": "EdDSA", "typ": "JWT", "kid": public_jwk(key, absolute)["kid"]}
    valid_from = datetime.fromisoformat(credential["validFrom"])
    payload = {**credential, "iss": credential["issuer"]["id"], "nbf": int(valid_from.timestamp()),
               "jti": credential["id"]}
    signing_input = f"{_b64(_json(header))}.{_b64(_json(payload))}"
    return f"{signing_input}.{_b64(key.sign(signing_input.encode('ascii')))}"


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

