"""The event log: every change to a contact is written here, and undone from here.

An undoable event stores the contact's fields as they were before (``before``), the
follow-ups the change created, and those it closed (a :class:`FollowUpChanges` the
follow-up effects return and the caller passes to :func:`record`), so undo can put things
back exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from infoterm.store.schema import Contact, Event, FollowUp, UtcDateTime
from infoterm.store.timefmt import from_db, to_db

UNDOABLE = frozenset(
    {
        "moved",
        "edited",
        "archived",
        "unarchived",
        "deleted",
        "followup-done",
        "followup-snoozed",
        "followup-dismissed",
        "replied",
    }
)


@dataclass
class FollowUpChanges:
    """The follow-ups a change created and those it closed (ids), for its history event:
    undo removes the created ones and reopens the closed ones."""

    created: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)  # undo closes them again

    def __iadd__(self, other: FollowUpChanges) -> FollowUpChanges:
        self.created += other.created
        self.closed += other.closed
        self.reopened += other.reopened
        return self


def snapshot(contact: Contact, names: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in names:
        value = getattr(contact, name)
        data[name] = to_db(value) if isinstance(value, datetime) else value
    return data


def restore(contact: Contact, data: dict[str, Any]) -> None:
    columns = Contact.__table__.columns
    for name, value in data.items():
        if isinstance(columns[name].type, UtcDateTime):
            value = from_db(value)
        setattr(contact, name, value)


def record(
    session: Session,
    contact_id: int | None,
    kind: str,
    summary: str,
    now: datetime,
    *,
    before: dict[str, Any] | None = None,
    followups: FollowUpChanges | None = None,
    **extra: Any,
) -> Event:
    payload: dict[str, Any] = dict(extra)
    if before is not None:
        payload["before"] = before
        contact = session.get(Contact, contact_id) if contact_id is not None else None
        if contact is not None and before:
            # What the change left, so that undo can tell whether the row changed since.
            payload["after"] = snapshot(contact, list(before))
    if followups is not None and followups.created:
        payload["created_followups"] = followups.created
    if followups is not None and followups.closed:
        payload["closed_followups"] = followups.closed
    if followups is not None and followups.reopened:
        payload["reopened_followups"] = followups.reopened
    event = Event(
        contact_id=contact_id, at=now, kind=kind, summary=summary, payload=json.dumps(payload)
    )
    session.add(event)
    return event


def last_undoable(session: Session, contact_id: int | None = None) -> Event | None:
    query = select(Event).where(Event.kind.in_(UNDOABLE), Event.undone_at.is_(None))
    if contact_id is not None:
        query = query.where(Event.contact_id == contact_id)
    return session.scalars(query.order_by(Event.id.desc()).limit(1)).first()


class ChangedSince(LookupError):
    """Undo would overwrite a change made after the one being undone."""

    def __init__(self, message: str, fields: dict[str, tuple[Any, Any]]) -> None:
        super().__init__(message)
        self.fields = fields  # name -> (what undo would put back, what is stored now)


def _check_unchanged_since(
    session: Session, event: Event, contact: Contact, payload: dict[str, Any]
) -> None:
    """The fields undo puts back must still hold what the change left (its ``after``), and
    a snoozed follow-up must still be snoozed to where that snooze put it; otherwise
    another window or a command changed them since, and undo says so instead of
    overwriting. (A change that was itself undone puts the values back, so undoing the
    change before it still works.) Events stored before this check carry no ``after``."""
    after = payload.get("after")
    changed: dict[str, tuple[Any, Any]] = {}
    if isinstance(after, dict):
        now = snapshot(contact, [k for k in after if k in Contact.__table__.columns])
        before = payload.get("before", {})
        changed = {k: (before.get(k), v) for k, v in now.items() if v != after[k]}
    for followup_id, until in payload.get("snoozed_to", {}).items():
        followup = session.get(FollowUp, int(followup_id))
        if followup is not None and (
            followup.state != "open" or to_db(followup.snoozed_until) != until
        ):
            changed["follow-up"] = (until, to_db(followup.snoozed_until))
    if changed:
        what = ", ".join(k.replace("_id", "").replace("_", " ") for k in changed)
        raise ChangedSince(
            f'cannot undo "{event.summary}": {contact.name}\'s {what} changed since '
            "(in another window or by a command); nothing was undone",
            changed,
        )


def open_twin(session: Session, followup: FollowUp) -> bool:
    """Another follow-up of the same obligation is open (reopening would make two, which
    the database's ``ux_followups_obligation`` refuses): the obligation stands already."""
    if followup.kind == "custom":
        return False
    query = select(FollowUp.id).where(
        FollowUp.contact_id == followup.contact_id,
        FollowUp.kind == followup.kind,
        FollowUp.state == "open",
        FollowUp.id != followup.id,
    )
    if followup.kind == "prepare":
        query = query.where(FollowUp.meeting_id == followup.meeting_id)
    if followup.kind == "report-back":
        query = query.where(FollowUp.about_contact_id == followup.about_contact_id)
    return session.scalars(query.limit(1)).first() is not None


def undo(session: Session, event: Event, now: datetime) -> str:
    """Put the contact back as it was before ``event``; returns what was undone."""
    payload = json.loads(event.payload or "{}")
    contact = session.get(Contact, event.contact_id) if event.contact_id else None
    if contact is None:
        raise LookupError("that contact no longer exists")
    _check_unchanged_since(session, event, contact, payload)
    restore(contact, payload.get("before", {}))
    for followup_id in payload.get("created_followups", []):
        followup = session.get(FollowUp, followup_id)
        if followup is not None and followup.state == "open":
            session.delete(followup)
    for followup_id in payload.get("closed_followups", []):
        followup = session.get(FollowUp, followup_id)
        if followup is not None and followup.state != "open" and not open_twin(session, followup):
            followup.state = "open"
            followup.closed_at = None
    for followup_id in payload.get("reopened_followups", []):
        followup = session.get(FollowUp, followup_id)
        if followup is not None and followup.state == "open":
            followup.state = "closed"
            followup.closed_at = now
    for followup_id, until in payload.get("snoozed_from", {}).items():
        followup = session.get(FollowUp, int(followup_id))
        if followup is not None:
            followup.snoozed_until = from_db(until)
    event.undone_at = now
    record(session, contact.id, "undo", f"Undid: {event.summary}", now, undid=event.id)
    return event.summary
