"""A day that can end: with nothing overdue or due today, the review says you are done
for today and names what comes next (fake clock: Monday 23 Nov 2026, 09:00 UTC)."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.reader import MeetingRow
from infoterm.tui.screens.review import ReviewScreen, done_for_today, done_text
from infoterm.tui.widgets.followup_list import FollowUpList
from tests.conftest import make_app


def notes(app) -> list[str]:
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


async def test_the_day_is_not_done_while_an_active_employer_has_no_request_out(
    db: Database, clock: FakeClock, services: Services
) -> None:
    """Issue 13, item 7: nothing due is not enough; every active employer needs someone
    asked (requested or further). The line names the ones without."""
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.contacts.add(ContactFields(name="Bo Li", organisation="Zeta"))
    network = services.network
    for org in ("Acme", "Zeta"):
        services.targets.set_lamp(network.resolve_organisation(org), motivation=3)
    app = make_app(db, clock, Settings(ui_start_screen="review"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notes(app)[0] == (
            "Nothing due, but no request out at Acme, Zeta: ask someone there (O: organisations)."
        )
        services.meetings.record_request(ann, 20)
        services.contacts.move(services.contacts.resolve("Bo Li"), "met")
        app.screen.reload()
        await pilot.pause()
        assert notes(app)[0].startswith("Done for today. Next: thank-you · Bo Li")


def test_has_request_out_counts_requested_and_later() -> None:
    from infoterm.lamp import has_request_out

    assert not has_request_out({"identified": 4})
    assert has_request_out({"identified": 4, "requested": 1})
    assert has_request_out({"landed": 1})
    assert not has_request_out({})
