"""The open board shows another machine's change within 2 s, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.board import POLL_SECONDS, BoardScreen
from tests.conftest import make_app
from tests.engines import second_window


@pytest.mark.two_engines
async def test_another_machines_new_contact_appears_on_the_open_board_within_2_s(
    db: Database, clock: FakeClock
) -> None:
    Services(db, clock).contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    app = make_app(db, clock, welcome=False)
    other = second_window(db, clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            assert app.screen.model.total == 1
            other.contacts.add(ContactFields(name="Ada Lovelace", organisation="Engines"))
            started = time.monotonic()
            while app.screen.model.total < 2 and time.monotonic() - started < 5:
                await pilot.pause(0.05)
            elapsed = time.monotonic() - started
            assert app.screen.model.total == 2
            assert elapsed <= POLL_SECONDS + 0.5, elapsed
    finally:
        other.db.close()
