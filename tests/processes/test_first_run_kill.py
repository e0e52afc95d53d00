"""The first run is atomic (issue 9, item 7): a first run killed (SIGKILL) at any point
leaves a file the next run either finds empty or completes; never "not an infoterm one",
and nothing already saved is lost.

Each killed run is a real process (forked from the test, so that it starts in
milliseconds) that dies with SIGKILL just before its Nth SQL statement, for every N of a
first run's statements; a few more kill the real ``infoterm`` console script after a
random delay.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from infoterm.cli import main
from infoterm.store import engine as store_engine
from infoterm.store import sqlite as store_sqlite
from infoterm.store.schema import SCHEMA_VERSION

from .helpers import child_env

pytestmark = pytest.mark.sqlite_only


def _trace_statements(stop_at: int | None) -> list[int]:
    """In a child: count the SQL statements of every connection infoterm opens, and die
    (SIGKILL) at statement ``stop_at``. Returns the counter (one number in a list)."""
    seen = [0]
    real = store_sqlite.raw_connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)

        def count(_sql: str) -> None:
            seen[0] += 1
            if stop_at is not None and seen[0] >= stop_at:
                os.kill(os.getpid(), signal.SIGKILL)

        conn.set_trace_callback(count)
        return conn

    import infoterm.store.database as database

    for module in (store_sqlite, store_engine, database):
        module.raw_connect = traced
    return seen


def _run_forked(argv: list[str], stop_at: int | None = None, report: int | None = None) -> int:
    """Run ``infoterm ARGV`` in a forked process, killed at statement ``stop_at``; its
    exit status (-9 when killed). ``report``: a pipe to write the statement count to."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            seen = _trace_statements(stop_at)
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            if report is not None:
                os.write(report, str(seen[0]).encode())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _statements_of(argv: list[str]) -> int:
    """How many statements the command runs (a child that is never killed counts them)."""
    read, write = os.pipe()
    assert _run_forked(argv, report=write) == 0
    os.close(write)
    with os.fdopen(read) as pipe:
        return int(pipe.read())


def _names(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--db", str(path), "list", "--json"]) == 0
    import json

    return sorted(row["name"] for row in json.loads(capsys.readouterr().out))


def _state(path: Path) -> tuple[int, str]:
    conn = sqlite3.connect(path)
    try:
        return (
            int(conn.execute("PRAGMA user_version").fetchone()[0]),
            str(conn.execute("PRAGMA integrity_check").fetchone()[0]),
        )
    finally:
        conn.close()


def test_a_first_run_killed_before_any_statement_is_completed_by_the_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "first.db"
    count = _statements_of(["--db", str(tmp_path / "count.db"), "add", "Ada"])
    assert count > 20  # the schema's tables and indexes, then the contact
    failures = []
    for stop_at in range(1, count + 1):
        for leftover in tmp_path.glob("first.db*"):
            leftover.unlink()
        killed = _run_forked(["--db", str(path), "add", "Ada"], stop_at)
        assert killed == -signal.SIGKILL, f"statement {stop_at}: exit {killed}"
        # the next run: an empty file, or one to complete; never refused
        code = _run_forked(["--db", str(path), "add", "Grace"])
        if code != 0:
            failures.append(f"kill at statement {stop_at}: the next run exited {code}")
            continue
        names = _names(path, capsys)
        if names not in (["Grace"], ["Ada", "Grace"]):
            failures.append(f"kill at statement {stop_at}: {names}")
        if _state(path) != (SCHEMA_VERSION, "ok"):
            failures.append(f"kill at statement {stop_at}: {_state(path)}")
    assert failures == []


def test_a_later_run_killed_anywhere_loses_nothing_already_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kept.db"
    assert _run_forked(["--db", str(path), "add", "Ada", "--org", "Acme"]) == 0
    spare = tmp_path / "spare.db"
    spare.write_bytes(path.read_bytes())
    count = _statements_of(["--db", str(spare), "add", "Grace", "--org", "Navy"])
    argv = ["--db", str(path), "add", "Grace", "--org", "Navy"]
    for stop_at in range(1, count + 1):
        # a run that got as far as its commit before (then Grace is there) does less
        assert _run_forked(argv, stop_at) in (-signal.SIGKILL, 0)
        names = _names(path, capsys)
        assert "Ada" in names, f"kill at statement {stop_at}: {names}"
        assert _state(path) == (SCHEMA_VERSION, "ok")
        assert set(names) <= {"Ada", "Grace"}


def test_the_real_command_killed_at_random_moments_of_a_first_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chance = random.Random(9)
    env = child_env(tmp_path / "home")
    script = Path(sys.executable).with_name("infoterm")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "infoterm"]
    for attempt in range(8):
        path = tmp_path / f"run{attempt}.db"
        child = subprocess.Popen(
            [*command, "--db", str(path), "add", "Ada"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # wait for the file to appear (the first run has begun), then a random moment more
        deadline = time.monotonic() + 60
        while not path.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(chance.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert main(["--db", str(path), "add", "Grace"]) == 0
        assert _names(path, capsys) in (["Grace"], ["Ada", "Grace"])
        assert _state(path) == (SCHEMA_VERSION, "ok")
