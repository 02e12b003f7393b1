"""Speed-ups change nothing: builds publish the same bytes as the reference builds recorded in tests/golden/.

The manifests were recorded from the unoptimised build. When a change to what the board publishes
is deliberate, re-record them with tests/golden/refresh.py and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from refresh import manifest, read_manifest


def differences(expected: dict[str, str], built: dict[str, str]) -> list[str]:
    return ([f"missing: {name}" for name in sorted(expected.keys() - built.keys())]
            + [f"unexpected: {name}" for name in sorted(built.keys() - expected.keys())]
            + [f"changed: {name}" for name in sorted(expected.keys() & built.keys()) if expected[name] != built[name]])


def test_the_sample_board_publishes_exactly_the_recorded_bytes(sample_site: Path) -> None:
    assert differences(read_manifest("sample-site"), manifest(sample_site)) == []


def test_a_generated_board_of_450_listings_publishes_exactly_the_recorded_bytes(synthetic_site: Path) -> None:
    assert differences(read_manifest("synthetic-site"), manifest(synthetic_site)) == []
