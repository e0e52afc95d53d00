"""Data is never markup on screen, and the referral chains open on a new campaign."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.referrals import ReferralsScreen
from tests.conftest import make_app


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_an_unclosed_bracket_in_organisation_and_title_opens_the_contact(
    db: Database, clock: FakeClock, services: Services
) -> None:
    services.contacts.add(
        ContactFields(name="Eve [/b]", organisation="Acme [UK", title="Lead [interim", tags="x")
    )
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        head = _text(app, "#contact-head")
        assert "Eve [/b] · Acme [UK" in head and "Lead [interim" in head
        await pilot.press("e")  # the edit form, behind it, opens too
        await pilot.pause()
        assert app.screen.query_one("#organisation").value == "Acme [UK"


async def test_stored_controls_are_shown_escaped_on_the_contact(
    db: Database, clock: FakeClock, services: Services
) -> None:
    cid = services.contacts.add(ContactFields(name="Eve", notes="one\n\ttwo\x1b[2J"))
    with db.engine.begin() as con:  # written by an older version: straight into the file
        con.exec_driver_sql(
            "UPDATE contacts SET name = ? WHERE id = ?", ("Eve\x1b]0;pwned\x07", cid)
        )
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(cid)
        await pilot.pause()
        assert "Eve\\x1b]0;pwned\\x07" in _text(app, "#contact-head")
        assert "one\n\ttwo\\x1b[2J" in _text(app, "#contact-fields")


@pytest.mark.parametrize("people", [0, 1])
async def test_referral_chains_on_a_campaign_without_referrals(
    db: Database, clock: FakeClock, services: Services, people: int
) -> None:
    if people:
        services.contacts.add(ContactFields(name="Ann Lee"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReferralsScreen)
        assert app.screen.query_one("#referrals-empty").display
        assert "No referral chains yet" in _text(app, "#referrals-empty")
        await pilot.press("enter", "a", "j")  # nothing to open or move to: nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, ReferralsScreen)


async def test_brackets_on_the_organisation_review_and_board_filter(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.screens.organisation import OrganisationScreen
    from infoterm.tui.screens.review import ReviewScreen

    services.contacts.add(ContactFields(name="Eve [b", organisation="Acme [UK"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"[b", "enter")
        await pilot.pause()
        assert "filter: [b" in _text(app, "#board-title")
        await pilot.press("escape", "o")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        assert "Acme [UK" in _text(app, "#org-head")
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_the_palette_finds_every_contact_whatever_their_name_holds(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.commands import InfotermCommands

    for name in ("Eve [/b]", "[b]Eve[/b] Bold", "Steve Later"):
        services.contacts.add(ContactFields(name=name, organisation="Acme [UK"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hits = [hit async for hit in InfotermCommands(app.screen).search("eve")]
        shown = {str(hit.prompt): hit for hit in hits}
        for name in ("Eve [/b]", "[b]Eve[/b] Bold", "Steve Later"):
            assert f"Jump to {name}" in shown, list(shown)
        steve = shown["Jump to Steve Later"].prompt
        lit = [str(steve)[span.start : span.end] for span in steve.spans]
        assert lit == ["e", "v", "e"]  # the letters typed, highlighted in place
        assert "Acme [UK" in str(shown["Jump to Eve [/b]"].help)


async def test_meeting_notes_with_a_stored_control_are_edited_written_out(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.screens.meeting import MeetingScreen

    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    meeting_id = services.meetings.open_for(dev, 19).id
    stored = services.meetings.save_notes(meeting_id, "about \x1b[2J them")
    app = make_app(db, clock, start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        notes = screen.query_one("#notes")
        assert notes.text == "about \\x1b[2J them"
        clock.advance(5)
        screen.tick()  # left as shown: nothing is written
        assert services.meetings.get(meeting_id).version == stored.version
        await pilot.press("end", *"!")
        clock.advance(1)
        screen.tick()
        assert services.meetings.get(meeting_id).notes == "about \\x1b[2J them!"


async def test_the_edit_form_shows_stored_controls_written_out(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from textual.widgets import Input, TextArea

    from infoterm.tui.screens.contact_form import ContactFormModal

    cid = services.contacts.add(ContactFields(name="Eve", title="Lead", notes="one\x1b[2J"))
    with db.engine.begin() as con:  # written by an older version: straight into the file
        con.exec_driver_sql("UPDATE contacts SET title = ? WHERE id = ?", ("Lead\x1bc", cid))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(cid)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormModal)
        title = form.query_one("#title", Input)
        assert title.value == "Lead\\x1bc"
        assert form.query_one("#notes", TextArea).text == "one\\x1b[2J"
        await pilot.press("ctrl+s")  # left as it was: the title still holds the control
        await pilot.pause()
        assert app.screen is form
        assert "title: control character U+001B is not allowed" in _text(app, "#title-error")
        title.value = "Lead"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    fields = services.contacts.detail(cid).fields()
    assert (fields.title, fields.notes) == ("Lead", "one\x1b[2J")  # notes untouched: as stored
