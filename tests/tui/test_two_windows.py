"""Two real app instances on one database file (and the CLI underneath an open form):
neither loses the other's edits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database, open_database
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.widgets.notes_area import NotesArea
from tests.conftest import make_app, record_notifications


def other_window(db: Database) -> Database:
    assert db.sqlite_path is not None
    return open_database(str(db.sqlite_path))


async def test_the_same_meeting_typed_in_two_windows_keeps_both_texts(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Dev Patel"))
    first = make_app(db, clock, start="meeting", contact=cid)
    second = make_app(other_window(db), clock, start="meeting", contact=cid)
    told = record_notifications(second)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await one.pause()
        await two.pause()
        assert isinstance(first.screen, MeetingScreen) and isinstance(second.screen, MeetingScreen)
        await one.press(*"asked about the team")
        first.screen.flush_notes()
        await two.press(*"they hire in spring")
        second.screen.flush_notes()
        await two.pause()
        merged = second.screen.query_one("#notes", NotesArea).text
        assert "asked about the team" in merged and "they hire in spring" in merged
        assert "── changed in another window at" in merged
        assert any("changed in another window too" in message for message in told)
        # The first window types on: its next save keeps everything, each text once.
        await one.press(*" and growth")
        first.screen.flush_notes()
        stored = services.meetings.open_for(cid).notes
        assert stored.count("asked about the team and growth") == 1
        assert stored.count("they hire in spring") == 1


async def test_the_same_contact_edited_in_two_windows_asks_before_saving(
    db: Database, clock: FakeClock
) -> None:
    from infoterm.tui.screens.changed import ChangedElsewhereModal
    from infoterm.tui.screens.contact_form import ContactFormModal

    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    first, second = make_app(db, clock), make_app(other_window(db), clock)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        for pilot in (one, two):
            await pilot.press("enter", "e")  # open the card, then its form
            await pilot.pause()
        assert isinstance(first.screen, ContactFormModal)
        assert isinstance(second.screen, ContactFormModal)
        first.screen.query_one("#email").value = "ann@acme.example"
        await one.press("ctrl+s")
        await one.pause()
        second.screen.query_one("#title").value = "Head of Design"
        await two.press("ctrl+s")
        await two.pause()
        assert isinstance(second.screen, ChangedElsewhereModal)
        shown = {(d.label, d.mine, d.theirs) for d in second.screen.conflict.differences}
        assert shown == {("Email", "", "ann@acme.example"), ("Title", "Head of Design", "")}
        stored = services.contacts.detail(cid)
        assert (stored.email, stored.title) == ("ann@acme.example", "")  # nothing lost yet
        await two.press("e")  # edit again: the form holds mine; I add their email too
        await two.pause()
        assert isinstance(second.screen, ContactFormModal)
        assert second.screen.query_one("#title").value == "Head of Design"
        assert second.screen.query_one("#email").value == "ann@acme.example"  # theirs, kept
        await two.press("ctrl+s")
        await two.pause()
        stored = services.contacts.detail(cid)
        assert (stored.email, stored.title) == ("ann@acme.example", "Head of Design")


async def test_the_cli_writing_under_an_open_form_is_not_overwritten(
    db: Database, clock: FakeClock, capsys: object
) -> None:
    from infoterm.cli import main
    from infoterm.tui.screens.changed import ChangedElsewhereModal

    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "e")
        await pilot.pause()
        assert db.sqlite_path is not None
        assert main(["--db", str(db.sqlite_path), "move", "Ann Lee", "met"]) == 0
        assert main(["--db", str(db.sqlite_path), "log", "Ann Lee", "touch"]) == 0
        app.screen.query_one("#phone").value = "020 7946 0000"
        await pilot.press("ctrl+s")  # only the stage and last touch changed: it saves
        await pilot.pause()
        stored = services.contacts.detail(cid)
        assert (stored.phone, stored.stage) == ("020 7946 0000", "met")
        await pilot.press("e")
        await pilot.pause()
        with services.transaction() as session:  # a command (an import) fills the email
            from infoterm.store.schema import Contact

            row = session.get(Contact, cid)
            assert row is not None
            row.email = "ann@cli.example"
        app.screen.query_one("#title").value = "CTO"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedElsewhereModal)
        table = app.screen.query_one("#changed-table")
        shown = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert "(theirs kept)" in shown and "Keep mine [k]" in str(
            app.screen.query_one("#mine").label
        )
        await pilot.press("k")  # keep mine: my title; the email I never touched stays theirs
        await pilot.pause()
        stored = services.contacts.detail(cid)
        assert (stored.title, stored.email) == ("CTO", "ann@cli.example")


async def test_organisation_notes_saved_by_another_window_ask_before_saving(
    db: Database, clock: FakeClock
) -> None:
    from infoterm.tui.screens.changed import ChangedElsewhereModal
    from infoterm.tui.screens.organisation import OrganisationScreen, OrgNotesModal

    services = Services(db, clock)
    services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    org_id = services.network.organisations()[0].id
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "o")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, OrgNotesModal)
        other = Services(other_window(db), clock)
        other.network.save_research(org_id, "", "theirs", version=1)
        app.screen.query_one("#org-notes-text").text = "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedElsewhereModal)
        assert services.network.organisation(org_id).notes == "theirs"
        await pilot.press("t")  # take theirs
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        assert services.network.organisation(org_id).notes == "theirs"
        other.db.close()


async def test_done_in_one_window_then_snooze_in_the_other_is_refused_with_a_warning(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoterm.store.schema import Event, FollowUp
    from infoterm.tui.screens import review
    from infoterm.tui.widgets.followup_list import FollowUpList
    from tests.conftest import record_notifications

    # The second window has not polled yet when its key arrives (it polls every 2s).
    monkeypatch.setattr(review, "POLL_SECONDS", 3600.0)
    services = Services(db, clock)
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    fid = services.followups.add(cid, clock.now() + timedelta(hours=2), "send the article")
    first, second = make_app(db, clock), make_app(other_window(db), clock)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        for pilot in (one, two):
            await pilot.press("t")
            await pilot.pause()
        for app in (first, second):
            assert app.screen.query_one(FollowUpList).current.key == fid
        said = record_notifications(second)
        await one.press("d")
        await one.pause()
        await two.press("s")
        await two.pause()
        assert any("was already done elsewhere at 09:00; nothing was changed" in m for m in said), (
            said
        )
        assert not any(m.startswith("Snoozed") for m in said)
        # it read the list again: the follow-up is gone from the second window too
        keys = [i.key for i in second.screen.query_one(FollowUpList).items]
        assert fid not in keys
        with services.read() as session:
            f = session.get(FollowUp, fid)
            assert f is not None
            assert (f.state, f.snoozed_until) == ("done", None)
            kinds = [e.kind for e in session.query(Event).filter(Event.contact_id == cid)]
        assert kinds.count("followup-done") == 1
        assert "followup-snoozed" not in kinds
