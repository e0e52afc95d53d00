"""Follow-ups: what the user does with them. One transaction and one history event each.

The rules that create and close follow-ups (and the hooks the other services call) are
applied by ``services.followup_effects``; this class holds one and adds the use cases: done, snooze, dismiss, reopen,
add a custom one, log a touch or a meeting held without the timer, record a landing, set a
contact's check-in cadence, and gather what a note draft needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from infoterm import followup_policy as policy
from infoterm.pipeline import STAGE_TITLES, STAGES, first_name
from infoterm.services import history
from infoterm.services.errors import ChangedElsewhere, NotFound, ServiceError, ValidationFailed
from infoterm.services.followup_effects import FollowUpEffects
from infoterm.store.schema import Contact, Event, FollowUp, Landing, Meeting
from infoterm.store.timefmt import to_db
from infoterm.textsafe import one_line_problem

if TYPE_CHECKING:
    from infoterm.services import Services

MAX_MEETING_MINUTES = 600
# Follow-ups that chase the search: landing offers to dismiss them.
LOOSE_ENDS: tuple[str, ...] = ("nudge", "let-go", "reach-out")


@dataclass
class FollowUpView:
    id: int
    kind: str
    state: str
    contact_id: int
    contact: str
    organisation: str
    due: datetime
    snoozed: bool
    reason: str
    note: str


@dataclass
class Outcome:
    """What marking a follow-up done did, for a toast or a line on the shell."""

    summary: str
    moved_to: str | None = None
    archived: bool = False
    next_kind: str | None = None
    next_due: datetime | None = None


@dataclass
class Draft:
    """What a note template needs (see ``infoterm.templates``)."""

    kind: str
    contact_id: int
    contact: str
    values: dict[str, str] = field(default_factory=dict)
    notes: str = ""  # the meeting's notes, beside a thank-you


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


class FollowUpService:
    """The user's follow-up use cases; the rules they apply are ``effects`` (shared with
    the other services, which call its hooks inside their own transactions)."""

    def __init__(self, services: Services, effects: FollowUpEffects) -> None:
        self.services = services
        self.effects = effects

    # -- reading -------------------------------------------------------------------------

    def get(self, followup_id: int) -> FollowUpView:
        with self.services.read() as session:
            return self._view(session, self._get(session, followup_id)[0])

    def _view(self, session: Session, f: FollowUp) -> FollowUpView:
        contact = session.get(Contact, f.contact_id)
        assert contact is not None
        return FollowUpView(
            f.id,
            f.kind,
            f.state,
            contact.id,
            contact.name,
            self.effects.org_name(contact),
            policy.effective_due(f.due_at, f.snoozed_until),
            f.snoozed_until is not None,
            f.reason,
            f.note,
        )

    # -- the review's actions --------------------------------------------------------------
    #
    # Each takes the ``version`` the row was read at (``DueRow.version``): if the follow-up
    # changed since (done, snoozed or dismissed in another window), nothing is done and
    # ChangedElsewhere says what happened there. Without one (the shell's commands, which
    # act on the row as it is now) an open follow-up is acted on.

    def done(self, followup_id: int, version: int | None = None) -> Outcome:
        """Mark it done: a touch for most kinds, the card moves on where the kind says
        (thank-you: met -> thanked; tell landed -> landed; reach out -> requested), a let-go
        archives as went cold, and a check-in or nudge starts what comes next. One
        undoable event on the contact's timeline."""
        now = self.services.clock.now()
        with self._raced(followup_id, version), self.services.transaction() as session:
            f, contact = self._get_open(session, followup_id, version)
            kind = f.kind
            before = history.snapshot(contact, ["last_touch_at"])
            changes = history.FollowUpChanges()
            self.effects.close(session, f, policy.DONE, now, changes)
            words = policy.DONE_WORDS[kind] + (f" ({f.note})" if f.note else "")
            outcome = Outcome(f"{words}: {contact.name}")
            if kind in policy.TOUCHING:
                self.effects.touch(session, contact, now)
            follow_on = {"nudge": "let-go", "check-in": "check-in"}.get(kind)
            if follow_on == "check-in" and contact.stage not in ("thanked", "stay-in-touch"):
                follow_on = None
            if follow_on is not None and contact.archived_at is None:
                made = self.effects.make(session, contact, follow_on, now)
                if made is not None:
                    changes.created += self.effects.created_ids(made)
                    outcome.next_kind = follow_on
                    outcome.next_due = policy.effective_due(made[0].due_at, made[0].snoozed_until)
            target = policy.done_moves_to(kind, contact.stage)
            if kind == "let-go":
                self._let_go(session, contact, now, words, before, changes)
                outcome.archived = True
            elif target is not None and contact.archived_at is None:
                # The move's own event (what the statistics read) carries this done too,
                # so one undo puts everything back.
                self.services.contacts.move_in(session, contact, target, now)
                event = self._pending_event(session, contact.id, "moved")
                payload = json.loads(event.payload)
                payload["before"].update(before)
                payload.setdefault("after", {}).update(history.snapshot(contact, list(before)))
                payload["followup"] = f.id
                for key, ids in (
                    ("created_followups", changes.created),
                    ("closed_followups", changes.closed),
                ):
                    if ids:
                        payload[key] = ids + payload.get(key, [])
                event.payload = json.dumps(payload)
                event.summary = f"{words}; moved to {STAGE_TITLES[target]}"
                outcome.moved_to = target
            else:
                history.record(
                    session,
                    contact.id,
                    "followup-done",
                    words,
                    now,
                    before=before,
                    followups=changes,
                    followup=f.id,
                )
            return outcome

    def snooze(self, followup_id: int, until: datetime, version: int | None = None) -> datetime:
        """Snooze to an instant (it must be in the future)."""
        now = self.services.clock.now()
        try:
            target = policy.snooze_to(until, now)
        except policy.SnoozeError as exc:
            raise ServiceError(str(exc)) from exc
        return self._snooze(followup_id, lambda _due: target, now, version)

    def snooze_for(
        self, followup_id: int, delta: timedelta, version: int | None = None
    ) -> datetime:
        """Snooze by a span: from now if overdue, from its due time if not."""
        now = self.services.clock.now()
        return self._snooze(
            followup_id,
            lambda due: policy.snooze_for(due, now, delta, tz=self.effects.tz),
            now,
            version,
        )

    def dismiss(self, followup_id: int, version: int | None = None) -> str:
        now = self.services.clock.now()
        with self._raced(followup_id, version), self.services.transaction() as session:
            f, contact = self._get_open(session, followup_id, version)
            changes = history.FollowUpChanges()
            self.effects.close(session, f, policy.DISMISSED, now, changes)
            label = policy.LABELS[f.kind]
            history.record(
                session,
                contact.id,
                "followup-dismissed",
                f"Dismissed {label}",
                now,
                before={},
                followups=changes,
                followup=f.id,
            )
            return f"Dismissed {label} for {contact.name}"

    def reopen(self, followup_id: int, snoozed_until: datetime | None = None) -> None:
        """Put a follow-up back as it was (the review's undo of done, snooze or dismiss)."""
        now = self.services.clock.now()
        with self.services.transaction() as session:
            f, contact = self._get(session, followup_id)
            if f.state != policy.OPEN and self.effects.open_twin(session, f):
                raise ServiceError(
                    f"{policy.LABELS[f.kind]} for {contact.name} is open again already;"
                    " nothing to undo"
                )
            f.state = policy.OPEN
            f.closed_at = None
            f.snoozed_until = snoozed_until
            label = policy.LABELS[f.kind]
            history.record(
                session, contact.id, "followup-reopened", f"Reopened {label}", now, followup=f.id
            )

    def add(self, contact_id: int, due: datetime, note: str) -> int:
        note = self.check_note(note)
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._alive(session, contact_id)
            return self.add_in(session, contact, due, note, now)

    @staticmethod
    def check_note(note: str) -> str:
        note = " ".join(note.split())
        if not note:
            raise ValidationFailed(
                {"note": "say what is to be done, e.g. --note 'send the article'"}
            )
        return note

    def add_in(
        self,
        session: Session,
        contact: Contact,
        due: datetime,
        note: str,
        now: datetime,
        meeting_id: int | None = None,
    ) -> int:
        """A custom follow-up inside a transaction (``meeting_id``: the meeting whose
        debrief it came from)."""
        f = FollowUp(
            contact_id=contact.id,
            kind="custom",
            due_at=due,
            state=policy.OPEN,
            reason=note,
            note=note,
            meeting_id=meeting_id,
            created_at=now,
        )
        session.add(f)
        session.flush()
        when = self.effects.day_time(due)
        history.record(
            session,
            contact.id,
            "followup-added",
            f"To do by {when}: {note}",
            now,
            followup=f.id,
        )
        return f.id

    # -- logging what happened outside the app -------------------------------------------------

    def log_touch(self, contact_id: int, note: str = "", at: datetime | None = None) -> datetime:
        """A message, call or note you had with them; returns the next check-in, if any."""
        now = self.services.clock.now()
        at = at or now
        if at > now:
            raise ServiceError("a touch is something that already happened; give a past date")
        with self.services.transaction() as session:
            contact = self._alive(session, contact_id)
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
            contact = self._alive(session, contact_id)
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

    def land(self, organisation: str, title: str, start: date | None = None) -> tuple[int, int]:
        """Record the job you landed; everyone met, thanked or in stay in touch gets a
        "tell landed" follow-up. Returns the landing id and how many people to tell."""
        for name, value in (("organisation", organisation), ("title", title)):
            problem = one_line_problem(name, value.strip())
            if problem:
                raise ValidationFailed({name: problem})
        organisation, title = " ".join(organisation.split()), " ".join(title.split())
        if not organisation:
            raise ValidationFailed({"organisation": "say where you landed: --org NAME"})
        now = self.services.clock.now()
        job = f"{title} at {organisation}" if title else organisation
        if start:
            job += f", from {policy.day_text(datetime.combine(start, datetime.min.time()))}"
        why = policy.reason("tell-landed", job=job)
        with self.services.transaction() as session:
            landing = Landing(organisation=organisation, title=title, start_date=start)
            landing.recorded_at = now
            session.add(landing)
            session.flush()
            people = session.scalars(
                select(Contact).where(
                    Contact.stage.in_(("met", "thanked", "stay-in-touch")),
                    Contact.archived_at.is_(None),
                    Contact.deleted_at.is_(None),
                )
            ).all()
            for contact in people:
                self.effects.ensure(
                    session,
                    contact.id,
                    "tell-landed",
                    policy.tell_landed_due(now, tz=self.effects.tz),
                    why,
                    now,
                    update=True,
                )
            history.record(session, None, "landed", f"Landed: {job}", now, landing=landing.id)
            return landing.id, len(people)

    def loose_ends(self) -> list[FollowUpView]:
        """What landing leaves open: nudges, let-gos, reach-outs and thank-yous (soonest
        first). A thank-you is still owed after landing; the others chase a search that
        is over."""
        with self.services.read() as session:
            rows = session.scalars(
                select(FollowUp)
                .join(Contact, Contact.id == FollowUp.contact_id)
                .where(
                    FollowUp.state == policy.OPEN,
                    FollowUp.kind.in_(LOOSE_ENDS + ("thank-you",)),
                    Contact.deleted_at.is_(None),
                )
                .order_by(FollowUp.due_at, FollowUp.id)
            ).all()
            return [self._view(session, f) for f in rows]

    def dismiss_open(self, kinds: tuple[str, ...]) -> int:
        """Dismiss every open follow-up of these kinds (landing: the search is over).
        Returns how many; each contact's timeline says so."""
        now = self.services.clock.now()
        with self.services.transaction() as session:
            rows = session.scalars(
                select(FollowUp).where(FollowUp.state == policy.OPEN, FollowUp.kind.in_(kinds))
            ).all()
            for f in rows:
                changes = history.FollowUpChanges()
                self.effects.close(session, f, policy.DISMISSED, now, changes)
                history.record(
                    session,
                    f.contact_id,
                    "followup-dismissed",
                    f"Dismissed {policy.LABELS[f.kind]} (you have landed)",
                    now,
                    followups=changes,
                    followup=f.id,
                )
            return len(rows)

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
            contact = self._alive(session, contact_id)
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

    # -- drafts ----------------------------------------------------------------------------

    def draft(self, followup_id: int) -> Draft:
        with self.services.read() as session:
            f, contact = self._get(session, followup_id)
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
            draft = Draft(f.kind, contact.id, contact.name, values, notes)
        if f.kind == "report-back":
            values["advice"] = advice_text(self.services.debrief.advice_of(contact.id))
        return draft

    # -- helpers ---------------------------------------------------------------------------

    def _snooze(
        self,
        followup_id: int,
        target_of: Callable[[datetime], datetime],
        now: datetime,
        version: int | None,
    ) -> datetime:
        with self._raced(followup_id, version), self.services.transaction() as session:
            f, contact = self._get_open(session, followup_id, version)
            target = target_of(policy.effective_due(f.due_at, f.snoozed_until))
            was = to_db(f.snoozed_until)
            f.snoozed_until = target
            label = policy.LABELS[f.kind]
            when = self.effects.day_time(target)
            history.record(
                session,
                contact.id,
                "followup-snoozed",
                f"Snoozed {label} until {when}",
                now,
                before={},
                followup=f.id,
                snoozed_from={str(f.id): was},
                snoozed_to={str(f.id): to_db(target)},
            )
            return target

    def _let_go(
        self,
        session: Session,
        contact: Contact,
        now: datetime,
        words: str,
        before: dict[str, Any],
        changes: history.FollowUpChanges,
    ) -> None:
        """Archive as "went cold", as the board's archive does (and undoable the same way)."""
        before = before | history.snapshot(contact, ["archived_at", "archive_reason"])
        contact.archived_at = now
        contact.archive_reason = "went cold"
        contact.updated_at = now
        changes += self.effects.on_archived(session, contact, now)
        history.record(
            session,
            contact.id,
            "archived",
            f"{words}: archived {contact.name} (went cold)",
            now,
            before=before,
            followups=changes,
            reason="went cold",
        )

    @staticmethod
    def _pending_event(session: Session, contact_id: int, kind: str) -> Event:
        for item in session.new:
            if isinstance(item, Event) and item.contact_id == contact_id and item.kind == kind:
                return item
        raise LookupError(f"no {kind} event recorded")

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

    def _get(self, session: Session, followup_id: int) -> tuple[FollowUp, Contact]:
        f = session.get(FollowUp, followup_id)
        contact = session.get(Contact, f.contact_id) if f is not None else None
        if f is None or contact is None or contact.deleted_at is not None:
            raise NotFound(f"no follow-up #{followup_id}")
        return f, contact

    def _get_open(
        self, session: Session, followup_id: int, version: int | None = None
    ) -> tuple[FollowUp, Contact]:
        f, contact = self._get(session, followup_id)
        if version is not None and f.version != version:
            raise ChangedElsewhere(
                f"follow-up #{followup_id}",
                version,
                f.version,
                message=self._changed_there(f, contact),
            )
        if f.state != policy.OPEN:
            raise ServiceError(
                f"follow-up #{followup_id} ({policy.LABELS[f.kind]} for {contact.name}) "
                f"is already {f.state}"
            )
        return f, contact

    @contextmanager
    def _raced(self, followup_id: int, version: int | None) -> Iterator[None]:
        """Around a write that checks the row's version: if it lost a race at commit (both
        machines read the open row; the other's UPDATE got there first, so ours matched
        no row), read the follow-up again and say what the other side did ("was already
        done elsewhere"), instead of "changed while it was being saved"."""
        try:
            yield
        except ChangedElsewhere as exc:
            if not isinstance(exc.__cause__, StaleDataError):
                raise
            with self.services.read() as session:
                f, contact = self._get(session, followup_id)
                found = ChangedElsewhere(
                    f"follow-up #{followup_id}",
                    version,
                    f.version,
                    message=self._changed_there(f, contact),
                )
            raise found from exc

    def _changed_there(self, f: FollowUp, contact: Contact) -> str:
        """What another window (or a command) did to a follow-up since it was read."""
        what = f"This follow-up ({policy.LABELS[f.kind]} for {contact.name})"
        if f.state != policy.OPEN:
            state = "closed" if f.state == policy.CLOSED else f.state
            when = f" at {self._when(f.closed_at)}" if f.closed_at is not None else ""
            return f"{what} was already {state} elsewhere{when}; nothing was changed"
        if f.snoozed_until is not None:
            until = self._when(f.snoozed_until)
            return f"{what} was snoozed elsewhere until {until}; nothing was changed"
        due = self._when(f.due_at)
        return f"{what} was changed elsewhere (now due {due}); nothing was changed"

    def _when(self, instant: datetime) -> str:
        """'14:02' today, 'Thu 3 Dec 14:02' on another day (in the user's zone)."""
        local = self.effects.local(instant)
        if local.date() == self.services.clock.local_now().date():
            return f"{local:%H:%M}"
        return policy.day_time_text(local)

    def _alive(self, session: Session, contact_id: int) -> Contact:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise NotFound(f"no contact with id {contact_id}")
        return contact
