"""Running the ``infoterm`` command in-process for the fuzz tests, and checking its outcome.

Each example works on its own copy of a small seeded campaign (copied from a template
made once: cheaper than creating a schema per example), so examples never see each other.
Each runs in a time zone of ``ZONES`` (the rest of the suite runs in UTC, which hid an
export that could not be restored: a local time at the edge of the range).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infoterm.cli import main

# The seeded campaign: commands that made it (names the fuzzed commands can refer to).
SEED = [
    ["add", "Ada Lovelace", "--org", "Analytical Engines", "--title", "Engineer"],
    ["add", "Grace Hopper", "--org", "Navy", "--stage", "requested"],
    ["log", "Grace", "met", "--minutes", "20"],
    ["log", "Ada", "touch", "--note", "sent a note"],
    ["followup", "add", "Ada", "--due", "+2d", "--note", "send the article"],
]


# UTC, a zone west of it with DST, one east with a 30-minute DST shift, one with DST at 01:00
ZONES = ("UTC", "America/New_York", "Australia/Lord_Howe", "Europe/London")


@contextlib.contextmanager
def in_zone(zone: str) -> Iterator[None]:
    """Run the commands as if ``TZ=zone`` (the clock reads TZ each time)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ")
        else:
            os.environ["TZ"] = before
        time.tzset()


@dataclass
class Outcome:
    argv: list[str]
    code: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return f"{self.argv!r} -> {self.code}\nstdout: {self.stdout[-800:]!r}\nstderr: {self.stderr[-1500:]!r}"


class _Capture(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(
            io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True
        )

    def text(self) -> str:
        self.flush()
        assert isinstance(self.buffer, io.BytesIO)
        return self.buffer.getvalue().decode("utf-8", "replace")


def run(argv: list[str]) -> Outcome:
    """``infoterm ARGV`` in this process; anything but a clean exit fails the test."""
    out, err = _Capture(), _Capture()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Outcome(argv, code, out.text(), err.text())


def assert_clean(outcome: Outcome) -> None:
    """Exit 0, or a non-zero exit with one line on stderr; never a traceback."""
    assert "Traceback" not in outcome.stderr, outcome.describe()
    if outcome.code != 0:
        lines = outcome.stderr.strip().splitlines()
        assert len(lines) == 1, outcome.describe()
        assert lines[0].startswith("infoterm"), outcome.describe()


def assert_intact(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def read_everything(db: Path) -> None:
    """Every reading command still works on what the fuzzed command left, and its JSON
    export restores into a new file."""
    for argv in (
        ["list", "--archived"],
        ["list", "--json"],
        ["show", "1"],
        ["due"],
        ["stats"],
        ["export", "json"],
        ["export", "csv"],
        ["export", "ics"],
    ):
        outcome = run(["--db", str(db), *argv])
        assert_clean(outcome)
        assert outcome.code == 0 or "no contact" in outcome.stderr, outcome.describe()
    assert_restorable(db)


def assert_restorable(db: Path) -> None:
    """What infoterm stored, its export gives back: ``import json`` into a new file."""
    export = db.with_name("restorable.json")
    copy = db.with_name("restorable.db")
    try:
        outcome = run(["--db", str(db), "export", "json", "-o", str(export)])
        assert outcome.code == 0, outcome.describe()
        outcome = run(["--db", str(copy), "import", "json", str(export)])
        assert outcome.code == 0, outcome.describe()
    finally:
        for path in (export, copy, *copy.parent.glob(copy.name + "-*")):
            path.unlink(missing_ok=True)


_template: Path | None = None


def _seeded_template() -> Path:
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="infoterm-fuzz-"))
        _template = folder / "seed.db"
        home = os.environ.get("INFOTERM_HOME")
        os.environ["INFOTERM_HOME"] = str(folder / "home")  # made at import: keep off ~
        try:
            for argv in SEED:
                outcome = run(["--db", str(_template), *argv])
                assert outcome.code == 0, outcome.describe()
        finally:
            if home is None:
                os.environ.pop("INFOTERM_HOME")
            else:
                os.environ["INFOTERM_HOME"] = home
    return _template


@contextlib.contextmanager
def campaign(seeded: bool = True) -> Iterator[Path]:
    """A folder holding ``campaign.db`` (the seeded campaign, or no file yet)."""
    with tempfile.TemporaryDirectory(prefix="infoterm-fuzz-") as folder:
        db = Path(folder) / "campaign.db"
        if seeded:
            shutil.copyfile(_seeded_template(), db)
        yield db
