"""r and s on the board and on the contact screen: the same forms, the same rules."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from tests.conftest import make_app


def open_kinds(services: Services, contact_id: int) -> list[str]:
    from sqlalchemy import select

    from infoterm.store.schema import FollowUp

    with services.read() as session:
        return list(
            session.scalars(
                select(FollowUp.kind).where(
                    FollowUp.contact_id == contact_id, FollowUp.state == "open"
                )
            )
        )


async def test_request_then_schedule_from_the_board(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#minutes").value = "19"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert services.contacts.detail(ann).stage == "requested"
        assert open_kinds(services, ann) == ["second-contact", "nudge"]  # 3B7
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#when").value = "fri 14:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    meeting = services.meetings.preview_for(ann)
    assert meeting.scheduled_at == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert meeting.promised_minutes == 19
    assert open_kinds(services, ann) == ["prepare"]  # they answered: the nudge is closed


async def test_the_contact_screen_schedules_and_lists_the_meeting(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_contact(ann)
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        table = app.screen.query_one("#contact-meetings", DataTable)
        assert "None yet" in str(table.get_row_at(0)[1])
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#when").value = "tomorrow 10am"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        table = app.screen.query_one("#contact-meetings", DataTable)
        assert table.get_row_at(0)[:2] == ["Tue 24 Nov 2026 10:00", "planned: 20 min"]
        await pilot.press("m")  # the meeting screen opens on it, storing nothing new
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
    assert len(services.meetings.history_of(ann)) == 1
