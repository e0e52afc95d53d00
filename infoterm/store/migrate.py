"""Schema versions: create a fresh database, or upgrade an older one step by step.

The version lives in SQLite's ``user_version`` (a ``schema_version`` row elsewhere). Before
any upgrade, a copy of the file is kept beside it (``NAME.v1.bak``) using SQLite's online
backup, so a failed upgrade never costs data. Each entry of ``UPGRADES`` takes the schema
from version N to N+1 and is tested from every earlier version (tests/store).

We keep this instead of Alembic: one file, no import cost on start-up, and the same
step-by-step guarantee for a single-user SQLite file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from infoterm.atomic import copy_database
from infoterm.store.engine import WRITE
from infoterm.store.schema import SCHEMA_VERSION, Base


def _v1_to_v2(conn: Connection) -> None:
    """The board's covering index (some version-1 files already have it), and row versions."""
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_contacts_counts"
            " ON contacts (stage, on_board, deleted_at, archived_at)"
        )
    )
    for table in ("organisations", "contacts", "meetings", "followups"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN version INTEGER DEFAULT 1 NOT NULL"))


# version N -> callable upgrading a connection from N to N+1
UPGRADES: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}


def create_schema(engine: Engine) -> None:
    """Create every table and index in one transaction that sets the version last.

    A kill half-way leaves the file as it was (empty); a file left half-created by an older
    infoterm (some of its tables, version 0) gets the missing tables and indexes.
    """
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside any transaction: SQLite refuses it inside
        try:
            raw.cursor().execute("PRAGMA journal_mode=WAL")
        finally:
            raw.close()
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        Base.metadata.create_all(conn)
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        set_version(conn, SCHEMA_VERSION)


def infoterm_tables() -> set[str]:
    return set(Base.metadata.tables)


def get_version(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
    return int(conn.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0)


def set_version(conn: Connection, version: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version={int(version)}")
    else:
        conn.execute(text("DELETE FROM schema_version"))
        conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": version})


def backup_copy(path: Path, version: int) -> Path:
    """A consistent copy of a live SQLite file (safe while other processes use it),
    checked and written atomically like ``infoterm backup`` (one function for both).
    Raises CopyError or OSError: then no upgrade runs."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    return copy_database(path, target).path


def upgrade(engine: Engine, from_version: int, sqlite_path: Path | None) -> Path | None:
    """Run every upgrade from ``from_version``; returns the backup path, if one was made."""
    backup = backup_copy(sqlite_path, from_version) if sqlite_path else None
    version = from_version
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        while version < SCHEMA_VERSION:
            UPGRADES[version](conn)
            version += 1
        set_version(conn, version)
    return backup
