"""What every form shares (issue 10, item 10), so each form only says what is its own.

- Focus starts on the first field (a form may name another: ``first_field``).
- Tabbing into a filled field puts the cursor at its end; nothing is selected, so the
  next keystroke adds to the value instead of replacing it.
- A field's error is shown on the line under it (``#ID-error``, a ``.field-error``) and
  the cursor goes to the END of the bad value.
- The form's own keys (its save key first) are in a footer of its own, not the keys of
  the screen underneath; the buttons are docked (screens.tcss) so they stay in view at
  80x24 while the fields scroll.
- Placeholders are dim italic (screens.tcss), unlike typed text.
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.containers import Horizontal
from textual.content import Content
from textual.dom import DOMNode
from textual.events import Mount
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, Switch, TextArea

from infoterm.screens import SCREENS_CSS
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import literal_lines

FIELD_TYPES = (Input, TextArea, Select, Checkbox, Switch)

ResultType = TypeVar("ResultType")


def prepare_fields(root: DOMNode) -> None:
    """No Input under ``root`` selects its text when focused."""
    for box in root.query(Input):
        box.select_on_focus = False


def focus_at_end(widget: Widget) -> None:
    """Focus a field with the cursor after its last character."""
    widget.focus()
    if isinstance(widget, Input):
        widget.selection = widget.selection.cursor(len(widget.value))
    elif isinstance(widget, TextArea):
        widget.move_cursor(widget.document.end)


def show_error(root: DOMNode, field_id: str, text: str | Content) -> None:
    """Show (or clear, with "") the error line under a field; an empty one takes no room."""
    error = root.query_one(f"#{field_id}-error", Static)
    error.update(literal_lines(text) if isinstance(text, str) else text)
    error.set_class(bool(text), "shown")


def buttons(save: str = "Save", save_key: str = "ctrl+s", cancel: str = "Cancel") -> Horizontal:
    """The save and cancel buttons, each naming its key."""
    return Horizontal(
        Button(Content(f"{save} [{save_key}]"), variant="primary", id="save"),
        Button(Content(f"{cancel} [esc]"), id="cancel"),
        classes="buttons",
    )


class FormModal(ModalScreen[ResultType]):
    """A form in a dialog. Subclasses compose their fields (``.dialog.form``) and call
    :meth:`fail` with a field's id and what is wrong with it."""

    CSS_PATH = SCREENS_CSS

    first_field: str | None = None  # the id to focus first; None: the first field

    @on(Mount)
    def _form_mounted(self) -> None:
        prepare_fields(self)
        if not self.query(Footer):
            self.mount(Footer())
        first = self._first()
        if first is not None:
            focus_at_end(first)

    def _first(self) -> Widget | None:
        if self.first_field is not None:
            return self.query_one(f"#{self.first_field}")
        for widget in self.query("*"):
            if isinstance(widget, FIELD_TYPES) and widget.display and not widget.disabled:
                return widget
        return None

    def show_error(self, field_id: str, text: str | Content) -> None:
        show_error(self, field_id, text)

    def fail(self, field_id: str, text: str | Content) -> None:
        """Say what is wrong under the field and put the cursor at the end of its value."""
        show_error(self, field_id, text)
        focus_at_end(self.query_one(f"#{field_id}", Widget))
