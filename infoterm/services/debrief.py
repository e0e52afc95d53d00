"""The debrief after a meeting: what you learned, action items and referral names, stored
in one transaction. What you learned goes into the meeting's notes under "Learned:" (no new
column: the notes are where you look for it, in the hub, ``show`` and the thank-you draft);
each action item becomes a custom follow-up tied to the meeting; each name a contact
referred by them (``Ann Lee @ Acme`` at Acme)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from infoterm.dates import DateError
from infoterm.debrief import ActionItem, parse_actions, with_learned
from infoterm.services.errors import ServiceError, ValidationFailed
from infoterm.store.schema import FollowUp, Meeting

if TYPE_CHECKING:
    from infoterm.services import Services


@dataclass(frozen=True)
class DebriefResult:
    followups: list[tuple[int, ActionItem]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # referral names added
    already_known: list[str] = field(default_factory=list)
    learned: bool = False


class DebriefService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def actions(self, text: str) -> list[ActionItem]:
        """The action items typed, read at the clock's now (ValidationFailed if a date
        is wrong)."""
        try:
            return parse_actions(text, self.services.clock.local_now())
        except DateError as exc:
            raise ValidationFailed({"actions": str(exc)}) from None

    def record(
        self, meeting_id: int, learned: str = "", actions: str = "", referrals: str = ""
    ) -> DebriefResult:
        items = self.actions(actions)
        meetings = self.services.meetings
        people = meetings.check_referrals(referrals) if referrals.strip() else []
        for item in items:
            self.services.followups.check_note(item.text)
        now = self.services.clock.now().replace(microsecond=0)
        with self.services.transaction() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise ServiceError(f"no meeting with id {meeting_id}")
            contact = meetings._contact(session, meeting.contact_id)
            if learned.strip():
                meeting.notes = with_learned(meeting.notes or "", learned)
                meeting.notes_saved_at = now
            made = [
                (
                    self.services.followups.add_in(
                        session, contact, i.due, i.text, now, meeting.id
                    ),
                    i,
                )
                for i in items
            ]
            added, known = meetings.add_referrals_in(session, meeting, people, now)
            return DebriefResult(made, added, known, bool(learned.strip()))

    def advice_of(self, contact_id: int) -> list[tuple[str, bool]]:
        """The action items of your meetings with them: (what, done), oldest first."""
        with self.services.read() as session:
            rows = session.execute(
                select(FollowUp.note, FollowUp.state)
                .join(Meeting, Meeting.id == FollowUp.meeting_id)
                .where(
                    Meeting.contact_id == contact_id,
                    FollowUp.kind == "custom",
                    FollowUp.state.in_(("open", "done")),
                )
                .order_by(FollowUp.created_at, FollowUp.id)
            ).all()
        return [(note, state == "done") for note, state in rows]
