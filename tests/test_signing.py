"""The signer holds the badge-signing key and trusts nothing the build left.

``python3 -S -m board.reach.sign SITE`` (standard library and openssl only) runs here as the
deploy's ``sign`` job runs it, on a copy of what a real build of the completion board left: the
site's key set and completion folders, and the signing inputs beside it. It signs exactly what the
board would publish, and refuses, having signed nothing, a key that is not the published one or not
a key, credentials waiting without a key, and inputs or folders that are not what the build writes:
another header, another record's credential, links, FIFOs, oversized or misnamed files.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, NoEncryption, PrivateFormat

from board.render.credential import encoded_header
from conftest import ROOT, TEST_RECORD, Board, private_pem, public_pem, run_signer

RECORD = TEST_RECORD
OTHER = "winter-rider-survey"  # another sample record that stands
NOTHING = "nothing was signed"


def signing_inputs(site: Path) -> Path:
    return site.parent / f"{site.name}-to-sign"


def input_of(site: Path, record: str) -> Path:
    return signing_inputs(site) / f"{record}.signing-input"


def credentials(folder: Path) -> list[Path]:
    """Every credential written under ``folder`` (a link a test made is none)."""
    return sorted(path for path in folder.rglob("credential.jwt") if not path.is_symlink())


@pytest.fixture
def built(completion_board: Board, tmp_path: Path) -> Path:
    """What the build of the completion board left for the signer, unsigned, in a folder of this test."""
    site = tmp_path / "site"
    for part in ("credentials", "completions"):
        shutil.copytree(completion_board.site / part, site / part)
    shutil.copytree(signing_inputs(completion_board.site), signing_inputs(site))
    for token in credentials(site):
        token.unlink()
    return site


def refusal(site: Path, key: str | None) -> str:
    """What the signer says when it refuses; it must have written no credential anywhere."""
    result = run_signer(site, key)
    assert result.returncode == 1, result.stdout
    assert credentials(site.parent) == []
    return " ".join(result.stderr.split())


def test_the_signer_writes_exactly_the_credentials_the_board_publishes(completion_board: Board, built: Path) -> None:
    result = run_signer(built, private_pem(completion_board.key))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Signed 4 Open Badges 3.0 credential(s) in {built}.\n"
    signed = {path.relative_to(built): path.read_bytes() for path in credentials(built)}
    published = {path.relative_to(completion_board.site): path.read_bytes()
                 for path in credentials(completion_board.site)}
    assert signed == published and len(signed) == 4  # Ed25519 is deterministic: the same bytes


def test_signing_again_gives_the_same_credentials(completion_board: Board, built: Path) -> None:
    key = private_pem(completion_board.key)
    assert run_signer(built, key).returncode == 0
    first = [path.read_bytes() for path in credentials(built)]
    assert run_signer(built, key).returncode == 0
    assert [path.read_bytes() for path in credentials(built)] == first


def test_another_key_than_the_published_one_signs_nothing(built: Path) -> None:
    other = Ed25519PrivateKey.generate()
    said = refusal(built, private_pem(other))
    published = json.loads((built / "credentials" / "jwks.json").read_text())["keys"][0]["x"]
    own = base64.urlsafe_b64encode(other.public_key().public_bytes_raw()).rstrip(b"=").decode()
    assert said == (f"error: BOARD_SIGNING_KEY is not the key the site publishes: its public half is {own}, the "
                    f"site's (credentials/jwks.json) is {published}. Give the build this key's public half as "
                    "BOARD_SIGNING_PUBLIC_KEY (`openssl pkey -in board-key.pem -pubout`), or set BOARD_SIGNING_KEY "
                    f"to the key the board publishes; {NOTHING}")


def rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()


def encrypted_key() -> str:
    return Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                      BestAvailableEncryption(b"a passphrase")).decode()


@pytest.mark.parametrize("make_key", [lambda: "not a key", rsa_key, encrypted_key,
                                      lambda: public_pem(Ed25519PrivateKey.generate())],
                         ids=["text", "rsa", "encrypted", "public-key"])
def test_what_is_no_unencrypted_ed25519_private_key_signs_nothing_and_is_never_repeated(
        built: Path, make_key: Callable[[], str]) -> None:
    key = make_key()
    result = run_signer(built, key)
    assert result.returncode == 1 and credentials(built) == []
    assert " ".join(result.stderr.split()) == (
        "error: BOARD_SIGNING_KEY holds no unencrypted Ed25519 private key in PEM: make one with `openssl genpkey "
        f"-algorithm ed25519` and store the whole file as the secret; {NOTHING}")
    assert all(line not in result.stdout + result.stderr for line in key.splitlines() if len(line) > 20)


def test_credentials_waiting_without_a_key_fail_the_run_since_their_pages_link_them(built: Path) -> None:
    assert refusal(built, None) == (
        f"error: 4 credential(s) in {signing_inputs(built)} wait to be signed, and their completion pages link them, "
        "but BOARD_SIGNING_KEY is not set: set it (the secret of the environment badge-signing), or unset "
        "BOARD_SIGNING_PUBLIC_KEY to publish Open Badges 2.0 records only")
    assert refusal(built, "").startswith("error: 4 credential(s)")  # an unset secret reaches the job as ""


def test_without_a_key_and_nothing_to_sign_the_site_passes_through(sample_site: Path) -> None:
    result = run_signer(sample_site, None)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"No BOARD_SIGNING_KEY, nothing to sign: the completion records in {sample_site} are " \
                            "Open Badges 2.0 only.\n"


def test_a_key_for_a_site_that_publishes_none_signs_nothing(completion_board: Board, built: Path) -> None:
    shutil.rmtree(built / "credentials")
    assert refusal(built, private_pem(completion_board.key)) == (
        "error: BOARD_SIGNING_KEY is set, but the site publishes no key (credentials/jwks.json): give the build the "
        f"key's public half as BOARD_SIGNING_PUBLIC_KEY (`openssl pkey -in board-key.pem -pubout`); {NOTHING}")


def test_a_site_that_is_not_there_is_named(completion_board: Board, tmp_path: Path) -> None:
    assert refusal(tmp_path / "outptu", None) == \
        f"error: {tmp_path / 'outptu'} is not a folder (links are never followed); {NOTHING}"


def recode(site: Path, record: str, change: Callable[[dict], dict], header: str | None = None) -> None:
    """Rewrite a signing input with its payload changed (and its header replaced, when given)."""
    old_header, payload = input_of(site, record).read_text().split(".")
    claims = change(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    input_of(site, record).write_text(f"{header or old_header}.{encoded}")


def kid(site: Path) -> str:
    return json.loads((site / "credentials" / "jwks.json").read_text())["keys"][0]["kid"]


def swap_records(site: Path) -> None:
    """Another record's credential, offered as this one's."""
    input_of(site, RECORD).write_text(input_of(site, OTHER).read_text())


def duplicate_id(site: Path) -> None:
    """A second ``id`` that a verifier reading the first one would take for the credential's."""
    text = input_of(site, RECORD).read_text()
    header, payload = text.split(".")
    claims = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    forged = '{"id":"https://elsewhere.example/x",' + claims[1:]
    encoded = base64.urlsafe_b64encode(forged.encode()).rstrip(b"=").decode()
    input_of(site, RECORD).write_text(f"{header}.{encoded}")


def link_outside(site: Path) -> None:
    outside = site.parent / "elsewhere"
    outside.mkdir()
    shutil.move(site / "completions" / RECORD, outside / RECORD)
    (site / "completions" / RECORD).symlink_to(outside / RECORD)


def link_credential(site: Path) -> None:
    (site.parent / "victim.txt").write_text("keep me")
    (site / "completions" / RECORD / "credential.jwt").symlink_to(site.parent / "victim.txt")


def link_to_sign_folder(site: Path) -> None:
    signing_inputs(site).rename(site.parent / "real-inputs")
    signing_inputs(site).symlink_to(site.parent / "real-inputs")


def link_key_set(site: Path) -> None:
    (site / "credentials" / "jwks.json").rename(site.parent / "jwks.json")
    (site / "credentials" / "jwks.json").symlink_to(site.parent / "jwks.json")


def rename_key(site: Path) -> None:
    """A key set whose key is named by another address than its own thumbprint's."""
    path = site / "credentials" / "jwks.json"
    path.write_text(path.read_text().replace("/credentials/keys/", "/credentials/other-keys/"))


TAMPERING: dict[str, tuple[Callable[[Path], object], str]] = {
    "alg-none": (lambda site: recode(site, RECORD, lambda claims: claims, base64.urlsafe_b64encode(
        b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()),
                 f"{RECORD}.signing-input: its header is not the board's (EdDSA, JWT, kid {{kid}}); {NOTHING}"),
    "another-kid": (lambda site: recode(site, RECORD, lambda claims: claims,
                                        encoded_header("https://elsewhere.example/credentials/keys/x.json")),
                    f"{RECORD}.signing-input: its header is not the board's (EdDSA, JWT, kid {{kid}}); {NOTHING}"),
    "another-record": (swap_records, f"{RECORD}.signing-input is not the credential of completion '{RECORD}' on "
                                     "this board"),
    "another-issuer": (lambda site: recode(site, RECORD, lambda claims: {**claims, "iss": "https://elsewhere.example/"}),
                       f"{RECORD}.signing-input is not the credential of completion '{RECORD}' on this board"),
    "duplicate-id": (duplicate_id, f"{RECORD}.signing-input is not a JSON object as the build writes it; {NOTHING}"),
    "not-base64url": (lambda site: input_of(site, RECORD).write_text("eyJhbGciOiJFZERTQSJ9.e30=="),
                      f"{RECORD}.signing-input is not a JWS signing input (base64url header, a dot, base64url "
                      f"payload); {NOTHING}"),
    "three-parts": (lambda site: input_of(site, RECORD).write_text(input_of(site, RECORD).read_text() + ".c2ln"),
                    f"{RECORD}.signing-input is not a JWS signing input"),
    "too-large": (lambda site: input_of(site, RECORD).write_text("a" * (64 * 1024) + ".b"),
                  f"{RECORD}.signing-input is larger than 65536 bytes; {NOTHING}"),
    "misnamed": (lambda site: (signing_inputs(site) / "Notes.txt").write_text("x"),
                 f"'Notes.txt' is not a signing input: the to-sign folder holds only <completion-id>.signing-input "
                 f"files; {NOTHING}"),
    "newline-in-id": (lambda site: (signing_inputs(site) / "evil\n.signing-input").write_text("x"),
                      "'evil\\n.signing-input' is not a signing input"),
    "dot-dot": (lambda site: (signing_inputs(site) / "...signing-input").write_text("x"),
                "'...signing-input' is not a signing input"),
    "link-to-passwd": (lambda site: (signing_inputs(site) / "passwd.signing-input").symlink_to("/etc/passwd"),
                       f"passwd.signing-input is not a regular file (links are never followed); {NOTHING}"),
    "fifo": (lambda site: os.mkfifo(signing_inputs(site) / "pipe.signing-input"),
             f"pipe.signing-input is not a regular file (links are never followed); {NOTHING}"),
    "folder": (lambda site: (signing_inputs(site) / "nested.signing-input").mkdir(),
               f"nested.signing-input is not a regular file (links are never followed); {NOTHING}"),
    "to-sign-is-a-link": (link_to_sign_folder, "-to-sign is not a folder (links are never followed); " + NOTHING),
    "record-folder-is-a-link": (link_outside, f"completions/{RECORD} is not a folder of"),
    "record-folder-missing": (lambda site: shutil.rmtree(site / "completions" / OTHER),
                              f"completions/{OTHER} is not a folder of"),
    "completions-is-a-link": (lambda site: (site / "completions").rename(site.parent / "c") or
                              (site / "completions").symlink_to(site.parent / "c"), "completions is not a folder of"),
    "credential-is-a-link": (link_credential, f"completions/{RECORD}/credential.jwt is a link or not a file; "
                                              f"{NOTHING}"),
    "key-set-is-a-link": (link_key_set, f"credentials/jwks.json cannot be read as a regular file: Too many levels "
                                        f"of symbolic links; {NOTHING}"),
    "key-named-elsewhere": (rename_key, "credentials/jwks.json: its key is not named by its own address"),
    "two-keys": (lambda site: (site / "credentials" / "jwks.json").write_text(json.dumps(
        {"keys": 2 * json.loads((site / "credentials" / "jwks.json").read_text())["keys"]})),
                 f"credentials/jwks.json must hold one Ed25519 key, as the build writes it; {NOTHING}"),
}


@pytest.mark.parametrize(("tamper", "message"), TAMPERING.values(), ids=TAMPERING.keys())
def test_what_the_build_did_not_write_signs_nothing(completion_board: Board, built: Path,
                                                     tamper: Callable[[Path], object], message: str) -> None:
    expected = message.replace("{kid}", kid(built))
    tamper(built)
    said = refusal(built, private_pem(completion_board.key))
    assert said.startswith("error: ") and expected in said
    if (built.parent / "victim.txt").exists():
        assert (built.parent / "victim.txt").read_text() == "keep me"


def test_the_key_reaches_openssl_only_on_its_standard_input(completion_board: Board, built: Path,
                                                            tmp_path: Path) -> None:
    """A wrapper in front of the real openssl records what each call was given, then runs it."""
    shims = tmp_path / "bin"
    shims.mkdir()
    log = tmp_path / "openssl-calls"
    real = shutil.which("openssl")
    (shims / "openssl").write_text(f'#!/bin/sh\n{{ echo "$@"; env; }} >> "{log}"\nexec "{real}" "$@"\n')
    (shims / "openssl").chmod(0o755)
    key = private_pem(completion_board.key)
    result = run_signer(built, key, {"PATH": f"{shims}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    calls = log.read_text()
    assert calls.count("-inkey /dev/stdin") == 4 and "BOARD_SIGNING_KEY" not in calls
    assert key.splitlines()[1] not in calls + result.stdout + result.stderr


def test_make_publish_builds_then_signs_with_the_same_signer(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    environment = {**{name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))},
                   "BOARD_SIGNING_KEY": private_pem(key), "BOARD_SIGNING_PUBLIC_KEY": public_pem(key),
                   "SITEURL": "https://careers.example.edu/board"}
    output = tmp_path / "output"
    result = subprocess.run(["make", "publish", f"OUTPUT={output}"], cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"Signed 3 Open Badges 3.0 credential(s) in {output}.\n")
    assert len(credentials(output)) == 3 and (tmp_path / "output-to-sign").is_dir()
