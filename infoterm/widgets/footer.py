"""The footer of every screen: Textual's, with the keys that work everywhere first.

Textual lists a screen's own keys before the app's, and cuts off what does not fit: on
the board (even at 120 columns) and at 80 columns, ``q Quit`` and ``? Help`` fell off the
right edge. Here they come first, so they always show.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter

FIRST = ("quit", "help")  # the app's actions (InfotermApp.BINDINGS)


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        actions = [getattr(key, "action", None) for key in keys]
        if None in actions:  # not only keys (a group of keys): Textual's order
            yield from keys
            return
        yield from sorted(keys, key=lambda key: key.action not in FIRST)  # type: ignore[attr-defined]
