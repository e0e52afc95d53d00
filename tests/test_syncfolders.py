"""A SQLite file inside a Dropbox, Syncthing, iCloud or OneDrive folder gets one warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoterm.cli import main
from infoterm.syncfolders import sync_tool, sync_warning
from tests.conftest import make_app


@pytest.mark.parametrize(
    ("parts", "marker", "tool"),
    [
        (("Dropbox", "jobs"), None, "Dropbox"),
        (("Dropbox (Personal)",), None, "Dropbox"),
        (("OneDrive - Contoso", "docs"), None, "OneDrive"),
        (("Library", "Mobile Documents", "com~apple~CloudDocs"), None, "iCloud"),
        (("shared", "campaign"), ".stfolder", "Syncthing"),
        (("box",), ".dropbox", "Dropbox"),
    ],
)
def test_synced_folders_are_told_by_name_or_marker(
    tmp_path: Path, parts: tuple[str, ...], marker: str | None, tool: str
) -> None:
    folder = tmp_path.joinpath(*parts)
    folder.mkdir(parents=True)
    if marker:
        (tmp_path / parts[0] / marker).mkdir()
    found = sync_tool(folder / "infoterm.db")
    assert found is not None and found[0] == tool


def test_an_ordinary_folder_is_not_synced(tmp_path: Path) -> None:
    assert sync_tool(tmp_path / "data" / "infoterm.db") is None
    assert sync_warning(tmp_path / "data" / "infoterm.db") is None


def test_the_cli_warns_in_one_line_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "Dropbox" / "infoterm.db"
    assert main(["--db", str(db), "add", "Ada Lovelace"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"infoterm: warning: {db} is inside a Dropbox")
    assert "PostgreSQL" in lines[0]


async def test_the_tui_shows_the_warning_as_a_toast(tmp_path: Path, clock: object) -> None:
    from infoterm.store.database import open_database
    from tests.conftest import record_notifications

    path = tmp_path / "Dropbox" / "infoterm.db"
    db = open_database(str(path))
    warning = sync_warning(path)
    app = make_app(db, clock, welcome=False, db_warnings=[warning])  # type: ignore[arg-type]
    messages = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    db.close()
    assert messages == [warning]


@pytest.mark.parametrize("link", ["folder", "file"])
def test_a_symlink_into_a_synced_folder_is_seen_through(tmp_path: Path, link: str) -> None:
    jobs = tmp_path / "Dropbox" / "jobs"
    jobs.mkdir(parents=True)
    if link == "folder":  # ln -s ~/Dropbox/jobs jobslink; --db jobslink/c.db
        (tmp_path / "jobslink").symlink_to(jobs)
        given = tmp_path / "jobslink" / "c.db"
    else:  # ln -s ~/Dropbox/jobs/c.db c.db
        (jobs / "c.db").touch()
        given = tmp_path / "c.db"
        given.symlink_to(jobs / "c.db")
    found = sync_tool(given)
    assert found is not None and found[0] == "Dropbox" and found[1].name == "Dropbox"
    warning = sync_warning(given)
    assert warning is not None and warning.startswith(f"{given} is inside a Dropbox folder")


def test_a_symlink_out_of_a_synced_folder_still_counts_as_given(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (tmp_path / "Dropbox").mkdir()
    (tmp_path / "Dropbox" / "link").symlink_to(plain)
    assert sync_tool(tmp_path / "Dropbox" / "link" / "c.db") == ("Dropbox", tmp_path / "Dropbox")
