"""import / export / backup / stats from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from tests.engines import count
from tests.interop.helpers import LINKEDIN_HEADER, LINKEDIN_PREAMBLE

ROWS = [
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,15 Mar 2024",
    'Grace,Hopper,,grace@navy.example,"Navy, US",Admiral,01 Sep 2023',
    ",,,,Nameless,,",
]


@pytest.fixture
def dbfile(db_target: str) -> str:
    """The test's database: a SQLite file, or the PostgreSQL one (see conftest)."""
    return db_target


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join([*LINKEDIN_PREAMBLE, LINKEDIN_HEADER, *ROWS]) + "\n")
    return path


def test_import_linkedin_dry_run_then_for_real(
    capsys: pytest.CaptureFixture[str], dbfile: str, connections: Path
) -> None:
    code, out, err = run(
        capsys, "--db", dbfile, "import", "linkedin", str(connections), "--dry-run"
    )
    assert code == 0
    assert out.splitlines() == [
        "dry run: nothing was changed",
        "  add     line 5      Ada Lovelace (Engines)",
        "  add     line 6      Grace Hopper (Navy, US)",
        "  skip    line 7      no name (needs a name, first name or last name)",
        "LinkedIn import: would add 2 to your address book, would update 0, would skip 1 (1 bad row)",
    ]
    assert count(dbfile, "contacts") == 0

    code, out, err = run(capsys, "--db", dbfile, "import", "linkedin", str(connections))
    assert code == 0
    assert out.splitlines() == [
        "LinkedIn import: added 2 to your address book, updated 0, skipped 1 (1 bad row)",
        "they are in your address book: press b on the board to put people on it",
    ]
    assert f"{connections}: skipped: line 7: no name" in err

    code, out, _ = run(
        capsys, "--db", dbfile, "import", "linkedin", str(connections), "--stage", "id", "--json"
    )
    data = json.loads(out)
    assert data["stage"] == "identified"
    assert [(u["name"], u["detail"]) for u in data["updated"]] == [
        ("Ada Lovelace", "put on the board in Identified"),
        ("Grace Hopper", "put on the board in Identified"),
    ]
    code, out, _ = run(capsys, "--db", dbfile, "list")
    assert "Ada Lovelace" in out and "Grace Hopper" in out


def test_import_csv_with_map(
    capsys: pytest.CaptureFixture[str], dbfile: str, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Employer Name\nKatherine Johnson,NASA\n")
    code, _, err = run(capsys, "--db", dbfile, "import", "csv", str(path))
    assert code == 1 and "no recognisable header row" in err
    code, out, _ = run(
        capsys,
        "--db",
        dbfile,
        "import",
        "csv",
        str(path),
        "--map",
        "Who=name",
        "--map",
        "Employer Name=organisation",
        "--stage",
        "identified",
    )
    assert code == 0 and out.startswith("CSV import: added 1 to Identified")
    code, _, err = run(capsys, "--db", dbfile, "import", "csv", str(path), "--map", "Who")
    assert code == 1 and "expected COLUMN=FIELD" in err


def test_bad_files_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str], dbfile: str, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--db", dbfile, "import", "linkedin", str(tmp_path / "nope.zip"))
    assert (code, out) == (1, "")
    assert err.strip() == f"infoterm: {tmp_path / 'nope.zip'}: no such file"
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    code, _, err = run(capsys, "--db", dbfile, "import", "json", str(bad))
    assert code == 1 and "is not JSON" in err and "Traceback" not in err


def test_export_and_restore_and_backup(
    capsys: pytest.CaptureFixture[str], dbfile: str, connections: Path, tmp_path: Path
) -> None:
    run(capsys, "--db", dbfile, "import", "linkedin", str(connections), "--stage", "identified")

    code, out, _ = run(capsys, "--db", dbfile, "export", "csv")
    assert code == 0 and out.startswith("id,name,organisation")
    assert "Grace Hopper" in out
    code, out, _ = run(capsys, "--db", dbfile, "export", "ics")
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    target = tmp_path / "all.json"
    code, out, err = run(capsys, "--db", dbfile, "export", "json", "-o", str(target))
    assert code == 0 and out == "" and "wrote" in err
    assert json.loads(target.read_text())["format"] == "infoterm-export"

    restored = str(tmp_path / "restored.db")
    code, out, _ = run(capsys, "--db", restored, "import", "json", str(target))
    assert code == 0 and out.startswith("restored 2 organisations, 2 contacts, 2 events")

    code, out, err = run(capsys, "--db", dbfile, "backup")
    assert code == 0 and out.startswith("backed up 2 contacts to ")
    made = Path(out.split(" to ", 1)[1].rsplit(" (", 1)[0])
    assert made.parent == tmp_path / "home" / "backups"
    assert oct(made.stat().st_mode & 0o777) == "0o600"
    if dbfile.startswith("postgresql"):  # a server database: its JSON export, restorable
        assert made.name.startswith("infoterm-") and made.suffix == ".json"
        assert "pg_dump" in err and "import json" in err
        again = str(tmp_path / "from-backup.db")
        code, out, _ = run(capsys, "--db", again, "import", "json", str(made))
        assert code == 0 and out.startswith("restored 2 organisations, 2 contacts, 2 events")
    else:
        assert made.name.startswith("infoterm-") and made.suffix == ".db"
    mine = tmp_path / ("mine.json" if dbfile.startswith("postgresql") else "mine.db")
    code, out, _ = run(capsys, "--db", dbfile, "backup", str(mine))
    assert code == 0 and mine.exists()
    code, _, err = run(capsys, "--db", dbfile, "backup", str(mine))
    assert code == 1 and "already exists" in err


def test_stats(capsys: pytest.CaptureFixture[str], dbfile: str, connections: Path) -> None:
    run(capsys, "--db", dbfile, "import", "linkedin", str(connections), "--stage", "identified")
    code, out, _ = run(capsys, "--db", dbfile, "stats")
    assert code == 0
    assert out.splitlines()[0] == "Funnel: people who reached each stage"
    assert "Meetings to offers" in out
    code, out, _ = run(capsys, "--db", dbfile, "stats", "--json")
    data = json.loads(out)
    assert data["people"] == 2 and data["funnel"][0] == {
        "stage": "identified",
        "reached": 2,
        "conversion": None,
    }


def run_with_read_only_folder(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``infoterm ARGV`` while ``folder`` (and its files) cannot be written. Root may write
    any file whatever its mode, so as root the folder is made a read-only bind mount in a
    mount namespace of the command's own (skipped where unshare is not permitted)."""
    command = [sys.executable, "-m", "infoterm", *argv]
    if os.geteuid() != 0:
        files = [p for p in folder.iterdir() if p.is_file()]
        for file in files:
            file.chmod(0o444)
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False)
        finally:
            folder.chmod(0o700)
            for file in files:
                file.chmod(0o600)
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    try:
        probe = subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", str(folder), "true"],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("no unshare here: cannot make a folder read-only for root")
    if probe.returncode != 0:
        pytest.skip(f"unshare/mount not permitted here: {probe.stderr.strip()}")
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *command],
        capture_output=True,
        text=True,
        check=False,
    )


def test_backup_works_from_a_read_only_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    db = folder / "campaign.db"
    assert run(capsys, "--db", str(db), "add", "Ada Lovelace")[0] == 0
    copy = tmp_path / "copy.db"
    done = run_with_read_only_folder(folder, "--db", str(db), "backup", str(copy))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout.startswith(f"backed up 1 contacts to {copy} (")
    assert run(capsys, "--db", str(copy), "list")[1].split() == [
        "1",
        "Ada",
        "Lovelace",
        "identified",
    ]
    refused = run_with_read_only_folder(folder, "--db", str(db), "add", "Grace Hopper")
    assert refused.returncode == 1 and "backup) still work" in refused.stderr


def test_backup_to_a_path_ending_in_a_slash_makes_that_folder(
    capsys: pytest.CaptureFixture[str], dbfile: str, tmp_path: Path
) -> None:
    assert run(capsys, "--db", dbfile, "add", "Ada Lovelace")[0] == 0
    folder = tmp_path / "new" / "dir"
    code, out, _ = run(capsys, "--db", dbfile, "backup", f"{folder}/")
    assert code == 0, out
    assert folder.is_dir() and oct(folder.stat().st_mode & 0o777) == "0o700"
    (made,) = folder.iterdir()
    assert out.startswith(f"backed up 1 contacts to {made} (")
    suffix = ".json" if dbfile.startswith("postgresql") else ".db"
    assert made.name.startswith("infoterm-") and made.suffix == suffix
    code, _, err = run(capsys, "--db", dbfile, "backup", f"{made}/")
    assert (code, err) == (1, f"infoterm: {made} is not a folder; nothing was written\n")


@pytest.mark.postgresql
def test_a_server_backup_is_not_written_under_a_sqlite_name(
    capsys: pytest.CaptureFixture[str], pg_cluster: Any, tmp_path: Path
) -> None:
    dbfile = str(pg_cluster.shared_database())
    code, out, err = run(capsys, "--db", dbfile, "backup", str(tmp_path / "bk.db"))
    assert (code, out) == (1, "")
    assert err == (
        "infoterm: a server database is backed up as a JSON export, not a SQLite file: name"
        f" it {tmp_path / 'bk.json'} (or give a folder); nothing was written\n"
    )
    assert not list(tmp_path.glob("bk*"))
    code, out, _ = run(capsys, "--db", dbfile, "backup", str(tmp_path / "bk.json"))
    assert code == 0 and (tmp_path / "bk.json").is_file()
