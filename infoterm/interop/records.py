"""Plain records shared by the importers.

Importers never touch the database: they turn a file into :class:`ImportRecord`
objects plus a list of :class:`RowError` problems, and the caller decides what to
store. A problem with the file as a whole (unreadable, not text, no header...)
is raised as :class:`ImportFileError` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
