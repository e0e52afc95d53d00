"""First run: the welcome on an empty database, and each of its three choices."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from textual.widgets import Input, Static

from infoterm.clock import FakeClock
from infoterm.store.database import Database, open_database
from infoterm.tui.commands import binding_groups
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.help import HelpModal
from infoterm.tui.screens.import_file import ImportFileModal
from infoterm.tui.screens.welcome import WelcomeScreen
from infoterm.tui.widgets.board_view import BoardView
from tests.conftest import make_app
from tests.interop.helpers import linkedin_lines


def names(db: Database) -> list[str]:
    return [name for _id, name, _org, _stage in db.reader.contact_names()]


async def test_welcome_shows_on_an_empty_database_and_help_explains_it(
    db: Database, clock: FakeClock
) -> None:
    async with make_app(db, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen)
        assert pilot.app.screen.query_one("#add").has_focus
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpModal)
        help_text = " ".join(str(s.content) for s in pilot.app.screen.query(Static))
        assert "Welcome" in help_text and "throwaway" in help_text
        keys = {binding.description for _n, binding, _k in binding_groups(pilot.app.screen.below)}
        assert {"Add my first contact", "Import LinkedIn", "Explore a demo"} <= keys
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, WelcomeScreen)


async def test_welcome_never_shows_once_there_is_a_contact(
    demo_db: Database, clock: FakeClock
) -> None:
    async with make_app(demo_db, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, BoardScreen)


async def test_add_first_contact(db: Database, clock: FakeClock) -> None:
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Jane Doe")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert names(db) == ["Jane Doe"]
        assert isinstance(pilot.app.screen, BoardScreen)
        assert pilot.app.screen.model.current is not None
        assert pilot.app.screen.model.current.name == "Jane Doe"


async def test_add_then_cancel_comes_back_to_the_welcome(db: Database, clock: FakeClock) -> None:
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#add")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen)
        assert names(db) == []


async def test_import_linkedin_from_the_welcome_with_a_real_export(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "\n".join(
            linkedin_lines(
                "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.example,"
                "Engines Ltd,Analyst,01 Mar 2024",
                "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Cryptanalyst,02 Mar 2024",
            )
        )
        + "\n"
    )
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportFileModal)
        box = app.screen.query_one("#import-path", Input)
        await pilot.press(*str(tmp_path / "nope.csv"), "enter")
        await pilot.pause()
        outcome = app.screen.query_one("#import-outcome", Static)
        assert "No file at" in str(outcome.render())
        assert box.value == str(tmp_path / "nope.csv")  # kept, to correct it
        box.value = f"'{export}'"  # as a dragged file arrives
        await pilot.press("enter")
        for worker in list(app.workers):
            if worker.group == "import":
                await worker.wait()
        await pilot.pause()
        assert "added 2 to your address book" in str(outcome.render())
        assert db.sqlite_path is not None
        with closing(sqlite3.connect(db.sqlite_path)) as conn:
            imported = conn.execute("SELECT name, linkedin_url FROM contacts ORDER BY name")
            assert imported.fetchall() == [
                ("Ada Lovelace", "https://www.linkedin.com/in/ada"),
                ("Alan Turing", "https://www.linkedin.com/in/alan"),
            ]
        assert db.reader.address_book_count() == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)  # the welcome stepped aside
        assert "2 people are waiting in your address book" in " ".join(
            app.screen.query_one(BoardView).render_line(y).text
            for y in range(app.screen.query_one(BoardView).size.height)
        )


async def test_explore_the_demo_never_touches_the_users_database(
    db: Database, clock: FakeClock
) -> None:
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, BoardScreen)
        assert app.db is not db and app.demo is not None
        folder = app.demo.folder
        assert len(names(app.db)) >= 40
        assert pilot.app.screen.model.total >= 40
        assert "DEMO" in str(pilot.app.screen.query_one("#status-badge", Static).content)
        assert names(db) == []
        app.leave_demo()
        await pilot.pause()
        assert app.db is db and not folder.exists()
        assert isinstance(pilot.app.screen, WelcomeScreen)
    reopened = open_database(str(db.sqlite_path))
    assert names(reopened) == []
    reopened.close()
