"""Every screen opens on a campaign whose stored times cannot be read (raw sqlite3)."""

from __future__ import annotations

import pytest

from infoterm.clock import FakeClock
from infoterm.screens.board import BoardScreen
from infoterm.store.database import Database
from tests.cli.test_unreadable_times import spoil_every_time
from tests.conftest import make_app


@pytest.mark.parametrize("value", ["999-06-01 09:00:00", "garbage"])
async def test_screens_open_on_unreadable_times(
    demo_db: Database, clock: FakeClock, value: str
) -> None:
    assert demo_db.sqlite_path is not None
    assert spoil_every_time(demo_db, value) > 100
    app = make_app(demo_db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for keys in (["e"], ["t"], ["S"], ["o"], ["b"], ["R"], ["m"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.is_running, keys
            opened = app.screen
            await pilot.press("escape")
            await pilot.pause()
            if not isinstance(app.screen, BoardScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, BoardScreen), (keys, opened)
        app.screen.query_one("#board")  # still drawn
    assert app.return_code in (None, 0)
