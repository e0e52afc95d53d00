"""The contact screen as the person's hub: follow-ups acted on, meetings opened, touches
and follow-ups added, each checked in the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from textual.widgets import DataTable, Static

from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.store.schema import Event, FollowUp
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.past_meeting import PastMeetingScreen
from infoterm.tui.widgets.followup_list import FollowUpList
from tests.conftest import make_app


def followups(services: Services, contact_id: int) -> list[tuple[str, str]]:
    with services.read() as session:
        return [
            (f.kind, f.state)
            for f in session.scalars(
                select(FollowUp).where(FollowUp.contact_id == contact_id).order_by(FollowUp.id)
            )
        ]


def hub_rows(app) -> list[str]:
    items = app.screen.query_one("#contact-followups", FollowUpList).items
    return [f"{i.label}: {i.why}" if i.row == "followup" else i.text for i in items]


async def open_hub(app, pilot, contact_id: int) -> None:
    await pilot.pause()
    app.open_contact(contact_id)
    await pilot.pause()
    assert isinstance(app.screen, ContactScreen)


async def test_the_hub_lists_open_follow_ups_and_acts_on_them_with_d_s_x(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    now = clock.now()
    services.followups.add(ann, now - timedelta(days=2), "send the article")
    services.followups.add(ann, now + timedelta(days=1), "ask about the team")
    services.followups.add(ann, now + timedelta(days=9), "share the slides")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_hub(app, pilot, ann)
        assert hub_rows(app) == [
            "to do: send the article",
            "to do: ask about the team",
            "to do: share the slides",  # whenever due, not only this week
        ]
        assert app.screen.query_one("#contact-followups", FollowUpList).items[0].level == "late"
        await pilot.press("d")  # the overdue one, done
        await pilot.pause()
        assert followups(services, ann) == [
            ("custom", "done"),
            ("custom", "open"),
            ("custom", "open"),
        ]
        assert hub_rows(app) == ["to do: ask about the team", "to do: share the slides"]
        await pilot.press("S")  # snooze the next one to a typed date
        await pilot.pause()
        await pilot.press(*"in 2 weeks", "enter")
        await pilot.pause()
        with services.read() as session:
            snoozed = session.scalars(
                select(FollowUp).where(FollowUp.reason == "ask about the team")
            ).one()
            assert snoozed.snoozed_until is not None
            assert snoozed.snoozed_until > now + timedelta(days=13)
        # the snoozed one now sorts after the slides
        assert hub_rows(app) == ["to do: share the slides", "to do: ask about the team"]
        await pilot.press("x")
        await pilot.pause()
        assert followups(services, ann)[2] == ("custom", "dismissed")
        assert hub_rows(app) == ["to do: ask about the team"]


async def test_t_logs_a_touch_and_f_adds_a_follow_up(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_hub(app, pilot, ann)
        assert hub_rows(app) == ["None open. f adds one; t logs a touch."]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"[b]coffee[/b] chat", "enter")
        await pilot.pause()
        with services.read() as session:
            touch = session.scalars(select(Event).where(Event.kind == "touch")).one()
            assert touch.summary == "Touch: [b]coffee[/b] chat"
        timeline = app.screen.query_one("#timeline", DataTable)
        assert str(timeline.get_row_at(0)[1]) == "Touch: [b]coffee[/b] chat"  # literal
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#add-who").value == "Ann Lee"  # preset: this person
        await pilot.press(*"tomorrow 9am", "enter", *"send the [link]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert followups(services, ann) == [("custom", "open")]
        assert hub_rows(app) == ["to do: send the [link]"]


async def test_enter_on_a_past_meeting_opens_it_read_only(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.meetings.record_request(ann, 20, "email")
    services.meetings.schedule(ann, MeetingPlan(20, clock.now() + timedelta(hours=2)))
    clock.advance(timedelta(hours=2))
    meeting = services.meetings.open_for(ann).id
    services.meetings.talk_switch(meeting, "them")
    clock.advance(timedelta(minutes=15))
    services.meetings.talk_switch(meeting, "me")
    clock.advance(timedelta(minutes=8))
    first = services.meetings.get(meeting).questions[0]
    services.meetings.tick_question(meeting, first.id)
    services.meetings.save_notes(meeting, "team of 6 [red]streaming[/red]")
    services.meetings.end(meeting)
    services.meetings.schedule(ann, MeetingPlan(20, clock.now() + timedelta(days=30)))
    before = services.meetings.get(meeting)
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_hub(app, pilot, ann)
        table = app.screen.query_one("#contact-meetings", DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == [
            "planned: 20 min",
            "held: 23 of 20 min · enter opens",
        ]
        table.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PastMeetingScreen)
        facts = str(app.screen.query_one("#past-facts", Static).render())
        assert "23 of 20 min: 3 min over" in facts
        assert "you 35%, them 65% (of 23 min measured)" in facts
        asked = str(app.screen.query_one("#past-asked", Static).render())
        assert f"✓ {first.text}" in asked
        notes = str(app.screen.query_one("#past-notes", Static).render())
        assert notes == "team of 6 [red]streaming[/red]"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
    assert services.meetings.get(meeting) == before  # read only: nothing written
