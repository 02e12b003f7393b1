"""The code's layers follow a listing's way through the board: each imports only from those below.

core < read < validate < render < site < contribute < reach < cli. A module that reaches up (a renderer
that asks the site, a validator that asks a Pelican adapter) fails here, naming the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "board"
LAYERS = ["core", "read", "validate", "render", "site", "contribute", "reach", "cli"]


def layer(module: str) -> int:
    """``board.render.view`` -> the index of ``render``; ``board.cli`` and ``board.__main__`` -> cli."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "cli"
    return LAYERS.index("cli" if name in ("cli", "__main__") else name)


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT / "plugins").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def board_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of the board's own modules in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: import the board's modules by their full name")
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        found += [(node.lineno, name) for name in names if name == "board" or name.startswith("board.")]
    return found


MODULES = sorted(path for path in PACKAGE.rglob("*.py") if module_of(path) != "board")


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_of(path))
def test_a_module_imports_only_from_its_own_layer_or_below(path: Path) -> None:
    own = layer(module_of(path))
    upward = [f"{path.relative_to(ROOT)}:{line}: imports {module} ({LAYERS[layer(module)]}, above {LAYERS[own]})"
              for line, module in board_imports(path) if module != "board" and layer(module) > own]
    assert upward == []


def test_every_package_of_the_board_has_its_layer() -> None:
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert packages == set(LAYERS) - {"cli"}


def test_the_layer_check_can_fail(tmp_path: Path) -> None:
    reaching_up = tmp_path / "view.py"
    reaching_up.write_text("from board.site.build import build_state\n")
    assert [layer(module) for _, module in board_imports(reaching_up)] == [LAYERS.index("site")]
