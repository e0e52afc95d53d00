"""InfotermApp: the screens, the global keys and the command palette.

Built from outside from typed parts: ``InfotermApp(db, clock, settings, paths=...,
launch=LaunchOptions(...), services=factory)`` (launch.py); the CLI and the tests construct
it the same way. Screens read through ``app.reads`` (read_model.py) and write through
``app.services``. The services (and SQLAlchemy behind them) are imported after the first
frame is on screen, in a background thread, so the board appears as fast as Textual can
draw it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from infoterm.clock import Clock
from infoterm.config import THEMES
from infoterm.paths import Paths
from infoterm.settings import Settings
from infoterm.store.database import Database, read_only_message
from infoterm.tui.app_demo import DemoCampaign, DemoSwitch
from infoterm.tui.app_exit import ExitSafely, hide_locals
from infoterm.tui.app_server import ServerWatch
from infoterm.tui.app_trouble import DatabaseTrouble
from infoterm.tui.commands import InfotermCommands
from infoterm.tui.launch import LaunchOptions, ServicesFactory, default_services
from infoterm.tui.read_model import ReadModel
from infoterm.tui.widgets import timer_guard

# Before any timer or toast exists: no delay below a millisecond reaches Textual.
timer_guard.install()

if TYPE_CHECKING:
    from textual.screen import Screen

    from infoterm.services import Services

T = TypeVar("T")

# ui.start_screen name -> "module:Screen class" (a screen this build lacks falls back to the board)
START_SCREENS = {"review": "infoterm.tui.screens.review:ReviewScreen"}
CONFIG_POLL_SECONDS = 2.0  # how soon a setting changed outside the app applies


class InfotermApp(ExitSafely, ServerWatch, DatabaseTrouble, DemoCampaign, App[int]):
    CSS_PATH = "infoterm.tcss"
    TITLE = "infoterm"
    COMMANDS = App.COMMANDS | {InfotermCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+s", "settings", "Settings", show=False, id="settings"),
        Binding(
            "asterisk", "toggle_privacy", "Privacy mode", key_display="*", show=False, id="privacy"
        ),
        Binding("ctrl+r", "retry_server", "Retry server", show=False, id="retry-server"),
    ]

    privacy: reactive[bool] = reactive(False, init=False)
    """Privacy mode: screens hide emails, phones, notes and talk shares while it is on.

    A screen that shows any of them reads ``app.privacy`` when it draws, and redraws on
    ``self.watch(self.app, "privacy", callback)`` or on the ``PrivacyChanged`` message that
    every screen in the stack receives."""

    class PrivacyChanged(Message):
        """Sent to every screen when privacy mode is switched on or off."""

        def __init__(self, on: bool) -> None:
            super().__init__()
            self.on = on

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: Settings | None = None,
        *,
        paths: Paths | None = None,
        launch: LaunchOptions | None = None,
        services: ServicesFactory = default_services,
    ) -> None:
        self.settings = settings or Settings()
        self._config_seen: tuple[int, int] | None = None  # the settings file last read
        super().__init__()
        hide_locals()  # a crash report never shows the user's data (app_exit)
        self.ui_thread_id: int | None = None  # the app's own thread, once it runs
        self.db = db
        self.clock = clock
        self.paths = paths
        self.launch = launch = launch or LaunchOptions()
        self.start = launch.start
        self.warnings: list[str] = list(launch.warnings)
        self.db_warnings: list[str] = list(launch.db_warnings)
        self._make_services = services
        self.background_reads = threading.Lock()
        """Held by a thread that reads the database in the background; closing waits."""
        self._services: Services | None = None
        self.reads = ReadModel(lambda: self.db, lambda: self.services)
        """Every query a screen makes (read_model); writes go through ``services``."""
        self.demo: DemoSwitch | None = None
        self.db_trouble: Any = None  # widgets.db_banner.Trouble: the banner's state
        self._lock_trouble_before: Any = None
        if db.read_only:
            self.db_trouble = self._trouble("read-only", read_only_message(db.label))
        if launch.connect is not None:  # started while the server was down (cli.tui)
            self.wait_for_server(launch.connect, launch.server_away)
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = self._make_services(self.db, self.clock, self.settings)
        return self._services

    @property
    def recovery_dir(self) -> Path:
        """Where meeting notes that could not be saved are kept (notes_recovery)."""
        if self.launch.recovery_dir is not None:
            return self.launch.recovery_dir
        if self.paths is not None:
            return self.paths.data_dir / "recovery"
        import tempfile

        return Path(tempfile.gettempdir()) / "infoterm-recovery"

    @property
    def config_file(self) -> Path | None:
        """The settings file, or None when the app was built without paths (tests)."""
        return self.paths.config_file if self.paths else None

    def on_mount(self) -> None:
        self.ui_thread_id = threading.get_ident()
        self.db.on_wait = self._on_lock_wait
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.screen_change_signal.subscribe(self, lambda _screen: self._refresh_badge())
        if self._connect is not None:
            self._show_waiting()  # app_server: the campaign opens when the server answers
        else:
            self.open_campaign()
        for warning in self.warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=12)
        for warning in self.db_warnings:  # e.g. the file sits in a Dropbox folder
            self.notify(warning, title="Database", severity="warning", timeout=20)
        if not self.is_headless:  # a closed terminal or a kill saves the notes first
            self.catch_exit_signals()
        self._config_seen = self._config_stamp()
        self.set_interval(CONFIG_POLL_SECONDS, self.reload_settings_if_changed)

    def open_campaign(self) -> None:
        """The board, and on it the start screen; then the services warm up."""
        from infoterm.tui.screens.board import BoardScreen

        self.push_screen(BoardScreen())
        if self.start == "meeting":
            assert self.launch.contact is not None, "start='meeting' needs a contact"
            self.open_meeting(self.launch.contact, self.launch.minutes)
        else:
            self._open_start_screen()
        self.call_after_refresh(self._warm_up)

    def _open_start_screen(self) -> None:
        """The welcome on an empty database (unless built with ``welcome=False``, as tests of
        the empty board are); otherwise the start screen of the settings."""
        empty = False
        with self.keeping_rows():  # the server gone this moment: the board, with the banner
            empty = not self.reads.has_contacts()
        if self.launch.welcome and empty:
            from infoterm.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
            return
        start = self.start or self.settings.ui_start_screen
        if start != "board":
            screen = start_screen(start)
            if screen is not None:
                self.push_screen(screen)

    def _warm_up(self) -> None:
        """Import the services in the background once the first frame is out."""
        self.run_worker(self._import_services, thread=True, exclusive=True, group="warm-up")

    def _import_services(self) -> None:
        """Import SQLAlchemy and prepare the ORM, so the first key that writes is quick."""
        try:
            from sqlalchemy import select
            from sqlalchemy.orm import configure_mappers

            from infoterm.store.schema import Contact

            with self.background_reads:
                services = self.services
                configure_mappers()
                select(Contact).where(Contact.id == 0).compile(services.db.engine)
                # before any write (Database.ensure_writable would run it then anyway)
                problem = self.db.check_integrity()
            if problem:
                self.call_from_thread(self.set_db_trouble, self._trouble("damaged", problem))
        finally:
            if not gc.isenabled():
                # Start-up is over: the garbage collector goes back on (infoterm.cli.tui.run
                # switched it off), with what start-up built, which lives as long as the
                # app, frozen out of its way.
                gc.freeze()
                gc.enable()
        if self.settings.keys:
            from infoterm.tui.keymap import unknown_ids

            for binding_id in unknown_ids(self.settings.keys):
                self.call_from_thread(
                    self.notify,
                    f"keys.{binding_id}: no key binding has this id; ignored "
                    "(infoterm config keys lists them)",
                    title="Settings",
                    severity="warning",
                    timeout=12,
                )

    def action_review(self) -> None:
        """The daily review (from the board's t, the palette, or at start)."""
        from infoterm.tui.screens.review import ReviewScreen

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_help(self) -> None:
        from infoterm.tui.screens.help import HelpModal

        if isinstance(self.screen, HelpModal):
            self.pop_screen()
            return
        self.push_screen(HelpModal(self.screen))

    # -- settings, theme, privacy ------------------------------------------------------------

    def action_settings(self) -> None:
        from textual.screen import ModalScreen

        from infoterm.tui.screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen | ModalScreen):
            return
        self.push_screen(SettingsScreen())

    def remember(self, key: str, value: Any) -> str | None:
        """Apply a setting now and write it to the settings file; an error message, or None."""
        from infoterm import config

        try:
            if self.config_file is not None:
                config.set_values(self.config_file, {key: value})
            config.apply(self.settings, key, value)
            self._config_seen = self._config_stamp()  # our own write: nothing to reload
        except config.ConfigError as exc:
            return str(exc)
        except OSError as exc:
            return f"cannot write {self.config_file}: {exc}"
        if key == "theme" and self.theme != self.settings.theme:
            self.theme = self.settings.theme
        elif key.startswith("keys."):
            self.set_keymap(dict(self.settings.keys))
        return None

    def _config_stamp(self) -> tuple[int, int] | None:
        try:
            found = self.config_file.stat() if self.config_file is not None else None
        except OSError:
            return None
        return (found.st_mtime_ns, found.st_size) if found is not None else None

    def reload_settings_if_changed(self) -> bool:
        """Settings changed outside the app (``infoterm config set``, an editor) apply
        within seconds: the same Settings object, so every screen and service sees them."""
        stamp = self._config_stamp()
        if self.config_file is None or stamp == self._config_seen:
            return False
        self._config_seen = stamp
        from dataclasses import fields

        from infoterm import config

        fresh, warnings = config.load(self.config_file)
        for field in fields(self.settings):
            setattr(self.settings, field.name, getattr(fresh, field.name))
        for warning in warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=12)
        if self.settings.theme in self.available_themes and self.theme != self.settings.theme:
            self.theme = self.settings.theme
        self.set_keymap(dict(self.settings.keys))
        self.screen.refresh(recompose=False)
        return True

    def _theme_changed(self, theme: Any) -> None:
        """Remember a theme picked anywhere (our settings or Textual's own theme picker)."""
        if theme.name != self.settings.theme and theme.name in THEMES:
            problem = self.remember("theme", theme.name)
            if problem:
                self.notify(problem, severity="error")

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.privacy

    def watch_privacy(self, on: bool) -> None:
        for screen in self.screen_stack:
            screen.post_message(self.PrivacyChanged(on))
        self._refresh_badge()
        self.notify(
            "Privacy mode on: emails, phones, notes and talk shares are hidden — * shows them"
            if on
            else "Privacy mode off",
            timeout=3,
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._refresh_badge)

    def _refresh_badge(self) -> None:
        from infoterm.tui.widgets.status_badge import StatusBadge

        if not self.screen_stack:  # a change of screen seen after the app closed them all
            return
        demo = self.demo is not None or self.launch.demo
        StatusBadge.show_on(self.screen, privacy=self.privacy, demo=demo)
        from infoterm.tui.widgets.db_banner import DatabaseBanner

        DatabaseBanner.show_on(self.screen, self.db_trouble)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """App-wide commands for the palette (besides the keys of the current screen)."""
        found: list[tuple[str, str, Callable[[], Any]]] = [
            ("Daily review", "what is due: follow-ups and today's meetings", self.action_review),
            (
                "Organisations",
                "every organisation: targets, people, stages, last touch — O on the board",
                self.action_organisations,
            ),
            (
                "Settings",
                "theme, meeting length, reminders, your name, keys — ctrl+s",
                self.action_settings,
            ),
            (
                "Privacy mode: " + ("off" if self.privacy else "on"),
                "hide emails, phones, notes and talk shares — *",
                self.action_toggle_privacy,
            ),
        ]
        found.append(
            ("I landed a job", "record it, tell who helped, close the loose ends", self.land)
        )
        if self.demo is not None:
            found.append(("Leave the demo", "back to your own campaign", self.leave_demo))
        return found

    def action_organisations(self) -> None:
        from infoterm.tui.screens.organisations import OrganisationsScreen

        self.push_screen(OrganisationsScreen())

    def land(self) -> None:
        """The landing form, with the follow-ups still open (palette: "I landed a job")."""
        from infoterm.services.followups import LOOSE_ENDS
        from infoterm.tui.screens.land import LandModal

        open_items = self.run_guarded(self.reads.loose_ends)
        if open_items is None:
            return

        def done(said: str | None) -> None:
            if said:
                self.notify(said, timeout=8)
                refresh = getattr(self.screen, "reload", None)
                if callable(refresh):
                    refresh()

        self.push_screen(LandModal(open_items, LOOSE_ENDS), done)

    # -- navigation and guarded calls, shared by the screens ---------------------------------

    def open_contact(self, contact_id: int) -> None:
        from infoterm.tui.screens.contact import ContactScreen

        self.push_screen(ContactScreen(contact_id))

    def open_meeting(self, contact: int | str, minutes: int | None = None) -> None:
        """The meeting screen for a contact (an id, or a name to look up)."""
        from infoterm.tui.screens.meeting import MeetingScreen

        if isinstance(contact, str):
            found = self.run_guarded(self.reads.resolve, contact)
            if found is None:
                return
            contact = found
        self.push_screen(MeetingScreen(contact, minutes))

    def jump_to_contact(self, contact_id: int) -> None:
        """From the palette: back to the board with the cursor on them, then open them."""
        from infoterm.tui.screens.board import BoardScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, BoardScreen):
            self.pop_screen()
        if isinstance(self.screen, BoardScreen):
            with self.keeping_rows():
                self.screen.focus_contact(contact_id)
        self.open_contact(contact_id)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast (the screens' too) is literal text, never markup: messages hold
        names and organisations ("Acme [UK"). Their control characters are written out."""
        from infoterm.textsafe import visible_lines

        super().notify(
            visible_lines(message),
            title=visible_lines(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def run_guarded(self, call: Callable[..., T], *args: Any) -> T | None:
        """Run a service call; a user-facing error becomes a red toast, never a traceback.
        A lost database server shows the banner (app_server); a write it stopped says so."""
        from infoterm.services import ServiceError

        try:
            return call(*args)
        except ServiceError as exc:
            if self.server_lost(exc):  # a transaction: a write
                exc = ServiceError(
                    "Not saved: the database server cannot be reached; try again once it is back"
                )
            self.notify(str(exc), severity="error", timeout=8)
            return None
        except Exception as exc:
            if not self.server_lost(exc):  # a read: the banner says it all
                raise
            return None

    def run_watching_targets(self, call: Callable[..., T], *args: Any) -> T | None:
        """``run_guarded`` for a move or an archive: when it leaves an active employer
        exhausted, the next one in the target list is promoted, and a toast says so."""
        before = self.run_guarded(self.reads.active_targets) or []
        result = self.run_guarded(call, *args)
        if before:
            self.call_after_refresh(self._toast_promotion, before)  # the move paints first
        return result

    def undo_and_say(self, *contact: int, nothing: str = "Nothing to undo") -> str | None:
        """u: undo the last change (of one contact, given its id) and say what was undone,
        or that there was nothing. When the undo itself failed (the server is away, the
        database is locked), the toast or banner says so and nothing more is said."""
        undone: list[str | None] = []

        def undo() -> bool:
            undone.append(self.services.contacts.undo(*contact))
            return True

        if self.run_watching_targets(undo) is None:
            return None
        what = undone[0]
        self.notify(f"Undid: {what}" if what else nothing)
        return what

    def _toast_promotion(self, before: list[int]) -> None:
        after = self.run_guarded(self.reads.active_targets) or []
        message = self.run_guarded(self.reads.promotion, before, after)
        if message:
            self.notify(message, title="Target list", timeout=8)
        if after != before:
            from infoterm.tui.screens.board import BoardScreen

            names = frozenset(self.run_guarded(self.reads.target_names, after) or [])
            for screen in self.screen_stack:
                if isinstance(screen, BoardScreen):
                    screen.board.mark_active(names)

    async def on_event(self, event: events.Event) -> None:
        # Keys and clicks that arrive after quitting (q then e, typed fast) would open
        # screens on an app that is shutting down; they are dropped instead.
        if self.return_code is not None and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def on_unmount(self) -> None:
        # A read still running in a thread (the warm-up, the board's target look-up) ends
        # before its database is closed under it.
        finished = self.background_reads.acquire(timeout=5)
        try:
            self.db.close()
        finally:
            if finished:
                self.background_reads.release()
        if self.demo is not None:
            self.demo.user_db.close()
            self.demo.clean_up()


def start_screen(name: str) -> Screen[Any] | None:
    """The screen named by ``ui.start_screen`` (or ``start=``), if this build has it."""
    import importlib

    module_name, _, class_name = START_SCREENS.get(name, ":").partition(":")
    try:
        module = importlib.import_module(module_name)
        screen: Screen[Any] = getattr(module, class_name)()
        return screen
    except (ImportError, AttributeError, ValueError):
        return None
