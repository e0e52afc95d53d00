"""A day that can end: with nothing overdue or due today, the review says you are done
for today and names what comes next (fake clock: Monday 23 Nov 2026, 09:00 UTC)."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.screens.review import ReviewScreen, done_for_today, done_text
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.reader import MeetingRow
from infoterm.widgets.followup_list import FollowUpList
from tests.conftest import make_app


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for i in app.screen.query_one(FollowUpList).items if i.row == "note"]


async def test_done_for_today_names_the_next_follow_up_then_goes_when_one_falls_due(
    db: Database, clock: FakeClock, services: Services
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel", organisation="Harbour Bank"))
    services.meetings.record_request(dev, 20)  # 3B7: a second contact in 3 business days
    app = make_app(db, clock, Settings(ui_start_screen="review"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        first = notes(app)[0]
        assert first.startswith("Done for today. Next: 2nd contact · Dev Patel · in 3 days")
        services.followups.add(dev, clock.now() + timedelta(hours=3), "send the article")
        app.screen.reload()
        await pilot.pause()
        assert not any(n.startswith("Done for today") for n in notes(app))


async def test_with_nothing_open_at_all_the_day_is_still_done(
    db: Database, clock: FakeClock, services: Services
) -> None:
    services.contacts.add(ContactFields(name="Ana Ruiz"))  # not an empty campaign
    app = make_app(db, clock, Settings(ui_start_screen="review"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert notes(app)[0] == "Done for today: nothing else is due. a adds a follow-up."


async def test_a_follow_up_beyond_the_week_is_still_named(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ana = services.contacts.add(ContactFields(name="Ana Ruiz"))
    services.followups.add(ana, clock.now() + timedelta(days=20), "ask about the grid study")
    app = make_app(db, clock, Settings(ui_start_screen="review"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notes(app)[0].startswith("Done for today. Next: to do · Ana Ruiz · ")
        assert "Nothing due in the next 7 days." in notes(app)


def test_a_meeting_still_to_hold_today_means_not_done(clock: FakeClock) -> None:
    now = clock.local_now()

    def meeting(state: str) -> MeetingRow:
        return MeetingRow(1, now + timedelta(hours=6), 20, state, 1, "Ann", "Acme", "")

    assert done_for_today([], [], now)
    assert not done_for_today([], [meeting("scheduled")], now)
    assert not done_for_today([], [meeting("running")], now)
    assert done_for_today([], [meeting("ended")], now)
    assert done_text(None, now).startswith("Done for today: nothing else is due")
