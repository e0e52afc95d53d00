"""Use cases: one transaction each. What the CLI and the screens call.

This package imports SQLAlchemy; the TUI imports it lazily (after the first paint), and
headless fast paths (``infoterm due``) avoid it altogether.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from infoterm.clock import Clock
from infoterm.services.errors import (
    Ambiguous,
    Busy,
    ChangedElsewhere,
    NotFound,
    ServiceError,
    ValidationFailed,
)
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.engine import TooLong
from infoterm.store.errors import StoreError

__all__ = [
    "Ambiguous",
    "Busy",
    "ChangedElsewhere",
    "NotFound",
    "ServiceError",
    "Services",
    "ValidationFailed",
]


class Services:
    def __init__(self, db: Database, clock: Clock, settings: Settings | None = None) -> None:
        from infoterm.services.contacts import ContactService
        from infoterm.services.debrief import DebriefService
        from infoterm.services.followup_effects import FollowUpEffects
        from infoterm.services.followups import FollowUpService
        from infoterm.services.interop import InteropService
        from infoterm.services.meetings import MeetingService
        from infoterm.services.network import NetworkService
        from infoterm.services.stats import StatsService
        from infoterm.services.targets import TargetService

        self.db = db
        self.clock = clock
        self.settings = settings or Settings()
        # The follow-up rules applied in a transaction (the hooks every service calls),
        # and the user's follow-up use cases built on them.
        self.followup_effects = FollowUpEffects(self)
        self.followups = FollowUpService(self, self.followup_effects)
        self.contacts = ContactService(self)
        self.meetings = MeetingService(self)
        self.interop = InteropService(self)
        self.network = NetworkService(self)
        self.stats = StatsService(self)
        self.debrief = DebriefService(self)
        self.targets = TargetService(self)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session, committed once at the end; database trouble becomes a ServiceError.

        It writes: the file must be writable and pass its integrity check (once), and the
        transaction takes the write lock first (``BEGIN IMMEDIATE``), waiting its turn."""
        try:
            self.db.ensure_writable()
        except StoreError as exc:
            raise ServiceError(str(exc)) from None
        session = self.db.sessions()
        self.db.writing += 1
        try:
            session.connection(execution_options=self.db.write_options())
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            message = self.db.describe_error(exc)
            if "locked" in str(getattr(exc, "orig", None) or exc).lower():
                raise Busy(message) from exc
            raise ServiceError(message) from exc
        except StatementError as exc:
            # A value the database cannot take, refused by its column type before it was
            # sent: a time outside the years infoterm stores ("1898 is out of range: ...").
            session.rollback()
            if isinstance(exc.orig, ValueError):
                raise ServiceError(str(exc.orig)) from exc
            raise
        except TooLong as exc:
            session.rollback()
            raise ServiceError(str(exc)) from None
        except StaleDataError as exc:
            # The UPDATE matched no row at the version read in this transaction: another
            # one changed it in between (PostgreSQL lets the two overlap).
            session.rollback()
            raise ChangedElsewhere(
                "this row",
                None,
                None,
                message="it was changed elsewhere while it was being saved; nothing was "
                "saved, try again",
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            self.db.writing -= 1
            session.close()

    def read(self) -> Session:
        """A session for read-only use (``with services.read() as s:``)."""
        return self.db.sessions()
