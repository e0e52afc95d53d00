"""First run: the welcome on an empty database, and each of its three choices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from infoterm.clock import FakeClock
from infoterm.commands import binding_groups
from infoterm.screens.board import BoardScreen
from infoterm.screens.help import HelpScreen
from infoterm.screens.welcome import WelcomeScreen
from infoterm.store.database import Database, open_database
from tests.conftest import make_app


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
        assert isinstance(pilot.app.screen, HelpScreen)
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


async def test_import_without_an_importer_keeps_the_path(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name\n")
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if hasattr(app.services.interop, "import_linkedin"):
            pytest.skip("this build has the LinkedIn importer")
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "nope.csv"), "enter")
        error = pilot.app.screen.query_one("#path-error", Static)
        assert "No file at" in str(error.content)
        box = pilot.app.screen.query_one("#path", Input)
        box.value = str(export)
        await pilot.press("enter")
        await pilot.pause()
        assert "not part of this build" in str(error.content)
        assert box.value == str(export)


async def test_import_linkedin_calls_the_importer(
    db: Database, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text("Notes:\n")
    app = make_app(db, clock)
    calls: list[Path] = []

    def fake_import(path: Path, **_options: Any) -> Any:
        from infoterm.pipeline import ContactFields

        calls.append(path)
        app.services.contacts.add(ContactFields(name="Ada Lovelace"))
        return type("Result", (), {"added": 1, "updated": 0, "skipped": 0})()

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app.services.interop, "import_linkedin", fake_import, raising=False)
        await pilot.click("#import")
        await pilot.pause()
        await pilot.press(*f"'{export}'", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [export]
        assert isinstance(pilot.app.screen, BoardScreen)
        assert names(db) == ["Ada Lovelace"]


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
