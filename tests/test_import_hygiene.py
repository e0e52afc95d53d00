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
    "infoterm.cli",
]
# Modules on the fast paths (first board paint, `infoterm due`): no SQLAlchemy either.
FAST = [
    "infoterm.cli",
    "infoterm.board",
    "infoterm.store.database",
    "infoterm.store.reader",
    "infoterm.dates",
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
