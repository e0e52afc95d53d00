"""The follow-up rules of ``infoterm.followup_policy`` applied in the database.

The hooks (``on_contact_added``, ``on_moved``, ``on_archived``, ``on_meeting_scheduled``,
``on_meeting_cancelled``, ``on_meeting_ended``) are called by the other services inside
their transaction and return a :class:`~infoterm.services.history.FollowUpChanges`: the
ids of the follow-ups they created (so undo can remove them) and of those they closed (so
undo can reopen them), which the caller passes to its history event. What the user does with follow-ups (done, snooze, dismiss, add, log
a touch or a meeting, land) is ``services.followups.FollowUpService``, which holds one of these.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from infoterm import followup_policy as policy
from infoterm.services import history
from infoterm.services.history import FollowUpChanges
from infoterm.store.schema import Contact, Event, FollowUp, Meeting

if TYPE_CHECKING:
    from infoterm.services import Services


class FollowUpEffects:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- hooks: what happens to a contact makes things due ----------------------------------

    def on_contact_added(
        self, session: Session, contact: Contact, now: datetime
    ) -> FollowUpChanges:
        """A referral gets a reach-out; a contact added straight into a later stage gets
        what entering that stage makes (a nudge in requested, a check-in in stay in touch)."""
        changes = FollowUpChanges()
        if contact.referred_by_id is not None and contact.stage == "identified":
            changes.created += self.created_ids(self.make(session, contact, "reach-out", now))
        for kind in policy.plan_move("identified", contact.stage).create:
            changes.created += self.created_ids(self.make(session, contact, kind, now))
        return changes

    def on_moved(
        self, session: Session, contact: Contact, old: str, new: str, now: datetime
    ) -> FollowUpChanges:
        plan = policy.plan_move(old, new)
        changes = FollowUpChanges()
        self.close_kinds(session, contact.id, plan.close, now, changes)
        if plan.touch:
            self.touch(session, contact, now)
        for kind in plan.create:
            changes.created += self.created_ids(self.make(session, contact, kind, now))
        return changes

    def on_archived(self, session: Session, contact: Contact, now: datetime) -> FollowUpChanges:
        changes = FollowUpChanges()
        for f in self.open_for(session, contact.id):
            self.close(session, f, policy.CLOSED, now, changes)
        return changes

    def on_unarchived(self, session: Session, contact: Contact, now: datetime) -> FollowUpChanges:
        """Restored from the archive: what archiving closed is open again (a reach-out, a
        check-in), unless an open one of the same obligation was made since."""
        changes = FollowUpChanges()
        archived = session.scalars(
            select(Event)
            .where(
                Event.contact_id == contact.id,
                Event.kind == "archived",
                Event.undone_at.is_(None),
            )
            .order_by(Event.at.desc(), Event.id.desc())
            .limit(1)
        ).first()
        if archived is None:
            return changes
        for followup_id in json.loads(archived.payload or "{}").get("closed_followups", []):
            f = session.get(FollowUp, followup_id)
            if f is None or f.state == policy.OPEN or history.open_twin(session, f):
                continue
            f.state = policy.OPEN
            f.closed_at = None
            changes.reopened.append(f.id)
        return changes

    def on_meeting_scheduled(
        self, session: Session, meeting: Meeting, now: datetime
    ) -> FollowUpChanges:
        """A meeting was scheduled or moved: a reply (nudges close) and a prepare."""
        contact = self._contact(session, meeting.contact_id)
        changes = FollowUpChanges()
        replied = dict.fromkeys(policy.REPLY_CLOSES, policy.CLOSED)
        self.close_kinds(session, contact.id, replied, now, changes)
        if meeting.scheduled_at is None:
            return changes
        due = policy.prepare_due(meeting.scheduled_at, now, self.tz)
        existing = self.find_open(session, contact.id, "prepare", meeting_id=meeting.id)
        if due is None:
            if existing is not None:
                self.close(session, existing, policy.CLOSED, now, changes)
            return changes
        why = policy.reason(
            "prepare",
            meeting=self.day_time(meeting.scheduled_at),
            organisation=self.org_name(contact),
        )
        f, created = self.ensure(
            session, contact.id, "prepare", due, why, now, meeting_id=meeting.id, update=True
        )
        if created:
            changes.created.append(f.id)
        return changes

    def on_contact_edited(
        self, session: Session, contact: Contact, now: datetime
    ) -> FollowUpChanges:
        """A prepare's reason names the organisation ("research Acme"): it follows an edit
        (or the undo of one) that changes it."""
        session.flush()
        session.refresh(contact, ["organisation"])
        for f in self.open_for(session, contact.id):
            meeting = session.get(Meeting, f.meeting_id) if f.meeting_id is not None else None
            if f.kind == "prepare" and meeting is not None and meeting.scheduled_at is not None:
                f.reason = policy.reason(
                    "prepare",
                    meeting=self.day_time(meeting.scheduled_at),
                    organisation=self.org_name(contact),
                )
        return FollowUpChanges()

    def on_meeting_cancelled(
        self, session: Session, meeting: Meeting, now: datetime
    ) -> FollowUpChanges:
        changes = FollowUpChanges()
        existing = self.find_open(session, meeting.contact_id, "prepare", meeting_id=meeting.id)
        if existing is not None:
            self.close(session, existing, policy.CLOSED, now, changes)
        return changes

    def on_meeting_ended(
        self, session: Session, meeting: Meeting, now: datetime
    ) -> FollowUpChanges:
        """A meeting ended (timer) or was logged: thank-you 24 h after its end, report back
        to whoever referred them 2 days later, and it counts as a touch and a reply."""
        contact = self._contact(session, meeting.contact_id)
        ended = meeting.ended_at or now
        changes = FollowUpChanges()
        for f in self.open_for(session, contact.id):
            if (f.kind == "prepare" and f.meeting_id in (meeting.id, None)) or (
                f.kind in policy.REPLY_CLOSES
            ):
                self.close(session, f, policy.CLOSED, now, changes)
        thanks = self.find_open(session, contact.id, "thank-you")
        why = policy.reason("thank-you", met=self.day_time(ended))
        if thanks is None:
            thanks, _ = self.ensure(
                session,
                contact.id,
                "thank-you",
                policy.thank_you_due(ended),
                why,
                now,
                meeting_id=meeting.id,
            )
            changes.created.append(thanks.id)
        elif thanks.meeting_id in (None, meeting.id):
            thanks.meeting_id = meeting.id
            thanks.due_at = policy.thank_you_due(ended)
            thanks.reason = why
        changes.created += self.created_ids(
            self.report_back(session, contact, ended, now, update=True)
        )
        self.touch(session, contact, ended)
        return changes

    # -- building blocks (also used by the actions) ----------------------------------------

    def make(
        self, session: Session, contact: Contact, kind: str, now: datetime, *, update: bool = False
    ) -> tuple[FollowUp, bool] | None:
        """Create (or find) the follow-up a rule asks for; None when it does not apply.
        With ``update``, an open one found is timed (and worded) afresh from ``now``."""
        local = self.local(now)
        settings = self.services.settings
        if kind == "nudge":
            due = self.request_due(now, settings.followups_nudge_days)
            why = policy.reason("nudge", asked=policy.day_text(local))
        elif kind == "second-contact":
            if contact.organisation is None or not settings.followups_business_days:
                return None  # no second person to suggest; or today's rule: a nudge only
            due = self.request_due(now, policy.SECOND_CONTACT_DAYS)
            why = self.second_contact_reason(session, contact)
        elif kind == "let-go":
            due = policy.let_go_due(now, settings.followups_nudge_days, tz=self.tz)
            why = policy.reason("let-go", nudged=policy.day_text(local))
        elif kind == "thank-you":
            due = policy.thank_you_due(now)
            why = policy.reason("thank-you", met=policy.day_time_text(local))
        elif kind == "reach-out":
            referrer = contact.referred_by
            if referrer is None:
                return None
            due = policy.reach_out_due(now, tz=self.tz)
            why = policy.reason("reach-out", referrer=referrer.name, on=policy.day_text(local))
        elif kind == "report-back":
            return self.report_back(session, contact, now, now)
        elif kind == "check-in":
            weeks = self.cadence(contact)
            last = contact.last_touch_at or now
            due = max(policy.checkin_due(last, weeks, tz=self.tz), now)
            why = policy.reason("check-in", touched=self.day(last), weeks=str(weeks))
        else:
            raise ValueError(f"no rule makes a {kind!r} follow-up")
        return self.ensure(session, contact.id, kind, due, why, now, update=update)

    def on_asked_again(self, session: Session, contact: Contact, asked: datetime) -> None:
        """A later request to someone already in requested (a second channel, a fresh
        message): the open 2nd contact and nudge count from it, as the reply does. Closed
        ones stay closed: Dalton's nudge is sent once."""
        for kind in ("second-contact", "nudge"):
            if self.find_open(session, contact.id, kind) is not None:
                self.make(session, contact, kind, asked, update=True)

    def request_due(self, asked: datetime, days: int) -> datetime:
        """``days`` after a request: business days (3B7) unless ``followups.business_days``
        is off, skipping the holidays of ``followups.holidays``. A country the holidays
        package does not know (a hand-edited config.toml: ``config set`` refuses one)
        counts weekends only, as the responder types do, rather than stopping requests."""
        from infoterm.business_days import UnknownCountry

        settings = self.services.settings
        due = partial(
            policy.request_due, asked, days, tz=self.tz, business=settings.followups_business_days
        )
        try:
            return due(country=settings.followups_holidays)
        except UnknownCountry:
            return due(country=None)

    def second_contact_reason(self, session: Session, contact: Contact) -> str:
        """'no reply from Ann yet: write to a second person at Acme — still identified
        there: Bo, Cy' (the people at the organisation not yet asked)."""
        org = contact.organisation
        return policy.reason(
            "second-contact",
            name=contact.name,
            organisation=org.name if org is not None else "",
            suggest=policy.suggest_text([c.name for c in self.second_people(session, contact)]),
        )

    def second_people(self, session: Session, contact: Contact) -> list[Contact]:
        """The people at ``contact``'s organisation still identified (not yet asked), by
        name: whom a second-contact suggests, and whom its draft is written to."""
        org = contact.organisation
        if org is None:
            return []
        return list(
            session.scalars(
                select(Contact)
                .where(
                    Contact.organisation_id == org.id,
                    Contact.id != contact.id,
                    Contact.stage == "identified",
                    Contact.archived_at.is_(None),
                    Contact.deleted_at.is_(None),
                )
                .order_by(Contact.name)
            )
        )

    def report_back(
        self,
        session: Session,
        contact: Contact,
        met_at: datetime,
        now: datetime,
        *,
        update: bool = False,
    ) -> tuple[FollowUp, bool] | None:
        referrer = contact.referred_by
        if referrer is None or referrer.deleted_at is not None or referrer.archived_at is not None:
            return None
        why = policy.reason("report-back", about=contact.name, met=self.day(met_at))
        return self.ensure(
            session,
            referrer.id,
            "report-back",
            policy.report_back_due(met_at, tz=self.tz),
            why,
            now,
            about=contact.id,
            update=update,
        )

    def ensure(
        self,
        session: Session,
        contact_id: int,
        kind: str,
        due: datetime,
        why: str,
        now: datetime,
        *,
        meeting_id: int | None = None,
        about: int | None = None,
        update: bool = False,
    ) -> tuple[FollowUp, bool]:
        """One open follow-up per obligation: the open one (updated if asked), or a new one.

        The database holds the rule too (``ux_followups_obligation``): when another machine
        added the same one since we looked, the insert fails in its savepoint and theirs
        is the one (one result, whichever machine was first)."""
        found = self.find_open(session, contact_id, kind, meeting_id=meeting_id, about=about)
        if found is not None:
            if update:
                self._refresh(found, due, why)
            return found, False
        followup = FollowUp(
            contact_id=contact_id,
            kind=kind,
            due_at=due,
            state=policy.OPEN,
            reason=why,
            meeting_id=meeting_id,
            about_contact_id=about,
            note="",
            created_at=now,
        )
        try:
            with session.begin_nested():
                session.add(followup)
                session.flush()
        except IntegrityError:
            found = self.find_open(session, contact_id, kind, meeting_id=meeting_id, about=about)
            if found is None:
                raise
            if update:
                self._refresh(found, due, why)
            return found, False
        return followup, True

    @staticmethod
    def _refresh(found: FollowUp, due: datetime, why: str) -> None:
        found.due_at = due
        found.reason = why
        if found.snoozed_until is not None and found.snoozed_until <= due:
            found.snoozed_until = None

    @staticmethod
    def open_twin(session: Session, followup: FollowUp) -> bool:
        """Another follow-up of the same obligation is open (reopening this one would make
        two, which the database refuses)."""
        return history.open_twin(session, followup)

    def find_open(
        self,
        session: Session,
        contact_id: int,
        kind: str,
        *,
        meeting_id: int | None = None,
        about: int | None = None,
    ) -> FollowUp | None:
        query = select(FollowUp).where(
            FollowUp.contact_id == contact_id, FollowUp.kind == kind, FollowUp.state == policy.OPEN
        )
        if kind == "prepare":
            query = query.where(FollowUp.meeting_id == meeting_id)
        if kind == "report-back":
            query = query.where(FollowUp.about_contact_id == about)
        return session.scalars(query.order_by(FollowUp.id).limit(1)).first()

    def open_for(self, session: Session, contact_id: int) -> list[FollowUp]:
        return list(
            session.scalars(
                select(FollowUp)
                .where(FollowUp.contact_id == contact_id, FollowUp.state == policy.OPEN)
                .order_by(FollowUp.id)
            )
        )

    @staticmethod
    def close(
        session: Session, followup: FollowUp, state: str, now: datetime, changes: FollowUpChanges
    ) -> None:
        """Close a follow-up; its id joins ``changes.closed`` (undo of the event that
        records them reopens it)."""
        followup.state = state
        followup.closed_at = now
        changes.closed.append(followup.id)

    def close_kinds(
        self,
        session: Session,
        contact_id: int,
        kinds: dict[str, str],
        now: datetime,
        changes: FollowUpChanges,
    ) -> None:
        if not kinds:
            return
        for f in self.open_for(session, contact_id):
            if f.kind in kinds:
                self.close(session, f, kinds[f.kind], now, changes)

    def touch(self, session: Session, contact: Contact, at: datetime) -> None:
        """A logged contact with the person: the check-in cadence starts again from it."""
        if contact.last_touch_at is None or at > contact.last_touch_at:
            contact.last_touch_at = at
        checkin = self.find_open(session, contact.id, "check-in")
        if checkin is None:
            return
        weeks = self.cadence(contact)
        checkin.due_at, checkin.snoozed_until = policy.after_touch(
            checkin.snoozed_until, contact.last_touch_at, weeks, tz=self.tz
        )
        checkin.reason = policy.reason(
            "check-in", touched=self.day(contact.last_touch_at), weeks=str(weeks)
        )

    def cadence(self, contact: Contact) -> int:
        return policy.cadence_weeks(
            contact.checkin_weeks, self.services.settings.followups_checkin_weeks
        )

    def local(self, instant: datetime) -> datetime:
        return self.services.clock.to_local(instant)

    @property
    def tz(self) -> tzinfo:
        """The user's zone with its rules: deadlines in days count its calendar days."""
        zone = self.services.clock.local_now().tzinfo
        assert zone is not None
        return zone

    def day(self, instant: datetime) -> str:
        """'Mon 23 Nov' in the user's zone; the year too when it is not this year."""
        return policy.day_text(self.local(instant), self.services.clock.local_now())

    def day_time(self, instant: datetime) -> str:
        return policy.day_time_text(self.local(instant), self.services.clock.local_now())

    def _contact(self, session: Session, contact_id: int) -> Contact:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise LookupError(f"no contact with id {contact_id}")
        return contact

    @staticmethod
    def org_name(contact: Contact) -> str:
        return contact.organisation.name if contact.organisation else ""

    @staticmethod
    def created_ids(result: tuple[FollowUp, bool] | None) -> list[int]:
        return [result[0].id] if result is not None and result[1] else []
