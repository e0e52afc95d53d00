"""Database trouble in the app: one banner for a read-only file, a damaged file, and a write
that waits for another program's lock; writes then say one line instead of failing."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database, open_database
from infoterm.tui.widgets.db_banner import DatabaseBanner
from tests.conftest import make_app, record_notifications


def banner_text(app: object) -> str:
    found = app.screen.query(DatabaseBanner)
    return str(found.first().render()) if found else ""


def seed(path: Path, clock: FakeClock) -> None:
    db = open_database(str(path))
    Services(db, clock).contacts.add(ContactFields(name="Grace Hopper", organisation="Navy"))
    db.close()


def damage_an_index(path: Path) -> None:
    """Spoil one page of an index (the table stays readable): quick_check fails."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_contacts_email'"
    ).fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 200)


async def test_a_read_only_file_opens_read_only_with_a_banner_and_writes_say_one_line(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, clock)
    # the tests run as root, who may write any file: the check says what a user would see
    monkeypatch.setattr("infoterm.store.database.is_writable", lambda _path: False)
    db = open_database(str(db_path), write=False, check=False)
    assert db.read_only
    app = make_app(db, clock, welcome=False)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = banner_text(app)
        assert "READ-ONLY" in text and str(db_path) in text and "reading commands" in text
        await pilot.press("L")  # move the card: a write
        await pilot.pause()
        assert any("read-only" in m and "nothing was changed" in m for m in messages)
        assert len(messages[-1].splitlines()) == 1
    db.close()
    after = open_database(str(db_path), write=False)
    assert Services(after, clock).contacts.detail(1).stage == "identified"
    after.close()


async def test_a_damaged_file_falls_to_read_only_with_the_backup_and_recover_named(
    db_path: Path, clock: FakeClock
) -> None:
    seed(db_path, clock)
    backup = db_path.with_name("infoterm.db.v3.bak")
    backup.write_bytes(db_path.read_bytes())
    damage_an_index(db_path)
    db = open_database(str(db_path), write=False, check=False)  # as the TUI opens it
    app = make_app(db, clock, welcome=False)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):  # the check runs in the warm-up worker after the first paint
            if "DAMAGED" in banner_text(app):
                break
            await pilot.pause(0.02)
        text = " ".join(banner_text(app).split())
        assert "DAMAGED" in text and "integrity check" in text
        assert str(backup) in text and ".recover" in text
        size = os.path.getsize(db_path)
        await pilot.press("L")
        await pilot.pause()
        assert any("is damaged" in m and "nothing was written" in m for m in messages)
        assert os.path.getsize(db_path) == size
    db.close()


async def test_a_write_waiting_for_another_programs_lock_says_so_then_goes_through(
    db_path: Path, clock: FakeClock
) -> None:
    seed(db_path, clock)
    db = open_database(str(db_path), write=False, check=False, lock_timeout_ms=30_000)
    db.notice_after_ms = 200  # the app's 2 s, shortened for the test
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        done = threading.Event()

        def write() -> None:
            Services(db, clock).contacts.update(
                1, ContactFields(name="Grace Hopper", organisation="Navy", title="Admiral")
            )
            done.set()

        app.run_worker(write, thread=True)
        for _ in range(200):
            if "WAITING" in banner_text(app):
                break
            await pilot.pause(0.02)
        assert "waiting for another program" in banner_text(app)
        assert not done.is_set()
        other.execute("ROLLBACK")  # the other program is through
        for _ in range(200):
            if done.is_set() and not banner_text(app):
                break
            await pilot.pause(0.02)
        assert done.is_set() and banner_text(app) == ""
    other.close()
    assert Services(db, clock).contacts.detail(1).title == "Admiral"
    db.close()


def test_the_tui_waits_up_to_30_seconds_for_the_lock() -> None:
    from infoterm.cli.tui import TUI_LOCK_WAIT_MS
    from infoterm.store.sqlite import NOTICE_AFTER_MS

    assert (NOTICE_AFTER_MS, TUI_LOCK_WAIT_MS) == (2000, 30_000)


def test_the_database_banner_is_one_widget_for_every_state(db: Database) -> None:
    from infoterm.tui.widgets.db_banner import Trouble

    kinds = {"read-only", "damaged", "waiting"}
    assert {Trouble(k, "m").text().plain.split()[0] for k in kinds} == {
        "READ-ONLY",
        "DAMAGED",
        "WAITING",
    }
