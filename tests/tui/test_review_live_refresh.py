"""The open review shows another machine's change within 2 s, on SQLite and PostgreSQL
(as tests/tui/test_live_refresh.py does for the board)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.review import POLL_SECONDS, ReviewScreen
from tests.conftest import make_app
from tests.engines import second_window


def follow_ups(screen: ReviewScreen) -> list[str]:
    return [item.label for item in screen.list.items if item.row == "followup"]


@pytest.mark.two_engines
async def test_another_machines_follow_ups_appear_and_go_on_the_open_review_within_2_s(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    grace = services.contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    services.followups.add(grace, clock.now() + timedelta(hours=2), "send the article")
    app = make_app(db, clock, welcome=False, start="review")
    other = second_window(db, clock)

    async def within_poll(condition: object) -> float:
        started = time.monotonic()
        while not condition() and time.monotonic() - started < 5:  # type: ignore[operator]
            await pilot.pause(0.05)
        return time.monotonic() - started

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert len(follow_ups(screen)) == 1

            added = other.followups.add(grace, clock.now() + timedelta(hours=3), "ask about Ada")
            elapsed = await within_poll(lambda: len(follow_ups(screen)) == 2)
            assert len(follow_ups(screen)) == 2
            assert elapsed <= POLL_SECONDS + 0.5, elapsed

            other.followups.dismiss(added)
            elapsed = await within_poll(lambda: len(follow_ups(screen)) == 1)
            assert len(follow_ups(screen)) == 1
            assert elapsed <= POLL_SECONDS + 0.5, elapsed
    finally:
        other.db.close()
