"""The review's list: group titles, follow-up rows and today's meetings, with a cursor.

Drawn line by line (Line API) in aligned columns that fit the width. It shows the items it
is given and moves its cursor; the screen acts on ``current`` and refills it with
``show``. It posts ``Highlighted`` when the cursor moves and ``Chosen`` on a double-click.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from infoterm.textsafe import visible


@dataclass(frozen=True)
class ListItem:
    """One line. ``row`` is "header", "followup", "meeting" or "note" (a muted line)."""

    row: str
    text: str = ""  # a header's or a note's words
    key: int | None = None  # follow-up or meeting id
    contact_id: int | None = None
    when: str = ""
    label: str = ""
    who: str = ""
    org: str = ""
    why: str = ""
    level: str = ""  # late | soon | "" (colours the "when" column and headers)
    version: int | None = None  # the follow-up's row version when read

    @property
    def selectable(self) -> bool:
        return self.row in ("followup", "meeting")


def fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    text = visible(text)  # data: its control characters written out, never sent raw
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def columns(width: int) -> tuple[int, int, int, int, int]:
    """Widths of when, kind, who, organisation and why, summing to ``width`` (each column
    ends in a space, so neighbours never touch)."""
    when, kind = (17, 13) if width >= 100 else (15, 12)
    rest = max(width - when - kind, 0)
    who = max(min(25, rest * 3 // 10), 10)
    org = max(min(23, rest // 4), 9) if width >= 72 else 0
    return when, kind, who, org, max(rest - who - org, 0)


def cell(text: str, width: int) -> str:
    """``text`` in a column ``width`` wide, with a space before the next column."""
    return fit(text, width - 1) + " " if width > 1 else fit(text, width)


class FollowUpList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "followups--header",
        "followups--header-late",
        "followups--header-soon",
        "followups--note",
        "followups--late",
        "followups--soon",
        "followups--kind",
        "followups--who",
        "followups--detail",
        "followups--cursor",
    }

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="review-up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="review-down"),
        Binding("home,g", "edge(-1)", "First", show=False, id="review-first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="review-last"),
    ]

    class Highlighted(Message):
        def __init__(self, item: ListItem | None) -> None:
            super().__init__()
            self.item = item

    class Chosen(Message):
        def __init__(self, item: ListItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, compact: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: list[ListItem] = []
        self.cursor = -1
        self.compact = compact
        """One person's list (the contact screen): no who and organisation columns."""

    # -- data ----------------------------------------------------------------------------

    def show(self, items: list[ListItem], keep: int | None = None) -> None:
        """Replace the items; the cursor stays on row ``keep`` (an index) or the nearest
        selectable row after it, so acting on a row moves on to the next one."""
        self.items = items
        start = self.cursor if keep is None else keep
        self.cursor = self._nearest(max(start, 0))
        self.virtual_size = Size(0, len(items))
        self._changed()

    @property
    def current(self) -> ListItem | None:
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    def _nearest(self, index: int) -> int:
        for i in range(index, len(self.items)):
            if self.items[i].selectable:
                return i
        for i in range(min(index, len(self.items)) - 1, -1, -1):
            if self.items[i].selectable:
                return i
        return -1

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        if not 0 <= index < len(self.items):
            return Strip.blank(width, self.rich_style)
        item = self.items[index]
        segments = self._segments(item, width)
        if index == self.cursor:
            cursor = self.get_component_rich_style("followups--cursor")
            segments = [Segment(s.text, (s.style or Style()) + cursor) for s in segments]
        return Strip(segments, width).adjust_cell_length(width, self.rich_style)

    def _segments(self, item: ListItem, width: int) -> list[Segment]:
        style = self.get_component_rich_style
        if item.row == "header":
            name = f"followups--header-{item.level}" if item.level else "followups--header"
            return [Segment(fit(f" {item.text}", width), style(name))]
        if item.row == "note":
            return [Segment(fit(f"   {item.text}", width), style("followups--note"))]
        when_w, kind_w, who_w, org_w, why_w = columns(width - 2)
        if self.compact:
            why_w, who_w, org_w = why_w + who_w + org_w, 0, 0
        when_style = style(f"followups--{item.level}") if item.level else style("followups--detail")
        parts = [
            Segment("  ", self.rich_style),
            Segment(cell(item.when, when_w), when_style),
            Segment(cell(item.label, kind_w), style("followups--kind")),
        ]
        if who_w:
            parts.append(Segment(cell(item.who, who_w), style("followups--who")))
        if org_w:
            parts.append(Segment(cell(item.org, org_w), style("followups--detail")))
        parts.append(Segment(fit(item.why, why_w), style("followups--detail")))
        return parts

    # -- cursor --------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.cursor >= 0:
            self.scroll_to_region(
                self._line_region(self.cursor), animate=False, immediate=True, force=True
            )
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _line_region(self, index: int) -> Region:
        top = index
        if index > 0 and self.items[index - 1].row == "header":
            top -= 1  # keep a group's title in view with its first row
        return Region(0, top, 1, index - top + 1)

    def action_cursor(self, delta: int) -> None:
        i = self.cursor + delta
        while 0 <= i < len(self.items) and not self.items[i].selectable:
            i += delta
        if 0 <= i < len(self.items) and i != self.cursor:
            self.cursor = i
            self._changed()

    def action_edge(self, direction: int) -> None:
        order = range(len(self.items)) if direction < 0 else range(len(self.items) - 1, -1, -1)
        for i in order:
            if self.items[i].selectable:
                if i != self.cursor:
                    self.cursor = i
                    self._changed()
                return

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.items) and self.items[index].selectable:
            self.cursor = index
            self._changed()
            if event.chain >= 2:
                self.post_message(self.Chosen(self.items[index]))

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.items))
