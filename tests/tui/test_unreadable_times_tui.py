"""Every screen opens on a campaign whose stored times cannot be read (raw sqlite3)."""

from __future__ import annotations

import pytest

from infoterm.clock import FakeClock
from infoterm.store.database import Database
from infoterm.tui.screens.board import BoardScreen
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


@pytest.mark.parametrize("value", ["999-06-01 09:00:00", "garbage"])
async def test_the_review_lists_follow_ups_whose_time_cannot_be_read(
    demo_db: Database, clock: FakeClock, value: str
) -> None:
    """Even one due weeks ahead: shown under Overdue as "unknown date", not dropped."""
    from infoterm.tui.screens.review import ReviewScreen
    from infoterm.tui.widgets.followup_list import FollowUpList
    from tests.engines import execute, rows

    (far,) = rows(
        demo_db,
        "SELECT id FROM followups WHERE state = 'open' AND snoozed_until IS NULL"
        " ORDER BY due_at DESC LIMIT 1",
    )[0:1]
    execute(demo_db, "UPDATE followups SET due_at = :v WHERE id = :id", v=value, id=far[0])
    app = make_app(demo_db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        items = app.screen.query_one(FollowUpList).items
        (item,) = [i for i in items if i.row == "followup" and i.key == far[0]]
        assert item.when == "unknown date" and item.level == "late"
        headers = [i.text for i in items if i.row == "header"]
        assert any(h.startswith("Overdue") for h in headers)
