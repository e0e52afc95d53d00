"""Headless modules must not load the UI (nor, for the fast paths, SQLAlchemy)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import infoterm

# The UI: the infoterm.tui package; everything else is headless (and the layers contract
# in pyproject.toml, checked by lint-imports, says which way the rest import).
UI = ("infoterm.tui",)


def headless_modules() -> list[str]:
    """Every module of the package outside the UI (``__main__`` would start the app)."""
    found = [
        info.name
        for info in pkgutil.walk_packages(infoterm.__path__, "infoterm.")
        if info.name != "infoterm.__main__"
    ]
    return ["infoterm", *(m for m in found if not m.startswith(UI) and m not in UI)]


# Modules on the fast paths (first board paint, `infoterm due`): no SQLAlchemy either.
FAST = [
    "infoterm.cli",
    "infoterm.tui.board",
    "infoterm.store.database",
    "infoterm.store.reader",
    "infoterm.dates",
    "infoterm.followup_policy",
    "infoterm.cli.followup_commands",
    "infoterm.statsview",
    "infoterm.cli.interop",
    "infoterm.meeting",
    "infoterm.questions",
]


def _loaded(module: str, prefixes: tuple[str, ...]) -> list[str]:
    code = (
        f"import sys, {module}\n"
        f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules if m.startswith({prefixes!r})}})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_the_walk_finds_the_headless_core() -> None:
    modules = headless_modules()
    assert {"infoterm.store.sql", "infoterm.interop._tabular", "infoterm.cli.tui"} <= set(modules)
    assert not any(m.startswith(UI) for m in modules)


def test_no_headless_module_imports_textual_or_rich() -> None:
    """In one fresh interpreter, import each headless module in turn and name the first
    after which textual or rich is loaded (a module loads it, or one it imports does)."""
    code = (
        "import importlib, sys\n"
        f"for name in {headless_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    ui = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "    if ui:\n"
        "        print(name, 'loads', ','.join(ui))\n"
        "        break\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("module", FAST)
def test_fast_path_module_does_not_import_sqlalchemy(module: str) -> None:
    assert _loaded(module, ("sqlalchemy",)) == []


def test_schema_versions_agree() -> None:
    from infoterm.store import database, schema

    assert database.SCHEMA_VERSION == schema.SCHEMA_VERSION


def test_infoterm_due_runs_on_the_standard_library_alone(tmp_path) -> None:
    """The whole `infoterm due` command (on a real database, with rows) loads no UI, no
    SQLAlchemy and no importlib.metadata: it is what people put in a shell prompt."""
    db = tmp_path / "due.db"
    seed = (
        "import sys\n"
        "from infoterm.cli import main\n"
        f"for args in (['add', 'Ben', '--stage', 'requested'], ['followup', 'add', 'Ben', "
        f"'--due', 'yesterday', '--note', 'call']):\n"
        f"    main(['--db', {str(db)!r}, *args])\n"
    )
    subprocess.run([sys.executable, "-c", seed], check=True, capture_output=True)
    code = (
        "import sys\n"
        "from infoterm.cli import main\n"
        f"for args in (['due'], ['due', '--json'], ['due', '--until', 'fri'], ['due', '--count']):\n"
        f"    assert main(['--db', {str(db)!r}, *args]) == 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'textual', 'rich')"
        " or m.startswith('importlib.metadata'))\n"
        "print('LOADED', ','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "call" in out.stdout  # it did print the follow-up
    assert out.stdout.strip().splitlines()[-1] == "LOADED"


def test_every_root_module_is_placed_in_a_layer() -> None:
    """The layers contract lists the domain's modules by name: a new module at the package
    root must be placed there (or in a layer's package), or lint-imports would not see it."""
    import tomllib
    from pathlib import Path

    pyproject = Path(infoterm.__file__).parent.parent / "pyproject.toml"
    contract = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]["contracts"][0]
    layered = {
        name.strip() for layer in contract["layers"] for name in layer.replace("|", ":").split(":")
    }
    root = {
        f"infoterm.{info.name}"
        for info in pkgutil.iter_modules(infoterm.__path__)
        if info.name != "__main__"
    }
    assert root - layered == set()
