"""Schema versions: create a fresh database, or upgrade an older one step by step.

The version lives in SQLite's ``user_version`` (a ``schema_version`` row elsewhere). Before
any upgrade, a copy of the file is kept beside it (``NAME.v1.bak``) using SQLite's online
backup, so a failed upgrade never costs data; on PostgreSQL a JSON export of every table
is written first (``export_before_upgrade``), and the upgrade runs in one transaction
under an advisory lock, so two machines starting a new infoterm at once upgrade once. Each entry of ``UPGRADES`` takes the schema
from version N to N+1 and is tested from every earlier version (tests/store).

We keep this instead of Alembic: one file, no import cost on start-up, and the same
step-by-step guarantee for a single-user SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, select, text
from sqlalchemy.schema import CreateColumn

from infoterm.atomic import copy_database, private_dirs, write_atomic
from infoterm.clock import SystemClock
from infoterm.store.engine import WRITE
from infoterm.store.schema import (
    OBLIGATION_DETAIL,
    OBLIGATION_OPEN,
    SCHEMA_VERSION,
    Base,
)
from infoterm.store.timefmt import to_db

# pg_advisory_xact_lock key: creating or upgrading the schema, one machine at a time
SCHEMA_LOCK = 0x1F0_7E24


# The columns version 5 added (the 2-Hour Job Search, issue 13), table -> columns
ADDED_IN_V5: dict[str, tuple[str, ...]] = {
    "organisations": ("advocacy", "motivation", "posting"),
    "contacts": ("requested_at", "replied_at", "reply_via"),
}

# The columns later versions added to tables version 1 had (the row ``version`` of
# ``_v1_to_v2``, and version 5's): what a half-created version-1 table lacks
ADDED_SINCE_V1: dict[str, frozenset[str]] = {
    table: frozenset({"version", *ADDED_IN_V5.get(table, ())})
    for table in ("organisations", "contacts", "meetings", "followups")
}


def _v1_to_v2(conn: Connection) -> None:
    """The board's covering index (some version-1 files already have it), and row versions."""
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_contacts_counts"
            " ON contacts (stage, on_board, deleted_at, archived_at)"
        )
    )
    for table in ADDED_SINCE_V1:
        _add_row_version(conn, table)


def _add_row_version(conn: Connection, table: str) -> None:
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN version INTEGER DEFAULT 1 NOT NULL"))


def _add_column(conn: Connection, table: str, column: str) -> None:
    """Add a column of the models with exactly the DDL a fresh database gives it."""
    ddl = CreateColumn(Base.metadata.tables[table].c[column]).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {ddl}"))


def _v2_to_v3(conn: Connection) -> None:
    """PostgreSQL: the change counter (SQLite has PRAGMA data_version)."""
    if conn.dialect.name == "postgresql":
        install_change_counter(conn)


def _v3_to_v4(conn: Connection) -> None:
    """One open follow-up per obligation, held by a unique partial index.

    Duplicates that slipped in before (two machines at once, an older demo) are closed
    first, as dismissed, never deleted: of each obligation's open ones the one that
    carries a note (the user's own words) stays open, else the earliest.

    Version 3 had two shapes: commit 37a9408 made it with an index of this name on
    (kind, contact_id, ...), and 0150415 took that out again; the old one is dropped,
    as its columns differ from this one's.
    """
    conn.execute(text("DROP INDEX IF EXISTS ux_followups_obligation"))
    close_duplicate_followups(conn, to_db(SystemClock().now()) or "")
    if conn.dialect.name == "postgresql":
        # the change counter's deferred trigger events must fire before CREATE INDEX
        conn.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
    table = Base.metadata.tables["followups"]
    index = next(i for i in table.indexes if i.name == "ux_followups_obligation")
    index.create(conn)


def close_duplicate_followups(conn: Connection, now: str) -> int:
    """Dismiss every open follow-up but one per obligation; how many were closed."""
    result = conn.execute(
        text(
            "UPDATE followups SET state = 'dismissed', closed_at = :now, version = version + 1"
            " WHERE id IN (SELECT id FROM ("
            "  SELECT id, ROW_NUMBER() OVER ("
            f"   PARTITION BY contact_id, kind, {OBLIGATION_DETAIL}"
            "   ORDER BY CASE WHEN note <> '' THEN 0 ELSE 1 END, id) AS n"
            f"  FROM followups WHERE {OBLIGATION_OPEN}) AS ranked WHERE n > 1)"
        ),
        {"now": now},
    )
    return int(result.rowcount or 0)


def _v4_to_v5(conn: Connection) -> None:
    """LAMP values on organisations; request and reply times on contacts.

    Each column is added with the very DDL a fresh database has (its default included),
    so an upgraded file and a new one agree. A contact waiting in ``requested`` gets its
    request time from when it entered the stage; earlier requests are not known.
    """
    if conn.dialect.name == "postgresql":
        # ALTER TABLE refuses a table with pending (deferred) trigger events
        conn.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
    for name, columns in ADDED_IN_V5.items():
        for column in columns:
            _add_column(conn, name, column)
    conn.execute(
        text(
            "UPDATE contacts SET requested_at = stage_changed_at"
            " WHERE stage = 'requested' AND requested_at IS NULL"
        )
    )


# version N -> callable upgrading a connection from N to N+1
UPGRADES: dict[int, Callable[[Connection], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}

# Bumped once by every transaction that writes (deferred: the counter's row lock is the
# last one a transaction takes, so writers never deadlock on it); a screen polls it.
_BUMP = """
CREATE OR REPLACE FUNCTION infoterm_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('infoterm.bumped', true) IS DISTINCT FROM '1' THEN
    PERFORM set_config('infoterm.bumped', '1', true);
    UPDATE infoterm_changes SET counter = counter + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$
"""


def install_change_counter(conn: Connection) -> None:
    """PostgreSQL: the change counter, and its trigger on every table of the schema."""
    conn.execute(
        text(
            "CREATE TABLE IF NOT EXISTS infoterm_changes"
            " (id INTEGER PRIMARY KEY CHECK (id = 1), counter BIGINT NOT NULL)"
        )
    )
    conn.execute(text("INSERT INTO infoterm_changes VALUES (1, 0) ON CONFLICT DO NOTHING"))
    conn.exec_driver_sql(_BUMP)
    for table in Base.metadata.sorted_tables:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS infoterm_bump ON {table.name}")
        conn.exec_driver_sql(
            f"CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE"
            f" ON {table.name} DEFERRABLE INITIALLY DEFERRED"
            f" FOR EACH ROW EXECUTE FUNCTION infoterm_bump()"
        )


def create_schema(engine: Engine) -> None:
    """Create every table and index in one transaction that sets the version last.

    A kill half-way leaves the file as it was (empty); a file left half-created by an older
    infoterm (some of its tables, version 0: see ``is_half_created``) gets the missing
    tables, columns and indexes.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
            if get_version(conn):
                return  # another machine created it while we waited
            Base.metadata.create_all(conn)
            install_change_counter(conn)
            set_version(conn, SCHEMA_VERSION)
        return
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside any transaction: SQLite refuses it inside
        try:
            use_wal(raw.cursor())
        finally:
            raw.close()
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        for name, added in ADDED_SINCE_V1.items():  # a version-1 table of a half-created file
            have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({name})")}
            for column in sorted(added - have) if have else ():
                _add_column(conn, name, column)
        Base.metadata.create_all(conn)
        # a half-created file may lack indexes of tables it has (by name: SQLAlchemy
        # cannot reflect expression indexes to check them itself)
        present = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                if index.name not in present:
                    index.create(conn)
        set_version(conn, SCHEMA_VERSION)


def use_wal(cursor: Any) -> None:
    """Switch a new SQLite file to WAL, waiting for other first runs doing the same.

    Several processes starting on one new file at once all try this; SQLite then fails
    some of them at once with "locked", without waiting (its busy handler would deadlock).
    The loser waits its turn for the write lock (``wait_for_writer``, with the busy
    timeout) and tries again, until the connection's busy timeout has passed.
    """
    wait_s = int(cursor.execute("PRAGMA busy_timeout").fetchone()[0]) / 1000
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
        wait_for_writer(cursor)


def wait_for_writer(cursor: Any) -> None:
    """Wait (busy timeout) until no other connection holds the write lock."""
    cursor.execute("BEGIN IMMEDIATE")
    cursor.execute("ROLLBACK")


def infoterm_tables() -> set[str]:
    return set(Base.metadata.tables)


def is_half_created(columns: dict[str, set[str]]) -> bool:
    """Are these tables (name -> column names) what a cut-short first run left? Some of
    infoterm's tables, each with exactly its columns: of now, or of version 1 (whose first
    run was not one transaction yet), which lack ``ADDED_SINCE_V1``."""
    if not columns:
        return False
    for name, found in columns.items():
        table = Base.metadata.tables.get(name)
        if table is None:
            return False
        now = set(table.columns.keys())
        if found != now and found != now - ADDED_SINCE_V1.get(name, frozenset()):
            return False
    return True


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
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
            version = get_version(conn)  # another machine may have upgraded meanwhile
        while version < SCHEMA_VERSION:
            UPGRADES[version](conn)
            version += 1
        set_version(conn, version)
    return backup


def export_before_upgrade(engine: Engine, folder: Path, version: int) -> Path:
    """Every row of every table as it is now (schema ``version``), in the JSON export's
    format (``import json`` restores it), into a new private file in ``folder``."""
    now = SystemClock().now()
    tables: dict[str, list[dict[str, object]]] = {}
    with engine.connect() as conn:
        meta = MetaData()
        meta.reflect(conn, only=[t.name for t in Base.metadata.sorted_tables])
        for table in meta.sorted_tables:
            order = list(table.primary_key.columns)
            tables[table.name] = [
                dict(row) for row in conn.execute(select(table).order_by(*order)).mappings()
            ]
    document = {
        "format": "infoterm-export",
        "format_version": 1,
        "schema_version": version,
        "exported_at": now.isoformat(),
        "config": None,
        "tables": tables,
    }
    private_dirs(folder)
    target = folder / f"infoterm-before-v{SCHEMA_VERSION}-{now.strftime('%Y%m%d-%H%M%S')}.json"
    write_atomic(target, json.dumps(document, ensure_ascii=False, default=_text))
    return target


def _text(value: object) -> str:
    return (to_db(value) or "") if isinstance(value, datetime) else str(value)
