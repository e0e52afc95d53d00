"""Plain records shared by the importers.

Importers never touch the database: they turn a file into :class:`ImportRecord`
objects plus a list of :class:`RowError` problems, and the caller decides what to
store. A problem with the file as a whole (unreadable, not text, no header...)
is raised as :class:`ImportFileError` instead.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""Imports and restores refuse files larger than this (50 MB). LinkedIn's export of
30,000 connections is about 3 MB, and a JSON export of 10,000 contacts with notes about
15 MB; so this only stops a wrong file, and keeps memory bounded."""


@dataclass
class ImportRecord:
    """One person read from an import file."""

    line: int
    """1-based physical line in the file where this row starts."""
    name: str
    """Full display name; never empty."""
    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    """Normalised to ``https://www.linkedin.com/in/<slug>`` (or empty)."""
    tags: list[str] = field(default_factory=list)
    stage: str = ""
    """Stage text exactly as the file had it; the caller validates it."""
    notes: str = ""
    connected_on: date | None = None


@dataclass
class RowError:
    """A problem with one row.

    ``skipped`` tells whether the row was dropped (True) or imported anyway with
    the offending value left out (False, i.e. a warning).
    """

    line: int
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ParseResult:
    records: list[ImportRecord]
    errors: list[RowError]
    skipped_blank: int
    encoding: str = "utf-8"
    """How the file was decoded: ``utf-8``, ``utf-16`` or ``cp1252``."""

    @property
    def warnings(self) -> list[RowError]:
        return [e for e in self.errors if not e.skipped]

    @property
    def skipped(self) -> list[RowError]:
        return [e for e in self.errors if e.skipped]


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message names the file."""


def read_input_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a file to import, refusing at once anything that is not a regular
    file (a FIFO would hang, /dev/zero never ends) or is larger than ``limit``.
    Raises ImportFileError."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    try:
        info = os.stat(path)
        for test, kind in kinds:
            if test(info.st_mode):
                raise ImportFileError(f"{path}: is {kind}, not a file; import reads files only")
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(f"{path}: is not a regular file; import reads files only")
        if info.st_size > limit:
            raise ImportFileError(_too_large(path, info.st_size, limit))
        # O_NONBLOCK: should it have become a FIFO since the stat, opening does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ImportFileError(_too_large(path, len(data), limit))
    return data


def _too_large(path: Path, size: int, limit: int) -> str:
    return (
        f"{path}: is too large to import ({size / 1024 / 1024:.0f} MB or more; "
        f"the limit is {limit // 1024 // 1024} MB)"
    )
