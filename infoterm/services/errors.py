"""Errors a use case raises for the user to read (the CLI prints them, screens show them)."""

from __future__ import annotations


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
