"""The floor the board is measured against: the smallest sensible Textual app.

A Static and a Footer; `j` flips the text (the floor for key -> repaint latency).
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static


class Floor(App[None]):
    BINDINGS = [("q", "quit", "Quit"), Binding("j,k", "flip", "flip", show=False)]

    def compose(self) -> ComposeResult:
        yield Static("hello from the floor", id="s")
        yield Footer()

    def action_flip(self) -> None:
        self._up = not getattr(self, "_up", False)
        text = "HELLO FROM THE FLOOR" if self._up else "hello from the floor"
        self.query_one("#s", Static).update(text)


if __name__ == "__main__":
    Floor().run()
