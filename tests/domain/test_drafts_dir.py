"""Drafts are named after follow-up ids, which are per database: two databases never
share a drafts folder, and the demo's go with its throwaway folder."""

from __future__ import annotations

from pathlib import Path

from infoterm.paths import DB_FILENAME, drafts_dir


def test_the_default_database_keeps_the_plain_drafts_folder(tmp_path: Path) -> None:
    assert drafts_dir(tmp_path, str(tmp_path / DB_FILENAME)) == tmp_path / "drafts"


def test_two_other_databases_have_folders_of_their_own(tmp_path: Path) -> None:
    home, work = tmp_path / "a" / "campaign.db", tmp_path / "b" / "campaign.db"
    folders = {
        drafts_dir(tmp_path, str(tmp_path / DB_FILENAME)),
        drafts_dir(tmp_path, str(home)),
        drafts_dir(tmp_path, str(work)),
        drafts_dir(tmp_path, f"sqlite:///{work}"),  # the same file as a URL: the same folder
    }
    assert len(folders) == 3
    assert drafts_dir(tmp_path, str(home)).name.startswith("campaign-")
    assert drafts_dir(tmp_path, f"sqlite:///{work}") == drafts_dir(tmp_path, str(work))


def test_a_server_keeps_one_folder_whatever_the_password(tmp_path: Path) -> None:
    one = drafts_dir(tmp_path, "postgresql+psycopg://me:old@db.example:5432/infoterm")
    two = drafts_dir(tmp_path, "postgresql://me:new@db.example:5432/infoterm")
    assert one == two
    assert one.parent == tmp_path / "drafts" and one.name.startswith("server-")
    assert "old" not in one.name


def test_the_demo_keeps_its_drafts_in_its_throwaway_folder(tmp_path: Path) -> None:
    demo = tmp_path / "infoterm-demo-x" / "demo.db"
    assert drafts_dir(tmp_path / "home", str(demo), demo=True) == demo.parent / "drafts"
