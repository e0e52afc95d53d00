"""First run: what the six stages mean, and three ways to begin.

Shown over the (empty) board only while the database has never had a contact; as soon as
one exists (added, imported) it steps aside for good. The demo opens a seeded throwaway
database in a temporary folder: the user's own file is never written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from infoterm.pipeline import STAGE_TITLES, STAGES
from infoterm.screens import SCREENS_CSS
from infoterm.widgets.footer import Footer

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.store.database import Database

# One line per stage, as a friend would explain it.
STAGE_LINES: dict[str, str] = {
    "identified": "someone whose work you would like to hear about",
    "requested": "you have asked for 15–20 minutes of their time",
    "met": "you had the conversation, and kept to your time",
    "thanked": "your thank-you note went out, within a day",
    "stay-in-touch": "you keep in touch, and report back on their advice",
    "landed": "you told them where you landed, with thanks",
}
assert set(STAGE_LINES) == set(STAGES)


class WelcomeScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Welcome"
    help_text = (
        "infoterm follows each person through six stages, from someone you would like to talk\n"
        "to, to someone who knows where you landed. Start with one of the three choices; this\n"
        "screen goes away once you have a contact. The demo is a throwaway copy: nothing you\n"
        "do there touches your own data."
    )

    BINDINGS = [
        Binding("a,n", "add", "Add my first contact", id="welcome-add"),
        Binding("i", "import_linkedin", "Import LinkedIn", id="welcome-import"),
        Binding("d", "demo", "Explore a demo", id="welcome-demo"),
        Binding("tab,down,right", "app.focus_next", "Next choice", show=False, id="welcome-next"),
        Binding(
            "shift+tab,up,left",
            "app.focus_previous",
            "Previous choice",
            show=False,
            id="welcome-previous",
        ),
    ]

    app: InfotermApp

    def compose(self) -> ComposeResult:
        stages = Table.grid(padding=(0, 2))
        stages.add_column(style="bold", no_wrap=True)
        stages.add_column()
        for stage in STAGES:
            stages.add_row(STAGE_TITLES[stage], STAGE_LINES[stage])
        with VerticalScroll(id="welcome-box"):
            yield Static("[b]Welcome to infoterm[/b]", id="welcome-title")
            yield Static(
                "Track the people you ask for a short conversation about their work, "
                "from the first idea to the day you tell them where you landed. "
                "Each person is a card that moves through six stages:",
                classes="welcome-intro",
            )
            yield Static(stages, id="welcome-stages")
            yield Static("How would you like to begin?")
            with Horizontal(id="welcome-choices"):
                yield Button("Add a contact \\[a]", id="add", variant="primary")
                yield Button("Import LinkedIn \\[i]", id="import")
                yield Button("Explore the demo \\[d]", id="demo")
            yield Static(
                "? all keys · ctrl+s settings · q quit — this screen goes away once you "
                "have a contact",
                classes="welcome-foot",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#add", Button).focus()

    def on_screen_resume(self) -> None:
        """Back from the contact form or the import: step aside once someone is there."""
        if self.app.db.reader.has_contacts():
            self.dismiss()

    # -- the three choices ------------------------------------------------------------------

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        from infoterm.screens.board import BoardScreen

        board = next((s for s in self.app.screen_stack if isinstance(s, BoardScreen)), None)
        if board is not None:
            board.action_new()

    @on(Button.Pressed, "#import")
    def action_import_linkedin(self) -> None:
        from infoterm.screens.import_file import ImportFileModal
        from infoterm.services.importing import ImportSummary

        def done(summary: ImportSummary | None) -> None:
            if summary is not None and not self.app.db.reader.has_contacts():
                self.notify("That file had no connections to add", severity="warning")

        self.app.push_screen(ImportFileModal(), done)

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self.query_one("#welcome-box").loading = True
        self._prepare_demo()

    @work(thread=True, exclusive=True, group="demo")
    def _prepare_demo(self) -> None:
        from infoterm.demo import seed_demo
        from infoterm.store.database import open_database

        folder = Path(tempfile.mkdtemp(prefix="infoterm-demo-"))
        target = str(folder / "demo.db")
        try:
            seeding = open_database(target)
            try:
                seed_demo(seeding, self.app.clock)
            finally:
                seeding.close()
        except Exception as exc:  # a full disk, a temp folder we cannot write: say so
            self.app.call_from_thread(self._demo_failed, f"{exc.__class__.__name__}: {exc}")
            return
        self.app.call_from_thread(self._open_demo, target, folder)

    def _demo_failed(self, problem: str) -> None:
        self.query_one("#welcome-box").loading = False
        self.notify(f"Could not prepare the demo ({problem})", severity="error", timeout=10)

    def _open_demo(self, target: str, folder: Path) -> None:
        from infoterm.store.database import open_database

        db: Database = open_database(target)
        self.app.explore_demo(db, folder)
        self.notify(
            "This is a throwaway demo campaign: play freely. Your own data is untouched; "
            "quit, or pick “Leave the demo” in the palette (ctrl+p), to go back.",
            title="Demo",
            timeout=10,
        )
