"""No lost edits: a save carries the version it was loaded at, and finds out when the row
changed since (another window, a command); undo checks the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ChangedElsewhere, Services
from infoterm.store.database import Database
from tests.engines import second_window

# -- contacts --------------------------------------------------------------------------


def test_an_edit_loaded_before_another_windows_save_is_refused_with_both_sides(
    services: Services, db: Database, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    other = second_window(db, clock)
    mine = services.contacts.detail(cid)  # both windows open the form
    theirs = other.contacts.detail(cid)
    assert mine.version == theirs.version == 1

    other.contacts.update(
        cid, replace(theirs.fields(), email="ann@acme.example"), version=theirs.version
    )
    with pytest.raises(ChangedElsewhere) as err:
        services.contacts.update(
            cid, replace(mine.fields(), title="Head of Design"), version=1, loaded=mine.fields()
        )

    conflict = err.value
    assert (conflict.loaded, conflict.found) == (1, 2)
    rows = {d.field: (d.mine, d.theirs, d.changed_there) for d in conflict.differences}
    assert rows == {
        "email": ("", "ann@acme.example", True),
        "title": ("Head of Design", "", False),
    }
    assert conflict.theirs.email == "ann@acme.example"
    # Keeping mine saves my title and keeps their email (a field I never touched).
    assert (conflict.merged.title, conflict.merged.email) == ("Head of Design", "ann@acme.example")
    assert "changed elsewhere" in str(conflict)
    stored = services.contacts.detail(cid)  # nothing was saved: their email is kept
    assert (stored.email, stored.title, stored.version) == ("ann@acme.example", "", 2)
    other.db.close()


def test_keep_mine_saves_against_the_version_found(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    loaded = services.contacts.detail(cid)
    services.contacts.update(cid, replace(loaded.fields(), email="a@b.example"))
    with pytest.raises(ChangedElsewhere) as err:
        services.contacts.update(cid, replace(loaded.fields(), phone="123"), version=1)
    services.contacts.update(
        cid,
        replace(loaded.fields(), phone="123"),
        version=err.value.found,
        loaded=err.value.theirs,
    )
    stored = services.contacts.detail(cid)
    assert (stored.email, stored.phone, stored.version) == ("", "123", 3)


def test_a_change_outside_the_form_does_not_block_the_save(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee", tags="design, health"))
    loaded = services.contacts.detail(cid)
    services.contacts.move(cid, "requested")  # another window moved the card
    services.contacts.update(
        cid, replace(loaded.fields(), title="CTO"), version=loaded.version, loaded=loaded.fields()
    )
    stored = services.contacts.detail(cid)
    assert (stored.title, stored.stage, stored.tags) == ("CTO", "requested", ["design", "health"])


def test_saving_what_is_already_stored_is_no_conflict(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    loaded = services.contacts.detail(cid)
    services.contacts.update(cid, replace(loaded.fields(), title="CTO"))
    services.contacts.update(cid, replace(loaded.fields(), title="CTO"), version=loaded.version)
    assert services.contacts.detail(cid).title == "CTO"


def test_every_write_bumps_the_version(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    seen = [services.contacts.detail(cid).version]
    services.contacts.move(cid, "requested")
    seen.append(services.contacts.detail(cid).version)
    services.contacts.set_archived(cid, True, "declined")
    seen.append(services.contacts.detail(cid).version)
    services.followups.set_cadence(cid, 6)
    seen.append(services.contacts.detail(cid).version)
    services.contacts.undo(cid)
    seen.append(services.contacts.detail(cid).version)
    assert seen == sorted(set(seen)) and len(seen) == 5


# -- undo ------------------------------------------------------------------------------


def test_undo_of_an_edit_changed_since_says_so_and_keeps_the_newer_value(
    services: Services,
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    fields = services.contacts.detail(cid).fields()
    services.contacts.update(cid, replace(fields, email="first@x.example"))
    with services.transaction() as session:  # a write no event records (another tool)
        from infoterm.store.schema import Contact

        contact = session.get(Contact, cid)
        assert contact is not None
        contact.email = "later@x.example"
    with pytest.raises(ChangedElsewhere) as err:
        services.contacts.undo(cid)
    assert "email changed since" in str(err.value)
    assert [(d.field, d.mine, d.theirs) for d in err.value.differences] == [
        ("email", "", "later@x.example")
    ]
    assert services.contacts.detail(cid).email == "later@x.example"


def test_undo_across_two_windows_takes_the_latest_change_first(
    services: Services, db: Database, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    services.contacts.move(cid, "requested")
    other = second_window(db, clock)
    other.contacts.move(cid, "met")
    # The latest change is the other window's: undoing it works, then mine is undoable.
    assert other.contacts.undo(cid) == "Moved Ann Lee from requested to met"
    assert services.contacts.undo(cid) == "Moved Ann Lee from identified to requested"
    assert services.contacts.detail(cid).stage == "identified"
    other.db.close()


def test_undo_still_walks_back_a_chain_of_its_own_changes(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    fields = services.contacts.detail(cid).fields()
    services.contacts.update(cid, replace(fields, email="a@x.example"))
    services.contacts.update(cid, replace(fields, email="b@x.example"))
    services.contacts.move(cid, "requested")
    for _ in range(3):
        services.contacts.undo(cid)
    stored = services.contacts.detail(cid)
    assert (stored.email, stored.stage) == ("", "identified")


def test_undo_of_a_snooze_resnoozed_elsewhere_is_refused(
    services: Services, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    services.contacts.move(cid, "met")  # a thank-you is owed
    fid = services.followups.add(cid, clock.now() + timedelta(hours=1), "send the article")
    services.followups.snooze(fid, clock.now() + timedelta(days=1))
    with services.transaction() as session:  # snoozed again, with no event (an old build)
        from infoterm.store.schema import FollowUp

        f = session.get(FollowUp, fid)
        assert f is not None
        f.snoozed_until = clock.now() + timedelta(days=3)
    with pytest.raises(ChangedElsewhere, match="follow-up changed since"):
        services.contacts.undo(cid)
    assert services.followups.get(fid).due == clock.now() + timedelta(days=3)


# -- meeting notes ---------------------------------------------------------------------


def test_notes_typed_in_two_windows_are_both_kept_marked(
    services: Services, db: Database, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    mine = services.meetings.open_for(cid)
    other = second_window(db, clock)
    theirs = other.meetings.open_for(cid)
    first = other.meetings.save_notes(theirs.id, "their line", version=theirs.version, base="")
    assert not first.merged

    saved = services.meetings.save_notes(mine.id, "my line", version=mine.version, base="")

    assert saved.merged
    assert saved.text == "my line\n── changed in another window at 09:00 ──\ntheir line"
    assert services.meetings.get(mine.id).notes == saved.text
    # Their next save (they kept typing) keeps everything, once.
    again = other.meetings.save_notes(
        theirs.id, "their line\nmore", version=first.version, base="their line"
    )
    assert again.text == "my line\n── changed in another window at 09:00 ──\ntheir line\nmore"
    other.db.close()


def test_a_timer_change_elsewhere_is_not_a_notes_conflict(
    services: Services, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    view = services.meetings.open_for(cid)
    services.meetings.start(view.id)  # the version moves on, the notes do not
    saved = services.meetings.save_notes(view.id, "hello", version=view.version, base="")
    assert not saved.merged and saved.text == "hello"


# -- organisation notes ----------------------------------------------------------------


def test_organisation_notes_saved_elsewhere_are_not_overwritten(
    services: Services, db: Database, clock: FakeClock
) -> None:
    services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    org_id = services.network.organisations()[0].id
    mine = services.network.organisation(org_id)
    other = second_window(db, clock)
    other.network.save_research(org_id, "acme.example", "they build rockets", version=1)
    services.network.set_target(org_id, True)
    with pytest.raises(ChangedElsewhere) as err:
        services.network.save_research(
            org_id, "", "series B in May", version=mine.version, loaded=(mine.website, mine.notes)
        )
    assert [(d.field, d.mine, d.theirs) for d in err.value.differences] == [
        ("website", "", "acme.example"),
        ("notes", "series B in May", "they build rockets"),
    ]
    assert services.network.organisation(org_id).notes == "they build rockets"
    # Only the target flag changed since: the save goes ahead.
    now = services.network.organisation(org_id)
    other.network.set_target(org_id, False)
    services.network.save_research(
        org_id, now.website, "more", version=now.version, loaded=(now.website, now.notes)
    )
    assert services.network.organisation(org_id).notes == "more"
    other.db.close()
