"""What happened outside the app: a touch (a message, a call), a meeting held without the
timer, and how often to check in with someone. One transaction and one event each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from infoterm import followup_policy as policy
from infoterm.pipeline import STAGES
from infoterm.services import history
from infoterm.services.errors import ServiceError
from infoterm.services.followup_reads import alive_contact
from infoterm.store.schema import Meeting

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.services.followup_effects import FollowUpEffects

MAX_MEETING_MINUTES = 600


class FollowUpLog:
    def __init__(self, services: Services, effects: FollowUpEffects) -> None:
        self.services = services
        self.effects = effects

    def log_touch(self, contact_id: int, note: str = "", at: datetime | None = None) -> datetime:
        """A message, call or note you had with them; returns the next check-in, if any."""
        now = self.services.clock.now()
        at = at or now
        if at > now:
            raise ServiceError("a touch is something that already happened; give a past date")
        with self.services.transaction() as session:
            contact = alive_contact(session, contact_id)
            self.effects.touch(session, contact, at)
            note = " ".join(note.split())
            history.record(
                session,
                contact.id,
                "touch",
                f"Touch: {note}" if note else "Logged a touch",
                at,
                note=note,
            )
            checkin = self.effects.find_open(session, contact.id, "check-in")
            return policy.effective_due(checkin.due_at, checkin.snoozed_until) if checkin else at

    def log_met(
        self, contact_id: int, at: datetime | None = None, minutes: int | None = None
    ) -> tuple[int, datetime]:
        """A meeting held without the timer: it started ``at`` (default: it just ended) and
        lasted ``minutes``. Returns the meeting id and when the thank-you is due."""
        if minutes is None:
            minutes = self.services.settings.meeting_default_minutes
        if not 1 <= minutes <= MAX_MEETING_MINUTES:
            raise ServiceError(f"a meeting lasts 1 to {MAX_MEETING_MINUTES} minutes")
        now = self.services.clock.now()
        start = at if at is not None else now - timedelta(minutes=minutes)
        if start > now:
            raise ServiceError("that meeting is in the future; log it once it has happened")
        end = start + timedelta(minutes=minutes)
        with self.services.transaction() as session:
            contact = alive_contact(session, contact_id)
            meeting = self._meeting_to_log(session, contact.id, now)
            if meeting is None:
                # the promise is what you asked for, not how long it lasted
                meeting = self.services.meetings._new_meeting(session, contact, now)
                meeting.scheduled_at = start
            meeting.state = "ended"
            meeting.started_at = start
            meeting.ended_at = end
            meeting.duration_seconds = minutes * 60  # its actual length
            # Not timed: whether it ended on time is not known, so it stays out of the
            # on-time figures (which say how many meetings they count).
            meeting.overtime_seconds = None
            meeting.ended_on_time = None
            session.add(meeting)
            session.flush()
            if STAGES.index(contact.stage) < STAGES.index("met"):
                self.services.contacts.move_in(session, contact, "met", now)
            changes = self.effects.on_meeting_ended(session, meeting, now)
            history.record(
                session,
                contact.id,
                "meeting-logged",
                f"Met for {minutes} minutes ({self.effects.day_time(start)})",
                now,
                followups=changes,
                meeting=meeting.id,
            )
            thanks = self.effects.find_open(session, contact.id, "thank-you")
            due = thanks.due_at if thanks else policy.thank_you_due(end)
            return meeting.id, due

    def set_cadence(self, contact_id: int, weeks: int | None) -> int:
        """Check in with this contact every ``weeks`` (None: the default). Returns the
        cadence now in force."""
        if weeks is not None:
            try:
                policy.check_cadence(weeks)
            except ValueError as exc:
                raise ServiceError(str(exc)) from exc
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = alive_contact(session, contact_id)
            before = history.snapshot(contact, ["checkin_weeks"])
            contact.checkin_weeks = weeks
            contact.updated_at = now
            checkin = self.effects.find_open(session, contact.id, "check-in")
            if checkin is not None:
                last = contact.last_touch_at or checkin.created_at
                checkin.due_at = max(
                    policy.checkin_due(last, self.effects.cadence(contact), tz=self.effects.tz), now
                )
                checkin.reason = policy.reason(
                    "check-in",
                    touched=self.effects.day(last),
                    weeks=str(self.effects.cadence(contact)),
                )
            history.record(
                session,
                contact.id,
                "edited",
                f"Check in every {self.effects.cadence(contact)} weeks",
                now,
                before=before,
            )
            return self.effects.cadence(contact)

    def _meeting_to_log(self, session: Session, contact_id: int, now: datetime) -> Meeting | None:
        """A scheduled meeting (not yet held) that a hand-logged one most likely is."""
        return session.scalars(
            select(Meeting)
            .where(
                Meeting.contact_id == contact_id,
                Meeting.state == "scheduled",
                Meeting.started_at.is_(None),
                Meeting.scheduled_at <= now + timedelta(days=1),
            )
            .order_by(Meeting.scheduled_at.desc())
            .limit(1)
        ).first()
