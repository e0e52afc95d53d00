"""The debrief stored in one go: learned into the notes, action items as dated follow-ups
tied to the meeting, names as referred contacts at their organisation; and the report-back
to the referrer says what you did with their advice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from infoterm import templates
from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services, ValidationFailed
from infoterm.store.schema import Contact, FollowUp


def held_meeting(services: Services, clock: FakeClock, contact_id: int) -> int:
    view = services.meetings.open_for(contact_id)
    services.meetings.start(view.id)
    services.meetings.save_notes(view.id, "Platform team of 12.")
    clock.advance(timedelta(minutes=20))
    return services.meetings.end(view.id).id


def test_a_debrief_stores_learned_actions_and_names(services: Services, clock: FakeClock) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    meeting = held_meeting(services, clock, dev)
    result = services.debrief.record(
        meeting,
        learned="On-call is shared by everyone.",
        actions="read the SRE book by fri\nemail Cy",
        referrals="Ann Lee @ Acme, Bo Chan",
    )
    assert services.meetings.get(meeting).notes == (
        "Platform team of 12.\n\nLearned:\nOn-call is shared by everyone.\n"
    )
    assert result.added == ["Ann Lee @ Acme", "Bo Chan"]
    with services.read() as session:
        rows = session.scalars(
            select(FollowUp).where(FollowUp.kind == "custom").order_by(FollowUp.id)
        ).all()
        assert [(f.note, f.meeting_id, f.contact_id) for f in rows] == [
            ("read the SRE book", meeting, dev),
            ("email Cy", meeting, dev),
        ]
        local = clock.to_local(rows[0].due_at)
        assert (local.strftime("%a"), local.hour) == ("Fri", 9)
        ann = session.scalars(select(Contact).where(Contact.name == "Ann Lee")).one()
        assert ann.organisation is not None and ann.organisation.name == "Acme"
        assert ann.referred_by_id == dev


def test_a_bad_date_stores_nothing_and_names_the_field(
    services: Services, clock: FakeClock
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    meeting = held_meeting(services, clock, dev)
    with pytest.raises(ValidationFailed) as failed:
        services.debrief.record(meeting, "learned", "call Bo by yesterday", "Ann Lee")
    assert set(failed.value.errors) == {"actions"}
    assert services.meetings.get(meeting).notes == "Platform team of 12."
    assert services.contacts.rows() and len(services.contacts.rows()) == 1


def test_the_report_back_says_what_you_did_with_the_referrers_advice(
    services: Services, clock: FakeClock
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    meeting = held_meeting(services, clock, dev)
    services.debrief.record(
        meeting, actions="read the SRE book by fri\nvisit the meetup", referrals="Ann Lee"
    )
    with services.read() as session:
        read = session.scalars(select(FollowUp).where(FollowUp.note == "read the SRE book")).one()
        ann = session.scalars(select(Contact).where(Contact.name == "Ann Lee")).one().id
    services.followups.done(read.id)
    services.followups.log_met(ann, minutes=20)
    with services.read() as session:
        report = session.scalars(
            select(FollowUp).where(FollowUp.kind == "report-back", FollowUp.contact_id == dev)
        ).one()
    draft = services.followups.draft(report.id)
    text = templates.render(draft.kind, draft.values)
    assert "I took your advice: read the SRE book." in text
    assert "Still on my list: visit the meetup." in text
    assert "\n\n\n" not in text
