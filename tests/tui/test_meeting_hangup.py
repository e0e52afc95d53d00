"""Closing the terminal (SIGHUP) mid-meeting keeps the words typed just before, as a
polite kill (SIGTERM) does (issue 9, item 14).

A real ``infoterm meet`` in a pty: notes are typed, and the signal comes while the last
words are still waiting for the notes' own save (half a second after typing pauses).
The test checks that they were not in the file yet when the signal was sent, and are
after the process has gone.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from infoterm.clock import SystemClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import open_database
from tests.tui.test_meeting_kill import DEADLINE, Terminal, row

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

WORDS = ("Runs a team of six", " hiring in spring", " ask about the platform team")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_the_notes_typed_just_before_the_terminal_closes_are_saved(
    tmp_path: Path, signum: int
) -> None:
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
    typed = ""
    try:
        term.wait_for(lambda: "Notes" in term.text() and "READY" in term.text(), "the screen")
        for words in WORDS:
            typed += words
            term.type(words.encode())
            shown = words.strip()
            term.wait_for(lambda: shown in term.text(), "the words on screen")  # noqa: B023
            found = row(db_path)
            if found is None or found[2] != typed:
                break  # still unsaved: now the terminal goes
        else:
            pytest.fail("every chunk was saved before the signal could come (too slow a machine)")
        os.close(term.master)  # the terminal window closes...
        os.kill(term.process.pid, signum)  # ...and the kernel hangs up on the app
        code = term.process.wait(timeout=DEADLINE)
    finally:
        if term.process.poll() is None:
            term.process.kill()
            term.process.wait()
    found = row(db_path)
    assert found is not None and found[2] == typed
    assert code == 128 + signum, code  # it quit as asked, not killed by the signal
