"""The meeting screen in each phase, on the demo campaign with a fixed clock.

Each scene reaches its phase on the fake clock, measured from the meeting's own promise
and wrap-up lead (not from today's defaults), and checks the phase on the screen before
the snapshot is taken: a snapshot named "overtime" shows overtime.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import Static, TextArea

from infoterm import timer
from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.tui.screens.meeting import MeetingScreen
from tests.brief_data import seed_ann
from tests.conftest import make_app

NOTES = "Platform team of 12, hiring twice a year.\nFirst year: on-call rota, then a project."

# When each scene is shot, in minutes of meeting, from the promise P and the lead L.
WHEN: dict[str, Callable[[int, float], float]] = {
    "ready": lambda p, lead: 0,
    "running": lambda p, lead: 8,
    "wrapup": lambda p, lead: p - lead / 2,
    "overtime": lambda p, lead: p + 0.5,
    "paused": lambda p, lead: 8,
    "ended": lambda p, lead: p - lead,
}
KEYS: dict[str, tuple[str, ...]] = {
    "paused": ("escape", "space"),
    "ended": ("escape", "e", "y", "escape"),  # the debrief offered is skipped
}
# What the screen shows in each: its phase, paused or not, and words of the banner.
SHOWS: dict[str, tuple[str, bool, str]] = {
    "ready": ("ready", False, ""),
    "running": ("running", False, ""),
    "wrapup": ("wrapup", False, "start wrapping up"),
    "overtime": ("overtime", False, "Over time"),
    "paused": ("running", True, "Paused"),
    "ended": ("ended", False, "Meeting ended"),
}


def scene(clock: FakeClock, name: str) -> Callable[[Any], Awaitable[None]]:
    """Start Dev Patel's meeting, talk, type notes, reach the phase ``name``, check it."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen) and screen.view is not None
        notes = screen.query_one("#notes", TextArea)
        notes.cursor_blink = False
        # TextArea caches its lines by a key that cannot tell "blink off" from "blinked
        # out": a line drawn in a blinked-out moment (how soon depends on how fast the
        # machine is: always on 3.13 here) would stay without its cursor. Drop the cache.
        notes.notify_style_update()
        minutes = WHEN[name](screen.view.promised_minutes, screen.view.timer.lead_minutes)
        if minutes:
            await pilot.press("ctrl+t")
            clock.advance(timedelta(minutes=minutes * 0.4))
            await pilot.press("ctrl+t")
            notes.insert(NOTES)
            clock.advance(timedelta(minutes=minutes * 0.6))
            screen.tick()
        for key in KEYS.get(name, ()):
            await pilot.press(key)
            await pilot.pause()
        screen.tick()
        pilot.app.clear_notifications()
        await pilot.pause()
        phase, paused, banner = SHOWS[name]
        reading = timer.read(screen.view.timer, clock.now())
        assert (reading.phase, reading.paused) == (phase, paused)
        assert screen.has_class(f"-{phase}") and screen.has_class("-paused") == paused
        shown = str(screen.query_one("#meeting-banner", Static).render())
        assert banner in shown and (banner or shown == "")

    return run_before


@pytest.fixture
def dev(demo_db: Database, clock: FakeClock) -> int:
    return Services(demo_db, clock).contacts.resolve("Dev Patel")


@pytest.mark.parametrize("name", list(SHOWS))
def test_meeting_phases(
    snap_compare: Any, demo_db: Database, clock: FakeClock, dev: int, name: str
) -> None:
    app = make_app(demo_db, clock, start="meeting", contact=dev)
    assert snap_compare(app, terminal_size=(120, 40), run_before=scene(clock, name))


def test_meeting_wrapup_at_80x24(
    snap_compare: Any, demo_db: Database, clock: FakeClock, dev: int
) -> None:
    app = make_app(demo_db, clock, start="meeting", contact=dev)
    assert snap_compare(app, terminal_size=(80, 24), run_before=scene(clock, "wrapup"))


@pytest.fixture
def ann(db: Database, clock: FakeClock) -> int:
    """Ann Lee at Acme, referred by Bo Chan, with research notes and one earlier meeting,
    and this meeting scheduled with an agenda."""
    services = Services(db, clock)
    ann = seed_ann(services, clock)
    services.meetings.schedule(
        ann, MeetingPlan(20, clock.now() + timedelta(hours=1), "video", "Her path; the rota")
    )
    clock.advance(timedelta(hours=1))
    return ann


def brief_scene(clock: FakeClock) -> Callable[[Any], Awaitable[None]]:
    """Ann's meeting running at 8 minutes, the brief in focus and earlier notes unfolded."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        brief = screen.query_one("#brief")
        await pilot.press("ctrl+t")
        clock.advance(timedelta(minutes=8))
        await pilot.press("escape")
        while screen.focused is not brief:
            await pilot.press("tab")
        await pilot.press("f")
        screen.tick()
        pilot.app.clear_notifications()
        await pilot.pause()
        assert screen.has_class("-running") and screen.focused is brief

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_meeting_brief(
    snap_compare: Any, db: Database, clock: FakeClock, ann: int, size: tuple[int, int]
) -> None:
    settings = Settings(me_goal="Moving into platform engineering: what does the first year ask?")
    app = make_app(db, clock, settings, start="meeting", contact=ann)
    assert snap_compare(app, terminal_size=size, run_before=brief_scene(clock))


def debrief_scene(clock: FakeClock) -> Callable[[Any], Awaitable[None]]:
    """Ann's meeting ended after 18 minutes; the debrief offered, with an action typed."""

    async def run_before(pilot: Any) -> None:
        from infoterm.tui.screens.debrief import DebriefModal

        await pilot.pause()
        await pilot.press("ctrl+t", "escape")
        clock.advance(timedelta(minutes=18))
        await pilot.press("e", "y")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, DebriefModal)
        modal.query_one("#learned", TextArea).insert("Juniors start on the rota after 3 months")
        await pilot.press("tab")
        modal.query_one("#actions", TextArea).insert("read the SRE book by fri\nemail Cy")
        pilot.app.clear_notifications()
        await pilot.pause()
        form = modal.query_one(".debrief-form")
        assert form.max_scroll_y == 0  # every field and both buttons in view, at 80x24 too

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_meeting_debrief(
    snap_compare: Any, db: Database, clock: FakeClock, ann: int, size: tuple[int, int]
) -> None:
    app = make_app(db, clock, start="meeting", contact=ann)
    assert snap_compare(app, terminal_size=size, run_before=debrief_scene(clock))
