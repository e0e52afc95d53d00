"""Opening the SQLite file safely, with the standard library only.

Every way a file can be wrong ends here as a :class:`StoreError` whose message names the
file, before anything is written to it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from infoterm.atomic import private_dirs, tighten

BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)


class StoreError(Exception):
    """A problem with the database file that the user must see, in plain words."""

    def __rich__(self) -> str:
        # Raised while the TUI runs (the file damaged or taken away under it), Textual
        # exits and shows this (Rich markup, hence the escaped brackets), not a traceback.
        return "infoterm: " + str(self).replace("[", "\\[")


def describe_sqlite_error(path: Path | str, exc: BaseException) -> str:
    text = str(exc)
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered or "file is encrypted" in lowered:
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

    Returns True when the file was newly created (empty). Raises StoreError.
    """
    folder = path.parent
    try:
        private_dirs(folder)  # every level it creates is 0700
    except OSError as exc:
        raise StoreError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read {path}: permission denied")
        tighten(path)  # a database (or the empty file that becomes one) is 0600
        return path.stat().st_size == 0
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror}") from exc
    return True


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection with infoterm's PRAGMAs. Raises StoreError."""
    try:
        if readonly:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        for pragma in PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    return conn


def user_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, reading the header (fails fast on a file that is not SQLite)."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(path, exc)) from exc
    return int(version)


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
