"""The footer keeps q and ? on screen, however many keys a screen has (issue 11, item 9)."""

from __future__ import annotations

from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.store.database import Database
from infoterm.widgets.footer import Footer
from tests.conftest import make_app


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((80, 24), []),
        ((120, 40), []),
        ((80, 24), ["t"]),
        ((120, 40), ["l", "l", "l", "l", "enter"]),
    ],
)
async def test_quit_and_help_come_first_and_show(
    demo_db: Database, clock: FakeClock, size: tuple[int, int], keys: list[str]
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        footer = app.screen.query_one(Footer)
        shown: list[Any] = [key for key in footer.children if key.region.width]
        assert [key.action for key in shown[:2]] == ["quit", "help"]
        width = app.screen.size.width
        for key in shown[:2]:
            assert key.region.right <= width, key
        palette = [key for key in shown if key.has_class("-command-palette")]
        assert len(palette) == 1 and palette[0].region.right == width
