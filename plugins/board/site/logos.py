"""Publish exactly the logos organizations name, and nothing else from content/logos/.

Pelican's static files would copy the whole folder, an HTML page or a script among them, so the
board copies each validated logo itself, to the same path under the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.read.files import read_regular
from board.site.build import build_state
from board.validate.logos import MAX_BYTES


class LogosGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        for organization in state.catalog.organizations.values():
            logo = organization.logo
            if logo:
                target = Path(self.output_path) / logo
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(read_regular(state.settings.content / logo, MAX_BYTES))
