"""The meeting screen's words stay true: the banner counts the time actually left, and
after + the promise reads "3 + 5 min offered" in the panel, the end dialog and the result."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.confirm import ConfirmModal
from infoterm.tui.screens.meeting import MeetingScreen
from tests.conftest import make_app, record_notifications


@pytest.fixture
def ann(services: Services) -> int:
    contact = services.contacts.add(ContactFields(name="Ann Lee", organisation="Civic Maps"))
    services.meetings.record_request(contact, 3)
    return contact


def text_of(screen: MeetingScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_the_wrap_up_banner_shows_the_time_actually_left(
    db: Database, clock: FakeClock, services: Services, ann: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=ann)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("ctrl+t")  # the clock starts with the talking
        clock.advance(60)  # 3-minute promise, 2-minute lead: wrap-up from 1:00
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-wrapup")
        assert text_of(screen, "#meeting-banner") == "2:00 left — start wrapping up"
        clock.advance(timedelta(minutes=1, seconds=56))
        screen.tick()
        await pilot.pause()
        assert text_of(screen, "#meeting-banner") == "0:04 left — start wrapping up"


async def test_after_plus_the_promise_reads_offered_time_and_on_time_counts_it(
    db: Database, clock: FakeClock, services: Services, ann: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=ann)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        told = record_notifications(app)
        await pilot.press("escape", "space", "plus")  # timer keys: start, +5 min
        clock.advance(timedelta(minutes=3, seconds=31))
        screen.tick()
        await pilot.pause()
        assert "promised 3 + 5 min offered" in text_of(screen, "#phase-line")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmModal)
        assert "3:31 so far of 3 + 5 min offered." in dialog.question
        clock.advance(2)
        await pilot.press("y")
        await pilot.pause()
        assert text_of(screen, "#timer-status") == "3:33 of 3 + 5 min offered · on time"
        assert "Meeting ended · 3:33 of 3 + 5 min offered · on time" in text_of(
            screen, "#meeting-banner"
        )
        assert any("Ended: 3:33 of 3 + 5 min offered · on time" in m for m in told)
    meeting = services.meetings.history_of(ann)[0]
    assert meeting.ended_on_time and meeting.timer.extra_minutes == 5
