"""The board's model after a card moves: what it keeps equals what a fresh read shows.

``BoardModel.moved`` keeps the cards it had read of the column a card left (without it)
and reads the column it joined again; a fresh model on the same database is the truth.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.board import PAGE, BoardModel
from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Services


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
