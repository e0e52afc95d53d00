"""The "changed elsewhere" dialog: your values beside the stored ones, and a choice."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from infoterm.services.errors import ChangedElsewhere
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.widgets.literal import cell_lines, literal


class ChangedElsewhereModal(ModalScreen[str]):
    """Dismisses "mine" (keep mine), "theirs" (take theirs) or "edit" (edit again)."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("k", "choose('mine')", "Keep mine", id="changed-mine"),
        Binding("t", "choose('theirs')", "Take theirs", id="changed-theirs"),
        Binding("e,escape", "choose('edit')", "Edit again", id="changed-edit"),
    ]

    def __init__(self, conflict: ChangedElsewhere) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_edge=False)
        table.add_column("Field")
        table.add_column("Yours")
        table.add_column("Saved elsewhere")
        for d in self.conflict.differences:
            mark = " (changed there)" if d.changed_there else ""
            yours = cell_lines(d.mine) if d.changed_here else Text("(theirs kept)", "dim")
            table.add_row(Text(d.label + mark), yours, cell_lines(d.theirs))
        with VerticalScroll(classes="dialog form"):
            yield Label(
                literal(f"{self.conflict.what} was changed elsewhere"), classes="form-title"
            )
            yield Static(
                Text(
                    "Another window or a command saved it after you opened it. "
                    "Nothing is saved until you choose. Keep mine saves your changes; "
                    "a field you did not change keeps what was saved elsewhere."
                )
            )
            yield Static(table, id="changed-table")
            with Horizontal(classes="buttons"):
                yield Button(Content("Keep mine [k]"), variant="primary", id="mine")
                yield Button(Content("Take theirs [t]"), id="theirs")
                yield Button(Content("Edit again [e]"), id="edit")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "edit")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
