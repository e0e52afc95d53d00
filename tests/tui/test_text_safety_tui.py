"""Data is never markup on screen, and the referral chains open on a new campaign."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.screens.contact import ContactScreen
from infoterm.screens.referrals import ReferralsScreen
from infoterm.services import Services
from infoterm.store.database import Database
from tests.conftest import make_app


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
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
        assert app.screen.query_one("#organisation").value == "Acme [UK"  # type: ignore[attr-defined]


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
    from infoterm.screens.organisation import OrganisationScreen
    from infoterm.screens.review import ReviewScreen

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
    from infoterm.commands import InfotermCommands

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
        lit = [str(steve)[span.start : span.end] for span in steve.spans]  # type: ignore[union-attr]
        assert lit == ["e", "v", "e"]  # the letters typed, highlighted in place
        assert "Acme [UK" in str(shown["Jump to Eve [/b]"].help)
