"""Opening the SQLite file safely, with the standard library only.

Every way a file can be wrong ends here as a :class:`StoreError` whose message names the
file, before anything is written to it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from infoterm.atomic import private_dirs
from infoterm.store.errors import StoreError as StoreError  # raised here; re-exported

BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another writer, by default
NOTICE_AFTER_MS = 2000  # a write waiting this long for another program's lock is announced
PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)


def pragmas(busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> tuple[str, ...]:
    """The PRAGMAs of every connection, waiting up to ``busy_timeout_ms`` for a lock."""
    return (PRAGMAS[0], f"PRAGMA busy_timeout={int(busy_timeout_ms)}", PRAGMAS[2])


def describe_sqlite_error(path: Path | str, exc: BaseException) -> str:
    text = str(exc)
    lowered = text.lower()
    if "malformed" in lowered:
        return f"{path} is damaged (database disk image is malformed)"
    if "not a database" in lowered or "file is encrypted" in lowered:
        return f"{path} is not an infoterm database (or it is damaged); it was left untouched"
    if "locked" in lowered or "busy" in lowered:
        return f"{path} is locked by another program; try again in a moment"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{path} cannot be written (read-only file or folder)"
    if "unable to open" in lowered:
        return f"cannot open {path}: the file or its folder is not accessible"
    if "disk" in lowered and "full" in lowered:
        return f"the disk holding {path} is full; nothing was saved"
    return f"database error on {path}: {text}"


def prepare_file(path: Path) -> bool:
    """Make sure the folder exists (0700) and the file can be created (0600).

    Returns True when the file was newly created (empty). Raises StoreError. An existing
    file is left as it is: only once it is known to be infoterm's (or empty) does the
    caller make it private (``atomic.tighten``).
    """
    if not str(path).strip():
        raise StoreError("no database file given (an empty path)")
    folder = path.parent
    try:
        private_dirs(folder)  # every level it creates is 0700
    except OSError as exc:
        raise StoreError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:  # a folder on the way that cannot be searched, a loop...
        raise StoreError(f"cannot open {path}: {exc.strerror}") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path} is a folder, not a database file")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is not a regular file (a device, a pipe…); choose a file")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read {path}: permission denied")
        return info.st_size == 0
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror}") from exc
    return True


def is_writable(path: Path) -> bool:
    """Can this process write the file and, for its journal, the folder beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def readonly_uri(path: Path) -> str:
    """A read-only URI. In a folder we cannot write and without the WAL's shared-memory
    file, SQLite can read the file only as immutable (it cannot set up the WAL index)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def connect(
    path: Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """A stdlib connection with infoterm's PRAGMAs. Raises StoreError."""
    try:
        conn = raw_connect(path, readonly=readonly, busy_timeout_ms=busy_timeout_ms)
        for pragma in pragmas(busy_timeout_ms):
            conn.execute(pragma)
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    return conn


def raw_connect(
    path: Path,
    *,
    readonly: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    same_thread: bool = True,
) -> sqlite3.Connection:
    """A plain stdlib connection (read-only when asked); raises sqlite3.Error."""
    timeout = busy_timeout_ms / 1000
    if readonly:
        return sqlite3.connect(
            readonly_uri(path), uri=True, timeout=timeout, check_same_thread=same_thread
        )
    return sqlite3.connect(path, timeout=timeout, check_same_thread=same_thread)


def user_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, reading the header (fails fast on a file that is not SQLite)."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    return int(version)


def has_tables(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    return count > 0
