"""The daily review as it looks on the demo campaign (fake clock: Monday 09:00)."""

from __future__ import annotations

from infoterm.clock import FakeClock
from infoterm.settings import Settings
from infoterm.store.database import Database
from tests.conftest import make_app


def test_review_120x40(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock, Settings(ui_start_screen="review"))
    assert snap_compare(app, terminal_size=(120, 40))


def test_review_80x24(snap_compare, demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock, Settings(ui_start_screen="review"))
    assert snap_compare(app, terminal_size=(80, 24), press=["j", "j", "j"])


def test_thank_you_draft_beside_the_notes(
    snap_compare, demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock, Settings(ui_start_screen="review"))
    assert snap_compare(app, terminal_size=(120, 40), press=["j", "j", "j", "w"])
