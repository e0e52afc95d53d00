"""Files are written atomically and privately: a failure keeps the previous file whole.

The kill and size-limit cases run in real processes (RLIMIT_FSIZE, SIGKILL).
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from infoterm import atomic
from infoterm.atomic import CopyError, copy_database, private_dirs, write_atomic

LIMIT = 96 * 1024  # above SQLite's 32 KB -shm file, below every padded export
OLD = b"the previous, good export\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_replaces_the_file_private_with_nothing_left_over(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(OLD)
    os.chmod(target, 0o644)
    old = os.umask(0o022)
    try:
        write_atomic(target, "new text ✓")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "new text ✓"
    assert mode(target) == 0o600
    assert os.listdir(tmp_path) == ["out.json"]


def test_folders_it_creates_are_private_at_every_level(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "b" / "c.txt", b"x")
        private_dirs(tmp_path / "d" / "e")
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "d", "d/e"):
        assert mode(tmp_path / folder) == 0o700, folder


def test_a_full_disk_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    calls = []

    def full(fd: int, data: object) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, memoryview(data)[:10])  # type: ignore[arg-type]

    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["out.csv"]


def test_the_named_fallback_cleans_up_too(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delattr(atomic.os, "O_TMPFILE", raising=False)
    target = tmp_path / "cfg.toml"
    target.write_bytes(OLD)
    monkeypatch.setattr(atomic.os, "fsync", _raise_eio)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == OLD and os.listdir(tmp_path) == ["cfg.toml"]
    monkeypatch.undo()
    monkeypatch.delattr(atomic.os, "O_TMPFILE", raising=False)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o600


def _raise_eio(fd: int) -> None:
    raise OSError(errno.EIO, "I/O error")


def test_a_stream_target_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, b"streamed")
        assert os.read(reader, 100) == b"streamed"
    finally:
        os.close(reader)
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"x")


# -- real processes ------------------------------------------------------------------------

LIMITED = """
import resource, signal, sys
from pathlib import Path
LIMIT = int(sys.argv[2])
# Python ignores SIGXFSZ (a write past the limit fails with EFBIG); "kill" restores the
# default, so the kernel kills the process mid-write.
if sys.argv[1] == "kill":
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
sys.argv = ["infoterm", *sys.argv[3:]]
from infoterm.cli import main
sys.exit(main(sys.argv[1:]))
"""


def infoterm_limited(how: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LIMITED, how, str(LIMIT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def big_campaign(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The demo campaign padded so that every export is well over the size limit."""
    from infoterm.clock import FakeClock
    from infoterm.demo import seed_demo
    from infoterm.store.database import open_database
    from tests.conftest import NOW

    env = dict(os.environ, INFOTERM_HOME=str(tmp_path / "home"), TZ="UTC")
    db = tmp_path / "data" / "big.db"
    database = open_database(str(db))
    seed_demo(database, FakeClock(NOW))
    database.close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE contacts SET notes = hex(randomblob(3000))")
        conn.execute("UPDATE meetings SET agenda = hex(randomblob(3000))")
        conn.execute("UPDATE followups SET reason = hex(randomblob(3000))")
    return db, env


@pytest.mark.parametrize("how", ["kill", "ignore"])
@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_export_over_a_size_limit_keeps_the_previous_export(
    big_campaign: tuple[Path, dict[str, str]], tmp_path: Path, how: str, fmt: str
) -> None:
    db, env = big_campaign
    out = tmp_path / "exports" / f"campaign.{fmt}"
    out.parent.mkdir()
    out.write_bytes(OLD)
    result = infoterm_limited(how, "--db", str(db), "export", fmt, "-o", str(out), env=env)
    if how == "kill":
        assert result.returncode == -signal.SIGXFSZ
    else:
        assert result.returncode == 1 and "cannot write" in result.stderr
        assert "Traceback" not in result.stderr
    assert out.read_bytes() == OLD
    assert os.listdir(out.parent) == [out.name]


@pytest.mark.parametrize("how", ["kill", "ignore"])
def test_a_backup_cut_short_leaves_no_copy_behind(
    big_campaign: tuple[Path, dict[str, str]], tmp_path: Path, how: str
) -> None:
    db, env = big_campaign
    folder = tmp_path / "backups"
    folder.mkdir()
    result = infoterm_limited(how, "--db", str(db), "backup", str(folder / "b.db"), env=env)
    assert result.returncode == (-signal.SIGXFSZ if how == "kill" else 1), result.stderr
    assert "Traceback" not in result.stderr
    assert os.listdir(folder) == []


KILLED_MID_WRITE = """
import os, signal, sys
from infoterm import atomic
real = os.write
def stuck(fd, data):
    real(fd, bytes(data[:10]))
    print("writing", flush=True)
    signal.pause()
atomic.os.write = stuck
if sys.argv[2] == "named":
    del atomic.os.O_TMPFILE
atomic.write_atomic(sys.argv[1], b"x" * 1000)
"""


@pytest.mark.parametrize("kind", ["tmpfile", "named"])
def test_kill_9_mid_write_keeps_the_previous_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(OLD)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(target), kind],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    child.kill()
    child.wait(timeout=30)
    assert target.read_bytes() == OLD
    left = sorted(os.listdir(tmp_path))
    if kind == "tmpfile":
        assert left == ["export.json"]  # O_TMPFILE: an unnamed file vanishes with the process
    else:
        # Without O_TMPFILE a killed process cannot clean up; its leftover is private.
        leftovers = [n for n in left if n != "export.json"]
        assert len(leftovers) == 1 and mode(tmp_path / leftovers[0]) == 0o600


# -- database copies -----------------------------------------------------------------------


def test_copy_database_is_checked_private_and_complete(tmp_path: Path) -> None:
    from infoterm.store.database import open_database

    source = tmp_path / "live.db"
    database = open_database(str(source))
    database.close()
    copy = copy_database(source, tmp_path / "copies" / "copy.db")
    assert mode(copy.path) == 0o600 and mode(copy.path.parent) == 0o700
    with sqlite3.connect(copy.path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    with pytest.raises(CopyError):
        (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
        copy_database(tmp_path / "junk.db", tmp_path / "junk-copy.db")
    assert not (tmp_path / "junk-copy.db").exists()


def test_upgrade_backup_and_infoterm_backup_are_one_function() -> None:
    from infoterm.services import interop
    from infoterm.store import migrate

    assert migrate.copy_database is interop.copy_database is copy_database


def test_an_existing_world_readable_file_becomes_a_private_database(tmp_path: Path) -> None:
    from infoterm.store.database import open_database

    path = tmp_path / "made-by-touch.db"
    path.touch()
    os.chmod(path, 0o644)
    open_database(str(path)).close()
    assert mode(path) == 0o600


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_exports_backups_templates_and_config_are_private(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from infoterm import config, templates
    from infoterm.cli import main

    db = str(tmp_path / "c.db")
    assert main(["--db", db, "add", "Ada Lovelace"]) == 0
    out = tmp_path / "out" / f"export.{fmt}"
    out.parent.mkdir()
    out.write_text("old")
    os.chmod(out, 0o644)
    assert main(["--db", db, "export", fmt, "-o", str(out)]) == 0
    assert mode(out) == 0o600 and out.read_text(encoding="utf-8-sig") != "old"
    assert main(["--db", db, "backup", str(tmp_path / "b" / "copy.db")]) == 0
    assert mode(tmp_path / "b" / "copy.db") == 0o600 and mode(tmp_path / "b") == 0o700
    written = templates.ensure_templates(tmp_path / "templates")
    assert written and all(mode(p) == 0o600 for p in written)
    config.set_values(tmp_path / "cfg" / "config.toml", {"meeting.bell": False})
    assert mode(tmp_path / "cfg" / "config.toml") == 0o600 and mode(tmp_path / "cfg") == 0o700
    capsys.readouterr()
