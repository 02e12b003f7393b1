"""``make devserver`` shows an edited listing within seconds: the build it keeps in memory writes
again only what shows the listing (its page, its lists, its feeds, its search card), and each of
those files is what a full build of the edited content writes, byte for byte."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from board.core.errors import InvalidContentError
from board.site.live import LiveSite
from conftest import CONTENT, epoch_at, run_pelican, sample_today, settings_for, stable_files

LISTING = "atelier-moustique-case-study-copy"  # open, writing-communications, on the first page of the board
# What the dev server promises to bring up to date at once: the listing's page, its lists and feeds.
PROMISED = re.compile(r"^(index\.html|page/|categories/|skills/|organizations/|remote/|closed/|feeds/"
                      rf"|opportunities/{LISTING}/)")


@dataclass
class Live:
    site: LiveSite
    content: Path
    output: Path
    before: dict[str, bytes]  # the site as the first build wrote it

    def listing(self, listing_id: str = LISTING) -> Path:
        return self.content / "opportunities" / f"{listing_id}.yaml"

    def edit(self, pattern: str, replacement: str, listing_id: str = LISTING) -> Path:
        path = self.listing(listing_id)
        text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
        assert count == 1, pattern
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Live:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    settings = settings_for(content, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_at(sample_today()))
    site = LiveSite(settings, tmp_path / "output")
    site.build()
    return Live(site, content, tmp_path / "output", stable_files(tmp_path / "output"))


def full_build(live: Live, folder: Path) -> dict[str, bytes]:
    result = run_pelican(live.content, folder, epoch_at(sample_today()))
    assert result.returncode == 0, result.stderr
    return stable_files(folder)


def assert_written_as_a_full_build_writes_them(live: Live, written: list[str], full: dict[str, bytes]) -> None:
    assert written, "the update wrote nothing"
    different = [name for name in written if (live.output / name).read_bytes() != full[name]]
    assert not different, f"written otherwise than a full build writes them: {different}"
    promised = {name for name, body in full.items() if PROMISED.match(name) and live.before.get(name) != body}
    assert promised <= set(written), f"left as they were: {sorted(promised - set(written))}"


def test_an_edited_title_shows_in_its_page_lists_feeds_and_search_card(live: Live, tmp_path: Path) -> None:
    written = live.site.apply([live.edit(r"^title: .*$", "title: Proofread three case studies")])

    for name in (f"opportunities/{LISTING}/index.html", "index.html", "categories/writing-communications/index.html",
                 "organizations/atelier-moustique/index.html", "feeds/all.atom.xml", "feeds/all.json",
                 "feeds/categories/writing-communications.rss.xml", f"search/cards/{LISTING}.html"):
        assert name in written
        assert "Proofread three case studies" in (live.output / name).read_text(encoding="utf-8")
    assert "skills/python/index.html" not in written  # a list it is not on
    assert_written_as_a_full_build_writes_them(live, written, full_build(live, tmp_path / "full"))


def test_a_listing_moved_to_another_category_leaves_both_lists_and_feeds_right(live: Live, tmp_path: Path) -> None:
    written = live.site.apply([live.edit(r"^category: .*$", "category: marketing")])

    assert {"categories/writing-communications/index.html", "categories/marketing/index.html",
            "feeds/categories/writing-communications.atom.xml", "feeds/categories/marketing.atom.xml"} <= set(written)
    old_list = (live.output / "categories/writing-communications/index.html").read_text(encoding="utf-8")
    assert f"opportunities/{LISTING}/" not in old_list
    assert_written_as_a_full_build_writes_them(live, written, full_build(live, tmp_path / "full"))


def test_a_later_deadline_moves_it_to_the_boards_second_page(live: Live, tmp_path: Path) -> None:
    assert f"opportunities/{LISTING}/" in (live.output / "index.html").read_text(encoding="utf-8")

    written = live.site.apply([live.edit(r"^apply_by: .*$", "apply_by: 2027-03-19")])

    assert {"index.html", "page/2/index.html"} <= set(written)
    assert f"opportunities/{LISTING}/" in (live.output / "page/2/index.html").read_text(encoding="utf-8")
    assert_written_as_a_full_build_writes_them(live, written, full_build(live, tmp_path / "full"))


def test_added_and_removed_listings_update_the_lists(live: Live, tmp_path: Path) -> None:
    added = live.listing("atelier-moustique-second-case-study")
    shutil.copy(live.listing(), added)
    removed = live.listing("atelier-moustique-accessibility-audit")
    removed.unlink()

    written = live.site.apply([added, removed])

    assert "opportunities/atelier-moustique-second-case-study/index.html" in written
    organization = (live.output / "organizations/atelier-moustique/index.html").read_text(encoding="utf-8")
    assert "atelier-moustique-second-case-study/" in organization
    assert "atelier-moustique-accessibility-audit/" not in organization
    assert_written_as_a_full_build_writes_them(live, written, full_build(live, tmp_path / "full"))


def test_an_edit_with_an_error_is_named_and_changes_nothing(live: Live, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InvalidContentError, match="left as it was"):
        live.site.apply([live.edit(r"^category: .*$", "category: astrology")])

    assert f"{LISTING}.yaml:14" in capsys.readouterr().err
    assert stable_files(live.output) == live.before
