"""y records a reply on the board and on the contact screen; the responder type shows on
the card (★ booster, ☆ obligate, × curmudgeon) and in the contact's head."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.widgets.board_view import BoardView
from tests.conftest import make_app
from tests.tui.test_request_schedule_keys import open_kinds


def card_lines(app) -> str:
    board = app.screen.query_one(BoardView)
    return "\n".join(board.render_line(y).text for y in range(board.size.height))


async def test_y_on_the_board_records_a_reply_and_the_card_shows_a_booster(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.meetings.record_request(ann, 20, "email")
    clock.advance(timedelta(days=1))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Ann Lee ★" not in card_lines(app)
        await pilot.press("right")  # to Ann's card, alone in requested
        await pilot.pause()
        assert app.screen.query_one(BoardView).model.current.id == ann
        await pilot.press("y")
        await pilot.pause()
        assert services.contacts.detail(ann).responder == "booster"
        assert open_kinds(services, ann) == []
        assert "Ann Lee ★" in card_lines(app)
        await pilot.press("u")
        await pilot.pause()
        assert services.contacts.detail(ann).replied_at is None
        assert "Ann Lee ★" not in card_lines(app)


async def test_y_on_the_contact_screen_and_the_responder_line(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.meetings.record_request(ann, 20, "email", at=clock.now() - timedelta(days=10))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ContactScreen(ann))
        await pilot.pause()
        head = str(app.screen.query_one("#contact-head").render())
        assert "Responder: asked Fri 13 Nov, waiting" in head
        await pilot.press("y")
        await pilot.pause()
        head = str(app.screen.query_one("#contact-head").render())
        assert "Responder: ☆ obligate (replied Mon 23 Nov)" in head


async def test_a_long_name_is_cut_before_the_responder_marker(
    db: Database, clock: FakeClock, services: Services
) -> None:
    long = "Maximiliana Featherstonehaugh-Cholmondeley"
    ann = services.contacts.add(ContactFields(name=long, organisation="Acme"))
    services.meetings.record_request(ann, 20, "email")
    clock.advance(timedelta(hours=2))
    services.contacts.record_reply(ann)
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert services.contacts.detail(ann).responder == "booster"
        line = next(row for row in card_lines(app).splitlines() if "Maximiliana" in row)
        assert long not in line  # the column is narrower than the name
        assert "… ★" in line  # cut, and the marker still shows after it
