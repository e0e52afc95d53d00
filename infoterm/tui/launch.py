"""How the app is launched: the typed parts ``InfotermApp`` is built from.

The CLI (``cli.tui``), the tests (``tests.conftest.make_app``) and the screenshot script
build the app the same way: ``InfotermApp(db, clock, settings, paths=..., launch=
LaunchOptions(...), services=...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoterm.clock import Clock
    from infoterm.services import Services
    from infoterm.settings import Settings
    from infoterm.store.database import Database

ServicesFactory = Callable[["Database", "Clock", "Settings"], "Services"]
"""Builds the write side (and the rich read views) once the app needs it."""


@dataclass(frozen=True)
class LaunchOptions:
    start: str | None = None
    """"meeting" (with ``contact``), or a start screen ("board", "review"); None: the
    settings' ``ui.start_screen``."""
    contact: int | str | None = None
    """Whose meeting ``start="meeting"`` opens: an id, or a name looked up when the app
    opens (the demo's people exist only inside the app)."""
    minutes: int | None = None
    """The promised length of that meeting; None: the settings' default."""
    welcome: bool = True
    """Show the welcome on an empty database (tests of the empty board turn it off)."""
    demo: bool = False
    """The campaign is the throwaway demo (the badge says so)."""
    warnings: tuple[str, ...] = ()
    """Settings problems, shown again as toasts."""
    db_warnings: tuple[str, ...] = ()
    """Database warnings (e.g. the file sits in a sync folder), shown as toasts."""
    recovery_dir: Path | None = None
    """Where unsaved meeting notes go; None: under the data folder."""
    connect: Callable[[], Database] | None = None
    """Set when the database server did not answer at launch: opens it when it does."""
    server_away: str = ""
    """Why the server did not answer (shown while waiting)."""


def default_services(db: Database, clock: Clock, settings: Settings) -> Services:
    from infoterm.services import Services  # SQLAlchemy: after the first paint

    return Services(db, clock, settings)
