"""Open Badges 3.0: a completion as a W3C Verifiable Credential, secured as a VC-JWT (JOSE, EdDSA).

The board signs, so the board is the credential's issuer, and the organization is the creator of
the achievement. The build knows only the public half of the board's Ed25519 key
(``BOARD_SIGNING_PUBLIC_KEY``): it publishes it as a JWK Set and as a JWK of its own, whose address
(named by the key's RFC 7638 thumbprint) is each JWT's ``kid``, and writes each credential's JWS
signing input (``base64url(header).base64url(payload)``) into the to-sign folder beside the site,
which is never published. ``board.reach.sign``, in the one job that holds the private key, signs
those inputs and writes each ``credential.jwt`` into the site. The algorithm is named ``EdDSA``, as
Open Badges 3.0 and its verifiers know it (RFC 9864 now prefers ``Ed25519`` for the same signature).
The JWT's payload is the credential itself plus the registered claims ``iss``, ``nbf`` and ``jti``
(OB 3.0, section 8.2). Ed25519 signatures are deterministic, so the same content and key give the
same bytes.

A revoked completion gets no credential, and its credential's id is listed in the board's
revocation list, which every credential names as its ``credentialStatus``.

Standard library only, like everything it imports: the signer imports it under ``python3 -S``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from board.core.model import Completion
from board.render.badges import Absolute, badge_class_path, badge_image_path, credential_path, issuer_path, moment

ALGORITHM = "EdDSA"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
BOARD_ISSUER = "credentials/issuer.json"
JWKS = "credentials/jwks.json"
REVOCATION_LIST = "credentials/revoked.json"
SIGNING_INPUT = ".signing-input"  # the to-sign folder holds <completion-id>.signing-input, one per credential


def to_sign_folder(site: Path) -> Path:
    """Where a build of ``site`` leaves the signing inputs: beside it, so nothing publishes them."""
    return site.parent / f"{site.name}-to-sign"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(public_key: bytes, absolute: Absolute) -> dict[str, str]:
    """The public key (its 32 bytes) as a JWK whose ``kid`` is its own address (Open Badges 3.0 wants a
    ``kid`` that can be dereferenced to the key), named by its RFC 7638 thumbprint."""
    essential = {"crv": "Ed25519", "kty": "OKP", "x": b64url(public_key)}  # RFC 7638: these members, in this order
    thumbprint = b64url(hashlib.sha256(json.dumps(essential, separators=(",", ":")).encode()).digest())
    return {**essential, "kid": absolute(key_path(thumbprint)), "alg": ALGORITHM, "use": "sig"}


def key_path(thumbprint: str) -> str:
    return f"credentials/keys/{thumbprint}.json"


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


def encoded_header(kid: str) -> str:
    """The JWS header of every credential the board signs, as it is signed: base64url compact JSON."""
    return b64url(_json({"alg": ALGORITHM, "typ": "JWT", "kid": kid}))


def signing_input(credential: dict[str, Any], kid: str) -> str:
    """What the signer signs: the JWS header and payload (the credential and its registered claims),
    each as base64url JSON, joined by a dot; the signer appends a dot and the signature."""
    valid_from = datetime.fromisoformat(credential["validFrom"])
    payload = {**credential, "iss": credential["issuer"]["id"], "nbf": int(valid_from.timestamp()),
               "jti": credential["id"]}
    return f"{encoded_header(kid)}.{b64url(_json(payload))}"


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
