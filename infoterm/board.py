"""The board's state without any UI: counts, lazily read pages of cards, the cursor.

The board widget draws what this holds; it reads only the cards that are on screen (in
pages), so 10,000 contacts cost no more to show than 40.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from infoterm.pipeline import STAGES
from infoterm.store.postgres import ServerUnreachable
from infoterm.store.reader import BoardQuery, Card, Reader

PAGE = 16  # about one screenful of a column: the first paint reads ~100 cards
URGENT_BY_DEFAULT = frozenset({"met", "thanked"})
"""Columns ordered by urgency until toggled: a thank-you two weeks late must not sit last."""


@dataclass
class Column:
    stage: str
    count: int = 0
    row: int = 0  # cursor row in this column
    top: int = 0  # first visible row
    urgent: bool = False  # ordered by urgency (most overdue first) rather than arrival


class BoardModel:
    def __init__(self, reader: Reader, query: BoardQuery | None = None) -> None:
        self.reader = reader
        self.query = query or BoardQuery()
        self.columns = [Column(stage, urgent=stage in URGENT_BY_DEFAULT) for stage in STAGES]
        self.col = 0
        self._pages: dict[tuple[str, int], list[Card]] = {}
        self.versions = dict.fromkeys(STAGES, 0)
        """Per stage, bumped whenever its cards are read again: what was drawn is stale."""
        self.waiting = 0
        """People in the address book; read only while the board is empty (to say so)."""
        self.on_lost: Callable[[ServerUnreachable], None] | None = None
        """Told when a page of cards cannot be read because the database server is away;
        the card is then None (drawn blank, read again next time). Unset: it raises."""
        self.reload()

    # -- data ----------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Re-read counts (pages lazily); keep the cursor on contact ``keep`` if given.
        The counts are read first: if that fails (the server away), the board keeps the
        cards it had read."""
        counts = self.reader.counts(self.query)
        self._pages.clear()
        for stage in self.versions:
            self.versions[stage] += 1
        for column in self.columns:
            column.count = counts[column.stage]
            column.row = min(column.row, max(column.count - 1, 0))
        self.waiting = self.reader.address_book_count() if self.empty else 0
        if keep is not None:
            self.focus(keep)

    def moved(self, contact_id: int, old: str, new: str) -> None:
        """After a card moved between stages: adjust two columns instead of re-reading all.

        The column it left keeps the cards it had read, without it (the others keep their
        order); the column it joined is read again where the card now is: first in a
        column in arrival order, found by its urgency in one ordered by urgency."""
        for column in self.columns:
            if column.stage in (old, new):
                column.count += -1 if column.stage == old else 1
                column.row = min(column.row, max(column.count - 1, 0))
        self._keep_without(old, contact_id)
        self._pages = {k: v for k, v in self._pages.items() if k[0] != new}
        self.versions[old] += 1
        self.versions[new] += 1
        col = STAGES.index(new)
        if self.columns[col].urgent:
            self.focus(contact_id)
            return
        first_page = [self.card(col, row) for row in range(min(PAGE, self.columns[col].count))]
        hit = next(
            (row for row, card in enumerate(first_page) if card and card.id == contact_id), None
        )
        if hit is None:
            self.focus(contact_id)
        else:
            self.col = col
            self.columns[col].row = hit

    def _keep_without(self, stage: str, contact_id: int) -> None:
        """The pages read of a column, with one card taken out (the cards after it move up
        one row): each run of adjacent pages is cut into pages again. A card not among
        those read: nothing is kept."""
        pages = sorted(
            (start, page) for (name, start), page in self._pages.items() if name == stage
        )
        self._pages = {k: v for k, v in self._pages.items() if k[0] != stage}
        runs: list[tuple[int, list[Card]]] = []
        for start, page in pages:
            if runs and runs[-1][0] + len(runs[-1][1]) == start:
                runs[-1][1].extend(page)
            else:
                runs.append((start, list(page)))
        gone = next(
            (start + i for start, cards in runs for i, c in enumerate(cards) if c.id == contact_id),
            None,
        )
        if gone is None:
            return
        count = self.columns[STAGES.index(stage)].count
        for start, cards in runs:
            if start > gone:
                start -= 1
            elif start + len(cards) > gone:
                del cards[gone - start]
            skip = -start % PAGE  # the first whole page starts at a multiple of PAGE
            for first in range(skip, len(cards), PAGE):
                page = cards[first : first + PAGE]
                if len(page) == PAGE or start + first + len(page) == count:
                    self._pages[(stage, start + first)] = page

    @property
    def total(self) -> int:
        return sum(c.count for c in self.columns)

    @property
    def empty(self) -> bool:
        """No one on the board at all (not merely filtered out or archived)."""
        return self.total == 0 and not self.query.text and not self.query.archived

    def card(self, col: int, row: int) -> Card | None:
        column = self.columns[col]
        if not 0 <= row < column.count:
            return None
        start = row - row % PAGE
        key = (column.stage, start)
        page = self._pages.get(key)
        if page is None:
            try:
                page = self.reader.page(column.stage, self.query, start, PAGE, column.urgent)
            except ServerUnreachable as error:
                if self.on_lost is None:
                    raise
                self.on_lost(error)
                return None
            self._pages[key] = page
        offset = row - start
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> Card | None:
        column = self.columns[self.col]
        return self.card(self.col, column.row)

    def set_query(self, query: BoardQuery) -> None:
        keep = self.current.id if self.current else None
        self.query = query
        for column in self.columns:
            column.row = column.top = 0
        self.reload(keep)

    def focus(self, contact_id: int) -> bool:
        """Put the cursor on a contact; False if it is not on the (filtered) board."""
        found = self.reader.position(contact_id, self.query, self._urgent)
        if found is None:
            return False
        stage, row = found
        col = STAGES.index(stage)
        if row >= self.columns[col].count:
            return False
        self.col = col
        self.columns[col].row = row
        return True

    def _urgent(self, stage: str) -> bool:
        return self.columns[STAGES.index(stage)].urgent

    def toggle_order(self) -> bool:
        """Order the current column the other way; the cursor stays on its card.
        Returns True when the column is now ordered by urgency."""
        column = self.columns[self.col]
        keep = self.current.id if self.current else None
        column.urgent = not column.urgent
        column.row = column.top = 0
        self._pages = {k: v for k, v in self._pages.items() if k[0] != column.stage}
        self.versions[column.stage] += 1
        if keep is not None:
            self.focus(keep)
        return column.urgent

    # -- cursor --------------------------------------------------------------------------

    def move(self, dx: int = 0, dy: int = 0) -> bool:
        """Move the cursor; returns True if anything changed."""
        before = (self.col, self.columns[self.col].row)
        if dx:
            self.col = max(0, min(len(self.columns) - 1, self.col + dx))
        if dy:
            column = self.columns[self.col]
            column.row = max(0, min(column.count - 1, column.row + dy))
        return before != (self.col, self.columns[self.col].row)

    def jump(self, where: str) -> bool:
        column = self.columns[self.col]
        before = column.row
        column.row = 0 if where == "top" else max(column.count - 1, 0)
        return before != column.row

    def select(self, col: int, row: int) -> bool:
        if not 0 <= col < len(self.columns) or not 0 <= row < self.columns[col].count:
            return False
        self.col = col
        self.columns[col].row = row
        return True

    def scroll_into_view(self, visible: int) -> None:
        """Adjust each column's first visible row so its cursor row is on screen."""
        for column in self.columns:
            visible = max(visible, 1)
            if column.row < column.top:
                column.top = column.row
            elif column.row >= column.top + visible:
                column.top = column.row - visible + 1
            column.top = max(0, min(column.top, max(column.count - visible, 0)))
