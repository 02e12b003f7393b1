"""The Saved page: listings a student saved on this device (localStorage, no account), shown as
the board's own cards by saved.js; listings that have closed since are dropped."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from board.site.templates import SAVED_URL


class SavedPageGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        writer.write_file(f"{SAVED_URL}index.html", self.get_template("saved"), self.context,
                          self.settings["RELATIVE_URLS"], url=SAVED_URL, page_name="saved")
