"""Note drafts from editable templates in the data folder."""

from __future__ import annotations

from pathlib import Path

from infoterm import templates
from infoterm.followup_policy import WRITABLE

VALUES = {
    "first_name": "Ben",
    "organisation": "Lumen Analytics",
    "meeting_day": "Sat 21 Nov",
    "my_name": "Sam Rivers",
    "signature": "",
}


def test_every_writable_kind_has_a_template() -> None:
    assert set(WRITABLE) == set(templates.DEFAULTS)


def test_templates_are_written_on_first_use_and_the_users_edits_win(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    draft = templates.render("thank-you", VALUES, folder)
    assert draft.startswith("Subject: Thank you, Ben\n\nHi Ben,")
    assert "on Sat 21 Nov" in draft and "Lumen Analytics" in draft
    assert draft.endswith("Sam Rivers\n")  # the empty signature leaves no blank tail
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.txt" for k in WRITABLE)
    (folder / "thank-you.txt").write_text("Dear $first_name, thanks! $nonsense $", "utf-8")
    assert templates.render("thank-you", VALUES, folder) == "Dear Ben, thanks! $nonsense $\n"
    assert templates.ensure_templates(folder) == []  # nothing overwritten


def test_an_unwritable_folder_falls_back_to_the_built_in_template(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    draft = templates.render("nudge", VALUES, blocker / "templates")
    assert "Hi Ben," in draft


def test_editor_command() -> None:
    assert templates.editor_command({}) is None
    assert templates.editor_command({"EDITOR": "vim"}) == ["vim"]
    assert templates.editor_command({"EDITOR": "nano", "VISUAL": "code --wait"}) == [
        "code",
        "--wait",
    ]
    assert templates.editor_command({"EDITOR": "'unclosed"}) is None
