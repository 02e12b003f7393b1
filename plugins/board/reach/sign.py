"""Sign the board's Open Badges 3.0 credentials: ``python3 -S -m board.reach.sign SITE``.

Runs where the badge-signing key is (``BOARD_SIGNING_KEY``, an Ed25519 private key in PEM: the
deploy workflow's ``sign`` job, or ``make publish``), after a build that never saw it, with Python's
standard library and the ``openssl`` command only (``openssl pkeyutl -sign -rawin``, OpenSSL 3).
The build left, beside the site, ``SITE-to-sign/<completion-id>.signing-input``: each credential's
JWS signing input, ``base64url(header).base64url(payload)``. Both folders are read as hostile: no
link is followed anywhere, only regular files named after a completion id are read, sizes and
counts are bounded, and nothing is signed unless every check passes:

- the site publishes one key (``credentials/jwks.json``), an Ed25519 JWK whose ``kid`` is its own
  address, named by its thumbprint, and the private key's public half is that key;
- each input's header is exactly the board's (``EdDSA``, ``JWT``, that ``kid``), and its payload is
  the credential of that completion on that board (its ``id`` and ``jti`` are the address of its
  ``credential.jwt``, its ``iss`` the board's issuer profile), with no key given twice;
- ``completions/<id>/`` is a folder of the site.

Then each ``completions/<id>/credential.jwt`` is the input, a dot and the signature. The key reaches
``openssl`` on its standard input, never a file or its environment, and is never printed. Without a
key nothing is signed, and the run fails if the build prepared credentials, which its pages link.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from board.core import ed25519
from board.read.content_dir import ID_LENGTH, ID_PATTERN
from board.render.badges import credential_path
from board.render.credential import (
    BOARD_ISSUER,
    JWKS,
    SIGNING_INPUT,
    b64url,
    encoded_header,
    public_jwk,
    to_sign_folder,
)

KEY_VARIABLE = "BOARD_SIGNING_KEY"
PUBLIC_VARIABLE = "BOARD_SIGNING_PUBLIC_KEY"
PUBLIC_HALF = "`openssl pkey -in board-key.pem -pubout`"
MAX_CREDENTIALS = 100_000
MAX_INPUT_BYTES = 64 * 1024  # a credential's signing input is about 3 KB
MAX_JWKS_BYTES = 16 * 1024
SIGNATURE_BYTES = 64
CREDENTIAL = "credential.jwt"
OPENSSL_TIMEOUT = 60
SIGNING_INPUT_TEXT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
NOTHING_SIGNED = "nothing was signed"


class SigningError(Exception):
    """Raised by ``sign_site`` when it refuses: a missing or wrong key, or a site or to-sign folder
    that is not what the build writes. Nothing has been signed when it is raised."""


@dataclass(frozen=True)
class PublishedKey:
    public_key: bytes  # its 32 bytes
    kid: str  # its address: the board's address followed by credentials/keys/<thumbprint>.json
    board: str  # the board's address, ending in "/"


def sign_site(site: Path, private_key: str) -> int:
    """Sign every credential the build of ``site`` prepared, with ``private_key`` (PEM, or "" for
    none); returns how many were signed."""
    with _folder(site):
        pass  # a site to sign, not a link, and not a typo
    inputs = read_inputs(to_sign_folder(site))
    if not private_key:
        if inputs:
            raise SigningError(f"{len(inputs)} credential(s) in {to_sign_folder(site)} wait to be signed, and their "
                               f"completion pages link them, but {KEY_VARIABLE} is not set: set it (the secret of "
                               f"the environment badge-signing), or unset {PUBLIC_VARIABLE} to publish Open Badges "
                               "2.0 records only")
        return 0
    key = published_key(site)
    if key is None:
        raise SigningError(f"{KEY_VARIABLE} is set, but the site publishes no key ({JWKS}): give the build the "
                           f"key's public half as {PUBLIC_VARIABLE} ({PUBLIC_HALF}); {NOTHING_SIGNED}")
    own = public_half(private_key)
    if own != key.public_key:
        raise SigningError(f"{KEY_VARIABLE} is not the key the site publishes: its public half is {b64url(own)}, "
                           f"the site's ({JWKS}) is {b64url(key.public_key)}. Give the build this key's public half "
                           f"as {PUBLIC_VARIABLE} ({PUBLIC_HALF}), or set {KEY_VARIABLE} to the key the board "
                           f"publishes; {NOTHING_SIGNED}")
    for completion_id, text in inputs.items():
        check_input(completion_id, text, key)
        with _record_folder(site, completion_id) as folder:
            _check_place(folder, completion_id)
    tokens = sign_all(inputs, private_key)
    for completion_id, token in tokens.items():
        with _record_folder(site, completion_id) as folder:
            _write_credential(folder, token)
    return len(tokens)


def read_inputs(folder: Path) -> dict[str, str]:
    """Every signing input in ``folder`` by completion id, in id order; none when there is no folder."""
    if not os.path.lexists(folder):
        return {}
    inputs: dict[str, str] = {}
    with _folder(folder) as descriptor, os.scandir(descriptor) as entries:
        for entry in entries:
            completion_id = _input_id(entry)
            if len(inputs) == MAX_CREDENTIALS:
                raise SigningError(f"{folder} holds more than {MAX_CREDENTIALS} signing inputs; {NOTHING_SIGNED}")
            data = _read(descriptor, entry.name, MAX_INPUT_BYTES, f"{folder}/{entry.name}")
            inputs[completion_id] = data.decode("ascii", errors="replace")
    return dict(sorted(inputs.items()))


def published_key(site: Path) -> PublishedKey | None:
    """The one key the site publishes in its key set, checked against its own ``kid``; None when it publishes none."""
    folder, name = JWKS.rsplit("/", 1)
    try:
        with _folder(site, *folder.split("/")) as descriptor:
            data = _read(descriptor, name, MAX_JWKS_BYTES, JWKS)
    except SigningError:
        if not os.path.lexists(site / JWKS):
            return None
        raise
    keys = _json(data, JWKS).get("keys")
    jwk = keys[0] if isinstance(keys, list) and len(keys) == 1 and isinstance(keys[0], dict) else {}
    public_key = _decode(jwk.get("x"))
    if public_key is None or len(public_key) != ed25519.KEY_BYTES:
        raise SigningError(f"{JWKS} must hold one Ed25519 key, as the build writes it; {NOTHING_SIGNED}")
    relative = public_jwk(public_key, str)["kid"]  # credentials/keys/<thumbprint>.json
    kid = jwk.get("kid")
    board = kid.removesuffix(relative) if isinstance(kid, str) and kid.endswith(relative) else ""
    if not re.match(r"https?://[^/?#\s]+(/[^?#\s]*)?/\Z", board) or jwk != public_jwk(public_key, board.__add__):
        raise SigningError(f"{JWKS}: its key is not named by its own address (kid {kid!r}); {NOTHING_SIGNED}")
    return PublishedKey(public_key, board + relative, board)


def public_half(private_key: str) -> bytes:
    """The 32 bytes of the public half of the Ed25519 private key in PEM, as openssl reads it."""
    der = _openssl(["pkey", "-pubout", "-outform", "DER", "-passin", "pass:"], private_key)
    public_key = ed25519.from_der(der) if der is not None else None
    if public_key is None:
        raise SigningError(f"{KEY_VARIABLE} holds no unencrypted Ed25519 private key in PEM: make one with "
                           "`openssl genpkey -algorithm ed25519` and store the whole file as the secret; "
                           f"{NOTHING_SIGNED}")
    return public_key


def check_input(completion_id: str, text: str, key: PublishedKey) -> None:
    """Refuse a signing input that is not the board's header and the credential of that completion."""
    name = f"{completion_id}{SIGNING_INPUT}"
    if not SIGNING_INPUT_TEXT.fullmatch(text):
        raise SigningError(f"{name} is not a JWS signing input (base64url header, a dot, base64url payload); "
                           f"{NOTHING_SIGNED}")
    header, payload = text.split(".")
    if header != encoded_header(key.kid):
        raise SigningError(f"{name}: its header is not the board's (EdDSA, JWT, kid {key.kid}); {NOTHING_SIGNED}")
    claims = _json(_decode(payload), name)
    address, issuer = key.board + credential_path(completion_id), key.board + BOARD_ISSUER
    if (claims.get("id"), claims.get("jti"), claims.get("iss")) != (address, address, issuer):
        raise SigningError(f"{name} is not the credential of completion {completion_id!r} on this board (its id "
                           f"and jti must be {address}, its iss {issuer}); {NOTHING_SIGNED}")


def sign_all(inputs: dict[str, str], private_key: str) -> dict[str, str]:
    """Each input, a dot and its signature, by completion id, signed on every core."""
    with tempfile.TemporaryDirectory(prefix="board-sign-") as scratch, \
            ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        signatures = pool.map(lambda completion_id: _signature(completion_id, inputs[completion_id], private_key,
                                                               Path(scratch)), inputs)
        return {completion_id: f"{inputs[completion_id]}.{b64url(signature)}"
                for completion_id, signature in zip(inputs, signatures, strict=True)}


def _signature(completion_id: str, text: str, private_key: str, scratch: Path) -> bytes:
    """The Ed25519 signature of ``text``, which openssl reads from a file of our own: ``pkeyutl -rawin``
    needs the whole input's size, which a pipe cannot tell."""
    signed = scratch / completion_id
    signed.write_text(text, encoding="ascii")
    command = ["pkeyutl", "-sign", "-rawin", "-inkey", "/dev/stdin", "-passin", "pass:", "-in", str(signed)]
    signature = _openssl(command, private_key)
    signed.unlink()
    if signature is None or len(signature) != SIGNATURE_BYTES:
        raise SigningError(f"openssl could not sign {completion_id}{SIGNING_INPUT}: the signer needs OpenSSL 3 "
                           "(`openssl pkeyutl -rawin`)")
    return signature


def _openssl(arguments: list[str], private_key: str) -> bytes | None:
    """What ``openssl`` writes, given the key on its standard input, or None when it fails. It gets an
    environment of its own (no key in it), and what it says on failure is not repeated."""
    try:
        result = subprocess.run(["openssl", *arguments], input=private_key.encode(), capture_output=True,
                                env={"PATH": os.environ.get("PATH", os.defpath)}, timeout=OPENSSL_TIMEOUT,
                                check=False)
    except FileNotFoundError:
        raise SigningError("the `openssl` command is not installed: the signer needs OpenSSL 3") from None
    except subprocess.TimeoutExpired:
        raise SigningError(f"openssl did not answer within {OPENSSL_TIMEOUT} s; {NOTHING_SIGNED}") from None
    return result.stdout if result.returncode == 0 else None


def _input_id(entry: os.DirEntry[str]) -> str:
    completion_id = entry.name.removesuffix(SIGNING_INPUT)
    if not (entry.name.endswith(SIGNING_INPUT) and ID_PATTERN.fullmatch(completion_id)
            and len(completion_id) in ID_LENGTH):
        raise SigningError(f"{entry.name!r} is not a signing input: the to-sign folder holds only "
                           f"<completion-id>{SIGNING_INPUT} files; {NOTHING_SIGNED}")
    if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
        raise SigningError(f"{entry.name} is not a regular file (links are never followed); {NOTHING_SIGNED}")
    return completion_id


@contextlib.contextmanager
def _folder(root: Path, *names: str) -> Iterator[int]:
    """A descriptor of the folder ``root/names…``, reached without following a link at any step."""
    descriptor = _open_folder(root, *names)
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _open_folder(root: Path, *names: str) -> int:
    """The descriptor ``_folder`` yields; the caller closes it."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        descriptor = os.open(root, flags)
    except OSError:
        raise SigningError(f"{root} is not a folder (links are never followed); {NOTHING_SIGNED}") from None
    for index, name in enumerate(names):
        try:
            inner = os.open(name, flags, dir_fd=descriptor)
        except OSError:
            raise SigningError(f"{'/'.join(names[:index + 1])} is not a folder of {root} (links are never "
                               f"followed); {NOTHING_SIGNED}") from None
        finally:
            os.close(descriptor)
        descriptor = inner
    return descriptor


def _record_folder(site: Path, completion_id: str) -> contextlib.AbstractContextManager[int]:
    """The folder ``completions/<id>/`` of the site, where its ``credential.jwt`` goes."""
    return _folder(site, *credential_path(completion_id).split("/")[:-1])


def _check_place(folder: int, completion_id: str) -> None:
    """Refuse a ``credential.jwt`` already in the record's folder that is a link or not a regular file."""
    try:
        mode = os.stat(CREDENTIAL, dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise SigningError(f"{credential_path(completion_id)} is a link or not a file; {NOTHING_SIGNED}")


def _read(folder: int, name: str, limit: int, shown: str) -> bytes:
    """At most ``limit`` bytes of the regular file ``name`` in ``folder``; never a link, a FIFO or a device."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError as failure:
        raise SigningError(f"{shown} cannot be read as a regular file: {failure.strerror}; {NOTHING_SIGNED}") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise SigningError(f"{shown} is not a regular file; {NOTHING_SIGNED}")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise SigningError(f"{shown} is larger than {limit} bytes; {NOTHING_SIGNED}")
    return data


def _write_credential(folder: int, token: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with os.fdopen(os.open(CREDENTIAL, flags, 0o644, dir_fd=folder), "w", encoding="ascii") as file:
        file.write(token)


def _decode(text: Any) -> bytes | None:
    """The bytes of canonical unpadded base64url ``text``, or None."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        return None
    return data if b64url(data) == text else None


def _json(data: bytes | None, shown: str) -> dict[str, Any]:
    """The JSON object in ``data``; a key given twice is refused (readers differ on which one counts)."""
    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise ValueError("a key is given twice")
        return dict(pairs)

    try:
        value = json.loads(data or b"", object_pairs_hook=unique)
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise SigningError(f"{shown} is not a JSON object as the build writes it; {NOTHING_SIGNED}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -S -m board.reach.sign",
                                     description=f"Sign the Open Badges 3.0 credentials a build of SITE prepared "
                                                 f"(in SITE-to-sign/), with the key in {KEY_VARIABLE}.")
    parser.add_argument("site", type=Path, help="the built site, such as output")
    arguments = parser.parse_args(argv)
    private_key = os.environ.get(KEY_VARIABLE, "").strip()  # an unset secret reaches the job as ""
    try:
        signed = sign_site(arguments.site, private_key)
    except SigningError as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    if signed:
        print(f"Signed {signed} Open Badges 3.0 credential(s) in {arguments.site}.")
    elif private_key:
        print(f"Nothing to sign: no completion record in {arguments.site} stands unrevoked.")
    else:
        print(f"No {KEY_VARIABLE}, nothing to sign: the completion records in {arguments.site} are Open Badges "
              "2.0 only.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
