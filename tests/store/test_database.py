"""Opening, creating and refusing database files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from infoterm.store.database import open_database
from infoterm.store.migrate import backup_copy
from infoterm.store.schema import SCHEMA_VERSION
from infoterm.store.sqlite import StoreError

HERE = Path(__file__).parent


def test_new_database_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "nested" / "infoterm.db"
    db = open_database(str(path))
    db.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_reader_connections_enforce_foreign_keys(db_path: Path) -> None:
    db = open_database(str(db_path))
    conn = sqlite3.connect(db_path)
    conn.close()
    assert db.reader._run("PRAGMA foreign_keys", {})[0][0] == 1  # noqa: SLF001
    db.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        open_database(str(path))
    assert str(path) in str(err.value)
    assert "not an infoterm database" in str(err.value)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an infoterm one"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer infoterm"):
        open_database(str(path))


def test_a_locked_database_gets_a_clear_message(db_path: Path) -> None:
    open_database(str(db_path)).close()
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            open_database(str(db_path), lock_timeout_ms=50)
    finally:
        holder.rollback()
        holder.close()


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        open_database(str(blocker / "sub" / "infoterm.db"))
    with pytest.raises(StoreError, match="cannot create"):
        open_database(str(blocker / "infoterm.db"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_named(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(StoreError):
        open_database(str(folder / "infoterm.db"))


def test_backup_copy_is_a_consistent_private_copy(db_path: Path) -> None:
    open_database(str(db_path)).close()
    copy = backup_copy(db_path, 1)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
