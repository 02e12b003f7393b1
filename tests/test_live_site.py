"""``make devserver`` shows an edited listing within seconds: the build it keeps in memory writes
again only what shows the listing (its page, its lists, its feeds, its search card), and each of
those files is what a full build of the edited content writes, byte for byte."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from board.core.errors import InvalidContentError
from board.site.live import LiveSite, Update
from conftest import CONTENT, EXAMPLES, epoch_at, make_content, run_pelican, sample_today, settings_for, stable_files

LISTING = "atelier-moustique-case-study-copy"  # open, writing-communications, on the first page of the board
# What the dev server promises to bring up to date at once: the listing's page, its lists and feeds.
PROMISED = re.compile(r"^(index\.html|page/|categories/|skills/|organizations/|remote/|closed/|feeds/"
                      rf"|opportunities/{LISTING}/)")


@dataclass
class Live:
    site: LiveSite
    content: Path
    output: Path
    epoch: str  # SOURCE_DATE_EPOCH of its builds
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
    return built(content, epoch_at(sample_today()), monkeypatch)


def built(content: Path, epoch: str, monkeypatch: pytest.MonkeyPatch) -> Live:
    """The board in ``content``, built in this process and kept."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = LiveSite(settings_for(content, content.parent), content.parent / "output")
    site.build()
    return Live(site, content, site.output, epoch, stable_files(site.output))


def full_build(live: Live, folder: Path) -> dict[str, bytes]:
    result = run_pelican(live.content, folder, live.epoch)
    assert result.returncode == 0, result.stderr
    return stable_files(folder)


def assert_as_a_full_build_writes_them(live: Live, update: Update, full: dict[str, bytes]) -> None:
    """Every file the update wrote is the full build's; every promised file the full build changed
    or removed, the update did too."""
    written = update.written
    assert written, "the update wrote nothing"
    different = [name for name in written if (live.output / name).read_bytes() != full[name]]
    assert not different, f"written otherwise than a full build writes them: {different}"
    promised = {name for name, body in full.items() if PROMISED.match(name) and live.before.get(name) != body}
    assert promised <= set(written), f"left as they were: {sorted(promised - set(written))}"
    left_over = {name for name in stable_files(live.output) if PROMISED.match(name)} - set(full)
    assert not left_over, f"files a full build no longer writes: {sorted(left_over)}"


def test_an_edited_title_shows_in_its_page_lists_feeds_and_search_card(live: Live, tmp_path: Path) -> None:
    update = live.site.apply([live.edit(r"^title: .*$", "title: Proofread three case studies")])
    written = update.written

    for name in (f"opportunities/{LISTING}/index.html", "index.html", "categories/writing-communications/index.html",
                 "organizations/atelier-moustique/index.html", "feeds/all.atom.xml", "feeds/all.json",
                 "feeds/categories/writing-communications.rss.xml", f"search/cards/{LISTING}.html"):
        assert name in written
        assert "Proofread three case studies" in (live.output / name).read_text(encoding="utf-8")
    assert "skills/python/index.html" not in written  # a list it is not on
    assert "organizations/index.html" not in written  # its counts did not change
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_a_listing_moved_to_another_category_leaves_both_lists_and_feeds_right(live: Live, tmp_path: Path) -> None:
    update = live.site.apply([live.edit(r"^category: .*$", "category: marketing")])
    written = update.written

    assert {"categories/index.html", "categories/writing-communications/index.html", "categories/marketing/index.html",
            "feeds/categories/writing-communications.atom.xml", "feeds/categories/marketing.atom.xml"} <= set(written)
    old_list = (live.output / "categories/writing-communications/index.html").read_text(encoding="utf-8")
    assert f"opportunities/{LISTING}/" not in old_list
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_a_later_deadline_moves_it_to_the_boards_second_page(live: Live, tmp_path: Path) -> None:
    assert f"opportunities/{LISTING}/" in (live.output / "index.html").read_text(encoding="utf-8")

    update = live.site.apply([live.edit(r"^apply_by: .*$", "apply_by: 2027-03-19")])
    written = update.written

    assert {"index.html", "page/2/index.html"} <= set(written)
    assert f"opportunities/{LISTING}/" in (live.output / "page/2/index.html").read_text(encoding="utf-8")
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_added_and_removed_listings_update_the_lists(live: Live, tmp_path: Path) -> None:
    added = live.listing("atelier-moustique-second-case-study")
    shutil.copy(live.listing(), added)
    removed = live.listing("atelier-moustique-accessibility-audit")
    removed.unlink()

    update = live.site.apply([added, removed])
    written = update.written

    assert "opportunities/atelier-moustique-second-case-study/index.html" in written
    assert "opportunities/atelier-moustique-accessibility-audit/index.html" in update.removed
    assert not (live.output / "opportunities/atelier-moustique-accessibility-audit/index.html").exists()
    organization = (live.output / "organizations/atelier-moustique/index.html").read_text(encoding="utf-8")
    assert "atelier-moustique-second-case-study/" in organization
    assert "atelier-moustique-accessibility-audit/" not in organization
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_a_listing_that_closes_leaves_the_lists_and_feeds_but_keeps_its_page(live: Live, tmp_path: Path) -> None:
    live.edit(r"^posted: .*$", "posted: 2026-09-01")
    update = live.site.apply([live.edit(r"^apply_by: .*$", "apply_by: 2026-10-01")])

    page = (live.output / f"opportunities/{LISTING}/index.html").read_text(encoding="utf-8")
    assert "closed" in page.lower()
    assert f"opportunities/{LISTING}/" not in (live.output / "index.html").read_text(encoding="utf-8")
    assert "closed/index.html" in update.written
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def on_the_second_page(live: Live) -> str:
    return re.findall(r'href="\.\./\.\./opportunities/([a-z0-9-]+)/"',
                      (live.output / "page/2/index.html").read_text(encoding="utf-8"))[-1]


def test_removing_a_listing_on_the_second_page_updates_the_first_pages_count(live: Live, tmp_path: Path) -> None:
    last = on_the_second_page(live)
    live.listing(last).unlink()

    update = live.site.apply([live.listing(last)])

    assert "index.html" in update.written
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_a_new_category_on_the_second_page_updates_the_first_pages_category_counts(live: Live, tmp_path: Path) -> None:
    listing = on_the_second_page(live)
    category = re.search(r"^category: (.*)$", live.listing(listing).read_text(encoding="utf-8"), re.MULTILINE)
    assert category
    other = "design" if category.group(1) != "design" else "finance"

    update = live.site.apply([live.edit(r"^category: .*$", f"category: {other}", listing)])

    assert "index.html" in update.written
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_a_category_change_far_down_the_board_updates_the_first_pages_category_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 30 listings alike: the board lists them by deadline, then id, and the first page's list by date
    # keeps that order, so the last one is on the second page of both and the first page shows
    # nothing of it but the counts.
    text = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text(encoding="utf-8")
    content = make_content(tmp_path, {f"listing-{number:04d}.yaml": text for number in range(30)})
    live = built(content, epoch_at(date(2026, 11, 2)), monkeypatch)

    update = live.site.apply([live.edit(r"^category: .*$", "category: design", "listing-0029")])

    assert "index.html" in update.written
    assert_as_a_full_build_writes_them(live, update, full_build(live, tmp_path / "full"))


def test_an_edit_with_an_error_is_named_and_changes_nothing(live: Live, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InvalidContentError, match="left as it was"):
        live.site.apply([live.edit(r"^category: .*$", "category: astrology")])

    assert f"{LISTING}.yaml:14" in capsys.readouterr().err
    assert stable_files(live.output) == live.before
