"""The kanban board, drawn line by line (Textual's Line API) from a BoardModel.

Only the cards on screen are read and drawn, so its cost does not grow with the number of
contacts. It holds no data of its own and never writes: it moves the cursor and posts
messages (``Opened``); the screen calls the services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from infoterm.pipeline import STAGE_TITLES
from infoterm.store.errors import StoreError
from infoterm.store.postgres import ServerUnreachable
from infoterm.store.reader import Card
from infoterm.textsafe import visible
from infoterm.tui.board import BoardModel
from infoterm.tui.widgets.literal import cell_lines

CARD_HEIGHT = 4  # name, organisation, hint, gap
HEADER_HEIGHT = 2
MIN_COLUMN = 19
CELL_CACHE = 4096  # a few screens of (column, line) cells


def fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    text = visible(text)  # data: its control characters written out, never sent raw
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class BoardView(Widget, can_focus=True):
    """Six stage columns of compact cards with a cursor."""

    COMPONENT_CLASSES = {
        "board--header",
        "board--count",
        "board--rule",
        "board--name",
        "board--detail",
        "board--cursor",
        "board--soon",
        "board--late",
        "board--archived",
        "board--empty",
        "board--more",
        "board--drop",
    }

    BINDINGS = [
        Binding("left,h", "cursor(-1, 0)", "Left", show=False, id="cursor-left"),
        Binding("right,l", "cursor(1, 0)", "Right", show=False, id="cursor-right"),
        Binding("up,k", "cursor(0, -1)", "Up", show=False, id="cursor-up"),
        Binding("down,j", "cursor(0, 1)", "Down", show=False, id="cursor-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page-down"),
        Binding("home,g", "jump('top')", "First card", show=False, id="first-card"),
        Binding("end,G", "jump('bottom')", "Last card", show=False, id="last-card"),
    ]

    class Opened(Message):
        """A card was double-clicked."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class CursorMoved(Message):
        pass

    class ServerLost(Message):
        """The board could not read what it was drawing: the database server is away.
        The app shows its banner (app_server); the board shows blank lines meanwhile."""

        def __init__(self, error: ServerUnreachable) -> None:
            super().__init__()
            self.error = error

    class Dropped(Message):
        """A card was dragged with the mouse and let go over another column."""

        def __init__(self, contact_id: int, stage: str) -> None:
            super().__init__()
            self.contact_id = contact_id
            self.stage = stage

    def __init__(
        self,
        model: BoardModel,
        hint: Callable[[Card], tuple[str, str]],
        empty_message: str = "",
        mark: Callable[[Card], str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.model = model
        self.hint = hint  # card -> (text, level) where level is "", "soon" or "late"
        self.mark = mark  # card -> its responder's marker after the name ("★"), or ""
        self.empty_message = empty_message
        self._first = 0  # first visible column when not all fit
        self._drag: tuple[int, int] | None = None  # (contact id, column) under a pressed button
        self._drop_col: int | None = None  # the column a dragged card would land in
        self._dragged = False  # the click that ends a drag must not select
        # The target list's active employers: their cards show ● before the organisation
        self.active_organisations: frozenset[str] = frozenset()
        self._styles: dict[str, Style] = {}
        # One column's part of one line, as last drawn, under everything it was drawn from:
        # a move repaints two columns, and the other four come from here.
        self._cells: dict[tuple[object, ...], list[Segment]] = {}
        # While lines are drawn: (width, layout, visible rows), worked out once, not per
        # line (the widget's size is looked up through the screen each time it is asked).
        self._frame: tuple[int, tuple[int, int, int], int] | None = None

    def mark_active(self, organisations: frozenset[str]) -> None:
        """Mark the cards of these organisations (the active employers) from now on."""
        if organisations != self.active_organisations:
            self.active_organisations = organisations
            self.redraw()

    # -- styles --------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """Component styles, resolved once per theme (resolving is costly per line)."""
        style = self._styles.get(name)
        if style is None:
            resolved = self.rich_style if name == "base" else self.get_component_rich_style(name)
            style = self._styles[name] = resolved
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._cells.clear()
        super().notify_style_update()

    # -- geometry ------------------------------------------------------------------------

    @property
    def visible_rows(self) -> int:
        return max((self.size.height - HEADER_HEIGHT) // CARD_HEIGHT, 1)

    def _layout(self) -> tuple[int, int, int]:
        """(first visible column, number of visible columns, column width)."""
        width = max(self.size.width, 1)
        count = len(self.model.columns)
        shown = max(1, min(count, width // MIN_COLUMN))
        col = self.model.col
        if col < self._first:
            self._first = col
        elif col >= self._first + shown:
            self._first = col - shown + 1
        self._first = max(0, min(self._first, count - shown))
        return self._first, shown, width // shown

    # -- drawing -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = (self.size.width, self._layout(), self.visible_rows)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        try:
            return self._render_line(y)
        except ServerUnreachable as error:
            # The server may come back: the app says so and keeps trying (app_server).
            # (The model draws a page it cannot read as blank cards: BoardModel.on_lost.)
            self.post_message(self.ServerLost(error))
            return Strip.blank(self.size.width)
        except StoreError as error:
            # The database failed under the board (damaged, taken away). Every line of
            # every frame would fail again, each a new error for Textual to report: end
            # the app once, with the error's one line (as StoreError.__rich__ reads).
            if self.app.return_code is None:
                self.app.exit(return_code=1, message=cell_lines(f"infoterm: {error}"))
            return Strip.blank(self.size.width)

    def _render_line(self, y: int) -> Strip:
        frame = self._frame or (self.size.width, self._layout(), self.visible_rows)
        width, (first, shown, col_width), visible = frame
        if self.model.empty:
            return self._empty_line(y)
        segments: list[Segment] = []
        model, cells = self.model, self._cells
        if len(cells) > CELL_CACHE:
            cells.clear()
        for index in range(first, first + shown):
            column = model.columns[index]
            key = (
                index,
                y,
                col_width,
                first,
                shown,
                visible,
                model.versions[column.stage],
                column.count,
                column.top,
                column.row if index == model.col else -1,
                index == self._drop_col,
            )
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = self._cell(index, y, col_width, first, shown, visible)
            segments.extend(cell)
        pad = width - col_width * shown
        if pad > 0:
            segments.append(Segment(" " * pad, self._style("base")))
        return Strip(segments)

    def _cell(
        self, index: int, y: int, width: int, first: int, shown: int, visible: int
    ) -> list[Segment]:
        column = self.model.columns[index]
        inner = width - 1
        sep = Segment("│", self._style("board--rule"))
        if y == 0:
            left = "◀ " if index == first and first > 0 else ""
            right = (
                " ▶" if index == first + shown - 1 and index < len(self.model.columns) - 1 else ""
            )
            title = f" {left}{STAGE_TITLES[column.stage]}"
            count = f"{column.count:,}{right} "
            if column.urgent and cell_len(title) + cell_len(count) + 6 <= inner:
                title += " ·due"  # ordered by urgency (z switches to arrival)
            title_width = max(inner - cell_len(count), 0)
            header = self._style("board--header")
            if index == self._drop_col:
                header += self._style("board--drop")
                title = f" ⤓ {STAGE_TITLES[column.stage]}"
            return [
                Segment(fit(title, title_width), header),
                Segment(fit(count, inner - title_width), self._style("board--count")),
                sep,
            ]
        if y == 1:
            rule = f"─ ↑ {column.top:,} more " if column.top > 0 else ""
            rule = fit(rule, min(cell_len(rule), inner)) + "─" * max(inner - cell_len(rule), 0)
            return [Segment(rule, self._style("board--rule")), sep]
        slot, line = divmod(y - HEADER_HEIGHT, CARD_HEIGHT)
        row = column.top + slot
        if slot == visible - 1 and line == CARD_HEIGHT - 1 and column.count > row + 1:
            more = f" ↓ {column.count - row - 1:,} more"
            return [Segment(fit(more, inner), self._style("board--more")), sep]
        card = self.model.card(index, row) if line < CARD_HEIGHT - 1 else None
        if card is None:
            return [Segment(" " * inner, self._style("base")), sep]
        selected = index == self.model.col and row == column.row
        return [self._card_line(card, line, inner, selected), sep]

    def _card_line(self, card: Card, line: int, width: int, selected: bool) -> Segment:
        mark = ""  # the responder's marker: a long name is cut, never the marker
        if line == 0:
            style = self._style("board--name")
            mark = self.mark(card) if self.mark is not None and card.requested_at else ""
            text = f" {card.name}"
        elif line == 1:
            style = self._style("board--detail")
            org = card.organisation
            text = f" ● {org}" if org in self.active_organisations else f" {org or card.title}"
        else:
            hint, level = self.hint(card)
            if hint:
                style = self._style(f"board--{level}" if level else "board--detail")
                text = f" {hint}"
            else:
                style = self._style("board--detail")
                text = f" {card.title}" if card.organisation else ""
        if card.archived:
            style += self._style("board--archived")
            if line == 0:
                text, mark = f" {card.name} (archived)", ""
        if selected:
            style += self._style("board--cursor")
        if mark:
            ending = f" {mark}"
            if cell_len(text + ending) > width and width > cell_len(ending) + 2:
                return Segment(fit(text, width - cell_len(ending)) + ending, style)
            text += ending
        return Segment(fit(text, width), style)

    def _empty_line(self, y: int) -> Strip:
        lines = self.empty_message.splitlines()
        top = max((self.size.height - len(lines)) // 2, 0)
        text = lines[y - top] if 0 <= y - top < len(lines) else ""
        style = self._style("board--empty")
        width = self.size.width
        return Strip([Segment(fit(text.center(width), width), style)], width)

    # -- input ---------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw every card again (relative due times like "due 5h" move on with the clock)."""
        self._cells.clear()
        self.refresh()

    def changed(self) -> None:
        """Redraw after the model changed (cursor or data)."""
        self.model.scroll_into_view(self.visible_rows)
        self.refresh()
        self.post_message(self.CursorMoved())

    def columns_changed(self, *cols: int) -> None:
        """Redraw only some columns (a card moved between them), unless the view shifted."""
        first = self._first
        tops = [c.top for c in self.model.columns]
        self.model.scroll_into_view(self.visible_rows)
        start, shown, col_width = self._layout()
        if (start, tops) != (first, [c.top for c in self.model.columns]):
            self.refresh()
        else:
            height = self.size.height
            self.refresh(
                *(
                    Region((c - start) * col_width, 0, col_width, height)
                    for c in cols
                    if start <= c < start + shown
                )
            )
        self.post_message(self.CursorMoved())

    def _card_region(self, col: int) -> Region | None:
        first, shown, col_width = self._layout()
        column = self.model.columns[col]
        if not first <= col < first + shown:
            return None
        y = HEADER_HEIGHT + (column.row - column.top) * CARD_HEIGHT
        return Region((col - first) * col_width, y, col_width, CARD_HEIGHT)

    def action_cursor(self, dx: int, dy: int) -> None:
        before = (self._first, [c.top for c in self.model.columns])
        old = self._card_region(self.model.col)
        if not self.model.move(dx, dy):
            return
        self.model.scroll_into_view(self.visible_rows)
        new = self._card_region(self.model.col)
        if old and new and before == (self._first, [c.top for c in self.model.columns]):
            self.refresh(old, new)  # only the two cards whose highlight changed
        else:
            self.refresh()
        self.post_message(self.CursorMoved())

    def action_page(self, direction: int) -> None:
        if self.model.move(0, direction * self.visible_rows):
            self.changed()

    def action_jump(self, where: str) -> None:
        if self.model.jump(where):
            self.changed()

    def _hit(self, x: int, y: int) -> tuple[int, int] | None:
        first, _shown, col_width = self._layout()
        if y < HEADER_HEIGHT:
            return None
        slot, line = divmod(y - HEADER_HEIGHT, CARD_HEIGHT)
        if line == CARD_HEIGHT - 1:
            return None
        col = first + x // col_width
        if col >= len(self.model.columns):
            return None
        return col, self.model.columns[col].top + slot

    def _column_at(self, x: int) -> int | None:
        first, shown, col_width = self._layout()
        col = first + x // max(col_width, 1)
        return col if first <= col < min(first + shown, len(self.model.columns)) else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragged = False
        hit = self._hit(event.x, event.y)
        card = self.model.card(*hit) if hit and event.button == 1 else None
        if card is not None and hit is not None:
            if self.model.select(*hit):
                self.changed()
            self._drag = (card.id, hit[0])
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None:
            return
        col = self._column_at(event.x)
        target = col if col is not None and col != self._drag[1] else None
        if target != self._drop_col:
            self._drop_col = target
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag is None:
            return
        contact_id, origin = self._drag
        self._drag = None
        self._drop_col = None
        self.capture_mouse(False)
        col = self._column_at(event.x)
        self.refresh()
        if col is not None and col != origin:
            self._dragged = True
            self.post_message(self.Dropped(contact_id, self.model.columns[col].stage))

    def on_click(self, event: events.Click) -> None:
        if self._dragged:
            self._dragged = False
            return
        hit = self._hit(event.x, event.y)
        if hit and self.model.select(*hit):
            self.changed()
            card = self.model.current
            if event.chain >= 2 and card is not None:
                self.post_message(self.Opened(card.id))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll(event.x, 1)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(event.x, -1)
        event.stop()

    def _scroll(self, x: int, delta: int) -> None:
        first, _shown, col_width = self._layout()
        col = min(first + x // col_width, len(self.model.columns) - 1)
        column = self.model.columns[col]
        top = max(0, min(column.top + delta, max(column.count - self.visible_rows, 0)))
        if top != column.top:
            column.top = top
            column.row = max(top, min(column.row, top + self.visible_rows - 1))
            self.refresh()

    def on_resize(self) -> None:
        self.model.scroll_into_view(self.visible_rows)


def level_for(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    if due < now:
        return "late"
    return "soon" if (due - now).total_seconds() < 48 * 3600 else ""
