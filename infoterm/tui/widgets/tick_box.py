"""A check box that reads the same without colour: ✓ when on, empty when off.

Textual's Checkbox draws an X in both states and tells them apart by colour only, so an
unchecked box read as checked (and NO_COLOR terminals cannot tell at all).
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox whose mark is ✓ when on and a blank when off."""

    BUTTON_INNER = " "

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        super().watch_value()
        self._mark()

    def _mark(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
        self.refresh()
