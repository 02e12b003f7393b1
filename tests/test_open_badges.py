"""Completion records verified by parties that are not the board.

A real build of the sample board plus one completion made here (for an address only this test
knows), given the public half of a signing key made here, its credentials then signed by the signer
as the deploy's ``sign`` job runs it (``python3 -S -m board.reach.sign``, standard library and
openssl only), served over local HTTP at the address the build was made for:
- IMS Global's Open Badges verifier (``openbadges``, in .venv-verifier, offline: see
  tests/verifier/verify.py) accepts the hosted assertion and the baked badge for the student's
  address, and rejects another address, a revoked record and tampered copies;
- joserfc verifies each Open Badges 3.0 VC-JWT with the key set the board publishes, and refuses
  it after any one-byte change.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from PIL import Image

from board.contribute.completion import identity_hash
from browser import serve
from conftest import CONTENT, ROOT, TEST_RECORD, Board, epoch_at, private_pem, public_pem, run_pelican, sample_today

VERIFIER = ROOT / ".venv-verifier" / "bin" / "python"
DRIVER = ROOT / "tests" / "verifier" / "verify.py"
RECORD = TEST_RECORD
# Open Badges 3.0 names the signature EdDSA, which RFC 9864 (and so joserfc) now calls deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
REVOKED = "lender-pricing-benchmark"  # a sample completion with `revoked:`


@pytest.fixture
def board(completion_board: Board) -> Board:
    return completion_board


def verify(badge: str, email: str | None = None) -> dict:
    """The IMS verifier's report on a URL or a baked PNG, run in its own virtualenv."""
    command = [str(VERIFIER), str(DRIVER), badge, *(["--email", email] if email else [])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["refused"] == [], "the verifier tried to leave this machine"
    return report


def test_the_verifier_accepts_the_hosted_assertion_for_the_students_address(board: Board) -> None:
    report = verify(f"{board.url}/completions/{RECORD}/assertion.json", board.email.lower())
    assert (report["valid"], report["errorCount"], report["messages"]) == (True, 0, [])
    kinds = {node.get("type") for node in report["graph"]}
    assert {"Assertion", "BadgeClass", "Issuer"} <= kinds


def test_the_verifier_accepts_every_sample_record_that_stands(board: Board) -> None:
    for record in ("bylaw-guides-2026-autumn", "investor-model-tidy-up", "winter-rider-survey"):
        report = verify(f"{board.url}/completions/{record}/assertion.json")
        assert (record, report["valid"], report["messages"]) == (record, True, [])


def test_the_verifier_rejects_another_address(board: Board) -> None:
    report = verify(f"{board.url}/completions/{RECORD}/assertion.json", "someone.else@example.org")
    assert report["valid"] is False
    assert any("did not match" in message for message in report["messages"])


def test_the_baked_badge_verifies_from_the_image_alone(board: Board, tmp_path: Path) -> None:
    png = tmp_path / "badge.png"
    png.write_bytes((board.site / "completions" / RECORD / "badge.png").read_bytes())
    assert verify(str(png), board.email.lower())["valid"] is True
    baked = json.loads(Image.open(png).text["openbadges"])
    assert baked == json.loads((board.site / "completions" / RECORD / "assertion.json").read_text())


def test_the_verifier_rejects_a_revoked_record(board: Board) -> None:
    report = verify(f"{board.url}/completions/{REVOKED}/assertion.json")
    assert report["valid"] is False
    [assertion] = [node for node in report["graph"] if node.get("id", "").endswith("/assertion.json")]
    assert assertion["revoked"] is True and assertion["revocationReason"] == "Recorded by mistake for another project"
    assert "recipient" not in assertion  # the student's hash left the board with the revocation
    assert not (board.site / "completions" / REVOKED / "badge.png").exists()


def test_the_verifier_rejects_a_copy_hosted_elsewhere(board: Board, tmp_path: Path) -> None:
    with serve(tmp_path) as elsewhere:
        forged = json.loads((board.site / "completions" / RECORD / "assertion.json").read_text())
        forged["id"] = f"{elsewhere}/assertion.json"
        (tmp_path / "assertion.json").write_text(json.dumps(forged))
        report = verify(forged["id"], board.email.lower())
    assert report["valid"] is False
    assert any("not hosted in allowed origins" in message for message in report["messages"])


def test_the_verifier_rejects_a_baked_badge_whose_assertion_was_changed(board: Board, tmp_path: Path) -> None:
    """Someone bakes another student's record with their own hash: the hosted copy decides, and says no."""
    from PIL.PngImagePlugin import PngInfo

    intruder = "intruder@example.org"
    assertion = json.loads((board.site / "completions" / RECORD / "assertion.json").read_text())
    assertion["recipient"]["identity"] = identity_hash(intruder, assertion["recipient"]["salt"])
    info = PngInfo()
    info.add_itxt("openbadges", json.dumps(assertion), zip=False)
    tampered = tmp_path / "tampered.png"
    Image.open(board.site / "completions" / RECORD / "badge.png").save(tampered, pnginfo=info)
    assert verify(str(tampered), intruder)["valid"] is False


def jwks(board: Board) -> KeySet:
    return KeySet.import_key_set(json.loads((board.site / "credentials" / "jwks.json").read_text()))


def test_the_open_badges_3_credential_verifies_with_the_published_key(board: Board) -> None:
    token = (board.site / "completions" / RECORD / "credential.jwt").read_text()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "EdDSA" and header["kid"].startswith(f"{board.url}/credentials/keys/")
    assert json.loads((board.site / header["kid"].removeprefix(f"{board.url}/")).read_text())["kid"] == header["kid"]
    decoded = jwt.decode(token, jwks(board), algorithms=["EdDSA"])
    claims = decoded.claims
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] == f"{board.url}/credentials/issuer.json"
    assert claims["jti"] == claims["id"] == f"{board.url}/completions/{RECORD}/credential.jwt"
    assert claims["validFrom"] == "2026-11-11T00:00:00+00:00"
    [identifier] = claims["credentialSubject"]["identifier"]
    assert identifier["identityHash"] == identity_hash(board.email, identifier["salt"])
    assert claims["credentialStatus"] == {"id": f"{board.url}/credentials/revoked.json",
                                          "type": "1EdTechRevocationList"}


@pytest.mark.parametrize("part", [0, 1, 2])
def test_the_credential_fails_after_a_one_byte_change(board: Board, part: int) -> None:
    token = (board.site / "completions" / RECORD / "credential.jwt").read_text()
    pieces = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(pieces[part] + "=" * (-len(pieces[part]) % 4)))
    raw[len(raw) // 2] ^= 0x01
    pieces[part] = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises((JoseError, ValueError)):  # a bad signature, or a header naming no key
        jwt.decode(".".join(pieces), jwks(board), algorithms=["EdDSA"])


def test_a_revoked_record_has_no_credential_and_is_on_the_revocation_list(board: Board) -> None:
    assert not (board.site / "completions" / REVOKED / "credential.jwt").exists()
    revoked = json.loads((board.site / "credentials" / "revoked.json").read_text())
    assert revoked["revokedCredentials"] == [{"id": f"{board.url}/completions/{REVOKED}/credential.jwt",
                                              "revocationReason": "Recorded by mistake for another project"}]


def test_without_a_key_the_board_publishes_open_badges_2_only(sample_site: Path) -> None:
    assert not (sample_site / "credentials").exists()
    assert not (sample_site.parent / f"{sample_site.name}-to-sign").exists()
    assert not list(sample_site.glob("completions/*/credential.jwt"))
    assert len(list(sample_site.glob("completions/*/assertion.json"))) == 4
    assert "Open Badges 3.0" not in (sample_site / "completions" / "investor-model-tidy-up" / "index.html").read_text()


def test_every_credential_a_page_links_exists_and_verifies(board: Board) -> None:
    pages = sorted((board.site / "completions").glob("*/index.html"))
    linking = [page.parent.name for page in pages if "credential.jwt" in page.read_text()]
    assert linking == sorted(set(path.parent.name for path in (board.site / "completions").glob("*/credential.jwt")))
    assert REVOKED not in linking and RECORD in linking and len(linking) == len(pages) - 1
    for record in linking:
        jwt.decode((board.site / "completions" / record / "credential.jwt").read_text(), jwks(board),
                   algorithms=["EdDSA"])


def test_the_signing_inputs_stay_outside_the_published_site(board: Board) -> None:
    to_sign = board.site.parent / f"{board.site.name}-to-sign"
    assert sorted(path.name for path in to_sign.iterdir()) == sorted(
        f"{path.parent.name}.signing-input" for path in (board.site / "completions").glob("*/credential.jwt"))
    assert not list(board.site.rglob("*.signing-input"))


def test_a_wrong_public_key_stops_the_build_with_what_to_do(tmp_path: Path) -> None:
    result = run_pelican(CONTENT, tmp_path / "site", epoch_at(sample_today()),
                         extra_env={"BOARD_SIGNING_PUBLIC_KEY": "not a key", "COLUMNS": "400"})
    assert result.returncode != 0
    message = "BOARD_SIGNING_PUBLIC_KEY (its value is not repeated here) must be an Ed25519 public key in PEM, as " \
              "`openssl pkey -in board-key.pem -pubout` prints it, or None"
    assert message in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_a_private_key_given_to_the_build_stops_it_and_is_never_repeated(tmp_path: Path) -> None:
    pem = private_pem(Ed25519PrivateKey.generate())
    result = run_pelican(CONTENT, tmp_path / "site", epoch_at(sample_today()),
                         extra_env={"BOARD_SIGNING_PUBLIC_KEY": pem, "COLUMNS": "400"})
    said = " ".join((result.stdout + result.stderr).split())  # Pelican's log wraps long lines
    assert result.returncode != 0
    assert "BOARD_SIGNING_PUBLIC_KEY (its value is not repeated here) holds a private key, which the build must " \
           "never see: give it the public half only (`openssl pkey -in board-key.pem -pubout`), and make a new key, " \
           "since this one is no longer secret" in said
    assert pem.splitlines()[1] not in result.stdout + result.stderr


def test_adding_changing_or_removing_the_public_key_rebuilds_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    from pelican.settings import read_settings

    from board.site.up_to_date import inputs_digest

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    monkeypatch.chdir(ROOT)
    digests = [inputs_digest({**settings, "BOARD_SIGNING_PUBLIC_KEY": key})
               for key in (None, public_pem(Ed25519PrivateKey.generate()), public_pem(Ed25519PrivateKey.generate()))]
    assert len(set(digests)) == 3
