"""Reading one follow-up for the use cases: the row and its contact, and its view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from infoterm import followup_policy as policy
from infoterm.services.errors import NotFound
from infoterm.store.schema import Contact, FollowUp


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


def view(session: Session, f: FollowUp) -> FollowUpView:
    contact = session.get(Contact, f.contact_id)
    assert contact is not None
    return FollowUpView(
        f.id,
        f.kind,
        f.state,
        contact.id,
        contact.name,
        contact.organisation.name if contact.organisation else "",
        policy.effective_due(f.due_at, f.snoozed_until),
        f.snoozed_until is not None,
        f.reason,
        f.note,
    )


def get_followup(session: Session, followup_id: int) -> tuple[FollowUp, Contact]:
    """The follow-up and its contact (NotFound if either is gone)."""
    f = session.get(FollowUp, followup_id)
    contact = session.get(Contact, f.contact_id) if f is not None else None
    if f is None or contact is None or contact.deleted_at is not None:
        raise NotFound(f"no follow-up #{followup_id}")
    return f, contact


def alive_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFound(f"no contact with id {contact_id}")
    return contact
