"""Meetings: scheduling, the live timer, notes, questions, talk shares, ending.

Every use case is one transaction and returns a fresh :class:`MeetingView`. The timer and
talk meter live in the ``meetings`` row as the fields of ``timer.TimerState`` and
``timer.TalkState`` and are written the moment they change, so a process killed mid-meeting
leaves a meeting that reads the same when reopened. Instants are stored to the second, so
the service works on whole-second "now"s: what it holds in memory is what the file holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, overload

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infoterm import timer
from infoterm.debrief import split_referral
from infoterm.meeting import (
    CHECKLIST_KEYS,
    EXTEND_MINUTES,
    MeetingPlan,
    check_minutes,
    describe_outcome,
    minutes_text,
    split_names,
)
from infoterm.notes_merge import merge_notes
from infoterm.pipeline import STAGES, ContactFields, validate_contact
from infoterm.services import history
from infoterm.services.errors import NotFound, ServiceError, ValidationFailed
from infoterm.services.meeting_view import (
    MeetingView,
    build_view,
    talk_of,
    timer_of,
)
from infoterm.services.meeting_view import checklist_of as _checklist
from infoterm.services.question_bank import QuestionBank, ensure_seeded
from infoterm.store.schema import Contact, Event, Meeting, MeetingQuestion

if TYPE_CHECKING:
    from infoterm.services import Services

__all__ = ["MeetingService", "MeetingView", "NotesSaved", "ReferralResult"]

PAST_MEETING = (
    "that time has passed: schedule a meeting ahead; to record one that happened, use "
    "infoterm log NAME met --at WHEN"
)


@dataclass(frozen=True)
class NotesSaved:
    at: datetime
    text: str
    """The notes as stored: what was typed, or the merge of it with another window's."""
    version: int
    merged: bool = False


@dataclass(frozen=True)
class ReferralResult:
    view: MeetingView
    added: list[str]
    already_known: list[str]


class MeetingService:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.bank = QuestionBank(services)

    def _now(self) -> datetime:
        return self.services.clock.now().replace(microsecond=0)

    # -- finding and creating ------------------------------------------------------------

    def get(self, meeting_id: int) -> MeetingView:
        with self.services.read() as session:
            return build_view(session, self._get(session, meeting_id))

    def open_for(self, contact_id: int, minutes: int | None = None) -> MeetingView:
        """The contact's running meeting, else their next planned one, else a new one,
        stored. ``minutes`` sets the promise of a meeting that has not started."""
        if minutes is not None:
            self._check_minutes(minutes)
        now = self._now()
        with self.services.transaction() as session:
            ensure_seeded(session)
            meeting = self._current(session, self._contact(session, contact_id), now)
            if minutes is not None and meeting.started_at is None:
                meeting.promised_minutes = minutes
            session.flush()
            return build_view(session, meeting)

    def preview_for(self, contact_id: int, minutes: int | None = None) -> MeetingView:
        """What the meeting screen opens on: as :meth:`open_for`, but a meeting that does
        not exist yet is not stored (its view has id 0) until the clock starts, it is
        scheduled, or something is written in it."""
        if minutes is not None:
            self._check_minutes(minutes)
        now = self._now()
        with self.services.transaction() as session:
            ensure_seeded(session)
            contact = self._contact(session, contact_id)
            meeting = self._current(session, contact, now, create=False)
            if meeting is None:
                meeting = self._new_meeting(session, contact, now)
                if minutes is not None:
                    meeting.promised_minutes = minutes
                return build_view(session, meeting)
            if minutes is not None and meeting.started_at is None:
                meeting.promised_minutes = minutes
            session.flush()
            return build_view(session, meeting)

    def history_of(self, contact_id: int) -> list[MeetingView]:
        """Every stored meeting with them: planned first (soonest first), then the ones
        held, newest first."""
        with self.services.read() as session:
            self._contact(session, contact_id)
            rows = session.scalars(
                select(Meeting).where(Meeting.contact_id == contact_id).order_by(Meeting.id)
            ).all()
            views = [build_view(session, m, questions=False) for m in rows]
        planned = [v for v in views if not v.ended]
        held = [v for v in views if v.ended]
        planned.sort(key=lambda v: (v.scheduled_at is None, v.scheduled_at or v.created_at or 0))
        held.sort(key=lambda v: v.timer.ended_at or v.created_at or 0, reverse=True)
        return planned + held

    def schedule(self, contact_id: int, plan: MeetingPlan) -> MeetingView:
        """Set when, where, the agenda and the promise of the next meeting. A time means
        they answered: the request's chasing follow-ups close and a "prepare" is due the
        day before (moved with the meeting; closed if the time is taken away)."""
        self._check_minutes(plan.promised_minutes)
        now = self._now()
        with self.services.transaction() as session:
            contact = self._contact(session, contact_id)
            meeting = self._current(session, contact, now)
            if meeting.started_at is not None:
                raise ServiceError("this meeting has started; its time can no longer change")
            was = meeting.scheduled_at
            if plan.when is not None and plan.when < now and plan.when != was:
                raise ServiceError(PAST_MEETING)
            meeting.promised_minutes = plan.promised_minutes
            meeting.scheduled_at = plan.when
            meeting.location = plan.location.strip()
            meeting.agenda = plan.agenda.strip()
            session.flush()
            if plan.when is not None:
                changes = history.FollowUpChanges()
                if contact.stage == "identified":  # you asked, and they said yes
                    self.services.contacts.move_in(session, contact, "requested", now)
                changes += self.services.followup_effects.on_meeting_scheduled(
                    session, meeting, now
                )
                self.services.contacts.imply_reply(contact, now)  # they said yes
                where = f" ({meeting.location})" if meeting.location else ""
                moved = "moved to" if was is not None and was != plan.when else "set for"
                history.record(
                    session,
                    contact.id,
                    "meeting-scheduled",
                    f"Meeting with {contact.name} {moved} "
                    f"{self.services.clock.to_local(plan.when):%a %d %b %Y %H:%M}{where}, "
                    f"{minutes_text(plan.promised_minutes)} promised",
                    now,
                    meeting_id=meeting.id,
                    followups=changes,
                )
            elif was is not None:
                changes = self.services.followup_effects.on_meeting_cancelled(session, meeting, now)
                history.record(
                    session,
                    contact.id,
                    "meeting-unscheduled",
                    f"Meeting with {contact.name} no longer has a time",
                    now,
                    meeting_id=meeting.id,
                    followups=changes,
                )
            session.flush()
            return build_view(session, meeting)

    def cancel(self, meeting_id: int) -> str:
        """Call off a planned meeting: it goes, and so does its prepare follow-up.
        Returns the contact's name."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            if meeting.started_at is not None:
                raise ServiceError("this meeting has started; end it instead of cancelling")
            contact = self._contact(session, meeting.contact_id)
            changes = self.services.followup_effects.on_meeting_cancelled(session, meeting, now)
            when = (
                f" on {self.services.clock.to_local(meeting.scheduled_at):%a %d %b %Y %H:%M}"
                if meeting.scheduled_at
                else ""
            )
            history.record(
                session,
                contact.id,
                "meeting-cancelled",
                f"Cancelled the meeting with {contact.name}{when}",
                now,
                followups=changes,
            )
            session.delete(meeting)
            return contact.name

    def record_request(
        self, contact_id: int, minutes: int, channel: str = "", at: datetime | None = None
    ) -> MeetingView:
        """You asked them for a conversation of ``minutes`` (``at``: when, which may be in
        the past; default now): the card moves to requested (from identified), the nudge is
        due a week after the ask, and the next meeting inherits the promise. Nothing is
        stored in the meetings table until the meeting is scheduled or held."""
        self._check_minutes(minutes)
        now = self._now()
        asked = now if at is None else at.replace(microsecond=0)
        if asked > now:
            raise ServiceError("a request is something you already did; give a past time")
        with self.services.transaction() as session:
            contact = self._contact(session, contact_id)
            if contact.stage == "identified":
                self.services.contacts.move_in(session, contact, "requested", asked)
            elif contact.requested_at is None or asked > contact.requested_at:
                contact.requested_at = asked  # the latest request (its reply is timed from it)
                if contact.stage == "requested":
                    self.services.followup_effects.on_asked_again(session, contact, asked)
            meeting = self._current(session, contact, now, create=False)
            if meeting is not None and meeting.started_at is None:
                meeting.promised_minutes = minutes
            via = f" by {channel.strip()}" if channel.strip() else ""
            history.record(
                session,
                contact.id,
                "request",
                f"Asked {contact.name} for {minutes_text(minutes)}{via}",
                asked,
                meeting_id=meeting.id if meeting is not None else None,
                minutes=minutes,
                channel=channel.strip(),
            )
            session.flush()
            if meeting is None:
                meeting = self._new_meeting(session, contact, now)
            return build_view(session, meeting)

    # -- the live meeting ----------------------------------------------------------------

    def start(self, meeting_id: int) -> MeetingView:
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            if meeting.started_at is not None:
                return build_view(session, meeting)
            meeting.lead_minutes = self.services.settings.meeting_wrapup_lead_minutes
            self._store_timer(meeting, timer.start(self._timer(meeting), now))
            meeting.state = "running"
            contact = self._contact(session, meeting.contact_id)
            history.record(
                session,
                contact.id,
                "meeting-started",
                f"Meeting with {contact.name} started ({minutes_text(meeting.promised_minutes)}"
                " promised)",
                now,
                meeting_id=meeting.id,
            )
            return build_view(session, meeting)

    def toggle_pause(self, meeting_id: int) -> MeetingView:
        """Start a meeting that has not started; otherwise pause or resume it."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._live(session, meeting_id, "pause")
            if meeting.started_at is None:
                raise ServiceError("the meeting has not started yet")
            state = self._timer(meeting)
            pausing = state.paused_at is None
            self._store_timer(meeting, timer.toggle_pause(state, now))
            talk = self._talk(meeting)
            self._store_talk(
                meeting, timer.talk_stop(talk, now) if pausing else timer.talk_resume(talk, now)
            )
            reading = timer.read(self._timer(meeting), now)
            history.record(
                session,
                meeting.contact_id,
                "meeting-paused" if pausing else "meeting-resumed",
                f"{'Paused' if pausing else 'Resumed'} the meeting at "
                f"{timer.format_seconds(int(reading.elapsed.total_seconds()))}",
                now,
                meeting_id=meeting.id,
            )
            return build_view(session, meeting)

    def extend(self, meeting_id: int, minutes: int = EXTEND_MINUTES) -> MeetingView:
        """They offered more time: the budget grows and the timeline says so."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._live(session, meeting_id, "extend")
            try:
                state = timer.extend(self._timer(meeting), minutes)
            except ValueError as exc:
                raise ServiceError(str(exc)) from exc
            self._store_timer(meeting, state)
            total = meeting.promised_minutes + meeting.extra_minutes
            history.record(
                session,
                meeting.contact_id,
                "meeting-extended",
                f"They offered {minutes_text(minutes)} more (now {total} in all)",
                now,
                meeting_id=meeting.id,
                minutes=minutes,
            )
            return build_view(session, meeting)

    def talk_switch(self, meeting_id: int, to: timer.Speaker | None = None) -> MeetingView:
        """Hand the floor over. Talking starts a meeting that has not started."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._live(session, meeting_id, "switch who is talking in")
            if meeting.started_at is None:
                self._store_timer(meeting, timer.start(self._timer(meeting), now))
                meeting.lead_minutes = self.services.settings.meeting_wrapup_lead_minutes
                meeting.state = "running"
                history.record(
                    session,
                    meeting.contact_id,
                    "meeting-started",
                    f"Meeting with {self._contact(session, meeting.contact_id).name} started "
                    f"({minutes_text(meeting.promised_minutes)} promised)",
                    now,
                    meeting_id=meeting.id,
                )
            talk = timer.talk_switch(self._talk(meeting), now, to)
            if meeting.paused_at is not None:
                talk = timer.talk_stop(talk, now)
            self._store_talk(meeting, talk)
            return build_view(session, meeting)

    def save_notes(
        self, meeting_id: int, text: str, *, version: int | None = None, base: str | None = None
    ) -> NotesSaved:
        """Store the notes as they are now (called often: no history entry).

        ``version`` and ``base`` are the row's version and the notes as this window last
        loaded or saved them. If the row changed since and its notes are no longer
        ``base`` (another window typed too), neither text is dropped: the two are merged,
        the other window's text after a marked line, and ``merged`` says so."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            merged = False
            stored = meeting.notes or ""
            if version is not None and meeting.version != version and stored not in (base, text):
                at = f"{self.services.clock.to_local(now):%H:%M}"
                marker = f"── changed in another window at {at} ──"
                text = merge_notes(base or "", text, stored, marker)
                merged = True
            meeting.notes = text
            meeting.notes_saved_at = now
            session.flush()
            return NotesSaved(now, text, meeting.version, merged)

    def tick_question(self, meeting_id: int, question_id: int) -> MeetingView:
        """Mark a question asked in this meeting, or not asked after all."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            row = session.get(MeetingQuestion, (meeting_id, question_id))
            if row is not None:
                session.delete(row)
            else:
                session.add(
                    MeetingQuestion(meeting_id=meeting_id, question_id=question_id, asked_at=now)
                )
            session.flush()
            return build_view(session, meeting)

    def tick_checklist(self, meeting_id: int, key: str, ticked: bool | None = None) -> MeetingView:
        if key not in CHECKLIST_KEYS:
            raise ServiceError(f"unknown checklist item {key!r}")
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            ticks = _checklist(meeting)
            ticks[key] = not ticks.get(key, False) if ticked is None else ticked
            meeting.checklist = json.dumps(ticks)
            return build_view(session, meeting)

    def add_referrals(self, meeting_id: int, text: str) -> ReferralResult:
        """Names they gave become contacts in identified, referred by this contact;
        ``Ann Lee @ Acme`` puts Ann at Acme."""
        people = self.check_referrals(text)
        if not people:
            raise ValidationFailed({"names": "type one or more names, separated by commas"})
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._get(session, meeting_id)
            added, known = self.add_referrals_in(session, meeting, people, now)
            session.flush()
            return ReferralResult(build_view(session, meeting), added, known)

    @staticmethod
    def check_referrals(text: str) -> list[tuple[str, str]]:
        """(name, organisation) for each name typed (``Name @ Org``), checked."""
        people = [split_referral(raw) for raw in split_names(text)]
        for name, org in people:
            problem = validate_contact(ContactFields(name=name, organisation=org))
            if problem:
                said = next(iter(problem.values()))
                raise ValidationFailed({"names": f"{(name or org)[:40]}…: {said}"})
        return people

    def add_referrals_in(
        self, session: Session, meeting: Meeting, people: list[tuple[str, str]], now: datetime
    ) -> tuple[list[str], list[str]]:
        """Inside a transaction: (the names added, the names already known)."""
        referrer = self._contact(session, meeting.contact_id)
        added: list[str] = []
        known: list[str] = []
        for name, org in people:
            if self._named(session, name) is not None:
                known.append(name)
                continue
            person = Contact(
                name=name,
                organisation=self.services.contacts.organisation(session, org, now)
                if org
                else None,
                source="referral",
                referred_by_id=referrer.id,
                stage="identified",
                stage_changed_at=now,
                created_at=now,
                updated_at=now,
            )
            session.add(person)
            session.flush()
            changes = self.services.followup_effects.on_contact_added(session, person, now)
            at = f" at {org}" if org else ""
            history.record(
                session,
                person.id,
                "created",
                f"Added {name}{at} to identified, referred by {referrer.name}",
                now,
                followups=changes,
            )
            added.append(f"{name} @ {org}" if org else name)
        if added:
            history.record(
                session,
                referrer.id,
                "referral",
                f"{referrer.name} suggested talking to {', '.join(added)}",
                now,
                meeting_id=meeting.id,
            )
            ticks = _checklist(meeting)
            ticks["names"] = True
            meeting.checklist = json.dumps(ticks)
        return added, known

    def end(self, meeting_id: int) -> MeetingView:
        """Record the outcome, move the card to met and hand over to follow-ups."""
        now = self._now()
        with self.services.transaction() as session:
            meeting = self._live(session, meeting_id, "end")
            if meeting.started_at is None:
                raise ServiceError("the meeting has not started, so it cannot end")
            state = timer.end(self._timer(meeting), now)
            self._store_timer(meeting, state)
            talk = timer.talk_stop(self._talk(meeting), now)
            self._store_talk(meeting, talk)
            result = timer.outcome(state)
            meeting.state = "ended"
            meeting.duration_seconds = result.duration_seconds
            meeting.overtime_seconds = result.overtime_seconds
            meeting.ended_on_time = result.ended_on_time
            contact = self._contact(session, meeting.contact_id)
            if STAGES.index(contact.stage) < STAGES.index("met"):
                self.services.contacts.move_in(session, contact, "met", now)
            contact.last_touch_at = now
            share = timer.my_share(talk, now)
            session.flush()
            changes = self.services.followup_effects.on_meeting_ended(session, meeting, now)
            history.record(
                session,
                contact.id,
                "meeting-ended",
                describe_outcome(result, share),
                now,
                followups=changes,
                meeting_id=meeting.id,
                duration_seconds=result.duration_seconds,
                overtime_seconds=result.overtime_seconds,
                on_time=result.ended_on_time,
                my_share=share,
            )
            session.flush()
            return build_view(session, meeting)

    # -- helpers -------------------------------------------------------------------------

    def _check_minutes(self, minutes: int) -> None:
        try:
            check_minutes(minutes)
        except ValueError as exc:
            raise ValidationFailed({"minutes": str(exc)}) from exc

    def _contact(self, session: Session, contact_id: int) -> Contact:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise NotFound(f"no contact with id {contact_id}")
        return contact

    def _named(self, session: Session, name: str) -> Contact | None:
        return session.scalars(
            select(Contact).where(
                func.lower(Contact.name) == name.lower(), Contact.deleted_at.is_(None)
            )
        ).first()

    def _get(self, session: Session, meeting_id: int) -> Meeting:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"no meeting with id {meeting_id}")
        return meeting

    def _live(self, session: Session, meeting_id: int, action: str) -> Meeting:
        meeting = self._get(session, meeting_id)
        if meeting.ended_at is not None:
            raise ServiceError(f"cannot {action} a meeting that has ended")
        return meeting

    @overload
    def _current(
        self, session: Session, contact: Contact, now: datetime, create: Literal[True] = True
    ) -> Meeting: ...

    @overload
    def _current(
        self, session: Session, contact: Contact, now: datetime, create: bool
    ) -> Meeting | None: ...

    def _current(
        self, session: Session, contact: Contact, now: datetime, create: bool = True
    ) -> Meeting | None:
        open_meetings = select(Meeting).where(
            Meeting.contact_id == contact.id, Meeting.ended_at.is_(None)
        )
        meeting = (
            session.scalars(
                open_meetings.where(Meeting.started_at.is_not(None)).order_by(Meeting.id.desc())
            ).first()
            or session.scalars(
                open_meetings.order_by(
                    Meeting.scheduled_at.is_(None), Meeting.scheduled_at, Meeting.id
                )
            ).first()
        )
        if meeting is None and create:
            meeting = self._new_meeting(session, contact, now)
            session.add(meeting)
            session.flush()
        return meeting

    def _new_meeting(self, session: Session, contact: Contact, now: datetime) -> Meeting:
        """A meeting not yet in the session, with every default filled in."""
        return Meeting(
            contact_id=contact.id,
            promised_minutes=self._promise_for(session, contact),
            lead_minutes=self.services.settings.meeting_wrapup_lead_minutes,
            state="scheduled",
            location="",
            agenda="",
            notes="",
            paused_seconds=0.0,
            extra_minutes=0,
            talk_me_seconds=0.0,
            talk_them_seconds=0.0,
            checklist="{}",
            created_at=now,
        )

    def _promise_for(self, session: Session, contact: Contact) -> int:
        """A new meeting keeps the promise of the latest request, else of the last
        meeting, else the default."""
        last = session.execute(
            select(Meeting.promised_minutes, Meeting.created_at)
            .where(Meeting.contact_id == contact.id)
            .order_by(Meeting.id.desc())
        ).first()
        asked = session.execute(
            select(Event.payload, Event.at)
            .where(
                Event.contact_id == contact.id,
                Event.kind == "request",
                Event.undone_at.is_(None),
            )
            .order_by(Event.at.desc(), Event.id.desc())
        ).first()
        if asked is not None and (last is None or asked[1] >= last[1]):
            try:
                minutes = json.loads(asked[0] or "{}").get("minutes")
            except ValueError:
                minutes = None
            if isinstance(minutes, int):
                return minutes
        if last is not None:
            return int(last[0])
        return int(self.services.settings.meeting_default_minutes)

    _timer = staticmethod(timer_of)
    _talk = staticmethod(talk_of)

    @staticmethod
    def _store_timer(meeting: Meeting, state: timer.TimerState) -> None:
        meeting.started_at = state.started_at
        meeting.paused_at = state.paused_at
        meeting.paused_seconds = state.paused_seconds
        meeting.extra_minutes = state.extra_minutes
        meeting.ended_at = state.ended_at

    @staticmethod
    def _store_talk(meeting: Meeting, talk: timer.TalkState) -> None:
        meeting.talk_speaker = talk.speaker
        meeting.talk_since = talk.since
        meeting.talk_me_seconds = talk.me_seconds
        meeting.talk_them_seconds = talk.them_seconds
