"""What a build promises: same input, same bytes; bad input, no build and the old site intact."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
from datetime import date, timedelta
from pathlib import Path
from time import monotonic, sleep

from conftest import CONTENT, EXAMPLES, epoch_at, make_content, run_pelican, sample_today, stable_files, start_pelican


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path: Path, sample_site: Path) -> None:
    again = tmp_path / "again"
    result = run_pelican(CONTENT, again, epoch_at(sample_today()))
    assert result.returncode == 0, result.stderr
    first, second = stable_files(sample_site), stable_files(again)
    assert any(name.startswith("pagefind/fragment/") for name in first)
    assert sorted(first) == sorted(second)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == []


def test_rebuilding_over_a_previous_site_gives_the_same_bytes_as_a_clean_build(tmp_path: Path,
                                                                               sample_site: Path) -> None:
    output = tmp_path / "output"
    shutil.copytree(sample_site, output)
    (output / "stale-page.html").write_text("left over from an older build")
    result = run_pelican(CONTENT, output, epoch_at(sample_today()))
    assert result.returncode == 0, result.stderr
    assert stable_files(output) == stable_files(sample_site)


def test_an_invalid_listing_stops_the_build_and_leaves_the_previous_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(EXAMPLES / "invalid" / "apply-url-not-https.yaml", content / "opportunities" / "broken-listing.yaml")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site")
    result = run_pelican(content, output, epoch_at(sample_today()))
    assert result.returncode != 0
    assert "broken-listing.yaml:25:8: error: apply.url: 'http://acme.com' must be an https:// URL" in result.stderr
    assert "nothing was built" in result.stdout + result.stderr
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the previous site"


def test_publish_settings_give_absolute_urls_from_siteurl(tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = run_pelican(CONTENT, output, epoch_at(sample_today()), settings="publishconf.py",
                         extra_env={"SITEURL": "https://board.example.edu/"})
    assert result.returncode == 0, result.stderr
    home = (output / "index.html").read_text()
    assert 'href="https://board.example.edu/theme/css/board.css"' in home
    assert "localhost" not in "".join(path.read_text() for path in output.rglob("*.xml"))
    assert not filecmp.cmp(output / "index.html", output / "remote" / "index.html", shallow=False)


def test_a_build_killed_half_way_leaves_the_previous_site_and_the_next_build_recovers(tmp_path: Path) -> None:
    listing = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text()
    content = make_content(tmp_path, {f"listing-{number:04d}.yaml": listing for number in range(400)})
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site")
    staging = tmp_path / ".output.staging"
    build = start_pelican(content, output, epoch_at(date(2026, 11, 2)))
    deadline = monotonic() + 120
    while not list(staging.glob("opportunities/*/index.html")) and build.poll() is None and monotonic() < deadline:
        sleep(0.005)
    assert build.poll() is None, "the build finished before it could be interrupted"
    os.killpg(build.pid, signal.SIGKILL)  # the build and its page workers
    build.wait()
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the previous site"

    result = run_pelican(content, output, epoch_at(date(2026, 11, 2)))
    assert result.returncode == 0, result.stderr
    assert len(list(output.glob("opportunities/*/index.html"))) == 400
    assert not staging.exists()


def test_a_build_with_unchanged_inputs_leaves_the_site_as_it_is(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    output = tmp_path / "output"
    assert run_pelican(content, output, epoch_at(sample_today())).returncode == 0
    (output / "marker").write_text("left by hand: a skipped build does not touch the folder")
    again = run_pelican(content, output, epoch_at(sample_today()))
    assert again.returncode == 0, again.stderr
    assert f"Nothing changed since the last build: {output} is up to date." in again.stderr
    assert (output / "marker").exists()


def test_any_changed_input_rebuilds_the_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    output = tmp_path / "output"
    assert run_pelican(content, output, epoch_at(sample_today())).returncode == 0
    listing = sorted((content / "opportunities").glob("*.yaml"))[0]
    listing.write_text(listing.read_text().replace("title: ", "title: Revised ", 1))
    changed = run_pelican(content, output, epoch_at(sample_today()))
    assert changed.returncode == 0, changed.stderr
    assert "up to date" not in changed.stderr
    assert "Revised " in (output / "opportunities" / listing.stem / "index.html").read_text()
    next_day = run_pelican(content, output, epoch_at(sample_today() + timedelta(days=1)))
    assert "up to date" not in next_day.stderr
