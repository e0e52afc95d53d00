"""The help screen, built from the bindings in force on the screen below it."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from infoterm.commands import binding_groups
from infoterm.screens import SCREENS_CSS
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import cell, literal, literal_lines


class HelpScreen(ModalScreen[None]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, below: Screen[Any]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        self.rows = [
            (keys, binding.description) for _node, binding, keys in binding_groups(self.below)
        ]
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", justify="right", no_wrap=True)
        table.add_column()
        for keys, text in self.rows:
            table.add_row(
                cell(keys),
                cell(
                    "Command palette: every action, and jump to a contact" if keys == "^p" else text
                ),
            )
        title = getattr(self.below, "help_title", "Keys")
        intro = getattr(self.below, "help_text", "")
        with VerticalScroll(classes="dialog help"):
            yield Static(literal(title, "bold"), classes="help-title")
            if intro:
                yield Static(literal_lines(intro), classes="help-intro")
            yield Static(table, id="help-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
