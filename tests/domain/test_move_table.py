"""What a move through the pipeline causes: the table in ``followup_policy.MOVES`` covers
every ordered pair of the six stages and gives the plans the stage-position arithmetic it
replaced gave (kept here as the reference, verbatim)."""

from __future__ import annotations

from itertools import product

import pytest

from infoterm import followup_policy as policy
from infoterm.followup_policy import CLOSED, DONE, REPLY_CLOSES, MovePlan
from infoterm.pipeline import STAGES


def arithmetic_plan(old: str, new: str) -> MovePlan:
    """``plan_move`` as it was before the table (issue 14): positions compared."""
    if old == new:
        return MovePlan()
    at = STAGES.index
    requested, met, thanked, landed = (
        at("requested"),
        at("met"),
        at("thanked"),
        at("landed"),
    )
    o, n = at(old), at(new)
    create: list[str] = []
    close: dict[str, str] = {}
    touch = False
    if n == requested:
        create += ["second-contact", "nudge"]  # 3B7 (issue 13)
    if o == requested:
        close.update(dict.fromkeys(("nudge", "second-contact", "let-go"), CLOSED))
    if o < requested <= n:
        close["reach-out"] = CLOSED
    if n > requested and o <= requested:
        close.update(dict.fromkeys(REPLY_CLOSES, CLOSED))
    if n == met and o < met:
        create += ["thank-you", "report-back"]
    if o <= met < n:
        close["thank-you"] = DONE
        touch = o == met
    if thanked <= n < landed:
        create.append("check-in")
    if n < met <= o:
        close.update(dict.fromkeys(("thank-you", "tell-landed"), CLOSED))
    if n < thanked <= o or n == landed:
        close["check-in"] = CLOSED
    if n == landed:
        close["tell-landed"] = CLOSED
    return MovePlan(tuple(create), close, touch)


PAIRS = list(product(STAGES, STAGES))


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_the_plan_of_every_move_is_what_the_arithmetic_gave(old: str, new: str) -> None:
    assert policy.plan_move(old, new) == arithmetic_plan(old, new)


def test_the_table_has_every_ordered_pair_of_different_stages_and_no_other() -> None:
    moves = policy.MOVES
    assert set(moves) == {(o, n) for o, n in PAIRS if o != n}
    assert len(moves) == len(STAGES) * (len(STAGES) - 1) == 30
