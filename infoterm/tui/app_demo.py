"""The demo campaign on the app: a seeded throwaway database shown in place of the
user's (from the welcome screen), and the way back.

Mixed into ``InfotermApp``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from infoterm.services import Services
    from infoterm.store.database import Database

    _App = App[int]
else:
    _App = object


@dataclass
class DemoSwitch:
    """The user's own database, set aside while the demo shows, and the demo's folder."""

    user_db: Database
    user_services: Services | None
    folder: Path

    def clean_up(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class DemoCampaign(_App):
    db: Database
    demo: DemoSwitch | None
    _services: Services | None

    if TYPE_CHECKING:  # InfotermApp's

        def _open_start_screen(self) -> None: ...

        def _refresh_badge(self) -> None: ...

    def explore_demo(self, db: Database, folder: Path) -> None:
        """Show a seeded throwaway database (in ``folder``) instead of the user's."""
        if self.demo is None:
            self.demo = DemoSwitch(self.db, self._services, folder)
        else:
            self.db.close()
        self._use_database(db)

    def leave_demo(self) -> None:
        if self.demo is None:
            return
        demo, self.demo = self.demo, None
        demo_db = self.db
        self._use_database(demo.user_db, demo.user_services)
        demo_db.close()
        demo.clean_up()
        self.notify("Back on your own campaign; the demo is gone")

    def _use_database(self, db: Database, services: Services | None = None) -> None:
        from infoterm.tui.screens.board import BoardScreen

        self.db = db
        self._services = services
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(BoardScreen())
        if self.demo is None:
            self._open_start_screen()
        self.call_after_refresh(self._refresh_badge)
