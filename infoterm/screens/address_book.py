"""The address book: imported people not yet on the board, to pick from.

Search narrows the list as you type; space (or enter) selects, ``a`` selects every
person shown (or clears), ``p`` puts the selection (or the person under the cursor) on
the board in Identified. Selections survive a change of search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from infoterm.screens import SCREENS_CSS
from infoterm.widgets.db_banner import keeps_rows
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import cell, joined

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.services.network import AddressRow

SHOWN = 1000
EMPTY = (
    "Your address book is empty.\n\n"
    "It holds people you imported (LinkedIn connections, a CSV file) who are not on your "
    "board yet.\nPress i to import a file, or run  infoterm import linkedin Connections.zip"
)


class AddressBookScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "The address book"
    help_text = (
        "People you imported who are not on the board yet. Type to search; space selects;\n"
        "p puts the selected people (or the one under the cursor) on the board in Identified."
    )

    BINDINGS = [
        Binding("escape", "back", "Back", id="address-back"),
        Binding("space", "toggle_mark", "Select", id="address-select"),
        Binding("a", "select_all", "Select all shown", id="address-select-all"),
        Binding("p", "put_on_board", "Put on board", id="address-put-on-board"),
        Binding("slash", "search", "Search", key_display="/", id="address-search"),
        Binding("i", "import_file", "Import", id="address-import"),
        Binding("j", "cursor(1)", "Down", show=False, id="address-down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="address-up"),
    ]

    app: InfotermApp

    def __init__(self) -> None:
        super().__init__()
        self.selected: set[int] = set()
        self.rows: list[AddressRow] = []
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Static(id="address-title")
        yield Input(placeholder="Search by name, organisation or title", id="address-search")
        table: DataTable[Any] = DataTable(id="address-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(EMPTY, id="address-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(" ", key="mark", width=1)
        table.add_column("Name", key="name", width=30)
        table.add_column("Organisation", key="organisation", width=30)
        table.add_column("Title", key="title", width=32)
        table.add_column("Connected", key="connected", width=11)
        self.reload()
        table.focus()

    @keeps_rows
    def reload(self) -> None:
        search = self.query_one("#address-search", Input).value
        keep = self._current()
        self.rows, self.total = self.app.services.network.address_book(search, limit=SHOWN)
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                self._mark(row.id),
                cell(row.name),
                cell(row.organisation),
                cell(row.title),
                cell(f"{row.connected_on:%d %b %Y}" if row.connected_on else ""),
                key=str(row.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        empty = self.total == 0 and not search
        self.query_one("#address-empty").display = empty
        table.display = not empty
        self._update_title()

    def _mark(self, contact_id: int) -> str:
        return "✓" if contact_id in self.selected else ""

    def _update_title(self) -> None:
        search = self.query_one("#address-search", Input).value.strip()
        counted = f"  {self.total:,} matching" if search else f"  {self.total:,} not on the board"
        parts = [Content.assemble(("Address book", "bold"), counted)]
        if self.total > len(self.rows):
            parts.append(Content(f"showing the first {len(self.rows):,}: type to narrow"))
        if self.selected:
            parts.append(
                Content.assemble(
                    (f"{len(self.selected)} selected", "bold"), " — p puts them on the board"
                )
            )
        self.query_one("#address-title", Static).update(joined(parts))

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    # -- actions -------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def action_back(self) -> None:
        box = self.query_one("#address-search", Input)
        if box.has_focus:
            box.value = ""
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_toggle_mark(self) -> None:
        current = self._current()
        if current is None:
            return
        self.selected.symmetric_difference_update({current})
        self.query_one(DataTable).update_cell(str(current), "mark", self._mark(current))
        self._update_title()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_toggle_mark()

    def action_select_all(self) -> None:
        shown = {row.id for row in self.rows}
        if shown and shown <= self.selected:
            self.selected -= shown
        else:
            self.selected |= shown
        table = self.query_one(DataTable)
        for row in self.rows:
            table.update_cell(str(row.id), "mark", self._mark(row.id))
        self._update_title()

    def action_put_on_board(self) -> None:
        chosen = sorted(self.selected) or ([c] if (c := self._current()) is not None else [])
        if not chosen:
            self.notify("No one to put on the board: the address book is empty", severity="warning")
            return
        moved = self.app.run_guarded(self.app.services.network.put_on_board, chosen)
        if moved is None:
            return
        self.selected.clear()
        self.reload()
        who = "person" if moved == 1 else "people"
        self.notify(f"Put {moved} {who} on the board in Identified")

    def action_search(self) -> None:
        self.query_one("#address-search", Input).focus()

    @on(Input.Changed, "#address-search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#address-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    @work
    async def action_import_file(self) -> None:
        from infoterm.screens.import_file import ImportFileModal

        summary = await self.app.push_screen_wait(ImportFileModal())
        if summary is not None:
            self.reload()
