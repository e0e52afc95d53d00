"""A small badge in the top-right corner of whatever screen is showing: privacy mode, demo.

It floats over the screen (absolute position, screen overlay), so no screen needs to leave
room for it; the app puts it on each screen as that screen becomes current.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Static


class StatusBadge(Static):
    @classmethod
    def show_on(cls, screen: Screen[Any], *, privacy: bool, demo: bool) -> None:
        parts = (["DEMO — throwaway data"] if demo else []) + (["● PRIVATE"] if privacy else [])
        text = "  ".join(parts)
        found = screen.query(cls)
        badge = found.first() if found else None
        if not text:
            if badge is not None:
                badge.remove()
            return
        if badge is None:
            badge = cls(id="status-badge")
            screen.mount(badge)
        badge.text = f" {text} "
        badge.update(badge.text)
        badge.set_class(privacy, "-privacy")
        badge.styles.offset = (max(screen.size.width - len(badge.text) - 1, 0), 0)

    text = ""
