"""Writers wait their turn (issue 9, item 8): real processes at the same moment, one file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infoterm.store.database import open_database

from .helpers import Outcome, start_together

pytestmark = pytest.mark.sqlite_only


def _failures(outcomes: list[Outcome]) -> list[str]:
    return [f"{o.argv}: rc={o.returncode} {o.stderr.strip()}" for o in outcomes if o.returncode]


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("existing", [True, False], ids=["existing-file", "first-run"])
def test_sixty_adds_started_at_the_same_moment_all_succeed(tmp_path: Path, existing: bool) -> None:
    path = tmp_path / "shared.db"
    if existing:
        open_database(str(path)).close()
    # 60 on a file set up already; 20 first runs at once (creating the schema together)
    many = 60 if existing else 20
    commands = [["--db", str(path), "add", f"Person {n:02d}"] for n in range(many)]

    outcomes = start_together(commands, tmp_path / "home")

    assert _failures(outcomes) == []
    assert all(o.stderr == "" for o in outcomes), [o.stderr for o in outcomes if o.stderr]
    ids = sorted(int(o.stdout.split()[-1]) for o in outcomes)
    assert len(set(ids)) == many
    assert _count(path, "SELECT count(*) FROM contacts") == many
    assert _integrity(path) == "ok"


@pytest.mark.parametrize("existing", [True, False], ids=["existing-file", "first-run"])
def test_people_added_at_one_new_organisation_at_once_share_one_row(
    tmp_path: Path, existing: bool
) -> None:
    path = tmp_path / "shared.db"
    if existing:
        open_database(str(path)).close()
    # different spellings of one name: the organisation is found by its key
    spellings = [
        "Northwind Ltd",
        "northwind ltd",
        "NORTHWIND  LTD",
        "Northwind Ltd",
        "northwind Ltd",
    ]
    commands = [
        ["--db", str(path), "add", f"Colleague {n}", "--org", org]
        for n, org in enumerate(spellings * 2)
    ]

    outcomes = start_together(commands, tmp_path / "home")

    assert _failures(outcomes) == []
    assert _count(path, "SELECT count(*) FROM organisations") == 1
    assert _count(path, "SELECT count(DISTINCT organisation_id) FROM contacts") == 1
    assert _count(path, "SELECT count(*) FROM contacts WHERE organisation_id IS NOT NULL") == 10
    assert _integrity(path) == "ok"
