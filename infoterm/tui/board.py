"""The board's state without any UI: counts, lazily read pages of cards, the cursor.

The board widget draws what this holds; it reads only the cards that are on screen (in
pages), so 10,000 contacts cost no more to show than 40.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from infoterm.pipeline import STAGES
from infoterm.store.postgres import ServerUnreachable
from infoterm.store.reader import BoardQuery, Card
from infoterm.tui.read_model import CardSource

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


@dataclass(frozen=True)
class Ahead:
    """A card move shown before it is written (``BoardModel.move_ahead``): enough to put
    the board back as it was if the write fails."""

    card: Card
    old: str
    new: str
    row: int
    """Where the card was in the column it left."""


class BoardModel:
    def __init__(self, cards: CardSource, query: BoardQuery | None = None) -> None:
        self.cards = cards
        self.query = query or BoardQuery()
        self.columns = [Column(stage, urgent=stage in URGENT_BY_DEFAULT) for stage in STAGES]
        self.col = 0
        self._rows: dict[str, dict[int, Card]] = {stage: {} for stage in STAGES}
        """Per stage, the cards read so far by their row (read a page at a time)."""
        self.versions = dict.fromkeys(STAGES, 0)
        """Per stage, bumped whenever its cards change: what was drawn is stale."""
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
        counts = self.cards.counts(self.query)
        for stage in STAGES:
            self._dropped(stage)
        for column in self.columns:
            column.count = counts[column.stage]
            column.row = min(column.row, max(column.count - 1, 0))
        self.waiting = self.cards.address_book_count() if self.empty else 0
        if keep is not None:
            self.focus(keep)

    def moved(self, contact_id: int, old: str, new: str) -> None:
        """After a card moved between stages: adjust two columns instead of re-reading all.

        The column it left keeps the cards it had read, without it (the others keep their
        order); the column it joined is read again where the card now is."""
        self._counted(old, -1)
        self._counted(new, 1)
        self._left(old, contact_id)
        self.arrived(contact_id, new)

    def move_ahead(self, card: Card, old: str, new: str, visible: int) -> Ahead | None:
        """Show a move of the current card before it is written: it leaves its column
        (the cards after it move up one row) and arrives first in the other one, under the
        cursor. Nothing is read until the write is done (``arrived``) or has failed
        (``move_back``): the rows both columns will show are read now, while the database
        still agrees with the board. None (nothing changed) if they cannot be read."""
        col_old, col_new = STAGES.index(old), STAGES.index(new)
        column = self.columns[col_old]
        row = column.row
        shown = self.card(col_old, row)
        if shown is None or shown.id != card.id:
            return None
        # the column left may scroll up one row; a frame may show part of one row more
        rows = range(max(column.top - 1, 0), min(column.top + visible + 2, column.count))
        joined = range(min(visible + 1, self.columns[col_new].count))
        if any(self.card(col_old, r) is None for r in rows) or any(
            self.card(col_new, r) is None for r in joined
        ):
            return None
        self._counted(old, -1)
        self._shifted(old, row, -1)
        self._counted(new, 1)
        self._shifted(new, 0, 1)
        self._rows[new][0] = card
        self.col = col_new
        self.columns[col_new].row = 0
        return Ahead(card, old, new, row)

    def move_back(self, ahead: Ahead) -> None:
        """A move shown by ``move_ahead`` was not written: the card goes back where it was
        and the cursor with it (nothing else has been read since, so nothing else moved)."""
        if self._rows[ahead.new].get(0) != ahead.card:
            return
        self._counted(ahead.new, -1)
        self._shifted(ahead.new, 0, -1)
        self._counted(ahead.old, 1)
        self._shifted(ahead.old, ahead.row, 1)
        self._rows[ahead.old][ahead.row] = ahead.card
        self.col = STAGES.index(ahead.old)
        self.columns[self.col].row = ahead.row

    def arrived(self, contact_id: int, new: str) -> None:
        """The move is written: the column the card joined is read again where the card
        now is (its follow-ups changed with the move): first in a column in arrival order,
        found by its urgency in one ordered by urgency."""
        self._dropped(new)
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

    def _counted(self, stage: str, delta: int) -> None:
        column = self.columns[STAGES.index(stage)]
        column.count += delta
        column.row = min(column.row, max(column.count - 1, 0))

    def _dropped(self, stage: str) -> None:
        """Forget the cards read of a column (read again when drawn)."""
        self._rows[stage] = {}
        self.versions[stage] += 1

    def _left(self, stage: str, contact_id: int) -> None:
        """The cards read of a column, with one card taken out; if it was not among them,
        none are kept."""
        gone = next((r for r, c in self._rows[stage].items() if c.id == contact_id), None)
        if gone is None:
            self._dropped(stage)
        else:
            self._shifted(stage, gone, -1)

    def _shifted(self, stage: str, at: int, delta: int) -> None:
        """Row ``at`` of a column taken out (-1), or a gap opened there (+1): the cards
        read after it move up or down one row."""
        rows = self._rows[stage]
        self._rows[stage] = {
            r if r < at else r + delta: c for r, c in rows.items() if delta > 0 or r != at
        }
        self.versions[stage] += 1

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
        rows = self._rows[column.stage]
        card = rows.get(row)
        if card is None:
            start = row - row % PAGE
            try:
                page = self.cards.page(column.stage, self.query, start, PAGE, column.urgent)
            except ServerUnreachable as error:
                if self.on_lost is None:
                    raise
                self.on_lost(error)
                return None
            rows.update(enumerate(page, start))
            card = rows.get(row)
        return card

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
        found = self.cards.position(contact_id, self.query, self._urgent)
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
        self._dropped(column.stage)
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

    def shown(self, visible: int) -> list[Card]:
        """The cards on screen now (``visible`` rows a column), as far as they are read."""
        found = []
        for column in self.columns:
            for row in range(column.top, min(column.top + visible, column.count)):
                card = self._rows[column.stage].get(row)
                if card is not None:
                    found.append(card)
        return found

    def scroll_into_view(self, visible: int) -> None:
        """Adjust each column's first visible row so its cursor row is on screen."""
        for column in self.columns:
            visible = max(visible, 1)
            if column.row < column.top:
                column.top = column.row
            elif column.row >= column.top + visible:
                column.top = column.row - visible + 1
            column.top = max(0, min(column.top, max(column.count - visible, 0)))
