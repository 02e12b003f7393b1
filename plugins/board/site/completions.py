"""Completion records on the board, all static files at stable addresses:

- ``completions/<id>/``: the page a student shows (project, organization, what was delivered, the
  statement, how to verify it, a badge to download, "Add to LinkedIn", an email check in the browser);
- ``completions/<id>/assertion.json`` (Open Badges 2.0, hosted) and ``badge.png`` (baked with it);
- ``badges/<listing-id>.json`` (badge classes), ``issuers/<organization-id>.json`` and ``.png``;
- with the public half of a signing key (``BOARD_SIGNING_PUBLIC_KEY``), under ``credentials/``: the
  board's issuer profile, its public keys (JWK Set) and its revocation list; and, beside the site in
  ``<output>-to-sign/``, never published, each credential's signing input, from which
  ``board.reach.sign`` makes ``completions/<id>/credential.jwt`` (Open Badges 3.0) after the build.

No index lists the records: a student decides who sees theirs by sharing its address.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.core.model import Completion, Listing, Organization
from board.read.files import read_regular
from board.render import badges, credential
from board.render.badge_image import badge_picture, bake
from board.render.completion_view import build_completion_view
from board.site.build import BuildState, build_state
from board.validate.logos import MAX_BYTES


class CompletionsGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        completions = [state.catalog.completions[key] for key in sorted(state.catalog.completions)]
        pictures = {organization.id: self._issuer(state, organization)
                    for organization in _unique(completion.organization for completion in completions)}
        for listing in _unique(completion.listing for completion in completions):
            self._json(badges.badge_class_path(listing.id),
                       badges.badge_class(listing, state.settings.absolute, self._listing_url(state, listing)))
        public_key = state.settings.signing_public_key
        kid = self._keys(state, public_key, [completion for completion in completions if completion.revoked]) \
            if public_key else None
        for completion in completions:
            self._completion(writer, state, completion, pictures[completion.organization.id], kid)

    def _issuer(self, state: BuildState, organization: Organization) -> bytes:
        """The organization's issuer profile and badge picture; returns the picture."""
        self._json(badges.issuer_path(organization.id),
                   badges.issuer(organization, state.settings.absolute, state.settings.badge_contact))
        logo = read_regular(state.settings.content / organization.logo, MAX_BYTES) if organization.logo else None
        picture = badge_picture(logo)
        self._write(badges.badge_image_path(organization.id), picture)
        return picture

    def _completion(self, writer: Any, state: BuildState, completion: Completion, picture: bytes,
                    kid: str | None) -> None:
        """The record's files and page; with ``kid`` (the board signs), its credential's signing input."""
        settings = state.settings
        assertion = badges.assertion(completion, settings.absolute, settings.timezone)
        self._json(badges.assertion_path(completion.id), assertion)
        if not completion.revoked:
            self._write(badges.baked_badge_path(completion.id), bake(picture, _compact(assertion)))
        kid = None if completion.revoked else kid
        if kid is not None:
            self._signing_input(state, completion, kid)
        page = badges.completion_page(completion.id)
        view = build_completion_view(completion, settings.locale, settings.site_name, settings.absolute(page))
        writer.write_file(f"{page}index.html", self.get_template("completion"), self.context,
                          self.settings["RELATIVE_URLS"], url=page, page_name=page, completion=view,
                          signed=kid is not None,
                          assertion_path=badges.assertion_path(completion.id),
                          baked_badge_path=badges.baked_badge_path(completion.id),
                          credential_path=badges.credential_path(completion.id), jwks_path=credential.JWKS)

    def _signing_input(self, state: BuildState, completion: Completion, kid: str) -> None:
        """The credential's JWS signing input, in the to-sign folder beside the site (never published)."""
        settings = state.settings
        record = credential.open_badge_credential(completion, settings.absolute, settings.site_name,
                                                  self._listing_url(state, completion.listing), settings.timezone)
        to_sign = credential.to_sign_folder(Path(self.output_path))
        to_sign.mkdir(exist_ok=True)
        (to_sign / f"{completion.id}{credential.SIGNING_INPUT}").write_text(credential.signing_input(record, kid),
                                                                            encoding="ascii")

    def _keys(self, state: BuildState, public_key: bytes, revoked: list[Completion]) -> str:
        """The board's public key, issuer profile and revocation list; returns the key's ``kid``."""
        absolute = state.settings.absolute
        public = credential.public_jwk(public_key, absolute)
        self._json(credential.JWKS, {"keys": [public]})
        self._json(public["kid"].removeprefix(absolute("")), public)
        self._json(credential.BOARD_ISSUER, credential.board_issuer(state.settings.site_name, absolute))
        self._json(credential.REVOCATION_LIST, credential.revocation_list(revoked, absolute))
        return public["kid"]

    def _listing_url(self, state: BuildState, listing: Listing) -> str:
        return state.settings.absolute(self.settings["ARTICLE_URL"].format(slug=listing.id))

    def _json(self, path: str, payload: dict[str, Any]) -> None:
        self._write(path, (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    def _write(self, path: str, data: bytes) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _compact(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _unique(items: Any) -> list[Any]:
    """Listings or organizations once each, by id, in id order."""
    return sorted({item.id: item for item in items}.values(), key=lambda item: item.id)
