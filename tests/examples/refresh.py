"""Rewrite the `# expect:` lines at the top of every example file from what the validator reports now.

Run `PYTHONPATH=plugins .venv/bin/python tests/examples/refresh.py` after deliberately changing a
message, then read the diff: every changed expectation must be a change you meant.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conftest import EXAMPLES
from test_completions import completion_problems
from test_validation_examples import problems_for

EXPECT = re.compile(rb"^# expect: .*\n", re.MULTILINE)


def refresh(path: Path, problems: Callable[[Path, Path], list[str]] = problems_for) -> None:
    body = EXPECT.sub(b"", path.read_bytes())
    lines: list[str] = []
    for _ in range(3):  # the header shifts line numbers; repeat until it describes itself
        header = "".join(f"# expect: {line}\n" for line in lines).encode()
        path.write_bytes(header + body)
        with tempfile.TemporaryDirectory() as folder:
            found = problems(path, Path(folder))
        if found == lines:
            return
        lines = found
    raise SystemExit(f"{path}: expectations did not settle")


if __name__ == "__main__":
    for example in sorted(EXAMPLES.glob("*/*.yaml")):
        if example.parent.name in ("valid", "invalid"):
            refresh(example)
            print(f"refreshed {example.relative_to(EXAMPLES)}")
    for example in sorted(EXAMPLES.glob("completions/*/*.yaml")):
        refresh(example, completion_problems)
        print(f"refreshed {example.relative_to(EXAMPLES)}")
