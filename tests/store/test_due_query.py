"""One definition of the due query (store/sql.DUE), run by two paths that must agree."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.followups import review_until
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
