"""Snapshots of the network screens at 120x40 on the demo data with a fixed clock."""

from __future__ import annotations

from infoterm.clock import FakeClock
from infoterm.store.database import Database
from tests.conftest import make_app

SIZE = (120, 40)


def test_address_book(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(
        make_app(demo_db, clock), terminal_size=SIZE, press=["b", "space", "down", "down", "space"]
    )


def test_referral_chains(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=["R", "j"])


def test_organisation(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    # Stay in touch's fourth card: Felix Wagner at Kestrel Labs, a target with notes
    presses = ["l", "l", "l", "l", "j", "j", "j", "o"]
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=presses)


def test_stats(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=["S"])


def test_import_dialog(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    async def open_dialog(pilot) -> None:
        await pilot.press("i")
        await pilot.pause()
        for input_ in pilot.app.screen.query("Input"):
            input_.cursor_blink = False
        await pilot.press(*"~/Downloads/Connections.zip")
        await pilot.pause()

    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, run_before=open_dialog)


def _rate_some(db: Database, clock: FakeClock) -> None:
    """Three organisations rated (the demo rates none): in rank order, the active marked."""
    from infoterm.services import Services

    services = Services(db, clock)
    for name, motivation, posting, advocacy in (
        ("Kestrel Labs", 3, 2, True),
        ("Civic Maps", 3, 3, False),
        ("Harbour Bank", 2, 1, False),
    ):
        org = services.network.resolve_organisation(name)
        services.targets.set_lamp(org, motivation=motivation, posting=posting, advocacy=advocacy)


def test_organisations(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    _rate_some(demo_db, clock)
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=["O", "j"])


def test_organisations_at_80x24(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    _rate_some(demo_db, clock)
    assert snap_compare(make_app(demo_db, clock), terminal_size=(80, 24), press=["O", "j"])


def test_past_meeting(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    # Met's first card by urgency: Ben Whitaker, whose thank-you is overdue; his held meeting
    presses = ["l", "l", "enter", "tab", "enter"]
    assert snap_compare(make_app(demo_db, clock), terminal_size=SIZE, press=presses)
