"""A contact with everything the meeting brief shows: a referrer, research notes on the
organisation, notes on the person, and one earlier meeting with notes."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services

PERSON_NOTES = "Gave the talk on the [b]migration[/b] at PyCon; ex-Harbour Bank."
ORG_NOTES = "400 people; moving to Kubernetes; hires juniors in spring"
EARLIER_NOTES = "Read the SRE book.\nAsk about the on-call rota."


def seed_ann(services: Services, clock: FakeClock) -> int:
    """Ann Lee (SRE lead at Acme), referred by Bo Chan, met once for 25 minutes two weeks
    ago. Returns her id; the clock ends two weeks after that meeting."""
    bo = services.contacts.add(ContactFields(name="Bo Chan"))
    ann = services.contacts.add(
        ContactFields(
            name="Ann Lee",
            organisation="Acme",
            title="SRE lead",
            referred_by_id=bo,
            notes=PERSON_NOTES,
        )
    )
    org = services.network.organisation_of(ann)
    assert org is not None
    services.network.set_notes(org, ORG_NOTES)
    first = services.meetings.open_for(ann)
    services.meetings.start(first.id)
    services.meetings.save_notes(first.id, EARLIER_NOTES)
    clock.advance(timedelta(minutes=25))
    services.meetings.end(first.id)
    clock.advance(timedelta(days=14))
    return ann
