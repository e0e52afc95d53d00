"""A PostgreSQL server restart under an open app: a banner, then the app recovers by itself.

Keys pressed and screens opened while the server is away end nothing: the banner says it
is away, the screens keep what they showed, and all of it comes back with the server. An
app started while the server is down waits for it. Each test runs its own cluster
(tests/pg.py), private to it, since it stops and starts it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import open_database
from infoterm.tui.widgets.board_view import BoardView
from infoterm.tui.widgets.db_banner import DatabaseBanner
from tests.conftest import make_app

pytestmark = pytest.mark.postgresql


@pytest.fixture
def private_cluster() -> Iterator[Any]:
    from tests.pg import cluster_for_tests

    with cluster_for_tests() as cluster:
        yield cluster


def banner(app: Any) -> str:
    found = app.screen.query(DatabaseBanner)
    return " ".join(str(found.first().render()).split()) if found else ""


async def wait_for(pilot: Any, condition: Any, seconds: float = 8) -> None:
    started = time.monotonic()
    while not condition() and time.monotonic() - started < seconds:
        await pilot.pause(0.05)


async def test_a_server_restart_shows_a_banner_then_the_board_recovers_without_a_restart(
    private_cluster: Any, clock: FakeClock
) -> None:
    url = private_cluster.new_database()
    db = open_database(url)
    services = Services(db, clock)
    services.contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.model.total == 1
        private_cluster.stop()
        await wait_for(pilot, lambda: "SERVER AWAY" in banner(app))
        assert "cannot reach the database server" in banner(app)
        assert "ctrl+r" in banner(app)
        await pilot.press("ctrl+r")  # retry now: still away, the banner stays
        await pilot.pause()
        assert "SERVER AWAY" in banner(app)

        private_cluster.start()
        other = open_database(url)  # another machine writes meanwhile
        Services(other, clock).contacts.add(ContactFields(name="Ada Lovelace"))
        other.close()
        await wait_for(pilot, lambda: banner(app) == "" and app.screen.model.total == 2)
        assert banner(app) == "" and app.screen.model.total == 2
        # and writing works again through the same app's services
        app.services.contacts.add(ContactFields(name="Alan Turing"))
    db.close()


async def test_notes_typed_while_the_server_is_away_are_kept_then_saved_when_it_is_back(
    private_cluster: Any, clock: FakeClock, tmp_path: Any
) -> None:
    from sqlalchemy import select

    from infoterm.store.schema import Meeting
    from infoterm.tui.screens.meeting import MeetingScreen
    from tests.conftest import record_notifications

    url = private_cluster.new_database()
    db = open_database(url)
    services = Services(db, clock)
    dev = services.contacts.add(ContactFields(name="Dev Patel", organisation="Harbour Bank"))
    services.meetings.record_request(dev, 19)
    recovery = tmp_path / "recovery"
    app = make_app(db, clock, start="meeting", contact=dev, recovery_dir=recovery)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press(*"she leads data")
        clock.advance(1)
        screen.tick()  # saved: the meeting row exists now
        private_cluster.stop()
        await pilot.press(*" and hiring")
        clock.advance(1)
        screen.tick()
        clock.advance(1)
        screen.tick()  # a second failure says nothing new
        await pilot.pause()
        kept = recovery / f"meeting-{screen._stored_id()}.txt"
        assert kept.read_text() == "she leads data and hiring"
        assert oct(kept.stat().st_mode & 0o777) == "0o600"
        notes = screen.query_one("#notes")
        assert "not saved yet" in str(notes.border_subtitle) and str(kept) in str(
            notes.border_subtitle
        )
        assert sum("saved when it works again" in m for m in messages) == 1
        assert screen.query_one("#notes").text == "she leads data and hiring"

        private_cluster.start()
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        assert any("saved now" in m for m in messages)
        assert not kept.exists()
        assert "saved" in str(screen.query_one("#notes").border_subtitle)
    other = open_database(url)
    with Services(other, clock).read() as session:
        stored = session.scalars(select(Meeting.notes).where(Meeting.contact_id == dev)).first()
    other.close()
    db.close()
    assert stored == "she leads data and hiring"


def screen_text(app: Any) -> str:
    """What the screen shows, as text (the board draws its lines itself)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def outage(app: Any, pilot: Any, cluster: Any) -> None:
    """Stop the server, and let the app find out now (ctrl+r) rather than in 2 s."""
    cluster.stop()
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert "SERVER AWAY" in banner(app), banner(app)


async def test_keys_and_screens_during_an_outage_end_nothing_and_all_come_back(
    private_cluster: Any, clock: FakeClock
) -> None:
    from infoterm.tui.screens.board import BoardScreen
    from infoterm.tui.screens.contact import ContactScreen
    from infoterm.tui.screens.review import ReviewScreen
    from infoterm.tui.screens.stats import StatsScreen

    url = private_cluster.new_database()
    db = open_database(url)
    services = Services(db, clock)
    people = [
        services.contacts.add(ContactFields(name=f"Person {n:02}", organisation="Acme"))
        for n in range(40)  # more than one page of a column: 'end' needs a page never read
    ]
    services.followups.add(people[0], clock.now() + timedelta(hours=2), "send the article")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        await outage(app, pilot, private_cluster)

        await pilot.press("end")  # the last cards' page was never read: blank, no exit
        await pilot.pause()
        assert app.return_code is None and "Person 00" not in screen_text(app)
        await pilot.press("home", "j", "k")
        await pilot.pause()
        assert "Person 39" in screen_text(app)  # the cards read before are still there

        await pilot.press("t")  # the review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "SERVER AWAY" in banner(app)
        assert "waiting for the database server" in screen_text(app)
        await pilot.press("d", "s", "x", "u", "a")  # acting on nothing, adding: no crash
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is board  # type: ignore[comparison-overlap]  # escape went back

        await pilot.press("enter")  # the contact hub of the card under the cursor
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert "SERVER AWAY" in banner(app)
        await pilot.press("t", "f", "o")  # a touch, a follow-up, the organisation
        await pilot.pause()
        while not isinstance(app.screen, BoardScreen):
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("S")  # the statistics
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "SERVER AWAY" in banner(app)
        await pilot.press("r", "escape")
        await pilot.pause()
        assert app.screen is board

        await pilot.press("slash", *"acme", "enter")  # filtering reads the server
        await pilot.press("L", "n")  # a move (a write), the new-contact form
        await pilot.pause()
        while app.screen is not board:
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")  # clears the filter
        await pilot.press("ctrl+r")  # still away: says so, nothing more
        await pilot.pause()
        assert app.return_code is None and "SERVER AWAY" in banner(app)

        await pilot.press("t")
        await pilot.pause()
        private_cluster.start()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert banner(app) == ""
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "send the article" in screen_text(app)  # read again now the server is back
        await pilot.press("escape")
        await pilot.pause()
        assert board.model.total == 40 and "Person 39" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "Person 00" in screen_text(app)  # the page the outage could not read
        app.services.contacts.add(ContactFields(name="Alan Turing"))  # writing works again
    db.close()


async def test_a_board_with_no_cards_read_when_the_server_goes_ends_nothing(
    private_cluster: Any, clock: FakeClock
) -> None:
    """The board read again under the review (another machine's change) holds no page of
    cards when the server goes: leaving the review, opening, clicking a card, the stats."""
    from infoterm.tui.screens.board import BoardScreen
    from infoterm.tui.screens.stats import StatsScreen

    url = private_cluster.new_database()
    db = open_database(url)
    Services(db, clock).contacts.add(ContactFields(name="Grace Hopper"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("t")
        other = open_database(url)
        Services(other, clock).contacts.add(ContactFields(name="Ada Lovelace"))
        other.close()
        await wait_for(pilot, lambda: board.model.total == 2)  # read again, no card yet
        await outage(app, pilot, private_cluster)
        await pilot.press("escape", "enter", "j", "L")
        await pilot.click(BoardView, offset=(5, 3))
        await pilot.pause()
        assert app.screen is board and app.return_code is None
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and "SERVER AWAY" in banner(app)
        await pilot.press("escape")
        private_cluster.start()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert banner(app) == "" and "Ada Lovelace" in screen_text(app)
    db.close()


async def test_the_server_coming_back_is_found_by_itself_within_the_retry(
    private_cluster: Any, clock: FakeClock
) -> None:
    """No key pressed: the app tries again every 2 s and the open contact hub fills in."""
    from infoterm.tui.screens.contact import ContactScreen

    url = private_cluster.new_database()
    db = open_database(url)
    grace = Services(db, clock).contacts.add(ContactFields(name="Grace Hopper"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await outage(app, pilot, private_cluster)
        app.open_contact(grace)
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen) and "Grace Hopper" not in screen_text(app)
        private_cluster.start()
        started = time.monotonic()
        await wait_for(pilot, lambda: banner(app) == "")
        assert banner(app) == "" and time.monotonic() - started < 4
        await pilot.pause()
        assert "Grace Hopper" in screen_text(app)
    db.close()


async def test_an_app_started_while_the_server_is_down_waits_for_it_then_opens(
    private_cluster: Any, clock: FakeClock, tmp_path: Any
) -> None:
    """What `infoterm --db URL` opens when the server does not answer: a waiting screen
    with the banner (ctrl+r tries now, q quits), then the campaign when it answers."""
    from infoterm.cli.common import Context
    from infoterm.cli.tui import build_app
    from infoterm.paths import Paths
    from infoterm.tui.launch import LaunchOptions
    from infoterm.tui.screens.board import BoardScreen

    url = private_cluster.new_database()
    db = open_database(url)
    Services(db, clock).contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    db.close()
    private_cluster.stop()
    ctx = Context(Paths(tmp_path / "data", tmp_path / "config", url), clock)
    app = build_app(ctx, LaunchOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Waiting for the database server" in screen_text(app)
        assert "SERVER AWAY" in banner(app) and "ctrl+r" in banner(app)
        await pilot.press("ctrl+p", "t", "enter", "question_mark", "escape")  # nothing to open yet
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Waiting for the database server" in screen_text(app)
        private_cluster.start()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert banner(app) == "" and app.screen.model.total == 1
        assert "Grace Hopper" in screen_text(app)
    ctx.close()


async def test_q_leaves_the_waiting_screen(
    private_cluster: Any, clock: FakeClock, tmp_path: Any
) -> None:
    from infoterm.cli.common import Context
    from infoterm.cli.tui import build_app
    from infoterm.paths import Paths
    from infoterm.tui.launch import LaunchOptions

    url = private_cluster.new_database()
    private_cluster.stop()
    ctx = Context(Paths(tmp_path / "data", tmp_path / "config", url), clock)
    app = build_app(ctx, LaunchOptions())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
