"""The meeting screen lists its questions under their TIARA tags, in Dalton's order."""

from __future__ import annotations

from sqlalchemy import select

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.store.schema import MeetingQuestion, Question
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.widgets.tick_list import TickList
from tests.conftest import make_app


async def test_questions_are_grouped_by_tag_and_a_tick_is_stored(
    db: Database, clock: FakeClock, services: Services
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel", organisation="Harbour Bank"))
    services.meetings.bank.add("Money matters", "How are salaries set?")
    services.meetings.bank.add("resources", "Which meetup should I go to first?")
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        questions = app.screen.query_one("#questions", TickList)
        items = questions._items or []  # noqa: SLF001 - what the list was given
        headings = [i.text for i in items if i.heading]
        assert headings == [
            "Trends",
            "Insights",
            "Advice",
            "Resources",
            "Assignments",
            "Other questions",
        ]
        under: dict[str, list[str]] = {}
        for item in items:
            if item.heading:
                current = under.setdefault(item.text, [])
            else:
                current.append(item.text)
        assert under["Trends"][0].startswith("What is changing in your field")
        assert under["Resources"][-1] == "Which meetup should I go to first?"
        assert under["Other questions"] == ["How are salaries set?"]
        assert (
            "Is there a course, community or newsletter you would point me to?"
            in (under["Resources"])
        )
        questions.focus()
        questions.highlighted = 1  # the first Trends question (0 is its heading)
        await pilot.press("space")
        await pilot.pause()
    with services.read() as session:
        asked = session.scalars(
            select(Question.text).join(MeetingQuestion, MeetingQuestion.question_id == Question.id)
        ).all()
    assert asked == ["What is changing in your field, and how is it changing your work?"]


async def test_the_stats_screen_shows_the_questions_asked_by_tag(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        panel = app.screen.query_one("#stats-tiara")
        assert str(panel.border_title) == "Questions you ask, by TIARA tag"
        lines = str(panel.render()).splitlines()
        assert lines[0].rstrip() == "Trends         0   0%"
        assert lines[1].startswith("Insights      13  39% ███")
        assert "Not asked yet: Trends." in lines
