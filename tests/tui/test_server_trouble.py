"""A PostgreSQL server restart under an open app: a banner, then the app recovers by itself.

The test runs its own cluster (tests/pg.py), private to it, since it stops and starts it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import open_database
from infoterm.widgets.db_banner import DatabaseBanner
from tests.conftest import make_app

pytestmark = pytest.mark.postgresql


@pytest.fixture
def private_cluster() -> Iterator[Any]:
    from tests.pg import cluster_for_tests

    with cluster_for_tests() as cluster:
        yield cluster


def banner(app: Any) -> str:
    found = app.screen.query(DatabaseBanner)
    return " ".join(str(found.first().render()).split()) if found else ""


async def wait_for(pilot: Any, condition: Any, seconds: float = 8) -> None:
    started = time.monotonic()
    while not condition() and time.monotonic() - started < seconds:
        await pilot.pause(0.05)


async def test_a_server_restart_shows_a_banner_then_the_board_recovers_without_a_restart(
    private_cluster: Any, clock: FakeClock
) -> None:
    url = private_cluster.new_database()
    db = open_database(url)
    services = Services(db, clock)
    services.contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.model.total == 1
        private_cluster.stop()
        await wait_for(pilot, lambda: "SERVER AWAY" in banner(app))
        assert "cannot reach the database server" in banner(app)
        assert "ctrl+r" in banner(app)
        await pilot.press("ctrl+r")  # retry now: still away, the banner stays
        await pilot.pause()
        assert "SERVER AWAY" in banner(app)

        private_cluster.start()
        other = open_database(url)  # another machine writes meanwhile
        Services(other, clock).contacts.add(ContactFields(name="Ada Lovelace"))
        other.close()
        await wait_for(pilot, lambda: banner(app) == "" and app.screen.model.total == 2)
        assert banner(app) == "" and app.screen.model.total == 2
        # and writing works again through the same app's services
        app.services.contacts.add(ContactFields(name="Alan Turing"))
    db.close()


async def test_notes_typed_while_the_server_is_away_are_kept_then_saved_when_it_is_back(
    private_cluster: Any, clock: FakeClock, tmp_path: Any
) -> None:
    from sqlalchemy import select

    from infoterm.screens.meeting import MeetingScreen
    from infoterm.store.schema import Meeting
    from tests.conftest import record_notifications

    url = private_cluster.new_database()
    db = open_database(url)
    services = Services(db, clock)
    dev = services.contacts.add(ContactFields(name="Dev Patel", organisation="Harbour Bank"))
    services.meetings.record_request(dev, 19)
    recovery = tmp_path / "recovery"
    app = make_app(db, clock, start="meeting", contact=dev, recovery_dir=recovery)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press(*"she leads data")
        clock.advance(1)
        screen.tick()  # saved: the meeting row exists now
        private_cluster.stop()
        await pilot.press(*" and hiring")
        clock.advance(1)
        screen.tick()
        clock.advance(1)
        screen.tick()  # a second failure says nothing new
        await pilot.pause()
        kept = recovery / f"meeting-{screen._stored_id()}.txt"
        assert kept.read_text() == "she leads data and hiring"
        assert oct(kept.stat().st_mode & 0o777) == "0o600"
        notes = screen.query_one("#notes")
        assert "not saved yet" in str(notes.border_subtitle) and str(kept) in str(
            notes.border_subtitle
        )
        assert sum("saved when it works again" in m for m in messages) == 1
        assert screen.query_one("#notes").text == "she leads data and hiring"  # type: ignore[attr-defined]

        private_cluster.start()
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        assert any("saved now" in m for m in messages)
        assert not kept.exists()
        assert "saved" in str(screen.query_one("#notes").border_subtitle)
    other = open_database(url)
    with Services(other, clock).read() as session:
        stored = session.scalars(select(Meeting.notes).where(Meeting.contact_id == dev)).first()
    other.close()
    db.close()
    assert stored == "she leads data and hiring"
