"""Snapshots: the welcome, the settings and the board, at 80x24 and 120x40."""

from __future__ import annotations

import pytest

from infoterm.clock import FakeClock
from infoterm.store.database import Database
from tests.conftest import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_welcome(snap_compare, db: Database, clock: FakeClock, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(db, clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_settings(snap_compare, demo_db: Database, clock: FakeClock, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=size, press=["ctrl+s"])


def test_board_small_terminal(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(make_app(demo_db, clock), terminal_size=(80, 24), press=["right", "down"])


def test_board_privacy_and_contact_small(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    assert snap_compare(
        make_app(demo_db, clock), terminal_size=(80, 24), press=["enter", "asterisk"]
    )
