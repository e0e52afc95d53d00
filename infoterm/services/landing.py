"""Landing: record the job you landed, tell everyone met, and tie up the search's loose
ends."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from infoterm import followup_policy as policy
from infoterm.services import history
from infoterm.services.errors import ValidationFailed
from infoterm.services.followup_reads import FollowUpView, view
from infoterm.store.schema import Contact, FollowUp, Landing
from infoterm.textsafe import one_line_problem

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.services.followup_effects import FollowUpEffects

# Follow-ups that chase the search: landing offers to dismiss them.
LOOSE_ENDS: tuple[str, ...] = ("nudge", "let-go", "reach-out")


class LandingActions:
    def __init__(self, services: Services, effects: FollowUpEffects) -> None:
        self.services = services
        self.effects = effects

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
            return [view(session, f) for f in rows]

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
