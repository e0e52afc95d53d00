"""Use cases: one transaction each. What the CLI and the screens call.

This package imports SQLAlchemy; the TUI imports it lazily (after the first paint), and
headless fast paths (``infoterm due``) avoid it altogether.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from infoterm.clock import Clock
from infoterm.services.errors import Ambiguous, NotFound, ServiceError, ValidationFailed
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.sqlite import describe_sqlite_error

__all__ = ["Ambiguous", "NotFound", "ServiceError", "Services", "ValidationFailed"]


class Services:
    def __init__(self, db: Database, clock: Clock, settings: Settings | None = None) -> None:
        from infoterm.services.contacts import ContactService
        from infoterm.services.followups import FollowUpService
        from infoterm.services.interop import InteropService
        from infoterm.services.meetings import MeetingService
        from infoterm.services.network import NetworkService
        from infoterm.services.stats import StatsService

        self.db = db
        self.clock = clock
        self.settings = settings or Settings()
        self.followups = FollowUpService(self)
        self.contacts = ContactService(self)
        self.meetings = MeetingService(self)
        self.interop = InteropService(self)
        self.network = NetworkService(self)
        self.stats = StatsService(self)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session, committed once at the end; database trouble becomes a ServiceError."""
        session = self.db.sessions()
        try:
            yield session
            session.commit()
        except (OperationalError, IntegrityError) as exc:
            session.rollback()
            raise ServiceError(describe_sqlite_error(self.db.label, exc.orig or exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read(self) -> Session:
        """A session for read-only use (``with services.read() as s:``)."""
        return self.db.sessions()
