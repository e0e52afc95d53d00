"""One banner for database trouble, on whatever screen is showing.

The states (``Trouble``): the file is read-only, the file is damaged (its integrity check
failed), a write waits for another program's lock, the database server cannot be reached. The banner names the problem and the
way out (the damaged message carries the latest backup and ``sqlite3 FILE .recover``). It
floats over the bottom of the screen like the status badge floats over the top, so no
screen needs to leave room for it; the app puts it on each screen as that screen becomes
current. Its text comes from the database layer and is shown literally (Content).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from infoterm.tui.widgets.literal import literal_lines


@dataclass(frozen=True)
class Trouble:
    kind: str  # "read-only", "damaged", "waiting", "server"
    message: str

    def text(self) -> Content:
        title = {
            "read-only": "READ-ONLY",
            "damaged": "DAMAGED — READ-ONLY",
            "waiting": "WAITING",
            "server": "SERVER AWAY",
        }.get(self.kind, self.kind.upper())
        return Content.assemble((f" {title} ", "bold reverse"), " ", literal_lines(self.message))


class DatabaseBanner(Static):
    @classmethod
    def show_on(cls, screen: Screen[Any], trouble: Trouble | None) -> None:
        found = screen.query(cls)
        banner = found.first() if found else None
        if trouble is None:
            if banner is not None:
                banner.remove()
            return
        if banner is None:
            banner = cls(id="db-banner")
            screen.mount(banner)
        banner.trouble = trouble
        banner.update(trouble.text())
        for kind in ("read-only", "damaged", "waiting", "server"):
            banner.set_class(trouble.kind == kind, f"-{kind}")

    trouble: Trouble | None = None


F = TypeVar("F", bound=Callable[..., Any])


def keeps_rows(method: F) -> F:
    """For a screen's method that reads the database (a reload, a filter): if the server
    is away (app_server.ServerWatch), it stops there and the screen keeps what it shows;
    the banner says why, and the app calls the screen's reload when the server is back."""

    @wraps(method)
    def guarded(screen: Any, *args: Any, **kwargs: Any) -> Any:
        keeping = getattr(screen.app, "keeping_rows", None)
        if keeping is None:  # an app without the watch (a test's bare App)
            return method(screen, *args, **kwargs)
        with keeping():
            return method(screen, *args, **kwargs)
        return None

    return guarded  # type: ignore[return-value]
