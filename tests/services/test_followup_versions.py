"""No lost edits, for follow-ups: done, snooze and dismiss carry the version the row was
read at (the due query's), and one read in a window never acts on a follow-up another
window (or a command) has changed since."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ChangedElsewhere, ServiceError, Services
from infoterm.store.database import Database
from infoterm.store.reader import DueRow
from infoterm.store.schema import Event, FollowUp
from tests.engines import second_window


def due_row(db: Database, clock: FakeClock, followup_id: int) -> DueRow:
    rows = db.reader.due(clock.now() + timedelta(weeks=9))
    return next(r for r in rows if r.id == followup_id)


@pytest.fixture
def followup(services: Services, clock: FakeClock) -> int:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    return services.followups.add(cid, clock.now() + timedelta(hours=2), "send the article")


def stored(services: Services, followup_id: int) -> FollowUp:
    with services.read() as session:
        found = session.get(FollowUp, followup_id)
        assert found is not None
        session.expunge(found)
        return found


def events(services: Services, kind: str) -> int:
    with services.read() as session:
        return session.query(Event).filter(Event.kind == kind).count()


def test_the_due_rows_carry_the_version_each_action_bumps(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)
    assert row.version == stored(services, followup).version == 1
    services.followups.snooze_for(followup, timedelta(days=1), row.version)
    assert due_row(db, clock, followup).version == 2


def test_done_elsewhere_then_snooze_here_is_refused_with_when_it_was_done(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)  # both windows show the review
    other = second_window(db, clock)
    clock.set(clock.now().replace(hour=14, minute=2))
    other.followups.done(followup, row.version)
    clock.advance(timedelta(minutes=5))
    with pytest.raises(ChangedElsewhere) as err:
        services.followups.snooze_for(followup, timedelta(days=1), row.version)
    message = str(err.value)
    assert "already done elsewhere at 14:02" in message
    assert "Ann Lee" in message
    assert (err.value.loaded, err.value.found) == (1, 2)
    f = stored(services, followup)
    assert (f.state, f.snoozed_until) == ("done", None)  # one result: done, not snoozed
    assert events(services, "followup-snoozed") == 0
    other.db.close()


def test_done_twice_from_the_same_row_applies_once(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)
    services.followups.done(followup, row.version)
    with pytest.raises(ChangedElsewhere, match="already done elsewhere"):
        services.followups.done(followup, row.version)
    with pytest.raises(ServiceError, match="is already done"):  # the shell's: no version
        services.followups.done(followup)
    assert events(services, "followup-done") == 1


def test_snoozed_elsewhere_refuses_a_stale_dismiss_and_says_until_when(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)
    other = second_window(db, clock)
    other.followups.snooze_for(followup, timedelta(days=1), row.version)
    with pytest.raises(ChangedElsewhere, match="snoozed elsewhere until Tue 24 Nov 11:00"):
        services.followups.dismiss(followup, row.version)
    with pytest.raises(ChangedElsewhere):  # a second snooze from the old row does not add up
        services.followups.snooze_for(followup, timedelta(days=1), row.version)
    f = stored(services, followup)
    assert f.state == "open"
    assert f.snoozed_until == clock.now() + timedelta(days=1, hours=2)
    # read again, the action goes through
    fresh = due_row(db, clock, followup)
    assert "Dismissed" in services.followups.dismiss(followup, fresh.version)
    other.db.close()


def test_dismissed_elsewhere_refuses_a_stale_done(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)
    other = second_window(db, clock)
    other.followups.dismiss(followup, row.version)
    with pytest.raises(ChangedElsewhere, match="already dismissed elsewhere at 09:00"):
        services.followups.done(followup, row.version)
    assert stored(services, followup).state == "dismissed"
    assert events(services, "followup-done") == 0
    other.db.close()


def test_without_a_version_the_shell_acts_on_the_row_as_it_is_now(
    services: Services, db: Database, clock: FakeClock, followup: int
) -> None:
    row = due_row(db, clock, followup)
    services.followups.snooze_for(followup, timedelta(days=1), row.version)
    services.followups.done(followup)  # `infoterm done 3`: no version, it is open
    assert stored(services, followup).state == "done"
