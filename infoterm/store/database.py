"""Opening a database: checks, creation, upgrades; a fast reader and a lazy SQLAlchemy side.

``open_database`` checks the file with the standard library first (not a database? locked?
read-only folder? made by a newer infoterm?) and raises :class:`StoreError` naming the
file, before anything is written. An up-to-date SQLite file opens without importing
SQLAlchemy at all; ``Database.sessions`` imports it on first use.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from infoterm.paths import sqlite_file
from infoterm.store import postgres
from infoterm.store.reader import Reader, psycopg_reader, sqlalchemy_reader, sqlite_reader
from infoterm.store.sqlite import (
    StoreError,
    connect,
    describe_sqlite_error,
    has_tables,
    prepare_file,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# Kept in step with store.schema.SCHEMA_VERSION (a test checks) so the fast path need not
# import SQLAlchemy to compare versions.
SCHEMA_VERSION = 3


class Database:
    def __init__(self, target: str) -> None:
        self.target = target
        self.sqlite_path: Path | None = sqlite_file(target)
        self.backup_made: Path | None = None

    @property
    def label(self) -> str:
        return str(self.sqlite_path) if self.sqlite_path else self.target

    @cached_property
    def engine(self) -> Engine:
        from infoterm.store.engine import make_engine

        return make_engine(self.target, self.sqlite_path)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from infoterm.store.engine import make_sessions

        return make_sessions(self.engine)

    @cached_property
    def reader(self) -> Reader:
        if self.sqlite_path:
            return sqlite_reader(self.sqlite_path)
        if postgres.is_postgres(self.target):
            return psycopg_reader(self.target)
        return sqlalchemy_reader(self.engine)

    def close(self) -> None:
        if "reader" in self.__dict__:
            self.reader.close()
        if "engine" in self.__dict__:
            self.engine.dispose()


def open_database(
    target: str,
    *,
    create: bool = True,
    lock_timeout_ms: int = 2000,
    backups_dir: Path | None = None,
) -> Database:
    """Open ``target``; ``backups_dir`` takes the JSON export written before upgrading a
    server database (default: the data folder's backups)."""
    db = Database(target)
    if postgres.is_postgres(target):
        _open_postgres(db, backups_dir)
        return db
    if db.sqlite_path is None:
        _open_url(db)
        return db
    path = db.sqlite_path
    if not create and not path.exists():
        raise StoreError(f"no database at {path}")
    fresh = prepare_file(path)
    conn = connect(path)
    try:
        version = _check(conn, path)
        if version == 0 and not fresh and has_tables(conn):
            raise StoreError(
                f"{path} is a database, but not an infoterm one; it was left untouched"
            )
        _check_writable(conn, path, lock_timeout_ms)
    finally:
        conn.close()
    if version == 0:
        from infoterm.store.migrate import create_schema

        create_schema(db.engine)
    elif version < SCHEMA_VERSION:
        from infoterm.store.migrate import upgrade

        db.backup_made = upgrade(db.engine, version, path)
    return db


def _check(conn: sqlite3.Connection, path: Path) -> int:
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer infoterm (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade infoterm to open it"
        )
    return version


def _check_writable(conn: sqlite3.Connection, path: Path, timeout_ms: int) -> None:
    """Take and release the write lock: a locked or read-only file fails here, cleanly."""
    try:
        conn.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc


def _open_postgres(db: Database, backups_dir: Path | None) -> None:
    """Check the version through psycopg: an up-to-date server database opens without
    importing SQLAlchemy (``infoterm due``, the first paint)."""
    conn = postgres.connect(db.target)
    try:
        version = postgres.schema_version(conn)
    finally:
        conn.close()
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{postgres.where(db.target)} was written by a newer infoterm (schema {version},"
            f" this one knows {SCHEMA_VERSION}); upgrade infoterm to open it"
        )
    from sqlalchemy.exc import SQLAlchemyError

    from infoterm.store.migrate import create_schema, export_before_upgrade, upgrade

    try:
        if version == 0:
            create_schema(db.engine)
            return
        if backups_dir is None:
            from infoterm.paths import resolve_paths

            backups_dir = resolve_paths().backups_dir
        db.backup_made = export_before_upgrade(db.engine, backups_dir, version)
        upgrade(db.engine, version, None)
    except SQLAlchemyError as exc:
        raise StoreError(
            postgres.describe_error(db.target, getattr(exc, "orig", None) or exc)
        ) from exc


def _open_url(db: Database) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from infoterm.store.migrate import create_schema, get_version, upgrade

    try:
        with db.engine.connect() as conn:
            version = get_version(conn)
            conn.commit()
        if version == 0:
            create_schema(db.engine)
        elif version < SCHEMA_VERSION:
            upgrade(db.engine, version, None)
        elif version > SCHEMA_VERSION:
            raise StoreError(f"{db.target} was written by a newer infoterm (schema {version})")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open {db.target}: {exc.__class__.__name__}: {exc}") from exc
