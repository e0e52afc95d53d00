"""What a note draft needs: the values a template fills in for one follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from infoterm import followup_policy as policy
from infoterm.pipeline import first_name
from infoterm.services.followup_reads import get_followup
from infoterm.store.schema import Contact, FollowUp, Landing, Meeting

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.services.followup_effects import FollowUpEffects


@dataclass
class Draft:
    """What a note template needs (see ``infoterm.templates``)."""

    kind: str
    contact_id: int
    contact: str
    values: dict[str, str] = field(default_factory=dict)
    notes: str = ""  # the meeting's notes, beside a thank-you
    email: str = ""  # the recipient's address, when known


def advice_text(items: list[tuple[str, bool]]) -> str:
    """What you did with someone's advice (their meetings' action items), for a note."""
    done = [what for what, finished in items if finished]
    still = [what for what, finished in items if not finished]
    parts = []
    if done:
        parts.append(f"I took your advice: {'; '.join(done)}.")
    if still:
        parts.append(f"Still on my list: {'; '.join(still)}.")
    return " ".join(parts)


def new_details(settings: Any) -> str:
    """Your contact details after landing (settings me.new_*), or a reminder to fill in."""
    parts = [
        value.strip()
        for value in (settings.me_new_email, settings.me_new_phone, settings.me_new_linkedin)
        if value.strip()
    ]
    return ", ".join(parts) if parts else "[email, phone, LinkedIn]"


class FollowUpDrafts:
    def __init__(self, services: Services, effects: FollowUpEffects) -> None:
        self.services = services
        self.effects = effects

    def draft(self, followup_id: int) -> Draft:
        with self.services.read() as session:
            f, contact = get_followup(session, followup_id)
            meeting = self._meeting_for(session, f)
            settings = self.services.settings
            values = {
                "first_name": first_name(contact.name),
                "name": contact.name,
                "organisation": self.effects.org_name(contact) or "your organisation",
                "minutes": str(settings.meeting_default_minutes),
                "my_name": settings.me_name or "[your name]",
                "signature": settings.me_signature,
                "meeting_day": "our conversation",
                "last_touch_day": "we last spoke",
            }
            if meeting is not None:
                when = meeting.ended_at or meeting.started_at or meeting.scheduled_at
                if when is not None:
                    values["meeting_day"] = self.effects.day(when)
            if contact.last_touch_at is not None:
                values["last_touch_day"] = self.effects.day(contact.last_touch_at)
            if contact.referred_by is not None:
                values["referrer_name"] = contact.referred_by.name
                values["referrer_first_name"] = first_name(contact.referred_by.name)
            about = session.get(Contact, f.about_contact_id) if f.about_contact_id else None
            if about is not None:
                values["about_name"] = about.name
                values["about_first_name"] = first_name(about.name)
            values["new_details"] = new_details(settings)
            landing = session.scalars(select(Landing).order_by(Landing.id.desc()).limit(1)).first()
            if landing is not None:
                values["landed_org"] = landing.organisation
                values["landed_title"] = landing.title or "a new role"
                values["start_day"] = (
                    policy.day_text(datetime.combine(landing.start_date, datetime.min.time()))
                    if landing.start_date
                    else "soon"
                )
            notes = meeting.notes if meeting is not None and f.kind == "thank-you" else ""
            values["email"] = contact.email
            draft = Draft(f.kind, contact.id, contact.name, values, notes, contact.email)
            if f.kind == "second-contact":
                draft = self._to_a_second_person(session, contact, values)
        if f.kind == "report-back":
            values["advice"] = advice_text(self.services.debrief.advice_of(contact.id))
        return draft

    def _to_a_second_person(
        self, session: Session, contact: Contact, values: dict[str, str]
    ) -> Draft:
        """The second-contact's note goes to someone else at the organisation: the first
        person still identified there, or a blank for the name when there is none yet."""
        values["no_reply_from"] = contact.name
        people = self.effects.second_people(session, contact)
        if not people:
            org = values["organisation"]
            values.update(first_name="[name]", name="[name]", email="")
            return Draft("second-contact", contact.id, f"a second person at {org}", values)
        person = people[0]
        values.update(first_name=first_name(person.name), name=person.name, email=person.email)
        return Draft("second-contact", person.id, person.name, values, "", person.email)

    def _meeting_for(self, session: Session, f: FollowUp) -> Meeting | None:
        if f.meeting_id is not None:
            return session.get(Meeting, f.meeting_id)
        contact_id = f.about_contact_id or f.contact_id
        return session.scalars(
            select(Meeting)
            .where(Meeting.contact_id == contact_id, Meeting.ended_at.is_not(None))
            .order_by(Meeting.ended_at.desc())
            .limit(1)
        ).first()
