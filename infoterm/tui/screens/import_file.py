"""Import a file from the TUI: LinkedIn's export or any CSV, with a progress bar.

The import runs in a thread worker (a 10,000-row file takes a couple of seconds) and
reports progress through ``call_from_thread``. A bad path or a bad file is said in
place, the typed path kept. Dismisses with the import's summary, or None if nothing
was imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)

from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.widgets.literal import literal_lines
from infoterm.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from infoterm.services.importing import ImportSummary
    from infoterm.tui.app import InfotermApp

PROBLEMS_SHOWN = 6


class ImportFileModal(ModalScreen["ImportSummary | None"]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "close", "Close", id="import-close"),
        Binding("ctrl+r", "preview", "Preview (dry run)", id="import-preview"),
    ]

    app: InfotermApp

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.result: ImportSummary | None = None
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-dialog"):
            yield Label(Content.styled("Import people", "bold"), classes="question")
            with RadioSet(id="import-kind"):
                yield RadioButton("LinkedIn connections (Connections.csv or the .zip)", value=True)
                yield RadioButton("Any CSV file with a header row")
            yield Input(
                self.initial_path, placeholder="~/Downloads/Connections.zip", id="import-path"
            )
            yield TickBox(
                "Put them on the board in Identified, not in the address book",
                id="import-board",
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-outcome")
            with Horizontal(classes="buttons"):
                yield Button("Preview \\[ctrl+r]", id="import-preview")
                yield Button("Import \\[enter]", variant="primary", id="import-go")
                yield Button("Close \\[esc]", id="import-close")

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-path", Input).focus()

    def _say(self, text: str | Content, error: bool = False) -> None:
        """Say how it went; a ``str`` is literal text (it may quote a path or a row)."""
        outcome = self.query_one("#import-outcome", Static)
        outcome.set_class(error, "error")
        outcome.update(literal_lines(text) if isinstance(text, str) else text)

    # -- running -----------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def _go(self) -> None:
        self._start(dry_run=False)

    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        self._start(dry_run=True)

    @on(Button.Pressed, "#import-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def _start(self, dry_run: bool) -> None:
        if self.running:
            return
        text = self.query_one("#import-path", Input).value.strip().strip("'\"")
        if not text:
            self._say("Type the path of the file to import", error=True)
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._say(f"No file at {path}", error=True)
            return
        linkedin = self.query_one("#import-kind", RadioSet).pressed_index != 1
        stage = "identified" if self.query_one("#import-board", Checkbox).value else None
        self.running = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._say("Reading the file…")
        for button in self.query(Button):
            button.disabled = button.id != "import-close"
        self._run(path, linkedin, stage, dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, path: Path, linkedin: bool, stage: str | None, dry_run: bool) -> None:
        from infoterm.services import ServiceError

        interop = self.app.services.interop

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            if linkedin:
                summary = interop.import_linkedin(
                    path, stage=stage, dry_run=dry_run, progress=progress
                )
            else:
                summary = interop.import_csv(
                    path, None, stage=stage, dry_run=dry_run, progress=progress
                )
        except ServiceError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._finished, summary)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)
        self._say(f"Saving… {done:,} of {total:,}")

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#import-progress").display = False
        for button in self.query(Button):
            button.disabled = False
        self._say(message, error=True)
        self.query_one("#import-path", Input).focus()

    def _finished(self, summary: ImportSummary) -> None:
        self.running = False
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=1, progress=1)
        for button in self.query(Button):
            button.disabled = False
        if not summary.dry_run:
            self.result = summary
            self.query_one("#import-go", Button).disabled = True
            self.query_one("#import-preview", Button).disabled = True
            self.query_one("#import-close", Button).label = "Done \\[esc]"
            self.query_one("#import-close", Button).focus()
        lines = [literal_lines(summary.describe(), "bold")]
        problems = [*summary.problems, *summary.warnings]
        problems.sort(key=lambda e: e.line)
        for problem in problems[:PROBLEMS_SHOWN]:
            kind = "skipped" if problem.skipped else "note"
            lines.append(literal_lines(f"{kind}: {problem}"))
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(
                Content(
                    f"… and {len(problems) - PROBLEMS_SHOWN} more: run infoterm import with "
                    "--dry-run to list them all"
                )
            )
        if summary.dry_run:
            lines.append(Content("This was a preview: nothing was changed. Enter imports."))
        elif summary.added and not summary.on_board:
            lines.append(
                Content("They are in your address book: press b on the board to pick people.")
            )
        self._say(Content("\n").join(lines))

    def action_close(self) -> None:
        if self.running:
            self.notify("The import is still running; it finishes in a moment", timeout=3)
            return
        self.dismiss(self.result)
