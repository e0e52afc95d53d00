"""Two real app instances on one database file (and the CLI underneath an open form):
neither loses the other's edits."""

from __future__ import annotations

from pathlib import Path

from infoterm.cli import main
from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.screens.meeting import MeetingScreen
from infoterm.services import Services
from infoterm.store.database import Database, open_database
from infoterm.widgets.notes_area import NotesArea
from tests.conftest import make_app


def other_window(db: Database) -> Database:
    assert db.sqlite_path is not None
    return open_database(str(db.sqlite_path))


async def test_the_same_meeting_typed_in_two_windows_keeps_both_texts(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Dev Patel"))
    first = make_app(db, clock, start="meeting", contact=cid)
    second = make_app(other_window(db), clock, start="meeting", contact=cid)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await one.pause()
        await two.pause()
        assert isinstance(first.screen, MeetingScreen) and isinstance(second.screen, MeetingScreen)
        await one.press(*"asked about the team")
        first.screen.flush_notes()
        await two.press(*"they hire in spring")
        second.screen.flush_notes()
        await two.pause()
        merged = second.screen.query_one("#notes", NotesArea).text
        assert "asked about the team" in merged and "they hire in spring" in merged
        assert "── changed in another window at" in merged
        assert any("changed in another window too" in str(n.message) for n in second._notifications)
        # The first window types on: its next save keeps everything, each text once.
        await one.press(*" and growth")
        first.screen.flush_notes()
        stored = services.meetings.open_for(cid).notes
        assert stored.count("asked about the team and growth") == 1
        assert stored.count("they hire in spring") == 1
