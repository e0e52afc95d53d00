"""Database trouble on the app: one banner (widgets.db_banner) for a read-only or damaged
file and for a write that waits on another program's lock.

Mixed into ``InfotermApp``; the server's own trouble (away, back) is app_server's.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from infoterm.store.database import Database

    _App = App[int]
else:
    _App = object


class DatabaseTrouble(_App):
    db: Database
    db_trouble: Any
    _lock_trouble_before: Any
    ui_thread_id: int | None

    if TYPE_CHECKING:  # InfotermApp's

        def _refresh_badge(self) -> None: ...

    @staticmethod
    def _trouble(kind: str, message: str) -> Any:
        from infoterm.tui.widgets.db_banner import Trouble

        return Trouble(kind, message)

    def set_db_trouble(self, trouble: Any) -> None:
        """Show (or with None clear) the database banner on the current screen."""
        self.db_trouble = trouble
        self._refresh_badge()

    def _on_lock_wait(self) -> None:
        """A write has waited 2 s for another program's lock (Database.on_wait): say so
        while it goes on waiting (up to 30 s); the banner goes once the write is through."""
        waiting = self._trouble(
            "waiting",
            "waiting for another program to finish writing to the database… (up to 30 s)",
        )
        if threading.get_ident() == self.ui_thread_id:
            self._lock_wait_started(waiting)
        else:
            self.call_from_thread(self._lock_wait_started, waiting)

    def _lock_wait_started(self, waiting: Any) -> None:
        if self.db_trouble is None or self.db_trouble.kind != "waiting":
            self._lock_trouble_before = self.db_trouble
        self.set_db_trouble(waiting)
        # runs when the event loop is free again: after the write on this thread is through
        self.set_timer(0.05, self._lock_wait_over)

    def _lock_wait_over(self) -> None:
        if self.db.writing:
            self.set_timer(0.05, self._lock_wait_over)
            return
        if self.db_trouble is not None and self.db_trouble.kind == "waiting":
            self.set_db_trouble(self._lock_trouble_before)
