"""Started while the database server is down: what is going on, and the two ways out.

The app (app_server.ServerWatch) tries the server every 2 s and opens the campaign as
soon as it answers; the banner at the bottom carries the reason in one line. This screen
reads nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from infoterm.app_server import SERVER_RETRY_SECONDS
from infoterm.widgets.footer import Footer


class WaitingScreen(Screen[None]):
    DEFAULT_CSS = """
    WaitingScreen #waiting {
        width: auto;
        max-width: 72;
        padding: 1 2;
        border: round $warning;
    }
    """

    help_title = "Waiting for the database server"
    help_text = (
        "infoterm keeps its campaign on a PostgreSQL server that does not answer yet. It\n"
        f"tries again every {SERVER_RETRY_SECONDS:g} s and opens the board as soon as it "
        "does; ctrl+r tries now.\nOn a home server through an SSH tunnel: is the tunnel open?"
    )

    BINDINGS = [Binding("ctrl+r", "app.retry_server", "Try now", id="waiting-retry")]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                Content.assemble(
                    ("Waiting for the database server", "bold"),
                    "\n\nYour campaign opens as soon as it answers.\n"
                    f"infoterm tries again every {SERVER_RETRY_SECONDS:g} s.\n\n",
                    ("ctrl+r", "bold"),
                    " try now    ",
                    ("q", "bold"),
                    " quit",
                ),
                id="waiting",
            )
        yield Footer(show_command_palette=False)  # nothing to offer yet
