"""The live outreach check beside a reach-out draft (the review's w), on the demo."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.tui.screens import review_modals
from infoterm.tui.widgets.outreach_check import OutreachCheck
from tests.conftest import make_app
from tests.tui.test_review import current

BAD = "Hi Keisha,\n\nI want a [b]job[/b] at your firm. I have a CV.\n\nThanks,\nSam\n"


async def _open_reach_out(pilot: Any, app: Any) -> OutreachCheck:
    await pilot.press("t")
    while current(app).label != "reach out":
        await pilot.press("j")
    await pilot.press("w")
    await pilot.pause()
    return app.screen.query_one(OutreachCheck)


async def test_the_reach_out_draft_passes_and_the_check_follows_an_edit(
    demo_db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _open_reach_out(pilot, app)
        assert [r.passed for r in panel.results] == [True] * 5
        assert str(panel.border_subtitle) == "5 of 5 pass" and panel.has_class("-passes")
        shown = str(panel.rules.render())
        assert '✓ Connection: "Farah Haddad"' in shown and "✓ 55 words: under 75" in shown

        def editor(command: list[str], check: bool) -> None:
            Path(command[-1]).write_text(BAD, encoding="utf-8")

        monkeypatch.setattr(review_modals.templates, "editor_command", lambda: ["ed"])
        monkeypatch.setattr(review_modals.subprocess, "run", editor)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("e")
        await pilot.pause()
        assert str(panel.border_subtitle) == "1 of 5 pass" and not panel.has_class("-passes")
        shown = str(panel.rules.render())
        assert '✗ No job words\njob words "job", "cv"' in shown
        assert "✗ Connection in the first sentence" in shown
        assert "✓ 11 words: under 75" in shown
        # the note is data: its [b] shows as typed in the draft, nothing is parsed as markup
        assert "[b]job[/b]" in str(app.screen.query_one("#draft-text").render())


async def test_the_word_limit_setting_reaches_the_check(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock, Settings(outreach_word_limit=40))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _open_reach_out(pilot, app)
        assert panel.results[0].reason == "55 words: keep it under 40"
        assert "✗ Under 40 words" in str(panel.rules.render())


async def test_a_thank_you_draft_has_no_outreach_check(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "j", "j", "j", "w")
        await pilot.pause()
        assert app.screen.query("#draft-text") and not app.screen.query(OutreachCheck)
