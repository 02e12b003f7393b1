"""Preview images for shared links (``og:image``): one per open listing and one for the board.

Each is drawn only when what it shows has changed: drawn images are kept in Pelican's cache folder
(``cache/previews/``, which ``make clean`` removes) under the digest of their card, fonts and
drawing, so a warm cache and a cold one publish the same bytes. Misses are drawn on every core.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.core.parallel import map_ordered
from board.render.preview_image import PreviewCard, board_card, listing_card, preview_png
from board.site.build import build_state

BOARD_PREVIEW = "preview.png"  # the board's own image, for every page but an open listing's
PREVIEWS = "previews"


def listing_preview(listing_id: str) -> str:
    """Where an open listing's image is published."""
    return f"{PREVIEWS}/{listing_id}.png"


@dataclass(frozen=True)
class PreviewCache:
    folder: Path
    fonts: Path

    def ensure(self, card: PreviewCard) -> Path:
        """The cached image of ``card``, drawn first if it is not there yet."""
        path = self.folder / f"{card.digest(self.fonts)}.png"
        if not path.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # builds may share the cache
            partial.write_bytes(preview_png(card, self.fonts))
            partial.replace(path)
        return path


class PreviewImagesGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        name = state.settings.site_name
        cards = {BOARD_PREVIEW: board_card(name, self.settings.get("SITE_DESCRIPTION", ""))}
        cards |= {listing_preview(prepared.id): listing_card(prepared.view, name)
                  for prepared in sorted(state.prepared.values(), key=lambda item: item.id) if not prepared.view.closed}
        cache = PreviewCache(Path(self.settings["CACHE_PATH"]) / PREVIEWS, Path(self.theme) / "fonts")
        output = Path(self.output_path)
        (output / PREVIEWS).mkdir(parents=True, exist_ok=True)
        for target, cached in zip(cards, map_ordered(cache.ensure, list(cards.values())), strict=True):
            shutil.copyfile(cached, output / target)
