"""A damaged file is refused in one line that names the way out: the latest backup of
this database (never another database's), and ``sqlite3 FILE .recover``."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.services.interop import default_backup_name
from infoterm.store.database import open_database
from infoterm.store.errors import StoreError

WHEN = datetime(2026, 11, 20, 9, 0)


def seeded(path: Path, clock: FakeClock) -> Path:
    db = open_database(str(path))
    for name in ("Grace Hopper", "Ada Lovelace", "Alan Turing"):
        Services(db, clock).contacts.add(ContactFields(name=name, email=f"{name[:3]}@x.org"))
    db.close()
    return path


def damage_an_index(path: Path) -> None:
    """Spoil one page of an index (the table stays readable): quick_check fails, and
    reports several problems, each over more than one line."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_contacts_email'"
    ).fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 200)


def refusal(path: Path, backups: Path) -> str:
    with pytest.raises(StoreError) as caught:
        open_database(str(path), backup_folders=[backups])
    return str(caught.value)


def test_the_damaged_message_is_one_line(tmp_path: Path, clock: FakeClock) -> None:
    path = seeded(tmp_path / "infoterm.db", clock)
    damage_an_index(path)
    raw = sqlite3.connect(path).execute("PRAGMA quick_check(3)").fetchall()
    assert any("\n" in str(row[0]) for row in raw)  # what made it three lines
    message = refusal(path, tmp_path / "backups")
    assert len(message.splitlines()) == 1, message
    assert "is damaged (integrity check:" in message and ".recover" in message


def test_the_latest_backup_named_is_one_of_this_database(tmp_path: Path, clock: FakeClock) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    mine = backups / default_backup_name(WHEN, ".db", tmp_path / "work.db")
    theirs = backups / default_backup_name(WHEN, ".db", tmp_path / "other.db")
    old_style = backups / "infoterm-20261121-090000.db"  # before names carried the file
    for i, copy in enumerate((mine, theirs, old_style)):
        copy.write_bytes(b"a backup")
        os.utime(copy, (1_000_000 + i, 1_000_000 + i))
    assert mine.name == "work-20261120-090000.db"

    path = seeded(tmp_path / "work.db", clock)
    damage_an_index(path)
    message = refusal(path, backups)
    assert f"restore the latest backup ({mine})" in message
    assert str(theirs) not in message and str(old_style) not in message


def test_a_database_with_no_backup_of_its_own_names_none(tmp_path: Path, clock: FakeClock) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / default_backup_name(WHEN, ".db", tmp_path / "other.db")).write_bytes(b"x")
    (backups / "infoterm-20261121-090000.db").write_bytes(b"x")
    path = seeded(tmp_path / "work.db", clock)
    damage_an_index(path)
    message = refusal(path, backups)
    assert "latest backup" not in message and "sqlite3" in message


def test_the_default_database_still_finds_old_style_backups(
    tmp_path: Path, clock: FakeClock
) -> None:
    """``infoterm-YYYYMMDD-HHMMSS.db`` is what every backup was called before; only the
    default database (infoterm.db) claims them, and its new ones are named the same."""
    backups = tmp_path / "backups"
    backups.mkdir()
    old_style = backups / "infoterm-20261121-090000.db"
    old_style.write_bytes(b"x")
    assert default_backup_name(WHEN, ".db", tmp_path / "infoterm.db") == (
        "infoterm-20261120-090000.db"
    )
    path = seeded(tmp_path / "infoterm.db", clock)
    damage_an_index(path)
    assert f"restore the latest backup ({old_style})" in refusal(path, backups)


def test_an_upgrade_copy_beside_the_file_counts_as_its_backup(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = seeded(tmp_path / "work.db", clock)
    beside = tmp_path / "work.db.v3.bak"
    beside.write_bytes(path.read_bytes())
    (tmp_path / "other.db.v3.bak").write_bytes(b"x")
    damage_an_index(path)
    assert f"restore the latest backup ({beside})" in refusal(path, tmp_path / "none")
