"""Settings in the app: ctrl+s, a theme remembered across restarts, key overrides, privacy
mode, and dragging a card with the mouse."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, Static, TextArea

from infoterm import config
from infoterm.clock import FakeClock
from infoterm.paths import resolve_paths
from infoterm.pipeline import ContactFields
from infoterm.settings import Settings
from infoterm.store.database import Database, open_database
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.contact_form import ContactFormModal
from infoterm.tui.screens.settings import SettingsScreen
from tests.conftest import make_app


async def test_theme_change_is_applied_live_and_remembered(
    demo_db: Database, clock: FakeClock
) -> None:
    paths = resolve_paths()
    settings, _ = config.load(paths.config_file)
    app = make_app(demo_db, clock, settings, paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#theme", Select).value = "nord"
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    settings, warnings = config.load(paths.config_file)
    assert (settings.theme, warnings) == ("nord", [])
    again = make_app(open_database(str(demo_db.sqlite_path)), clock, settings, paths=paths)
    async with again.run_test(size=(120, 40)) as pilot:
        assert again.theme == "nord"
        again.theme = "dracula"  # Textual's own theme picker is remembered too
        await pilot.pause()
    assert config.load(paths.config_file)[0].theme == "dracula"


async def test_a_bad_number_is_named_and_not_saved(demo_db: Database, clock: FakeClock) -> None:
    paths = resolve_paths()
    app = make_app(demo_db, clock, Settings(), paths=paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        box = app.screen.query_one("#meeting_default_minutes", Input)
        box.focus()
        box.value = "2a"
        await pilot.press("enter")
        error = app.screen.query_one("#meeting_default_minutes-error", Static)
        assert "meeting.default_minutes" in str(error.content)
        box.value = "19"
        await pilot.press("enter")
        assert str(error.content) == ""
        name = app.screen.query_one("#me_name", Input)
        name.value = "Sam Rivera"
        app.screen.query_one("#me_signature", TextArea).text = "Thanks,\nSam"
        await pilot.press("escape")
    settings, _ = config.load(paths.config_file)
    assert (settings.meeting_default_minutes, settings.me_name) == (19, "Sam Rivera")
    assert settings.me_signature == "Thanks,\nSam"
    assert app.settings == settings


async def test_key_override_from_the_file_takes_effect(db: Database, clock: FakeClock) -> None:
    db_services_add(db, clock, "Jane Doe")
    settings = Settings(keys={"new-contact": "N"})
    async with make_app(db, clock, settings).run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(pilot.app.screen, BoardScreen)
        await pilot.press("N")
        assert isinstance(pilot.app.screen, ContactFormModal)


async def test_key_set_in_the_settings_screen_takes_effect(db: Database, clock: FakeClock) -> None:
    db_services_add(db, clock, "Jane Doe")
    paths = resolve_paths()
    app = make_app(db, clock, Settings(), paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        table = screen.query_one("#settings-keys")
        table.focus()
        row = [b.id for b in screen.bindings_by_row].index("new-contact")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.press("f2")
        await pilot.pause()
        assert app.settings.keys == {"new-contact": "f2"}
        await pilot.press("escape")
        await pilot.press("f2")
        assert isinstance(app.screen, ContactFormModal)
    assert config.load(paths.config_file)[0].keys == {"new-contact": "f2"}


async def test_privacy_mode_hides_email_phone_and_notes(db: Database, clock: FakeClock) -> None:
    contact_id = db_services_add(
        db,
        clock,
        "Jane Doe",
        email="jane@example.org",
        phone="+44 20 7946 0000",
        notes="Loves maps",
    )
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, ContactScreen) and screen.contact_id == contact_id

        def shown() -> str:
            return str(screen.query_one("#contact-fields", Static).content)

        assert "jane@example.org" in shown() and "Loves maps" in shown()
        await pilot.press("asterisk")
        await pilot.pause()
        assert pilot.app.privacy
        for secret in ("jane@example.org", "7946", "Loves maps"):
            assert secret not in shown()
        assert "PRIVATE" in str(screen.query_one("#status-badge", Static).content)
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, ContactFormModal)
        assert form.query_one("#email", Input).password
        assert not form.query_one("#notes", TextArea).display
        await pilot.press("escape")
        await pilot.press("asterisk")
        await pilot.pause()
        assert "jane@example.org" in shown()
        assert not screen.query("#status-badge")


async def test_drag_a_card_to_another_column(db: Database, clock: FakeClock) -> None:
    contact_id = db_services_add(db, clock, "Jane Doe")
    async with make_app(db, clock).run_test(size=(120, 40)) as pilot:
        board = pilot.app.screen
        assert isinstance(board, BoardScreen)
        view = board.board
        width = view.size.width // 6
        await pilot.mouse_down(view, offset=(3, 2))
        await pilot.hover(view, offset=(2 * width + 3, 5))
        await pilot.mouse_up(view, offset=(2 * width + 3, 5))
        await pilot.pause()
        assert board.model.current is not None and board.model.current.id == contact_id
        assert board.model.columns[board.model.col].stage == "met"
    from infoterm.services import Services

    assert Services(db, clock).contacts.detail(contact_id).stage == "met"


def db_services_add(db: Database, clock: FakeClock, name: str, **fields: Any) -> int:
    from infoterm.services import Services

    return Services(db, clock).contacts.add(ContactFields(name=name, **fields))


async def test_settings_show_controls_written_out_and_refuse_new_ones(
    demo_db: Database, clock: FakeClock
) -> None:
    paths = resolve_paths()
    # As an older version could have kept them (the file check refuses them now).
    old = Settings(me_name="Sam\x1b]0;x\x07", me_goal="learn\x1b[2J")
    app = make_app(demo_db, clock, old, paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        name = app.screen.query_one("#me_name", Input)
        assert name.value == "Sam\\x1b]0;x\\x07"
        assert app.screen.query_one("#me_goal", TextArea).text == "learn\\x1b[2J"
        name.focus()
        name.value = "Sam\x07"
        await pilot.press("enter")
        error = app.screen.query_one("#me_name-error", Static)
        assert str(error.content) == "me.name: control character U+0007 is not allowed"
        name.value = "Sam\\x1b]0;x\\x07"  # back as it was shown: nothing to save, no error
        await pilot.press("enter")
        assert str(error.content) == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert (app.settings.me_name, app.settings.me_goal) == (old.me_name, old.me_goal)


async def test_a_setting_changed_from_the_command_line_applies_in_the_open_app(
    db: Database, clock: FakeClock, capsys: Any
) -> None:
    """The app watches its settings file (every 2 s): a value set with infoterm config
    set while it is open is used at once, by the screens and the drafts alike."""
    from infoterm.cli import main

    paths = resolve_paths()
    app = make_app(db, clock, config.load(paths.config_file)[0], paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reload_settings_if_changed() is False  # nothing changed yet
        assert main(["config", "set", "me.name", "Sam Lee"]) == 0
        assert main(["config", "set", "me.goal", "learn how teams plan"]) == 0
        assert app.reload_settings_if_changed() is True  # what the 2 s timer calls
        assert (app.settings.me_name, app.settings.me_goal) == ("Sam Lee", "learn how teams plan")
        assert app.services.settings is app.settings  # the drafts see it too
        assert app.reload_settings_if_changed() is False
