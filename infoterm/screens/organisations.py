"""Every organisation: target flag, how many people, how far they got, the latest touch.

``/`` searches by name as you type; enter opens the organisation's own screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from infoterm.pipeline import STAGE_TITLES
from infoterm.screens import SCREENS_CSS
from infoterm.textsafe import visible
from infoterm.widgets.footer import Footer

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.services.network import OrganisationRow

EMPTY = (
    "No organisations yet.\n\n"
    "An organisation appears here when you give someone one (e on their card), "
    "or when you import people who have one."
)


class OrganisationsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Organisations"
    help_text = (
        "Every organisation of the people you know: targets first, then by name.\n"
        "/ searches; enter opens one (its people, meetings held there, research notes)."
    )

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="orgs-back"),
        Binding("enter", "open", "Open", id="orgs-open"),
        Binding("slash", "search", "Search", key_display="/", id="orgs-search"),
        Binding("j", "cursor(1)", "Down", show=False, id="orgs-down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="orgs-up"),
    ]

    app: InfotermApp

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OrganisationRow] = []
        self.shown: list[OrganisationRow] = []

    def compose(self) -> ComposeResult:
        yield Static(id="orgs-title")
        yield Input(placeholder="Search organisations by name", id="orgs-search")
        table: DataTable[Any] = DataTable(id="orgs-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(EMPTY, id="orgs-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # the stages take what the terminal has left (each column pads one cell each side)
        name = 28 if self.app.size.width >= 110 else 22
        stages = max(self.app.size.width - name - 6 - 6 - 11 - 2 * 5 - 2, 16)
        table.add_column("Organisation", key="name", width=name)
        table.add_column("Target", key="target", width=6)
        table.add_column("People", key="people", width=6)
        table.add_column("Stages", key="stages", width=stages)
        table.add_column("Last touch", key="touch", width=11)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()  # a target flag or a person may have changed on the organisation screen

    def reload(self) -> None:
        found = self.app.run_guarded(self.app.services.network.organisations)
        self.rows = found or []
        self._show()

    def _show(self) -> None:
        needle = self.query_one("#orgs-search", Input).value.strip().casefold()
        keep = self._current()
        self.shown = [r for r in self.rows if needle in r.name.casefold()]
        table = self.query_one(DataTable)
        table.clear()
        local = self.app.clock.to_local
        for row in self.shown:
            stages = ", ".join(
                f"{count} {STAGE_TITLES[stage].lower()}" for stage, count in row.stages.items()
            )
            touch = f"{local(row.last_touch):%d %b %Y}" if row.last_touch else ""
            table.add_row(
                Text(visible(row.name)),
                "★" if row.is_target else "",
                str(row.people),
                stages,
                touch,
                key=str(row.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        empty = not self.rows
        self.query_one("#orgs-empty").display = empty
        table.display = not empty
        title = Content.assemble(("Organisations", "bold"), f" · {len(self.rows):,}")
        if needle:
            title += Content(f"  ·  {len(self.shown):,} matching ")
            title += Content.assemble((visible(needle), "bold"))
        self.query_one("#orgs-title", Static).update(title)

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        box = self.query_one("#orgs-search", Input)
        if box.has_focus or box.value:
            box.value = ""
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def action_search(self) -> None:
        self.query_one("#orgs-search", Input).focus()

    def action_open(self) -> None:
        org_id = self._current()
        if org_id is None:
            self.notify("No organisation here", severity="warning")
            return
        from infoterm.screens.organisation import OrganisationScreen

        self.app.push_screen(OrganisationScreen(org_id))

    @on(DataTable.RowSelected, "#orgs-table")
    def _row_selected(self) -> None:
        self.action_open()

    @on(Input.Changed, "#orgs-search")
    def _search_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#orgs-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()
