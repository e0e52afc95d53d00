"""The meeting screen in each phase, on the demo campaign with a fixed clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.store.database import Database
from tests.conftest import make_app

NOTES = "Platform team of 12, hiring twice a year.\nFirst year: on-call rota, then a project."


def scene(clock: FakeClock, minutes: float, *keys: str) -> Callable[[Any], Awaitable[None]]:
    """Start Dev Patel's meeting, talk, type notes, let ``minutes`` pass, press ``keys``."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        notes = screen.query_one("#notes")
        notes.cursor_blink = False
        if minutes:
            await pilot.press("ctrl+t")
            clock.advance(timedelta(minutes=minutes * 0.4))
            await pilot.press("ctrl+t")
            notes.insert(NOTES)
            clock.advance(timedelta(minutes=minutes * 0.6))
            screen.tick()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen.tick()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.fixture
def dev(demo_db: Database, clock: FakeClock) -> int:
    return Services(demo_db, clock).contacts.resolve("Dev Patel")


@pytest.mark.parametrize(
    ("name", "minutes", "keys"),
    [
        ("ready", 0, ()),
        ("running", 8, ()),
        ("wrapup", 17.5, ()),
        ("overtime", 19.5, ()),
        ("paused", 8, ("escape", "space")),
        ("ended", 18, ("escape", "e", "y")),
    ],
)
def test_meeting_phases(
    snap_compare: Any,
    demo_db: Database,
    clock: FakeClock,
    dev: int,
    name: str,
    minutes: float,
    keys: tuple[str, ...],
) -> None:
    app = make_app(demo_db, clock, start="meeting", contact=dev)
    assert snap_compare(app, terminal_size=(120, 40), run_before=scene(clock, minutes, *keys))


def test_meeting_wrapup_at_80x24(
    snap_compare: Any, demo_db: Database, clock: FakeClock, dev: int
) -> None:
    app = make_app(demo_db, clock, start="meeting", contact=dev)
    assert snap_compare(app, terminal_size=(80, 24), run_before=scene(clock, 17.5))
