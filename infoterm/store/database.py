"""Opening a database: checks, creation, upgrades; a fast reader and a lazy SQLAlchemy side.

``open_database`` checks the file with the standard library first (not a database? locked?
read-only folder? made by a newer infoterm?) and raises :class:`StoreError` naming the
file, before anything is written. An up-to-date SQLite file opens without importing
SQLAlchemy at all; ``Database.sessions`` imports it on first use.
"""

from __future__ import annotations

import contextlib
import glob
import re
import shlex
import sqlite3
import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoterm.atomic import tighten
from infoterm.paths import sqlite_file
from infoterm.store import postgres
from infoterm.store.errors import StoreError
from infoterm.store.reader import Reader, psycopg_reader, sqlalchemy_reader, sqlite_reader
from infoterm.store.sqlite import (
    BUSY_TIMEOUT_MS,
    NOTICE_AFTER_MS,
    connect,
    describe_sqlite_error,
    has_tables,
    is_writable,
    prepare_file,
    raw_connect,
)
from infoterm.textsafe import visible

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# Kept in step with store.schema.SCHEMA_VERSION (a test checks) so the fast path need not
# import SQLAlchemy to compare versions.
SCHEMA_VERSION = 5


class Database:
    def __init__(self, target: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.target = target
        self.sqlite_path: Path | None = sqlite_file(target)
        self.backup_made: Path | None = None
        self.busy_timeout_ms = busy_timeout_ms
        self.read_only = False  # the file (or its folder) cannot be written: reading only
        self.backup_folders: list[Path] = []  # where to look for the latest backup
        self._integrity: str | None = None  # "ok", or why the file is refused for writes
        self._integrity_lock = threading.Lock()
        # Called when a write has waited ``notice_after_ms`` for another program's lock
        # (the app shows a notice, then goes on waiting up to busy_timeout_ms).
        self.on_wait: Callable[[], None] | None = None
        self.notice_after_ms = NOTICE_AFTER_MS
        self.writing = 0  # write transactions under way (services.Services.transaction)

    def write_options(self) -> dict[str, Any]:
        """Execution options of a writing connection (see store.engine)."""
        return {
            "infoterm_write": True,
            "infoterm_wait_ms": self.busy_timeout_ms,
            "infoterm_notice_ms": self.notice_after_ms,
            "infoterm_on_wait": self.on_wait,
        }

    @property
    def label(self) -> str:
        return str(self.sqlite_path) if self.sqlite_path else postgres.where(self.target)

    @cached_property
    def engine(self) -> Engine:
        from infoterm.store.engine import make_engine

        return make_engine(
            self.target,
            self.sqlite_path,
            readonly=self.read_only,
            busy_timeout_ms=self.busy_timeout_ms,
        )

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from infoterm.store.engine import make_sessions

        return make_sessions(self.engine)

    @cached_property
    def reader(self) -> Reader:
        if self.sqlite_path:
            return sqlite_reader(
                self.sqlite_path,
                readonly=self.read_only,
                busy_timeout_ms=self.busy_timeout_ms,
                describe=self.describe_error,
            )
        if postgres.is_postgres(self.target):
            return psycopg_reader(self.target)
        return sqlalchemy_reader(self.engine)

    def connect(self) -> sqlite3.Connection:
        """A new stdlib connection on the file (read-only if the database is); the caller
        closes it. For copies (backup) that must work on a read-only database too."""
        assert self.sqlite_path is not None
        try:
            return raw_connect(
                self.sqlite_path, readonly=self.read_only, busy_timeout_ms=self.busy_timeout_ms
            )
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(self.sqlite_path, exc)) from exc

    def describe_error(self, exc: BaseException) -> str:
        """One line for a database error met while working: a damaged file names the way out;
        a server's error never shows the password of its URL."""
        if postgres.is_postgres(self.target):
            return postgres.describe_error(self.target, exc)
        text = str(getattr(exc, "orig", None) or exc)
        if "malformed" in text.lower():
            return damaged_message(self, "database disk image is malformed")
        if self.read_only and "readonly" in text.lower():
            return read_only_message(self.label)
        return describe_sqlite_error(self.label, getattr(exc, "orig", None) or exc)

    # -- integrity: checked once, before the first write ---------------------------------

    @property
    def damaged(self) -> str | None:
        """The message for a file that failed its integrity check, or None (ok, or not yet)."""
        found = self._integrity
        return None if found in (None, "ok") else found

    def check_integrity(self) -> str | None:
        """Run ``PRAGMA quick_check`` once (about 60 ms at 10,000 contacts); the message for
        a damaged file, or None. Safe from any thread; a second call returns the answer."""
        if self.sqlite_path is None:
            return None
        with self._integrity_lock:
            if self._integrity is None:
                self._integrity = _quick_check(self.sqlite_path, self)
        return self.damaged

    def ensure_writable(self) -> None:
        """Raise StoreError unless a write may go ahead: not read-only, not damaged."""
        if self.read_only:
            raise StoreError(read_only_message(self.label))
        problem = self.check_integrity()
        if problem:
            raise StoreError(problem)

    def latest_backup(self) -> Path | None:
        """The newest backup of this database: ``backup`` copies named after its file (see
        :func:`backup_name`) and upgrade copies beside it; never another database's."""
        if self.sqlite_path is None:
            return None
        path = self.sqlite_path
        found: list[Path] = []
        with contextlib.suppress(OSError):
            found += path.parent.glob(f"{glob.escape(path.name)}.v*.bak")
        mine = re.compile(re.escape(path.stem) + r"-\d{8}-\d{6}\.db")
        for folder in self.backup_folders:
            with contextlib.suppress(OSError):
                found += [p for p in folder.glob("*-*.db") if mine.fullmatch(p.name)]
        dated = []
        for candidate in found:
            with contextlib.suppress(OSError):
                if candidate.is_file() and candidate.resolve() != path.resolve():
                    dated.append((candidate.stat().st_mtime, str(candidate), candidate))
        return max(dated)[2] if dated else None

    def close(self) -> None:
        if "reader" in self.__dict__:
            self.reader.close()
        if "engine" in self.__dict__:
            self.engine.dispose()


def backup_name(source: Path | None, local_now: datetime, suffix: str = ".db") -> str:
    """A backup's file name: its database file's stem and when, ``work-20261120-090000.db``
    for work.db. The default database's (infoterm.db) are ``infoterm-…``, as every backup
    was named before, so it alone still finds the backups made then."""
    stem = source.stem if source is not None else "infoterm"
    return f"{stem}-{local_now:%Y%m%d-%H%M%S}{suffix}"


def damaged_message(db: Database, detail: str) -> str:
    """What is wrong and the two ways out, on one line (quick_check's own report spans
    lines, and a file name may hold a line break: both are written out)."""
    path = db.label
    backup = db.latest_backup()
    quoted = shlex.quote(path)
    restore = f"restore the latest backup ({backup}), or " if backup else ""
    detail = " ".join(detail.split())
    return visible(
        f"{path} is damaged ({detail}); nothing was written to it. To go on, {restore}"
        f"rescue what it holds: sqlite3 {quoted} .recover | sqlite3 rescued.db"
    )


def read_only_message(path: Path | str) -> str:
    return (
        f"{path} is read-only (the file or its folder cannot be written); nothing was changed"
        " — reading commands (list, show, export, backup) still work"
    )


def _quick_check(path: Path, db: Database) -> str:
    try:
        conn = raw_connect(path, readonly=True, busy_timeout_ms=db.busy_timeout_ms)
        try:
            rows = conn.execute("PRAGMA quick_check(3)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return "ok"  # cannot tell now; a write will wait or fail with its own message
        return damaged_message(db, str(exc))
    # one problem a line, under a "*** in database main ***" heading
    answers = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if answers == ["ok"]:
        return "ok"
    detail = "; ".join(answers)
    if len(detail) > 120:
        detail = detail[:119] + "…"
    return damaged_message(db, f"integrity check: {detail}")


def open_database(
    target: str,
    *,
    create: bool = True,
    write: bool = True,
    check: bool = True,
    lock_timeout_ms: int = BUSY_TIMEOUT_MS,
    backup_folders: Sequence[Path] = (),
    backups_dir: Path | None = None,
) -> Database:
    """Open ``target``, creating or upgrading it; raises StoreError before any write.

    ``write``: the caller means to write, so a read-only file is refused (else it opens
    read-only, ``db.read_only``) and the write lock is tried now (waiting up to
    ``lock_timeout_ms``, also the wait of every later connection). Reading never takes the
    write lock. ``check``: run the integrity check now (else ``db.check_integrity()`` later,
    and in any case before the first write through the services). ``backups_dir`` takes
    the JSON export written before upgrading a server database (default: the data
    folder's backups).
    """
    if not target.strip():
        raise StoreError("no database file given (an empty path)")
    refused = postgres.unsupported(target)
    if refused:
        raise StoreError(refused)
    db = Database(target, busy_timeout_ms=lock_timeout_ms)
    db.backup_folders = list(backup_folders)
    if postgres.is_postgres(target):
        _open_postgres(db, backups_dir)
        return db
    if db.sqlite_path is None:
        _open_url(db)
        return db
    path = db.sqlite_path
    try:
        missing = not path.exists()
    except OSError as exc:
        raise StoreError(f"cannot open {path}: {exc.strerror}") from exc
    if not create and missing:
        raise StoreError(f"no database at {path}")
    fresh = prepare_file(path)
    if not fresh and not is_writable(path):
        return _open_read_only(db, path, write=write, check=check)
    conn = connect(path, busy_timeout_ms=lock_timeout_ms)
    try:
        version = _check(conn, path)
        if version == 0 and not fresh and has_tables(conn) and not _half_created(conn):
            raise StoreError(
                f"{path} is a database, but not an infoterm one; it was left untouched"
            )
        # infoterm's (or empty, or new): only now is its mode (and, on creation, its
        # journal) changed; a file that is not is left exactly as it was
        tighten(path)
        if write or version < SCHEMA_VERSION:
            _check_writable(conn, path, lock_timeout_ms)
    finally:
        conn.close()
    if check or 0 < version < SCHEMA_VERSION:
        problem = db.check_integrity()
        if problem:
            raise StoreError(problem)
    if version == 0:
        from infoterm.store.migrate import create_schema

        create_schema(db.engine)
    elif version < SCHEMA_VERSION:
        from infoterm.store.migrate import upgrade

        db.backup_made = upgrade(db.engine, version, path)
    return db


def _open_read_only(db: Database, path: Path, *, write: bool, check: bool) -> Database:
    db.read_only = True
    if write:
        raise StoreError(read_only_message(path))
    try:
        conn = raw_connect(path, readonly=True, busy_timeout_ms=db.busy_timeout_ms)
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    try:
        version = _check(conn, path)
    finally:
        conn.close()
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} is read-only, and infoterm must first "
            f"{'set it up' if version == 0 else 'upgrade it'}; make it writable once"
        )
    if check:
        problem = db.check_integrity()
        if problem:
            raise StoreError(problem)
    return db


def _half_created(conn: sqlite3.Connection) -> bool:
    """Only infoterm's own tables, each with infoterm's columns, version 0: a first run
    that was cut short (a user's own ``contacts(id, name)`` is not one)."""
    from infoterm.store.migrate import is_half_created

    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    columns = {
        name: {str(row[1]) for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))}
        for name in names
    }
    return is_half_created(columns)


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
    if version < 0:
        raise StoreError(
            f"{path} has an unknown schema version ({version}); it is not an infoterm "
            "database, and was left untouched"
        )
    return version


def _check_writable(conn: sqlite3.Connection, path: Path, timeout_ms: int) -> None:
    """Take and release the write lock: a locked or read-only file fails here, cleanly."""
    try:
        conn.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        if "readonly" in str(exc).lower():
            raise StoreError(read_only_message(path)) from exc
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
            raise StoreError(f"{db.label} was written by a newer infoterm (schema {version})")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open {db.label}: {exc.__class__.__name__}: {exc}") from exc
