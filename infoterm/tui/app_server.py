"""A database server that goes away under the app: handled here, in one place.

A mixin for ``InfotermApp`` (it imports nothing of the UI at import time). Whatever meets
the lost server (a screen's read, a key's action, a write, the board drawing a page it
never read) hands the error to :meth:`ServerWatch.server_lost`, which

- shows the banner (widgets.db_banner) with the one-line reason, on every screen;
- keeps what the screens show: a screen whose read failed keeps its rows (``keeps_rows``);
- tries again every 2 s, and at once on ctrl+r; when the server answers, the banner goes,
  the current screen reads again, and a toast says the server is back.

Errors that are not a lost server go on as before. Keys are covered by ``run_action``
(every binding and palette action goes through it); screens mark the reads they do on
their own (mounting, resuming, a filter typed) with ``widgets.db_banner.keeps_rows``.

An app started while the server is down (``connect=``, from ``cli.tui``) shows a waiting
screen with the banner until the server answers, then opens the campaign as usual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

SERVER_RETRY_SECONDS = 2.0
RETRYING = f"trying again every {SERVER_RETRY_SECONDS:g} s (ctrl+r: now)"
# The methods a screen reads its data again with (the first one found is called).
RELOADS = ("reload", "refresh_board", "action_refresh_stats")


class ServerWatch:
    """Mixed into the App: ``self`` is a textual ``App`` with ``db`` and ``db_trouble``."""

    _connect: Callable[[], Any] | None = None
    """Opens the database (an app started while the server was down), until it has."""
    _retry_timer: Any = None

    # -- what every screen and key calls ----------------------------------------------------

    def server_lost(self, error: BaseException) -> bool:
        """If ``error`` says the database server is away: show the banner, keep trying, and
        return True (the caller keeps what it shows). False for any other error."""
        from infoterm.store import postgres
        from infoterm.store.errors import StoreError

        app: Any = self
        found = postgres.server_lost(error)
        if found is None:
            return False
        reason = (
            str(found)
            if isinstance(found, StoreError)
            else postgres.describe_error(app.db.target, found)
        )
        self._server_away(reason)
        return True

    def on_board_view_server_lost(self, message: Any) -> None:
        """The board could not read what it was drawing (widgets.board_view)."""
        self.server_lost(message.error)

    @contextlib.contextmanager
    def keeping_rows(self) -> Iterator[None]:
        """``with app.keeping_rows():`` a read that meets the lost server stops there, and
        the screen keeps what it showed (the banner says why)."""
        try:
            yield
        except Exception as error:
            if not self.server_lost(error):
                raise

    async def run_action(
        self,
        action: Any,
        default_namespace: Any = None,
        namespaces: Mapping[str, Any] | None = None,
    ) -> bool:
        """Every key's action (and the palette's): a lost server ends none of them."""
        with self.keeping_rows():
            return bool(
                await super().run_action(action, default_namespace, namespaces)  # type: ignore[misc]
            )
        return True

    def poll_version(self) -> int | None:
        """The database's change counter for a screen's poll; None while the server cannot
        be reached (the banner says so; the app keeps trying, and when the server is back
        it clears the banner and the current screen reads again)."""
        app: Any = self
        if self._connect is not None:
            return None
        try:
            version = int(app.reads.data_version())
        except Exception as error:
            if not self.server_lost(error):
                raise
            return None
        if self.server_away:
            self._server_back()
            with contextlib.suppress(Exception):
                version = int(app.reads.data_version())
        return version

    @property
    def server_away(self) -> bool:
        trouble = getattr(self, "db_trouble", None)
        return trouble is not None and trouble.kind == "server"

    def action_retry_server(self) -> None:
        """ctrl+r: try the server now (also without a banner: then it looks whether the
        server went away since the last poll)."""
        app: Any = self
        if not self.server_away:
            self.poll_version()
        elif not self._retry_server():
            app.notify("The database server still cannot be reached", severity="warning")

    # -- trying again -----------------------------------------------------------------------

    def _server_away(self, reason: str) -> None:
        app: Any = self
        app.set_db_trouble(app._trouble("server", f"{reason} — {RETRYING}"))
        if self._retry_timer is None:
            self._retry_timer = app.set_interval(SERVER_RETRY_SECONDS, self._retry_server)

    def _retry_server(self) -> bool:
        """Try the server once; True when it answered (and the app is back on it)."""
        if self._connect is not None:
            return self._try_to_open()
        return self.poll_version() is not None

    def _server_back(self) -> None:
        app: Any = self
        self._stop_retrying()
        app.set_db_trouble(None)
        app.notify("The database server is back", timeout=4)
        screen = app.screen
        for name in RELOADS:
            reload = getattr(screen, name, None)
            if callable(reload):
                reload()
                break

    def _stop_retrying(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    # -- started while the server was down ---------------------------------------------------

    def wait_for_server(self, connect: Callable[[], Any], reason: str) -> None:
        """Before mounting: the app opens on the waiting screen, and ``connect()`` (which
        returns the opened Database, or raises StoreError) is tried every 2 s."""
        app: Any = self
        self._connect = connect
        app.db_trouble = app._trouble("server", f"{reason} — {RETRYING}")
        app.use_command_palette = False  # nothing to offer until there is a campaign

    def _show_waiting(self) -> None:
        from infoterm.tui.screens.waiting import WaitingScreen

        app: Any = self
        app.push_screen(WaitingScreen())
        if self._retry_timer is None:
            self._retry_timer = app.set_interval(SERVER_RETRY_SECONDS, self._retry_server)

    def _try_to_open(self) -> bool:
        from infoterm.store.errors import StoreError
        from infoterm.store.postgres import ServerUnreachable

        app: Any = self
        assert self._connect is not None
        try:
            db = self._connect()
        except ServerUnreachable as exc:
            app.set_db_trouble(app._trouble("server", f"{exc} — {RETRYING}"))
            return False
        except StoreError as exc:  # it answered, and refused us: waiting will not help
            self._stop_retrying()
            app.exit(return_code=1, message=f"infoterm: {exc}")
            return False
        self._connect = None
        self._stop_retrying()
        app.db.close()
        app.db = db
        app._services = None
        app.use_command_palette = True
        app.set_db_trouble(None)
        while len(app.screen_stack) > 1:
            app.pop_screen()
        app.open_campaign()
        if db.backup_made:
            app.notify(
                f"Upgraded the database; what it held before is at {db.backup_made}", timeout=12
            )
        return True
