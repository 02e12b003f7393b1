"""Pelican plugin: publish exactly the logos organizations name, and nothing else from content/logos/.

Pelican's static files would copy the whole folder, an HTML page or a script among them, so the
board copies each validated logo itself, to the same path under the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from ..read.files import read_regular
from ..validate.logos import MAX_BYTES


class LogosGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        for organization in state.catalog.organizations.values():
            logo = organization.data.get("logo")
            if logo:
                target = Path(self.output_path) / logo
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(read_regular(state.settings.content / logo, MAX_BYTES))


def get_generators(pelican: Any) -> type:
    return LogosGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
