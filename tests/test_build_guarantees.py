"""What a build promises: same input, same bytes; bad input, no build and the old site intact."""

from __future__ import annotations

import signal
from datetime import date
from pathlib import Path
from time import monotonic, sleep

from conftest import EXAMPLES, epoch_at, make_content, run_pelican, start_pelican


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
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the previous site"

    result = run_pelican(content, output, epoch_at(date(2026, 11, 2)))
    assert result.returncode == 0, result.stderr
    assert len(list(output.glob("opportunities/*/index.html"))) == 400
    assert not staging.exists()
