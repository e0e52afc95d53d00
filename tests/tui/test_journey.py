"""One journey from an empty database to landed, by keyboard, on a fake clock.

add → request → schedule → prepare due → meeting with notes → end → debrief action item →
thank-you done (thanked) → check-in due → land (the landing form) → tell-landed (its
draft, addressed, with the new details typed at landing). At each step the review, the
contact hub and `infoterm due --json` are read and must agree.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import timedelta
from typing import Any

import pytest

from infoterm.cli import main
from infoterm.cli.common import Context
from infoterm.clock import FakeClock
from infoterm.paths import resolve_paths
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.debrief import DebriefModal
from infoterm.tui.screens.land import LandModal
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.screens.review import ReviewScreen
from infoterm.tui.widgets.followup_list import FollowUpList
from tests.conftest import make_app


@pytest.fixture
def cli(clock: FakeClock, monkeypatch: pytest.MonkeyPatch):
    """`infoterm ARGS` on the same fake clock; returns what it printed (read here, not by
    the running app, which captures what is printed while it runs)."""
    monkeypatch.setattr(
        Context,
        "from_args",
        classmethod(lambda cls, args: cls(paths=resolve_paths(args.db), clock=clock)),
    )

    def run(*args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = int(exc.code or 0)
        assert code == 0, err.getvalue()
        return out.getvalue()

    return run


def rows_of(screen: Any, selector: str) -> list[str]:
    """The follow-up rows of a list as "label: reason" (group titles and notes left out)."""
    items = screen.query_one(selector, FollowUpList).items
    return [f"{i.label}: {i.why}" for i in items if i.row == "followup"]


async def test_one_journey_from_an_empty_database_to_landed(  # noqa: PLR0915
    db: Database, db_path: Any, clock: FakeClock, cli: Any
) -> None:
    services = Services(db, clock)
    app = make_app(db, clock, welcome=False)

    def due_json(until: str | None = None) -> list[tuple[str, str]]:
        args = ["--db", str(db_path), "due", "--json"] + (["--until", until] if until else [])
        return [(r["kind"], r["contact_name"]) for r in json.loads(cli(*args))]

    async with app.run_test(size=(120, 40)) as pilot:

        async def review() -> list[str]:
            app.action_review()
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            found = rows_of(app.screen, "#review-list")
            await pilot.press("escape")
            await pilot.pause()
            return found

        async def hub() -> list[str]:
            await pilot.press("enter")  # the card under the cursor: Ann
            await pilot.pause()
            assert isinstance(app.screen, ContactScreen)
            found = rows_of(app.screen, "#contact-followups")
            return found

        async def back() -> None:
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)

        # add
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ann Lee", "tab", *"Acme", "tab", "tab", *"ann@acme.example", "ctrl+s")
        await pilot.pause()
        ann = services.contacts.resolve("Ann Lee")
        assert services.contacts.detail(ann).stage == "identified"
        assert await review() == [] and due_json() == []
        assert await hub() == []
        await back()

        # request: 3B7, a second person at Acme in 3 business days, the nudge in 7
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#minutes").value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert services.contacts.detail(ann).stage == "requested"
        hub_rows = await hub()
        assert [row.split(":")[0] for row in hub_rows] == ["2nd contact", "nudge"]
        await back()
        assert due_json() == [] and due_json("+8d") == [("second-contact", "Ann Lee")]
        assert due_json("+10d") == [("second-contact", "Ann Lee"), ("nudge", "Ann Lee")]
        assert [r.split(":")[0] for r in await review()] == ["2nd contact"]  # next 7 days

        # schedule (they said yes): the nudge closes, a prepare comes the day before
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # from the hub this time
        await pilot.pause()
        app.screen.query_one("#when").value = "thu 14:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert [r.split(":")[0] for r in rows_of(app.screen, "#contact-followups")] == ["prepare"]
        await back()
        assert due_json("+8d") == [("prepare", "Ann Lee")]
        assert [r.split(":")[0] for r in await review()] == ["prepare"]

        # prepare due: Wednesday morning it is in the review, the hub and `due`
        clock.set(clock.now() + timedelta(days=2))  # Wed 25 Nov 09:00
        assert due_json() == [("prepare", "Ann Lee")]
        assert [r.split(":")[0] for r in await review()] == ["prepare"]
        app.action_review()
        await pilot.pause()
        await pilot.press("d")  # researched Acme: done
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert due_json() == [] and await hub() == []

        # the meeting, opened from the hub, with notes; ended on time
        clock.set(clock.now() + timedelta(days=1, hours=5))  # Thu 26 Nov 14:00
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+t", *"team of 6, read DDIA", "escape")
        clock.advance(timedelta(minutes=19))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DebriefModal)  # offered once the end is recorded
        [held] = services.meetings.history_of(ann)  # recorded before the debrief is answered
        assert (held.minutes, held.ended_on_time, held.notes) == (19, True, "team of 6, read DDIA")

        # the debrief: what you learned, and an action item with a natural date
        await pilot.press(*"juniors join the rota", "tab", *"read DDIA by sun", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert services.contacts.detail(ann).stage == "met"
        [held] = services.meetings.history_of(ann)
        assert "team of 6, read DDIA" in held.notes and "juniors join the rota" in held.notes
        hub_rows = rows_of(app.screen, "#contact-followups")
        assert [r.split(":")[0] for r in hub_rows] == ["thank-you", "to do"]
        assert "read DDIA" in hub_rows[1]
        await back()
        assert [r.split(":")[0] for r in await review()] == ["thank-you", "to do"]
        assert due_json() == [] and due_json("+4d") == [
            ("thank-you", "Ann Lee"),
            ("custom", "Ann Lee"),
        ]

        # the thank-you, done from the review the next morning: the card moves to thanked
        clock.set(clock.now() + timedelta(hours=19))  # Fri 27 Nov 09:19
        assert due_json() == [("thank-you", "Ann Lee")]
        assert [r.split(":")[0] for r in await review()] == ["thank-you", "to do"]
        app.action_review()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert services.contacts.detail(ann).stage == "thanked"
        assert due_json() == []
        assert app.screen.model.current.name == "Ann Lee"  # the cursor went with her card
        hub_rows = await hub()
        assert [r.split(":")[0] for r in hub_rows] == ["to do", "check-in"]
        await pilot.press("d")  # read the book: the action item is done from the hub
        await pilot.pause()
        assert [r.split(":")[0] for r in rows_of(app.screen, "#contact-followups")] == ["check-in"]
        await back()

        # the check-in comes due weeks later
        [checkin] = services.db.reader.open_followups(ann)
        clock.set(checkin.due + timedelta(hours=1))
        assert due_json() == [("check-in", "Ann Lee")]
        assert [r.split(":")[0] for r in await review()] == ["check-in"]
        assert [r.split(":")[0] for r in await hub()] == ["check-in"]
        await back()

        # land, through the landing form (the palette), with your new details
        await pilot.press("ctrl+p", *"I landed a job")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LandModal)
        await pilot.press(*"Acme", "enter", *"Data Engineer", "enter", "enter")  # no start day
        await pilot.press(*"me@acme.example", "enter", *"+44 20 7946 0001", "enter")
        await pilot.press(*"https://www.linkedin.com/in/me", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        told = due_json("+8d")
        assert ("tell-landed", "Ann Lee") in told and ("check-in", "Ann Lee") in told
        assert "tell landed" in [r.split(":")[0] for r in await review()]
        hub_rows = await hub()
        assert any(r.startswith("tell landed") and "Data Engineer at Acme" in r for r in hub_rows)
        await back()

        # tell-landed: the draft is addressed to Ann and carries the details typed above
        app.action_review()
        await pilot.pause()
        review_list = app.screen.query_one("#review-list", FollowUpList)
        while review_list.current is None or review_list.current.label != "tell landed":
            await pilot.press("j")
        await pilot.press("w")
        await pilot.pause()
        draft = str(app.screen.query_one("#draft-text").render())
        assert draft.startswith("To: Ann Lee <ann@acme.example>\n")
        assert "as Data Engineer at Acme" in draft
        assert (
            "My new details: me@acme.example, +44 20 7946 0001, https://www.linkedin.com/in/me"
            in draft
        )
