"""The board driven through Pilot: keys in, database and screen checked after."""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from pathlib import Path

import pytest
from textual import events

from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Services
from infoterm.store.database import Database, open_database
from infoterm.store.errors import StoreError
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.help import HelpModal
from infoterm.tui.widgets.board_view import BoardView
from tests.conftest import make_app, record_notifications


def board_text(app) -> str:
    view = app.screen.query_one(BoardView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_add_a_contact_with_the_form(db: Database, clock: FakeClock) -> None:
    app = make_app(db, clock, welcome=False)  # the empty board, not the first-run welcome
    async with app.run_test(size=(120, 40)) as pilot:
        assert "No one on your board yet" in board_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ada Lovelace")
        await pilot.press("tab", *"Engines Ltd", "tab", *"Analyst", "tab", *"not-an-email")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "email must contain @" in str(app.screen.query_one("#email-error").render())
        assert app.services.contacts.rows() == []
        app.screen.query_one("#email").value = "ada@engines.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        rows = app.services.contacts.rows()
        assert [(r.name, r.organisation, r.title) for r in rows] == [
            ("Ada Lovelace", "Engines Ltd", "Analyst")
        ]
        assert "Ada Lovelace" in board_text(app)


async def test_move_across_all_stages_and_back_then_undo(db: Database, clock: FakeClock) -> None:
    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for stage in STAGES[1:]:
            await pilot.press("L")
            if stage == "requested":  # a request asks for the promised length first
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
            assert services.contacts.detail(cid).stage == stage
            assert app.screen.model.columns[app.screen.model.col].stage == stage
        await pilot.press("L")  # already landed: nothing happens
        assert services.contacts.detail(cid).stage == "landed"
        for stage in reversed(STAGES[:-1]):
            await pilot.press("shift+left")
            assert services.contacts.detail(cid).stage == stage
        await pilot.press("shift+right")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert services.contacts.detail(cid).stage == "requested"
        await pilot.press("u")
        assert services.contacts.detail(cid).stage == "identified"
        assert app.screen.model.current.id == cid


async def test_cursor_keys_and_filter(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        model = app.screen.model
        first = model.current
        await pilot.press("j")
        assert model.columns[0].row == 1
        await pilot.press("l", "l")
        assert model.col == 2
        await pilot.press("h", "left")
        assert model.col == 0 and model.current != first
        await pilot.press("slash", *"northwind")
        await pilot.pause()
        assert model.total == 5
        text = board_text(app)
        assert "Amara Okafor" in text and "Ben Whitaker" not in text
        await pilot.press("enter")
        assert app.screen.query_one(BoardView).has_focus
        await pilot.press("escape")
        assert model.total == 40


async def test_archive_and_show_archived(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        model = app.screen.model
        card = model.current
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # second reason: went cold
        await pilot.pause()
        detail = app.services.contacts.detail(card.id)
        assert detail.archived and detail.archive_reason == "went cold"
        assert card.name not in board_text(app)
        await pilot.press("A")
        assert card.name in board_text(app)
        top = app.screen.model.card(0, 0)
        assert top.id == card.id and top.archived
        await pilot.press("A")
        await pilot.press("u")
        assert not app.services.contacts.detail(card.id).archived


async def test_delete_asks_first_and_undo_brings_back(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        card = app.screen.model.current
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.model.total == 40
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.model.total == 39
        assert card.name not in [r.name for r in app.services.contacts.rows()]
        await pilot.press("u")
        assert app.screen.model.total == 40


async def test_open_contact_edit_and_back(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        card = app.screen.model.current
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#title").value = "Principal Engineer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.services.contacts.detail(card.id).title == "Principal Engineer"
        timeline = app.screen.query_one("#timeline")
        assert timeline.row_count == len(app.services.contacts.detail(card.id).timeline)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_help_lists_the_keys_from_the_bindings(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        text = "\n".join(f"{keys} {description}" for keys, description in app.screen.rows)
        for description in ("Next stage", "Filter", "Archive", "Undo", "Delete", "Quit", "Down"):
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_changes_from_another_process_show_up(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        other = Services(demo_db, clock)  # its own connections, like a second process
        other.contacts.add(ContactFields(name="Zelda Newcomer"))
        app.screen._poll()  # noqa: SLF001 - the interval's callback, without waiting
        await pilot.pause()
        assert app.screen.model.total == 41
        assert "Zelda Newcomer" in board_text(app)


async def test_click_selects_and_double_click_opens(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(BoardView, offset=(45, 3))
        assert app.screen.model.col == 2
        await pilot.click(BoardView, offset=(45, 3), times=2)
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)


async def test_palette_jumps_to_a_contact_and_runs_actions(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Jump to Hana")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.detail.name == "Hana Suzuki"
        await pilot.press("escape")
        assert app.screen.model.current.name == "Hana Suzuki"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next stage")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.services.contacts.detail(app.screen.model.current.id).stage == "landed"


async def test_garbage_collection_is_back_on_once_start_up_is_over(
    db: Database, clock: FakeClock
) -> None:
    # infoterm.cli.tui.run switches the collector off for start-up; the app's warm-up
    # (the services imported after the first frame) must switch it back on.
    gc.disable()
    try:
        app = make_app(db, clock, welcome=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            assert gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("where", ["drawing", "polling"])
async def test_a_database_that_fails_under_the_board_ends_with_a_message_not_a_traceback(
    demo_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """Drawing: every line of every frame fails (the board reads its cards as it draws).
    Polling: a handler fails first (Textual ends the app), then the frames fail too."""
    app = make_app(demo_db, clock)

    def broken(*args: object) -> list[object]:
        raise StoreError("/data/[x].db is not an infoterm database (or it is damaged)")

    # run_test re-raises what reached Textual's last resort (App.run does not).
    with pytest.raises(StoreError) if where == "polling" else contextlib.nullcontext():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            demo_db.reader.page = broken  # type: ignore[method-assign, assignment]
            screen = app.screen
            assert isinstance(screen, BoardScreen)
            if where == "polling":
                demo_db.reader.counts = broken  # type: ignore[method-assign, assignment]
                demo_db.reader.data_version = lambda: -1
                screen.call_later(screen._poll)  # as its timer would, in its message loop
            else:
                screen.query_one(BoardView).model.reload()
                screen.query_one(BoardView).redraw()
            await pilot.pause()
    assert app.return_code == 1
    # What Textual prints once the screen is restored: the plain message, brackets and
    # all, once, and no traceback nor a note about other errors.
    shown = capsys.readouterr().err
    assert shown.strip() == (
        "infoterm: /data/[x].db is not an infoterm database (or it is damaged)"
    )


async def test_keys_typed_just_after_quitting_do_nothing(
    demo_db: Database, clock: FakeClock
) -> None:
    # q then e, typed fast: the e used to open a contact on an app shutting down (a
    # traceback). The test fails by raising that error when the app closes.
    app = make_app(demo_db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key("e", "e"))
        await pilot.pause()
    assert app.return_code == 0


async def test_an_empty_board_points_to_people_waiting_in_the_address_book(
    services: Services, db: Database, clock: FakeClock
) -> None:
    for name in ("Ada Lovelace", "Alan Turing"):
        services.contacts.add(ContactFields(name=name), on_board=False)
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = board_text(app)
        assert "2 people are waiting in your address book:" in text
        assert "press b to pick who goes on the board" in text
        await pilot.press("b")
        await pilot.pause()
        assert type(app.screen).__name__ == "AddressBookScreen"


async def test_the_empty_board_message_is_cut_with_an_ellipsis_when_narrow(
    services: Services, db: Database, clock: FakeClock
) -> None:
    services.contacts.add(ContactFields(name="Ada Lovelace"), on_board=False)
    app = make_app(db, clock)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        lines = board_text(app).splitlines()
        cut = [line for line in lines if "press b" in line]
        assert cut and cut[0].endswith("…") and len(cut[0]) == 40


async def test_filter_finds_people_by_where_you_found_them(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"alumni")
        await pilot.pause()
        from infoterm.demo import PEOPLE

        alumni = {person[0] for person in PEOPLE if person[3] == "alumni"}
        assert app.screen.model.total == len(alumni) > 0
        text = board_text(app)
        assert "Amara Okafor" in text and "Dev Patel" not in text


async def test_z_orders_a_column_by_arrival_or_by_urgency(db: Database, clock: FakeClock) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from infoterm.store.schema import FollowUp

    services = Services(db, clock)
    late = services.contacts.add(ContactFields(name="Late Thanks"), stage="met")
    clock.advance(timedelta(days=1))
    services.contacts.add(ContactFields(name="Newest Arrival"), stage="met")
    with services.transaction() as session:
        session.execute(update(FollowUp).values(state="done"))
    services.followups.add(late, clock.now() - timedelta(days=14), "thank them")
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        model = app.screen.model
        met = STAGES.index("met")
        assert model.columns[met].urgent  # the met column starts by urgency
        assert [model.card(met, r).name for r in range(2)] == ["Late Thanks", "Newest Arrival"]
        assert "Met ·due" in board_text(app)
        await pilot.press("l", "l", "z")
        await pilot.pause()
        assert not model.columns[met].urgent
        assert [model.card(met, r).name for r in range(2)] == ["Newest Arrival", "Late Thanks"]
        assert model.current is not None and model.current.name == "Late Thanks"
        assert "Met ·due" not in board_text(app)
        await pilot.press("z")
        assert [model.card(met, r).name for r in range(2)] == ["Late Thanks", "Newest Arrival"]


async def test_a_card_move_is_painted_before_it_is_written(db: Database, clock: FakeClock) -> None:
    """The key's answer is one frame: the card is drawn in its new column, then written."""
    services = Services(db, clock)
    ada = services.contacts.add(ContactFields(name="Ada Lovelace"), stage="requested")
    services.contacts.add(ContactFields(name="Ben Whitaker"), stage="met")
    app = make_app(db, clock)
    happened: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("l")
        await pilot.pause()
        view, met = board.board, STAGES.index("met")
        draw = view.render_lines

        def render_lines(crop):
            first = board.model.card(met, 0)
            happened.append(f"frame: {first.name if first else ''} first in Met")
            return draw(crop)

        step = app.services.contacts.step

        def write(*args):
            happened.append("write")
            return step(*args)

        view.render_lines = render_lines  # type: ignore[method-assign]
        app.services.contacts.step = write  # type: ignore[method-assign]
        await pilot.press("L")
        await pilot.pause()
        assert happened.index("frame: Ada Lovelace first in Met") < happened.index("write")
        assert services.contacts.detail(ada).stage == "met"
        assert board.model.current is not None and board.model.current.id == ada
        assert "Ada Lovelace" in board_text(app)


async def test_a_card_move_that_cannot_be_written_goes_back_and_says_why(
    db_path: Path, clock: FakeClock
) -> None:
    """Another program holds the write lock past the wait: the card was shown in Met; it
    goes back to Requested under the cursor, a red toast says why, nothing is written."""
    setup = open_database(str(db_path))
    services = Services(setup, clock)
    ada = services.contacts.add(ContactFields(name="Ada Lovelace"), stage="requested")
    services.contacts.add(ContactFields(name="Ben Whitaker"), stage="requested")
    services.contacts.add(ContactFields(name="Cleo Martin"), stage="met")
    setup.close()
    db = open_database(str(db_path), lock_timeout_ms=50)
    app = make_app(db, clock)
    told = record_notifications(app)
    other = sqlite3.connect(db_path, isolation_level=None)
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("l", "j")  # Requested, its second card: Ada (Ben came after)
        await pilot.pause()
        assert board.model.current is not None and board.model.current.id == ada
        before = board_text(app)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await pilot.press("L")
        await pilot.pause()
        other.execute("ROLLBACK")
        assert any("locked by another program" in message for message in told)
        model = board.model
        assert model.col == STAGES.index("requested") and model.columns[model.col].row == 1
        assert model.current is not None and model.current.id == ada
        assert [c.count for c in model.columns[1:3]] == [2, 1]
        assert board_text(app) == before
    other.close()
    assert Services(db, clock).contacts.detail(ada).stage == "requested"
    db.close()


async def test_the_board_redraws_when_a_card_on_screen_falls_due(
    db: Database, clock: FakeClock
) -> None:
    """Its "due now" turns to "overdue" at the due instant, as the review's does, not up
    to a minute later."""
    from datetime import timedelta

    services = Services(db, clock)
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.followups.add(ann, clock.now() + timedelta(seconds=25), "call back")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.redraw_in == 25.0
