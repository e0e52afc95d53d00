"""The debrief after ending a meeting: offered at once, esc skips it, ctrl+s stores it,
and a wrong date shows beside its field with the cursor at the end of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.widgets import Input, Static, TextArea

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.store.schema import FollowUp
from infoterm.tui.screens.debrief import DebriefModal
from infoterm.tui.screens.meeting import MeetingScreen
from tests.conftest import make_app


async def test_the_debrief_stores_actions_and_shows_a_bad_date_beside_its_field(
    db: Database, clock: FakeClock, services: Services
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", "escape")
        clock.advance(timedelta(minutes=15))
        await pilot.press("e", "y")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, DebriefModal)
        assert modal.focused is modal.query_one("#learned")
        modal.query_one("#learned", TextArea).insert("Hiring is in spring")
        actions = modal.query_one("#actions", TextArea)
        actions.insert("read the SRE book by yesterday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = modal.query_one("#actions-error", Static)
        assert error.has_class("shown") and "has already passed" in str(error.render())
        assert modal.focused is actions and actions.cursor_location == actions.document.end
        actions.load_text("read the SRE book by fri")
        modal.query_one("#referrals", Input).value = "Ann Lee @ Acme"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "Learned:\nHiring is in spring" in screen.query_one("#notes", TextArea).text
    with services.read() as session:
        notes = session.scalars(select(FollowUp.note).where(FollowUp.kind == "custom")).all()
    assert notes == ["read the SRE book"]
    assert sorted(r.name for r in services.contacts.rows()) == ["Ann Lee", "Dev Patel"]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_debrief_shows_its_buttons_and_save_key_at_both_sizes(
    db: Database, clock: FakeClock, services: Services, size: tuple[int, int]
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    view = services.meetings.open_for(dev)
    services.meetings.start(view.id)
    services.meetings.end(view.id)
    app = make_app(db, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(DebriefModal(view.id, "Dev Patel"))
        await pilot.pause()
        modal = app.screen
        save = modal.query_one("#save")
        assert modal.region.contains_region(save.region) and save.region.height > 0
        keys = {b.binding.key for b in modal.active_bindings.values()}
        assert "ctrl+s" in keys
