"""Follow-ups: what the user does with them. One transaction and one history event each.

The rules that create and close follow-ups (and the hooks the other services call) are
applied by ``services.followup_effects``; this service holds one and adds the review's
use cases: done, snooze, dismiss, reopen, add a custom one. The rest has a room of its
own, reached through this service: logging a touch, a meeting held without the timer or
a check-in cadence (``services.followup_log``), landing (``services.landing``), and what
a note draft needs (``services.followup_drafts``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from infoterm import followup_policy as policy
from infoterm.pipeline import STAGE_TITLES
from infoterm.services import history
from infoterm.services.errors import ChangedElsewhere, ServiceError, ValidationFailed
from infoterm.services.followup_drafts import Draft, FollowUpDrafts
from infoterm.services.followup_effects import FollowUpEffects
from infoterm.services.followup_log import MAX_MEETING_MINUTES, FollowUpLog
from infoterm.services.followup_reads import FollowUpView, alive_contact, get_followup, view
from infoterm.services.landing import LOOSE_ENDS, LandingActions
from infoterm.store.schema import Contact, Event, FollowUp
from infoterm.store.timefmt import to_db

if TYPE_CHECKING:
    from infoterm.services import Services

__all__ = [
    "LOOSE_ENDS",
    "MAX_MEETING_MINUTES",
    "Draft",
    "FollowUpService",
    "FollowUpView",
    "Outcome",
]


@dataclass
class Outcome:
    """What marking a follow-up done did, for a toast or a line on the shell."""

    summary: str
    moved_to: str | None = None
    archived: bool = False
    next_kind: str | None = None
    next_due: datetime | None = None


class FollowUpService:
    """The user's follow-up use cases; the rules they apply are ``effects`` (shared with
    the other services, which call its hooks inside their own transactions). Logging what
    happened outside the app, landing and drafts are rooms of their own, reached here."""

    def __init__(self, services: Services, effects: FollowUpEffects) -> None:
        self.services = services
        self.effects = effects
        self.log = FollowUpLog(services, effects)
        self.landing = LandingActions(services, effects)
        self.drafts = FollowUpDrafts(services, effects)

    # -- reading -------------------------------------------------------------------------

    def get(self, followup_id: int) -> FollowUpView:
        with self.services.read() as session:
            return view(session, get_followup(session, followup_id)[0])

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
            f, contact = get_followup(session, followup_id)
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
            contact = alive_contact(session, contact_id)
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

    # -- logging what happened outside the app (services.followup_log) -------------------

    def log_touch(self, contact_id: int, note: str = "", at: datetime | None = None) -> datetime:
        return self.log.log_touch(contact_id, note, at)

    def log_met(
        self, contact_id: int, at: datetime | None = None, minutes: int | None = None
    ) -> tuple[int, datetime]:
        return self.log.log_met(contact_id, at, minutes)

    def set_cadence(self, contact_id: int, weeks: int | None) -> int:
        return self.log.set_cadence(contact_id, weeks)

    # -- landing (services.landing) and drafts (services.followup_drafts) ------------------

    def land(self, organisation: str, title: str, start: date | None = None) -> tuple[int, int]:
        return self.landing.land(organisation, title, start)

    def loose_ends(self) -> list[FollowUpView]:
        return self.landing.loose_ends()

    def dismiss_open(self, kinds: tuple[str, ...]) -> int:
        return self.landing.dismiss_open(kinds)

    def draft(self, followup_id: int) -> Draft:
        return self.drafts.draft(followup_id)

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

    def _get_open(
        self, session: Session, followup_id: int, version: int | None = None
    ) -> tuple[FollowUp, Contact]:
        f, contact = get_followup(session, followup_id)
        if version is not None and f.version != version:
            raise ChangedElsewhere(
                f"follow-up #{followup_id}",
                version,
                f.version,
                message=self._changed_there(f, contact),
            )
        if f.state != policy.OPEN:
            state = "closed" if f.state == policy.CLOSED else f.state
            when = f" (at {self._when(f.closed_at)})" if f.closed_at is not None else ""
            raise ServiceError(
                f"follow-up #{followup_id} ({policy.LABELS[f.kind]} for {contact.name}) "
                f"is already {state}{when}; nothing was changed"
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
                f, contact = get_followup(session, followup_id)
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
