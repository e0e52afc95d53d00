"""Small modals: a yes/no confirmation and a pick-one list.

Their questions and choices are literal text (they name people: "Archive Eve [UK: why?").
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.widgets.literal import literal, literal_lines


class ConfirmModal(ModalScreen[bool]):
    """Ask before doing something; y or enter says yes, n or escape says no."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal_lines(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(literal(f"{self.yes} [y]"), variant="error", id="yes")
                yield Button(literal(f"{self.no} [n]"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ChoiceModal(ModalScreen[str | None]):
    """Pick one of a few options (enter or a click); escape cancels."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, title: str, choices: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal_lines(self.title_text), classes="question")
            yield OptionList(*[Option(literal(c), id=c) for c in self.choices])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
