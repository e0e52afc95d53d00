"""kill -9 in the middle of a meeting: a real ``infoterm meet`` in a pty, typed into, then
killed. The notes and the running meeting must be in the file, and reopening resumes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyte
import pytest

from infoterm import timer
from infoterm.clock import FakeClock, SystemClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

DEADLINE = 30.0  # seconds: generous for a slow CI machine; the test waits on conditions


class Terminal:
    """A child process on a 120x40 pty, its output fed into a pyte screen."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.screen = pyte.Screen(120, 40)
        self.stream = pyte.ByteStream(self.screen)

    def pump(self, timeout: float = 0.05) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):  # the child may have gone
                self.stream.feed(os.read(self.master, 65536))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        """Keep reading the terminal until ``condition`` holds (or fail at the deadline)."""
        end = time.monotonic() + DEADLINE
        while not condition():
            if time.monotonic() > end or self.process.poll() is not None:
                raise AssertionError(f"gave up waiting for {what}; screen:\n{self.text()}")
            self.pump()

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=DEADLINE)
        os.close(self.master)


def row(db_path: Path) -> tuple[str, str | None, str] | None:
    """(state, started_at, notes) of the newest meeting, read like any other process would."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
        found = conn.execute(
            "SELECT state, started_at, notes FROM meetings ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return None if found is None else (found[0], found[1], found[2])


def test_kill_9_mid_meeting_keeps_the_notes_and_the_running_meeting(tmp_path: Path) -> None:
    db_path = tmp_path / "campaign.db"
    db = open_database(str(db_path))
    services = Services(db, SystemClock())
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    services.meetings.record_request(dev, 19)
    db.close()

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")},
        "TERM": "xterm-256color",
        "INFOTERM_HOME": str(tmp_path / "home"),
        "TZ": "UTC",
    }
    args = [sys.executable, "-m", "infoterm", "--db", str(db_path), "meet", "Dev Patel"]
    term = Terminal(args, env)
    try:
        term.wait_for(lambda: "Notes" in term.text() and "READY" in term.text(), "the screen")
        term.type(b"\x14")  # ctrl+t: the talking starts, so does the meeting
        term.wait_for(
            lambda: (found := row(db_path)) is not None and found[0] == "running", "start"
        )
        term.wait_for(lambda: "RUNNING" in term.text(), "the running clock")
        term.type(b"Runs a team of six; hiring in spring")  # saved by the notes' own timer
        term.wait_for(
            lambda: (
                (found := row(db_path)) is not None
                and found[0] == "running"
                and found[2] == "Runs a team of six; hiring in spring"
            ),
            "the notes in the database",
        )
    finally:
        term.kill()

    state, started_at, notes = row(db_path) or ("", None, "")
    assert state == "running" and started_at is not None
    assert notes == "Runs a team of six; hiring in spring"

    # A new process 18 minutes later finds the meeting where it should be: in wrap-up.
    started = datetime.strptime(started_at, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    later = FakeClock(started + timedelta(minutes=18))
    db = open_database(str(db_path))
    try:
        view = Services(db, later).meetings.open_for(dev)
    finally:
        db.close()
    assert view.notes == notes
    reading = timer.read(view.timer, later.now())
    assert (reading.phase, reading.display) == ("wrapup", "1:00")

    # And the real app, reopened, shows it running with the notes.
    term = Terminal(args, env)
    try:
        term.wait_for(
            lambda: "Runs a team of six" in term.text() and "RUNNING" in term.text(),
            "the reopened meeting",
        )
    finally:
        term.kill()
