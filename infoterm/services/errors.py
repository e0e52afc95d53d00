"""Errors a use case raises for the user to read (the CLI prints them, screens show them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ServiceError(Exception):
    """Something the user asked for cannot be done; the message says why."""


class Busy(ServiceError):
    """Another program held the database's write lock for longer than we wait."""


class NotFound(ServiceError):
    pass


class Ambiguous(ServiceError):
    pass


class ValidationFailed(ServiceError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@dataclass(frozen=True)
class Difference:
    """One field that differs between the save you asked for and what is stored now."""

    field: str
    label: str
    mine: str
    theirs: str
    changed_there: bool = True
    """The other side changed this field since you loaded it (else only you did)."""
    changed_here: bool = True
    """You changed this field since you loaded it (else only the other side did: keeping
    yours keeps theirs in this field)."""


class ChangedElsewhere(ServiceError):
    """The row was changed (in another window, or by a command) since it was loaded, so
    nothing was saved. ``loaded`` and ``found`` are the versions; ``differences`` compares
    your values with the stored ones field by field; ``theirs`` is the stored row, in the
    shape the caller saves (e.g. ``ContactFields``), so a screen can offer it or retry."""

    def __init__(
        self,
        what: str,
        loaded: int | None,
        found: int | None,
        differences: list[Difference] | None = None,
        theirs: Any = None,
        message: str | None = None,
        merged: Any = None,
    ) -> None:
        self.what = what
        self.loaded = loaded
        self.found = found
        self.differences = list(differences or [])
        self.theirs = theirs
        self.merged = merged
        """What "keep mine" saves: your changes, and theirs in the fields you left alone."""
        super().__init__(
            message
            or f"{what} was changed elsewhere (another window or a command) since you opened "
            "it; nothing was saved"
        )
