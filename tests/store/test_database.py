"""Opening, creating and refusing database files."""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from infoterm.store.database import open_database
from infoterm.store.errors import StoreError
from infoterm.store.migrate import backup_copy
from infoterm.store.schema import SCHEMA_VERSION

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
    path.chmod(0o644)
    with pytest.raises(StoreError) as err:
        open_database(str(path))
    assert str(path) in str(err.value)
    assert "not an infoterm database" in str(err.value)
    assert path.read_bytes() == content
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


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


def _untouched(path: Path, before: bytes) -> None:
    """The same bytes, mode and journal as before; no WAL file beside it."""
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert not path.with_name(path.name + "-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_users_own_database_with_a_table_named_like_infoterms_is_left_untouched(
    tmp_path: Path,
) -> None:
    """``contacts(id, name)`` is a name infoterm uses, but not its table: refused as not
    an infoterm database, before its mode or journal are changed."""
    path = tmp_path / "f2.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Ann')")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    before = path.read_bytes()
    for write in (True, False):
        with pytest.raises(StoreError, match="is a database, but not an infoterm one"):
            open_database(str(path), write=write)
        _untouched(path, before)


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, -1])
def test_a_file_of_an_unknown_version_is_left_untouched(tmp_path: Path, version: int) -> None:
    path = tmp_path / "odd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute(f"PRAGMA user_version={version}")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(StoreError):
        open_database(str(path))
    _untouched(path, before)


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


def run_unprivileged(work: Callable[[Path], str], folder: Path) -> str:
    """``work(folder)`` as a user the file permissions apply to. As root (CI runs as root,
    and root writes anywhere) a forked child drops to ``nobody`` and sends the result
    back; it cannot exec a fresh interpreter, which lives in root's private home."""
    if os.geteuid() != 0:
        return work(folder)
    user = pwd.getpwnam("nobody")
    os.chown(folder, user.pw_uid, user.pw_gid)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.write(write, work(folder).encode())
            code = 0
        except BaseException as exc:
            os.write(write, f"child failed: {exc!r}".encode())
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        result = pipe.read().decode()
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, result
    return result


def test_a_read_only_folder_is_named(tmp_path: Path) -> None:
    open_database(str(tmp_path / "warm.db")).close()  # its imports, before any fork
    # tmp_path's parents are private to root: the unprivileged user works in its own.
    base = Path(tempfile.mkdtemp(prefix="infoterm-test-"))
    try:

        def attempt(folder: Path) -> str:
            assert os.geteuid() != 0
            read_only = folder / "ro"
            read_only.mkdir()
            read_only.chmod(0o500)
            try:
                open_database(str(read_only / "infoterm.db"))
            except StoreError as exc:
                return str(exc)
            return "opened"

        message = run_unprivileged(attempt, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert message.startswith(f"cannot create {base / 'ro' / 'infoterm.db'}"), message


def test_backup_copy_is_a_consistent_private_copy(db_path: Path) -> None:
    open_database(str(db_path)).close()
    copy = backup_copy(db_path, 1)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_half_created_infoterm_database_is_completed_not_refused(tmp_path: Path) -> None:
    """What an older infoterm killed during its first run left: some of its own tables,
    version 0. It is completed (missing tables and indexes), keeping its rows."""
    from infoterm.store.schema import Base

    path = tmp_path / "half.db"
    conn = sqlite3.connect(path)
    organisations = Base.metadata.tables["organisations"]
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateTable

    conn.execute(str(CreateTable(organisations).compile(dialect=sqlite_dialect.dialect())))
    conn.commit()
    conn.close()

    open_database(str(path)).close()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= tables
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    wanted = {i.name for t in Base.metadata.sorted_tables for i in t.indexes}
    assert wanted <= indexes
    conn.close()


def test_a_half_created_version_one_file_is_completed_with_its_rows(tmp_path: Path) -> None:
    """Files were left half-created by infoterm of schema 1 (before the first run was one
    transaction): its tables lack the row versions of schema 2. They are completed, rows
    kept, to exactly a fresh file's schema, and made private and WAL like one."""
    from tests.store.test_schema_versions import fresh_schema, shape

    path = tmp_path / "half-v1.db"
    created = (HERE / "schema_v1.sql").read_text().split(";\n")
    tables = [sql for sql in created if sql.startswith("CREATE TABLE")]
    conn = sqlite3.connect(path)
    for sql in tables[:3]:  # contacts, events, followups: killed after the third
        conn.execute(sql)
    conn.execute(
        "INSERT INTO contacts (id, name, title, email, phone, linkedin_url, source, tags,"
        " notes, stage, stage_changed_at, on_board, archive_reason, created_at, updated_at)"
        " VALUES (1, 'Ada', '', '', '', '', '', '', '', 'identified', '2026-01-01 10:00:00',"
        " 1, '', '2026-01-01 10:00:00', '2026-01-01 10:00:00')"
    )
    conn.commit()
    conn.close()
    path.chmod(0o644)

    open_database(str(path)).close()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert shape(conn) == shape(fresh_schema(tmp_path))
    assert conn.execute("SELECT name, version FROM contacts").fetchall() == [("Ada", 1)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_schema_creation_that_fails_half_way_leaves_the_file_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoterm.store import migrate

    path = tmp_path / "cut.db"

    def cut_short(conn, version: int) -> None:
        raise RuntimeError("killed before the version was set")

    monkeypatch.setattr(migrate, "set_version", cut_short)
    with pytest.raises(RuntimeError):
        open_database(str(path))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    open_database(str(path)).close()  # the next run creates it


def test_a_first_run_meeting_another_writer_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching a new file to WAL while another first run holds the write lock fails at
    once ("locked", SQLite does not wait there); the first run waits its turn instead."""
    from infoterm.store import migrate
    from infoterm.store.database import Database

    path = tmp_path / "shared.db"
    path.touch()
    db = Database(str(path), busy_timeout_ms=5000)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process, creating the schema
    waited = []
    real_wait = migrate.wait_for_writer

    def other_finishes(cursor) -> None:
        waited.append(True)
        other.execute("ROLLBACK")
        real_wait(cursor)

    monkeypatch.setattr(migrate, "wait_for_writer", other_finishes)
    migrate.create_schema(db.engine)
    db.close()
    other.close()

    assert waited == [True]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
