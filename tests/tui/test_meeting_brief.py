"""The meeting brief beside the timer: who they are and who sent you, your research and
notes, your goal, the agenda, and earlier meetings' notes folded; reachable at 80x24."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Collapsible

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.widgets.meeting_brief import MeetingBrief
from tests.brief_data import ORG_NOTES, PERSON_NOTES, seed_ann
from tests.conftest import make_app

GOAL = "Exploring platform engineering; want to learn how on-call [really] works"


@pytest.fixture
def ann(services: Services, clock: FakeClock) -> int:
    return seed_ann(services, clock)


async def tab_to(pilot: Any, widget: Widget) -> None:
    for _ in range(10):
        if pilot.app.screen.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {widget!r}")


def shown(widget: MeetingBrief) -> str:
    return "\n".join(str(child.render()) for child in widget.query("Static"))


async def test_the_brief_shows_who_referrer_research_notes_goal_and_earlier_notes_folded(
    db: Database, clock: FakeClock, ann: int
) -> None:
    app = make_app(db, clock, Settings(me_goal=GOAL), start="meeting", contact=ann)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        brief = screen.query_one("#brief", MeetingBrief)
        text = shown(brief)
        assert "Ann Lee, SRE lead, Acme" in text
        assert "Referred by Bo Chan" in text
        assert ORG_NOTES in text
        assert PERSON_NOTES in text  # "[b]" shown literally, never as markup
        assert GOAL in text
        (earlier,) = brief.query(Collapsible)
        assert earlier.collapsed
        assert "25 min" in str(earlier.title)
        # f on the brief unfolds the earlier notes
        await tab_to(pilot, brief)
        await pilot.press("f")
        assert not earlier.collapsed
        assert "Read the SRE book." in shown(brief)


async def test_an_empty_brief_says_what_to_put_in_it(
    db: Database, clock: FakeClock, services: Services
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = shown(app.screen.query_one("#brief", MeetingBrief))
        assert "set me.goal in settings" in text
        assert "no notes on the organisation yet" in text
        assert "Earlier meetings" not in text


async def test_at_80x24_every_part_of_the_brief_scrolls_into_view(
    db: Database, clock: FakeClock, ann: int
) -> None:
    app = make_app(db, clock, Settings(me_goal=GOAL), start="meeting", contact=ann)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        brief = screen.query_one("#brief", MeetingBrief)
        await tab_to(pilot, brief)
        assert brief.region.height >= 3
        await pilot.press("end")
        await pilot.pause()
        last = list(brief.query(Collapsible))[-1]
        assert brief.max_scroll_y > 0  # it does not all fit: it scrolls
        assert brief.scroll_y == brief.max_scroll_y
        assert brief.region.contains_region(last.region)


async def test_the_referral_line_is_on_screen_whenever_it_has_focus_at_80x24(
    db: Database, clock: FakeClock, ann: int
) -> None:
    app = make_app(db, clock, start="meeting", contact=ann)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        referrals = screen.query_one("#referrals")
        assert referrals.region.height == 0  # not closing yet: the questions have the room
        await pilot.press("escape")
        await tab_to(pilot, referrals)
        await pilot.pause()
        assert referrals.region.height == 1
        assert screen.region.contains_region(referrals.region)
        await pilot.press("tab")  # on to the brief: the questions come back
        await pilot.pause()
        assert not screen.has_class("-in-checklist")


def test_the_brief_writes_out_the_controls_in_its_data() -> None:
    from infoterm.tui.widgets.meeting_brief import BriefPart, EarlierNotes, earlier_text, part_text

    one_line = part_text(BriefPart("Who", "Eve\x1b]0;pwned\x07, Acme [UK"))
    assert str(one_line) == "Who Eve\\x1b]0;pwned\\x07, Acme [UK"
    lines = part_text(BriefPart("Research", "org \x1b[2J\nresearch\x9b"))
    assert str(lines) == "Research org \\x1b[2J\nresearch\\x9b"
    earlier = earlier_text(EarlierNotes("Tue 03 Nov", "they said \x1b]52;c;aGk=\x07"))
    assert str(earlier) == "they said \\x1b]52;c;aGk=\\x07"
