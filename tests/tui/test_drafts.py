"""Drafts you can send (issue 10, item 8): a To: line when the address is known, edits in a
built-in editor when no $EDITOR is set (kept for that follow-up), r back to the template,
and a copy that says what really happened and leaves the draft in a file."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.paths import drafts_dir
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.confirm import ConfirmModal
from infoterm.tui.screens.review_modals import DraftEditorModal, DraftModal
from tests.conftest import make_app, record_notifications


@pytest.fixture(autouse=True)
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def thank_you_for(services: Services, name: str, email: str) -> int:
    """A contact met an hour ago: their thank-you is open (and the review's only row)."""
    contact = services.contacts.add(ContactFields(name=name, organisation="Acme", email=email))
    services.followups.log_met(contact, minutes=20)
    [followup] = [f for f in services.db.reader.open_followups(contact) if f.kind == "thank-you"]
    return followup.id


def shown(app: Any) -> str:
    return str(app.screen.query_one("#draft-text").render())


def about(app: Any) -> str:
    return str(app.screen.query_one("#draft-about").render())


async def open_draft(pilot: Any) -> None:
    await pilot.press("t", "w")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DraftModal)


async def test_the_draft_is_addressed_when_the_email_is_known(
    db: Database, clock: FakeClock, services: Services
) -> None:
    thank_you_for(services, "Ann Lee", "ann@acme.example")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        assert shown(app).startswith("To: Ann Lee <ann@acme.example>\nSubject: Thank you, Ann")
        assert "No email address" not in about(app)


async def test_without_an_address_the_draft_says_so(
    db: Database, clock: FakeClock, services: Services
) -> None:
    thank_you_for(services, "Bo Chan", "")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_draft(pilot)
        assert shown(app).startswith("Subject: Thank you, Bo")
        assert "No email address on file for Bo Chan." in about(app)


async def test_copy_says_what_happened_and_saves_the_draft_to_a_file(
    db: Database, clock: FakeClock, services: Services, tmp_path: Path
) -> None:
    key = thank_you_for(services, "Ann Lee", "ann@acme.example")
    app = make_app(db, clock, welcome=False)
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        await pilot.press("c")
        await pilot.pause()
    file = drafts_dir(tmp_path / "home", db.target) / f"{key}-thank-you.txt"
    assert app.clipboard.startswith("To: Ann Lee <ann@acme.example>")
    assert file.read_text(encoding="utf-8") == app.clipboard
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert said[-1] == (
        "Sent to the terminal's clipboard (OSC 52; your terminal may ignore it) "
        f"and saved to {file}"
    )


async def test_the_built_in_editor_keeps_edits_and_r_goes_back_to_the_template(
    db: Database, clock: FakeClock, services: Services, tmp_path: Path
) -> None:
    key = thank_you_for(services, "Ann Lee", "ann@acme.example")
    file = drafts_dir(tmp_path / "home", db.target) / f"{key}-thank-you.txt"
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_draft(pilot)
        template = shown(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditorModal)
        assert app.focused is not None and app.focused.id == "draft-editor"
        await pilot.press(*"PS: the report", "escape")  # changed: esc asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DraftModal)
        assert shown(app) == template + "PS: the report"  # typed at the end of the text
        assert file.read_text(encoding="utf-8") == template + "PS: the report"
        assert "Your edited draft" in about(app)
        await pilot.press("escape", "w")  # opened again: the edits are still there
        await pilot.pause()
        assert shown(app).endswith("PS: the report")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert shown(app) == template
        assert not file.exists()
        await pilot.press("e", "escape")  # unchanged: esc just closes the editor
        await pilot.pause()
        assert isinstance(app.screen, DraftModal) and shown(app) == template


def no_reply_from_ann(services: Services, clock: FakeClock, *others: tuple[str, str]) -> None:
    """Ann at Acme was asked three business days ago; ``others`` (name, email) are still
    identified there. The second-contact is due now, the nudge later."""
    from datetime import timedelta

    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    for name, email in others:
        services.contacts.add(ContactFields(name=name, organisation="Acme", email=email))
    services.meetings.record_request(ann, 20, "email")
    clock.advance(timedelta(days=3))


async def test_the_second_contact_draft_is_written_to_the_next_person_there(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.widgets.outreach_check import OutreachCheck

    no_reply_from_ann(services, clock, ("Cy Diaz", ""), ("Bo Chan", "bo@acme.example"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        assert "2nd contact for Bo Chan" in str(app.screen.query_one(".form-title").render())
        assert shown(app).startswith(
            "To: Bo Chan <bo@acme.example>\nSubject: 20 minutes about your work at Acme?"
        )
        assert "Hi Bo," in shown(app)
        panel = app.screen.query_one(OutreachCheck)
        assert [r.key for r in panel.results if not r.passed] == ["connection"]
        check = str(panel.rules.render())
        assert "✗ Connection in the first sentence" in check  # the placeholder is to fill in


async def test_with_nobody_else_there_the_second_contact_draft_leaves_the_name_blank(
    db: Database, clock: FakeClock, services: Services
) -> None:
    no_reply_from_ann(services, clock)
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_draft(pilot)
        assert shown(app).startswith("Subject: 20 minutes about your work at Acme?")
        assert "Hi [name]," in shown(app)
        assert "No email address on file for a second person at Acme." in about(app)


async def test_an_edit_that_changes_nothing_keeps_the_template_and_says_so(
    db: Database, clock: FakeClock, services: Services, tmp_path: Path
) -> None:
    key = thank_you_for(services, "Ann Lee", "ann@acme.example")
    file = drafts_dir(tmp_path / "home", db.target) / f"{key}-thank-you.txt"
    app = make_app(db, clock, welcome=False)
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditorModal)
        await pilot.press("ctrl+s")  # saved as it was
        await pilot.pause()
        assert said[-1] == "The draft is unchanged"
        assert "Your edited draft" not in about(app)
    assert not file.exists()  # not pinned as an edited draft


async def test_the_outreach_check_sits_beside_the_built_in_editor_and_follows_the_typing(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from textual.widgets import TextArea

    from infoterm.tui.widgets.outreach_check import OutreachCheck

    no_reply_from_ann(services, clock, ("Bo Chan", "bo@acme.example"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditorModal)
        panel = app.screen.query_one(OutreachCheck)
        assert [r.key for r in panel.results if not r.passed] == ["connection"]
        editor = app.screen.query_one("#draft-editor", TextArea)
        editor.text = editor.text.replace(
            "[How you are connected: the school, team or group you share.]",
            "We both studied at Leeds.",
        )
        await pilot.pause()
        assert all(r.passed for r in panel.results), panel.results  # live, before saving
