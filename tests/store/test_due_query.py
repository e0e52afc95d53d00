"""One definition of the due query (store/sql.DUE), run by two paths that must agree."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.followup_policy import review_until
from infoterm.store.database import Database
from infoterm.store.reader import sqlalchemy_reader


def test_stdlib_and_sqlalchemy_readers_return_the_same_due_rows(
    demo_db: Database, clock: FakeClock
) -> None:
    """The fast reader: stdlib sqlite3 on a file, psycopg on PostgreSQL."""
    fast = demo_db.reader
    slow = sqlalchemy_reader(demo_db.engine)
    for until in (
        clock.now(),
        review_until(clock.local_now()),
        clock.now() + timedelta(weeks=9),
    ):
        rows = fast.due(until)
        assert rows == slow.due(until)
        assert rows  # the demo has something in every window
    day = (clock.now() - timedelta(hours=9), clock.now() + timedelta(hours=15))
    meetings = fast.meetings_between(*day)
    assert meetings == slow.meetings_between(*day)
    assert [m.contact for m in meetings] == ["Isaac Mensah"]


def test_the_due_rows_are_ordered_most_overdue_first(demo_db: Database, clock: FakeClock) -> None:
    rows = demo_db.reader.due(review_until(clock.local_now()))
    assert [r.due for r in rows] == sorted(r.due for r in rows)
    assert len({r.id for r in rows}) == len(rows)


UNREADABLE = ["garbage", "999-06-01 09:00:00", "0999-06-01 09:00:00", "2026-13-45 09:00:00", ""]


def test_follow_ups_whose_due_time_cannot_be_read_are_listed_not_dropped(
    db: Database, clock: FakeClock
) -> None:
    """A due (or snooze) time written by another program that cannot be read: the row is
    listed whatever the horizon, as "unknown date" (it sorts as overdue), by both readers."""
    from infoterm.dates import describe_due
    from infoterm.pipeline import ContactFields
    from infoterm.services import Services
    from infoterm.store.timefmt import is_unreadable
    from tests.engines import execute

    services = Services(db, clock)
    ids = []
    for i, value in enumerate([*UNREADABLE, "snoozed"]):
        contact = services.contacts.add(ContactFields(name=f"Person {i}"))
        ids.append(services.followups.add(contact, clock.now() + timedelta(days=30), f"#{i}"))
        column, value = ("snoozed_until", "later") if value == "snoozed" else ("due_at", value)
        execute(db, f"UPDATE followups SET {column} = :v WHERE id = :id", v=value, id=ids[-1])
    fine = services.followups.add(
        services.contacts.add(ContactFields(name="Fine")), clock.now(), "x"
    )
    far = services.followups.add(
        services.contacts.add(ContactFields(name="Far")), clock.now() + timedelta(days=60), "x"
    )

    for reader in (db.reader, sqlalchemy_reader(db.engine)):
        rows = reader.due(clock.now())
        assert sorted(r.id for r in rows) == sorted([*ids, fine]), reader
        assert far not in {r.id for r in rows}
        for row in rows:
            if row.id != fine:
                assert is_unreadable(row.due)
                assert describe_due(row.due, clock.local_now()) == "unknown date"
