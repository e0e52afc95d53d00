"""The daily review, driven with Pilot on the demo campaign (a fake clock, Monday 09:00)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.schema import Contact, FollowUp
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.review import ReviewScreen
from infoterm.tui.widgets.board_view import BoardView
from infoterm.tui.widgets.followup_list import FollowUpList
from tests.conftest import make_app


def rows(app) -> list[tuple[str, str, str]]:
    return [
        (i.label, i.who, i.when)
        for i in app.screen.query_one(FollowUpList).items
        if i.row == "followup"
    ]


def current(app):
    return app.screen.query_one(FollowUpList).current


def state(db: Database, followup_id: int) -> FollowUp:
    services = Services(db, FakeClock())
    with services.read() as session:
        found = session.get(FollowUp, followup_id)
        assert found is not None
        session.expunge(found)
        return found


async def test_t_opens_the_review_grouped_with_todays_meeting(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, ReviewScreen)
        items = app.screen.query_one(FollowUpList).items
        headers = [i.text for i in items if i.row == "header"]
        assert headers == ["Today's meetings · 1", "Overdue · 5", "Today · 4", "Next 7 days · 5"]
        meeting = next(i for i in items if i.row == "meeting")
        assert (meeting.when, meeting.label, meeting.who) == ("15:00", "19 min", "Isaac Mensah")
        first = current(app)  # the cursor starts on the first follow-up: 3B7's second person
        assert (first.who, first.label) == ("Dev Patel", "2nd contact")
        assert rows(app)[3] == ("thank-you", "Ben Whitaker", "3 days overdue")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_done_marks_it_done_moves_the_card_and_the_cursor_on(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "j", "j", "j")
        ben = current(app)
        assert ben.who == "Ben Whitaker" and ben.label == "thank-you"
        await pilot.press("d")
        await pilot.pause()
        assert state(demo_db, ben.key).state == "done"
        assert ("thank-you", "Ben Whitaker", "3 days overdue") not in rows(app)
        assert current(app).who == "Amara Okafor"  # the next one, ready for another key
        with Services(demo_db, clock).read() as session:
            assert session.get(Contact, ben.contact_id).stage == "thanked"
        await pilot.press("u")
        await pilot.pause()
        assert state(demo_db, ben.key).state == "open"
        assert ("thank-you", "Ben Whitaker", "3 days overdue") in rows(app)


async def test_snooze_a_day_and_dismiss(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        dev = current(app)
        await pilot.press("s")
        await pilot.pause()
        snoozed = state(demo_db, dev.key)
        assert snoozed.snoozed_until is not None
        assert snoozed.snoozed_until.isoformat() == "2026-11-24T09:00:00+00:00"
        assert ("2nd contact", "Dev Patel", "tomorrow ⏾") in rows(app)
        hana = current(app)
        assert hana.who == "Hana Suzuki"
        await pilot.press("x")
        await pilot.pause()
        assert state(demo_db, hana.key).state == "dismissed"
        assert all(who != "Hana Suzuki" for _l, who, _w in rows(app))


async def test_snooze_to_a_typed_date(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        dev = current(app)
        await pilot.press("S")
        await pilot.press(*"someday")
        preview = str(app.screen.query_one("#when-preview").render())
        assert "didn't understand" in preview
        await pilot.press("enter")  # refused: the modal stays
        assert app.screen.query("#when")
        for _ in "someday":
            await pilot.press("backspace")
        await pilot.press(*"in 2 weeks", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert state(demo_db, dev.key).snoozed_until.isoformat() == "2026-12-07T09:00:00+00:00"
        assert ("2nd contact", "Dev Patel") not in [(lab, who) for lab, who, _w in rows(app)]


async def test_enter_opens_the_contact_and_w_drafts_the_note(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "j", "j", "j", "w")
        await pilot.pause()
        text = str(app.screen.query_one("#draft-text").render())
        assert "Hi Ben," in text and "Thu 19 Nov" in text and "Lumen Analytics" in text
        notes = app.screen.query_one("#draft-notes")
        assert "streaming" in str(notes.query_one("Static").render())
        await pilot.press("c")
        assert app.clipboard.startswith("To: Ben Whitaker <")
        assert "\nSubject: Thank you, Ben" in app.clipboard
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ContactScreen"


async def test_w_explains_when_there_is_nothing_to_write(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "j", "j")  # the let-go suggestion
        assert current(app).label == "let go?"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_add_a_follow_up(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "a")
        await pilot.press(*"tomorrow 10am", "enter", *"bring the portfolio", "enter")
        await pilot.pause()
        assert ("to do", "Dev Patel", "tomorrow") in rows(app)
    with Services(demo_db, clock).read() as session:
        added = session.scalars(
            select(FollowUp).where(FollowUp.note == "bring the portfolio")
        ).one()
        assert added.kind == "custom"


async def test_the_setting_opens_on_the_review(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock, Settings(ui_start_screen="review"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_the_palette_offers_the_review_everywhere(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # a contact screen: no t key there
        await pilot.press("ctrl+p", *"daily review")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_board_cards_show_the_most_urgent_follow_up(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        hints = {}
        for col, column in enumerate(screen.model.columns):
            for row in range(column.count):
                card = screen.model.card(col, row)
                if card is not None:
                    hints[card.name] = screen._hint(card)
        assert hints["Maya Singh"] == ("thank-you in 5h", "soon")
        assert hints["Hana Suzuki"] == ("check-in 4d overdue", "late")
        assert hints["Ben Whitaker"] == ("thank-you 3d overdue", "late")


async def test_due_hints_on_the_board_move_on_with_the_clock(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(BoardView)

        def drawn() -> str:
            return "\n".join(view.render_line(y).text for y in range(view.size.height))

        assert "thank-you in 5h" in drawn()
        clock.advance(timedelta(hours=3))
        view.redraw()  # what the board's once-a-minute timer calls
        await pilot.pause()
        assert "thank-you in 2h" in drawn() and "thank-you in 5h" not in drawn()
