"""InfotermApp: the screens, the global keys and the command palette.

Built from outside: ``InfotermApp(db, clock, settings)``; the CLI and the tests construct
it the same way. The services (and SQLAlchemy behind them) are imported after the first
frame is on screen, in a background thread, so the board appears as fast as Textual can
draw it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.binding import Binding

from infoterm.clock import Clock
from infoterm.commands import InfotermCommands
from infoterm.paths import Paths
from infoterm.settings import Settings
from infoterm.store.database import Database

if TYPE_CHECKING:
    from infoterm.services import Services

T = TypeVar("T")


class InfotermApp(App[int]):
    CSS_PATH = "infoterm.tcss"
    TITLE = "infoterm"
    COMMANDS = App.COMMANDS | {InfotermCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: Settings | None = None,
        *,
        paths: Paths | None = None,
        start: str | None = None,
        **options: Any,
    ) -> None:
        self.settings = settings or Settings()
        super().__init__()
        self.db = db
        self.clock = clock
        self.paths = paths
        self.start = start
        self.options = options
        self._services: Services | None = None
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))

    @property
    def services(self) -> Services:
        if self._services is None:
            from infoterm.services import Services

            self._services = Services(self.db, self.clock, self.settings)
        return self._services

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        from infoterm.screens.board import BoardScreen

        self.push_screen(BoardScreen())
        if (self.start or self.settings.ui_start_screen) == "review":
            self.action_review()
        self.call_after_refresh(self._warm_up)

    def _warm_up(self) -> None:
        """Import the services in the background once the first frame is out."""
        self.run_worker(self._import_services, thread=True, exclusive=True, group="warm-up")

    def _import_services(self) -> None:
        """Import SQLAlchemy and prepare the ORM, so the first key that writes is quick."""
        from sqlalchemy import select
        from sqlalchemy.orm import configure_mappers

        from infoterm.store.schema import Contact

        services = self.services
        configure_mappers()
        select(Contact).where(Contact.id == 0).compile(services.db.engine)

    def action_review(self) -> None:
        """The daily review (from the board's t, the palette, or at start)."""
        from infoterm.screens.review import ReviewScreen

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Commands the palette offers on every screen."""
        return [
            ("Daily review", "what is due: follow-ups and today's meetings", self.action_review)
        ]

    def action_help(self) -> None:
        from infoterm.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    # -- navigation and guarded calls, shared by the screens ---------------------------------

    def open_contact(self, contact_id: int) -> None:
        from infoterm.screens.contact import ContactScreen

        self.push_screen(ContactScreen(contact_id))

    def jump_to_contact(self, contact_id: int) -> None:
        """From the palette: back to the board with the cursor on them, then open them."""
        from infoterm.screens.board import BoardScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, BoardScreen):
            self.pop_screen()
        if isinstance(self.screen, BoardScreen):
            self.screen.focus_contact(contact_id)
        self.open_contact(contact_id)

    def run_guarded(self, call: Callable[..., T], *args: Any) -> T | None:
        """Run a service call; a user-facing error becomes a red toast, never a traceback."""
        from infoterm.services import ServiceError

        try:
            return call(*args)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return None

    def on_unmount(self) -> None:
        self.db.close()
