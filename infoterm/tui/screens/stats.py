"""The statistics screen: the funnel, meetings, sources, meetings per week, the questions
asked by TIARA tag, the benchmark.

The text comes from ``infoterm.statsview`` (the same lines ``infoterm stats`` prints),
shown in panels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from infoterm.statsview import sections
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.widgets.footer import Footer
from infoterm.tui.widgets.literal import literal_lines

if TYPE_CHECKING:
    from infoterm.tui.app import InfotermApp

NARROW = 110
PANELS = (
    "stats-funnel",
    "stats-meetings",
    "stats-sources",
    "stats-weeks",
    "stats-replies",
    "stats-employers",
    "stats-tiara",
    "stats-benchmark",
)


class StatsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Statistics"
    help_text = (
        "Computed from the history of every move and meeting. The funnel is cumulative:\n"
        "someone who reached Met also counts as having reached Requested."
    )

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="stats-back"),
        Binding("r", "refresh_stats", "Refresh", id="stats-refresh"),
    ]

    app: InfotermApp

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Your campaign in numbers", "bold"), id="stats-title")
        with VerticalScroll(id="stats-scroll"), Grid(id="stats-grid"):
            for panel in PANELS:
                yield Static(id=panel, classes="stats-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_stats()

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        grid = self.query_one("#stats-grid")
        if grid.has_class("narrow") != narrow:
            grid.set_class(narrow, "narrow")
            self.action_refresh_stats()

    def action_refresh_stats(self) -> None:
        stats = self.app.run_guarded(self.app.reads.stats)
        if stats is None:
            return
        private = bool(getattr(self.app, "privacy", False))
        width = 52 if self.size.width >= NARROW or not self.size.width else self.size.width - 8
        for panel, section in zip(PANELS, sections(stats, width, private=private), strict=True):
            widget = self.query_one(f"#{panel}", Static)
            widget.border_title = section.title
            widget.update(literal_lines("\n".join(section.lines)))

    def action_back(self) -> None:
        self.app.pop_screen()
