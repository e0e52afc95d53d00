"""The meeting screen driven with Pilot and a fake clock: phases, bell, notes, referrals,
ending, and the board's m and r keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.screen import Screen

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database, open_database
from infoterm.store.schema import Contact, Meeting
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.debrief import DebriefModal
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.widgets.big_clock import BigClock
from tests.conftest import make_app, record_notifications


@pytest.fixture
def dev(services: Services) -> int:
    contact = services.contacts.add(ContactFields(name="Dev Patel", organisation="Harbour Bank"))
    services.meetings.record_request(contact, 19)
    return contact


def meeting_row(services: Services, contact_id: int) -> Meeting:
    with services.read() as session:
        row = session.scalars(
            select(Meeting).where(Meeting.contact_id == contact_id).order_by(Meeting.id.desc())
        ).first()
        assert row is not None
        session.expunge(row)
        return row


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_a_meeting_from_start_to_overtime(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.focused is screen.query_one("#notes")
        assert screen.has_class("-ready")
        await pilot.press("ctrl+t")  # the talking starts: so does the clock
        assert meeting_row(services, dev).started_at == clock.now()
        assert screen.query_one(BigClock).text == "19:00"

        clock.advance(timedelta(minutes=17) - timedelta(seconds=1))
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-running") and not bells
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-wrapup")
        assert text_of(screen, "#meeting-banner") == "2:00 left — start wrapping up"
        assert screen.query_one("#checklist-box").display
        assert screen.query_one("#checklist").region.height > 0
        assert bells == [1]

        clock.advance(150)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-overtime")
        assert screen.query_one(BigClock).text == "+0:30"
        assert text_of(screen, "#meeting-banner") == "Over time — you promised 19 minutes"
        assert bells == [1]


async def test_no_bell_when_the_setting_is_off(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, Settings(meeting_bell=False), start="meeting", contact=dev)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        clock.advance(timedelta(minutes=17))
        app.screen.tick()
        await pilot.pause()
        assert app.screen.has_class("-wrapup") and bells == []


async def test_notes_reach_the_database_within_a_second(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press(*"she leads data")
        screen.tick()
        with services.read() as session:  # typing: nothing stored yet, not even the meeting
            assert session.scalars(select(Meeting).where(Meeting.contact_id == dev)).first() is None
        clock.advance(0.5)  # half a second idle
        screen.tick()
        assert meeting_row(services, dev).notes == "she leads data"
        # typing without a pause is still saved at least every 0.75 s
        for char in " and hiring":
            await pilot.press("space" if char == " " else char)
            clock.advance(0.1)
            screen.tick()
        assert meeting_row(services, dev).notes.startswith("she leads data and hir")
        await pilot.press(*"!!")
        await pilot.press("escape", "escape")  # leave the notes, then the screen
        assert isinstance(app.screen, BoardScreen)
        assert meeting_row(services, dev).notes.endswith("!!")


async def test_notes_are_saved_on_exit(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"last words")
        app.exit()
        await pilot.pause()
    assert meeting_row(services, dev).notes == "last words"


async def test_keys_pause_extend_and_switch_talker(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the timer has the keys
        await pilot.press("space")
        assert meeting_row(services, dev).started_at == clock.now()
        await pilot.press("t")
        clock.advance(60)
        await pilot.press("space")  # pause
        clock.advance(600)
        await pilot.press("plus")
        row = meeting_row(services, dev)
        assert row.paused_at is not None and row.extra_minutes == 5
        assert row.talk_speaker == "me" and row.talk_me_seconds == 60
        await pilot.press("space")  # resume
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.query_one(BigClock).text == "23:00"  # 19 + 5 - 1 minute talked
        await pilot.press("enter")
        assert screen.focused is screen.query_one("#notes")


async def test_referral_names_become_contacts(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape", "tab", "tab", "tab", "tab")
        assert screen.focused is screen.query_one("#referrals")
        await pilot.press(*"Ann Lee, Bo Chan", "enter")
        await pilot.pause()
    with services.read() as session:
        people = session.execute(
            select(Contact.name, Contact.stage, Contact.referred_by_id).where(
                Contact.referred_by_id == dev
            )
        ).all()
    assert sorted(people) == [("Ann Lee", "identified", dev), ("Bo Chan", "identified", dev)]


async def test_ending_moves_the_card_to_met(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", *"good chat", "escape")
        clock.advance(timedelta(minutes=18))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        # recorded the moment the end is confirmed, while the debrief is offered
        assert isinstance(app.screen, DebriefModal)
        assert meeting_row(services, dev).state == "ended"
        await pilot.press("escape")  # skipped: nothing more is stored
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.has_class("-ended")
        assert screen.query_one(BigClock).text == "18:00"
    row = meeting_row(services, dev)
    assert (row.state, row.duration_seconds, row.ended_on_time) == ("ended", 1080, True)
    assert row.notes == "good chat"
    assert services.contacts.detail(dev).stage == "met"


async def test_m_on_the_board_opens_the_meeting(
    demo_db: Database, clock: FakeClock, services: Services
) -> None:
    from datetime import timedelta

    from infoterm.meeting import MeetingPlan

    dev = services.contacts.resolve("Dev Patel")
    when = clock.local_now() + timedelta(days=1)
    services.meetings.schedule(dev, MeetingPlan(19, when, "video: meet.example/dev-patel", ""))
    async with make_app(demo_db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = pilot.app.screen
        assert isinstance(board, BoardScreen) and board.focus_contact(dev)
        await pilot.press("m")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.view is not None and screen.view.contact_id == dev
        assert "video: meet.example/dev-patel" in text_of(screen, "#meeting-head")


async def test_r_on_the_board_records_a_request(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ada = services.contacts.add(ContactFields(name="Ada Byron"))
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "0", "enter")  # the cursor is at the end
        await pilot.pause()
        assert "1 to 240 minutes, not 0" in text_of(pilot.app.screen, "#minutes-error")
        assert pilot.app.screen.query_one("#minutes-error").display  # shown, not just set
        await pilot.press("backspace", *"19", "enter")
        await pilot.pause()
    assert services.contacts.detail(ada).stage == "requested"
    assert services.meetings.open_for(ada).promised_minutes == 19


async def test_moving_a_card_to_requested_asks_for_the_promise(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ada = services.contacts.add(ContactFields(name="Ada Byron"))
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        assert services.contacts.detail(ada).stage == "identified"  # not until answered
        await pilot.press("escape")
        await pilot.pause()
        assert services.contacts.detail(ada).stage == "identified"
        await pilot.press("L", "enter")
        await pilot.pause()
    assert services.contacts.detail(ada).stage == "requested"


async def test_the_schedule_form_says_what_it_did_not_understand(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        await pilot.press(*"next blursday", "ctrl+s")  # When is the first field
        await pilot.pause()
        message = text_of(pilot.app.screen, "#when-error")
        assert "blursday" in message
        for _ in "next blursday":
            await pilot.press("backspace")
        await pilot.press(*"fri 14:00")
        await pilot.pause()
        assert text_of(pilot.app.screen, "#when-error") == "→ Fri 27 Nov 14:00"
        await pilot.press("tab", "tab", *"phone", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
    row = meeting_row(services, dev)
    assert (str(row.scheduled_at), row.location) == ("2026-11-27 14:00:00+00:00", "phone")


async def test_reopening_resumes_the_running_meeting(
    db: Database, db_path: Path, clock: FakeClock, services: Services, dev: int
) -> None:
    async with make_app(db, clock, start="meeting", contact=dev).run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", *"before the crash")
    later = FakeClock(clock.now() + timedelta(minutes=18))
    reopened = open_database(str(db_path))  # the first app closed its database on exit
    async with make_app(reopened, later, start="meeting", contact=dev).run_test() as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.has_class("-wrapup")
        assert screen.query_one(BigClock).text == "1:00"
        assert screen.query_one("#notes").text == "before the crash"


async def test_a_short_terminal_shows_the_checklist_at_wrap_up(
    db: Database, clock: FakeClock, services: Services, dev: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.has_class("-short")
        assert not screen.query_one("#checklist-box").region.height
        await pilot.press("ctrl+t")
        clock.advance(timedelta(minutes=17))
        screen.tick()
        await pilot.pause()
        assert screen.query_one("#checklist-box").region.height > 0
        assert not screen.query_one("#questions").region.height


async def test_an_unknown_contact_name_is_a_toast_not_a_crash(
    db: Database, clock: FakeClock
) -> None:
    app = make_app(db, clock, start="meeting", contact="nobody")
    toasts = record_notifications(app)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, BoardScreen)
        assert any("nobody" in message for message in toasts)
