"""Follow-ups: what each event in the pipeline makes due.

The hooks below are called by the other services inside their transaction and return the
ids of the follow-ups they created (so undo can remove them).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from infoterm.store.schema import Contact

if TYPE_CHECKING:
    from infoterm.services import Services


class FollowUpService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_contact_added(self, session: Session, contact: Contact, now: datetime) -> list[int]:
        return []

    def on_moved(
        self, session: Session, contact: Contact, old: str, new: str, now: datetime
    ) -> list[int]:
        return []

    def on_archived(self, session: Session, contact: Contact, now: datetime) -> list[int]:
        return []
