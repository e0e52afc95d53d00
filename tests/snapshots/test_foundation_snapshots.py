"""Snapshots of the foundation's screens at 120x40 on the demo data with a fixed clock."""

from __future__ import annotations

from infoterm.clock import FakeClock
from infoterm.store.database import Database
from tests.conftest import make_app

SIZE = (120, 40)


def test_board(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=["j", "l"])


def test_board_at_80x24(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(
        make_app(demo_db, clock), terminal_size=(80, 24), press=["l", "l", "l", "l"]
    )


def test_empty_board(snap_compare, db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(db, clock, welcome=False), terminal_size=SIZE)


def test_contact_form(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    async def fill(pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        for input_ in pilot.app.screen.query("Input"):
            input_.cursor_blink = False
        await pilot.press(*"Ada Lovelace", "tab", "tab", "tab", *"ada-at-example")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, run_before=fill)


def test_contact_screen(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(
        make_app(demo_db, clock), terminal_size=SIZE, press=["l", "l", "l", "l", "enter"]
    )


def test_help(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=["question_mark"])
