"""A check box that reads the same without colour: ✓ when on, blank when off."""

from __future__ import annotations

from textual.app import App, ComposeResult

from infoterm.tui.widgets.tick_box import TickBox


class OneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Close the open thank-yous", False, id="box")


def mark(app: OneBox) -> str:
    return app.query_one(TickBox).render_line(0).text


async def test_the_mark_shows_the_state_not_only_its_colour() -> None:
    app = OneBox()
    async with app.run_test(size=(40, 3)) as pilot:
        box = app.query_one(TickBox)
        assert "✓" not in mark(app) and "X" not in mark(app)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is True and "✓" in mark(app)
        await pilot.press("space")
        await pilot.pause()
        assert box.value is False and "✓" not in mark(app)
