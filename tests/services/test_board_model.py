"""The board's model after a card moves: what it keeps equals what a fresh read shows.

``BoardModel.moved`` keeps the cards it had read of the column a card left (without it)
and reads the column it joined again; a fresh model on the same database is the truth.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Services
from infoterm.tui.board import PAGE, BoardModel


def every_card(model: BoardModel, col: int) -> list[tuple[int, str | None]]:
    return [
        (card.id, card.due_kind) if card else (0, None)
        for card in (model.card(col, row) for row in range(model.columns[col].count))
    ]


@pytest.fixture
def crowded(services: Services, clock: FakeClock) -> Services:
    """40 people in each of requested and met (more than two pages), arriving in turn."""
    for i in range(80):
        clock.advance(timedelta(minutes=1))
        services.contacts.add(
            ContactFields(name=f"Person {i:02d}"), stage="requested" if i % 2 else "met"
        )
    return services


@pytest.mark.parametrize("read", ["all", "near"])
@pytest.mark.parametrize(
    ("start", "delta", "row"),
    [
        ("requested", 1, 0),  # into Met, ordered by urgency
        ("requested", 1, PAGE + 3),  # from the second page
        ("met", -1, 5),  # into Requested, in arrival order
        ("met", -1, 39),  # the last card of its column
    ],
)
def test_after_a_move_the_model_shows_what_a_fresh_read_does(
    crowded: Services, clock: FakeClock, start: str, delta: int, row: int, read: str
) -> None:
    """``read``: both columns read down to the end, or only the pages near the card."""
    model = BoardModel(crowded.db.reader)
    col = STAGES.index(start)
    model.col = col
    if read == "all":
        for index in (col, col + delta):
            every_card(model, index)
    else:
        for near in (row - PAGE, row, row + PAGE):
            model.card(col, near)
    model.columns[col].row = row
    card = model.current
    assert card is not None
    clock.advance(timedelta(minutes=1))
    crowded.contacts.step(card.id, delta)
    model.moved(card.id, start, STAGES[col + delta])

    fresh = BoardModel(crowded.db.reader)
    for index in (col, col + delta):
        assert model.columns[index].count == fresh.columns[index].count
        assert every_card(model, index) == every_card(fresh, index)
    assert model.col == col + delta
    assert model.current is not None and model.current.id == card.id


class Frozen:
    """A reader that refuses to read while ``frozen`` (between a move shown and written)."""

    def __init__(self, reader: Any) -> None:
        self.reader, self.frozen = reader, False

    def __getattr__(self, name: str) -> Any:
        if self.frozen:
            raise AssertionError(f"read {name} before the move was written")
        return getattr(self.reader, name)


def drawn(model: BoardModel, col: int, height: int) -> list[int]:
    """The ids of the cards a frame ``height`` cards high draws in a column."""
    column = model.columns[col]
    rows = range(column.top, min(column.top + height, column.count))
    return [card.id if card else 0 for card in (model.card(col, r) for r in rows)]


@pytest.mark.parametrize(
    ("start", "delta", "row", "top"),
    [
        ("requested", 1, 0, 0),  # into Met, ordered by urgency
        ("requested", 1, PAGE + 3, PAGE - 4),  # from the second page, scrolled
        ("requested", 1, PAGE - 1, PAGE - 9),  # the next page starts right under the view
        ("met", -1, 5, 0),  # into Requested, in arrival order
        ("met", -1, 39, 31),  # the last card of its column: it scrolls up one row
    ],
)
def test_a_move_shown_ahead_reads_nothing_until_written_then_matches_the_database(
    crowded: Services, clock: FakeClock, start: str, delta: int, row: int, top: int
) -> None:
    """``move_ahead`` reads the rows both columns will show first; until the write is done
    nothing is read; after it (``arrived``) the model equals a fresh read."""
    reader = Frozen(crowded.db.reader)
    model = BoardModel(reader)
    col, new, visible = STAGES.index(start), STAGES.index(start) + delta, 9
    model.col, model.columns[col].row, model.columns[col].top = col, row, top
    drawn(model, col, visible)  # the board as drawn before the key
    drawn(model, new, visible)  # (a frame may show a part of one more row: visible + 1)
    card = model.current
    assert card is not None
    ahead = model.move_ahead(card, start, STAGES[new], visible)
    assert ahead is not None
    reader.frozen = True
    model.scroll_into_view(visible)
    assert model.col == new and model.current == card  # first, under the cursor
    shown = {index: drawn(model, index, visible + 1) for index in (col, new)}
    reader.frozen = False

    clock.advance(timedelta(minutes=1))
    assert crowded.contacts.step(card.id, delta) == STAGES[new]
    fresh = BoardModel(crowded.db.reader)
    for index in (col, new):
        fresh.columns[index].top = model.columns[index].top
    assert shown[col] == drawn(fresh, col, visible + 1)  # the column left: as it will be
    others = [i for i in drawn(fresh, new, visible + 2) if i != card.id]
    assert shown[new] == [card.id, *others][: len(shown[new])]  # arrived first

    model.arrived(card.id, STAGES[new])  # written: the column joined is read again
    for index in (col, new):
        assert model.columns[index].count == fresh.columns[index].count
        assert every_card(model, index) == every_card(fresh, index)
    assert model.current is not None and model.current.id == card.id


def test_a_move_shown_ahead_and_not_written_goes_back(crowded: Services) -> None:
    reader = Frozen(crowded.db.reader)
    model = BoardModel(reader)
    col = STAGES.index("requested")
    model.col, model.columns[col].row = col, 3
    every_card(model, col)
    every_card(model, col + 1)
    card = model.current
    assert card is not None
    ahead = model.move_ahead(card, "requested", "met", 9)
    assert ahead is not None
    reader.frozen = True
    model.move_back(ahead)  # the write failed: nothing was written, nothing is read
    fresh = BoardModel(crowded.db.reader)
    for index in (col, col + 1):
        assert model.columns[index].count == fresh.columns[index].count
        assert every_card(model, index) == every_card(fresh, index)
    assert (model.col, model.columns[col].row) == (col, 3) and model.current == card
