"""Headless modules must not load the UI (nor, for the fast paths, SQLAlchemy)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "infoterm.clock",
    "infoterm.paths",
    "infoterm.pipeline",
    "infoterm.dates",
    "infoterm.timer",
    "infoterm.meeting",
    "infoterm.questions",
    "infoterm.board",
    "infoterm.settings",
    "infoterm.config",
    "infoterm.demo",
    "infoterm.store.database",
    "infoterm.store.reader",
    "infoterm.store.schema",
    "infoterm.store.migrate",
    "infoterm.services",
    "infoterm.services.contacts",
    "infoterm.services.followups",
    "infoterm.followups",
    "infoterm.templates",
    "infoterm.demo_followups",
    "infoterm.cli",
    "infoterm.cli.followups",
    "infoterm.services.interop",
    "infoterm.services.network",
    "infoterm.services.stats",
    "infoterm.statsview",
    "infoterm.cli.interop",
    "infoterm.services.meetings",
    "infoterm.cli.meetings",
]
# Modules on the fast paths (first board paint, `infoterm due`): no SQLAlchemy either.
FAST = [
    "infoterm.cli",
    "infoterm.board",
    "infoterm.store.database",
    "infoterm.store.reader",
    "infoterm.dates",
    "infoterm.followups",
    "infoterm.cli.followups",
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


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    assert _loaded(module, ("textual", "rich")) == []


@pytest.mark.parametrize("module", FAST)
def test_fast_path_module_does_not_import_sqlalchemy(module: str) -> None:
    assert _loaded(module, ("sqlalchemy",)) == []


def test_schema_versions_agree() -> None:
    from infoterm.store import database, schema

    assert database.SCHEMA_VERSION == schema.SCHEMA_VERSION


def test_infoterm_due_runs_on_the_standard_library_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
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
