"""Text longer than its column is refused on every engine, before it is stored.

PostgreSQL refuses a VARCHAR(500) value of 100,000 characters; SQLite would store it,
and the file's JSON export would then fail the restore's checks (found by the services
fuzz: a meeting's location). Every session checks lengths before it flushes."""

from __future__ import annotations

import pytest

from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import ContactFields
from infoterm.services import ServiceError, Services
from infoterm.store.database import Database
from infoterm.store.engine import TooLong
from infoterm.store.schema import Contact


def test_a_session_refuses_text_longer_than_its_column(db: Database) -> None:
    with db.sessions() as session:
        session.add(
            Contact(name="x" * 201, stage="identified", stage_changed_at=None, on_board=True)
        )
        with pytest.raises(TooLong, match=r"^name is too long \(201 characters; at most 200\)$"):
            session.flush()


def test_a_service_says_so_in_one_line_and_stores_nothing(db: Database, clock: FakeClock) -> None:
    services = Services(db, clock)
    ada = services.contacts.add(ContactFields(name="Ada"))
    plan = MeetingPlan(19, None, location="x" * 100_000)
    with pytest.raises(ServiceError, match=r"^location is too long \(100000 characters"):
        services.meetings.schedule(ada, plan)
    assert services.meetings.preview_for(ada).location == ""
