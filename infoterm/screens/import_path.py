"""Asking for the LinkedIn export to import (from the welcome screen), and importing it.

The import itself is ``services.interop.import_linkedin(path)``; it runs in a worker so a
big file does not freeze the screen. A wrong path or a bad file is said in place and the
typed path is kept, so the user can correct it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from infoterm.screens import SCREENS_CSS

if TYPE_CHECKING:
    from infoterm.app import InfotermApp

HOW_TO = (
    "On LinkedIn: Me → Settings & Privacy → Data privacy → Get a copy of your data → "
    "Connections. LinkedIn emails you a file named Connections.csv."
)


def describe_import(result: Any) -> str:
    """A one-line summary of whatever the importer returned."""
    if result is None:
        return "Imported your LinkedIn connections"
    for attr in ("summary", "describe"):
        value = getattr(result, attr, None)
        value = value() if callable(value) else value
        if isinstance(value, str) and value:
            return value
    counts = [
        f"{getattr(result, name)} {name}"
        for name in ("added", "updated", "skipped")
        if isinstance(getattr(result, name, None), int)
    ]
    if counts:
        return "LinkedIn connections: " + ", ".join(counts)
    if isinstance(result, int):
        return f"Imported {result} LinkedIn connections"
    return "Imported your LinkedIn connections"


class ImportPathModal(ModalScreen[str | None]):
    """Returns a summary of the import, or None when cancelled."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import-cancel")]

    app: InfotermApp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog path-prompt"):
            yield Label("[b]Import your LinkedIn connections[/b]", classes="question")
            yield Static(HOW_TO)
            yield Input(placeholder="~/Downloads/Connections.csv", id="path")
            yield Static("", id="path-error", classes="path-error")
            with Horizontal(classes="buttons"):
                yield Button("Import [enter]", variant="primary", id="go")
                yield Button("Cancel [esc]", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _problem(self, text: str) -> None:
        self.query_one("#path-error", Static).update(text)
        self.query_one(".dialog").loading = False
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        text = self.query_one("#path", Input).value.strip().strip("'\"")
        if not text:
            self._problem("Type the path of your Connections.csv (drag the file here works too)")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._problem(f"No file at {path}")
            return
        importer = getattr(self.app.services.interop, "import_linkedin", None)
        if importer is None:
            self._problem(
                "LinkedIn import is not part of this build yet. Your path is kept; "
                "meanwhile, add people by hand (esc, then a)."
            )
            return
        self.query_one("#path-error", Static).update("")
        self.query_one(".dialog").loading = True
        self._run(importer, path)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, importer: Any, path: Path) -> None:
        from infoterm.services import ServiceError

        try:
            result = importer(path)
        except ServiceError as exc:
            self.app.call_from_thread(self._problem, str(exc))
            return
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.app.call_from_thread(self._problem, f"Could not read {path.name}: {exc}")
            return
        self.app.call_from_thread(self.dismiss, describe_import(result))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
