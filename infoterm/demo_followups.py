"""The demo's follow-ups: a Monday morning with something in every group of the review.

The walk in ``demo.seed_demo`` leaves every rule's follow-up behind, weeks overdue; a real
campaign would have handled them. This marks those handled on time and sets up a morning
to show: a few overdue, a few due today, the week ahead, a meeting today and one on
Wednesday. The check-ins that the walk started stay as they are.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from infoterm import followups as rules
from infoterm.store.schema import Contact, FollowUp, Meeting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from infoterm.services import Services

BEN_NOTES = """\
- data platform team of 6; moving from nightly batch to streaming this year
- hardest part: getting analysts to trust the new pipeline; they run both in parallel
- hires people who can explain a schema to a non-engineer
- suggested: the dbt meetup on the 3rd Thursday; read "Designing Data-Intensive Applications"
- happy to introduce me to Samuel Osei (analytics engineering)
"""


def seed_followups(services: Services, ids: dict[str, int], end: datetime) -> None:
    """``end`` is the demo's "now"; people missing from ``ids`` are skipped."""
    svc = services.followups
    day = timedelta(days=1)
    hour = timedelta(hours=1)
    local = services.clock.to_local
    midnight = datetime.combine(local(end).date(), datetime.min.time(), tzinfo=local(end).tzinfo)
    with services.transaction() as session:
        for f in session.scalars(select(FollowUp).where(FollowUp.state == rules.OPEN)):
            if f.kind != "check-in":
                f.state = rules.DONE
                f.closed_at = min(f.due_at, end)

        def owe(name: str, kind: str, due: datetime, created: datetime, **facts: str) -> None:
            if name not in ids:
                return
            about = facts.pop("about_id", None)
            svc.ensure(
                session,
                ids[name],
                kind,
                due,
                rules.reason(kind, **facts),
                created,
                about=int(about) if about else None,
                update=True,
            )

        def touched(name: str, at: datetime) -> None:
            if name in ids:
                contact = session.get(Contact, ids[name])
                assert contact is not None
                contact.last_touch_at = at
                svc.touch(session, contact, at)

        # Overdue.
        ben_met = midnight - 2 * day + 14 * hour
        if "Ben Whitaker" in ids:
            _meeting(session, ids["Ben Whitaker"], ben_met, 19, end, notes=BEN_NOTES)
        owe("Ben Whitaker", "thank-you", ben_met + 24 * hour, ben_met, met=_dt(local(ben_met)))
        asked = end - 9 * day
        owe("Dev Patel", "nudge", asked + 7 * day, asked, asked=_d(local(asked)))
        touched("Hana Suzuki", end - 45 * day)
        nudged = end - 8 * day
        owe("Quentin Dubois", "let-go", nudged + 7 * day, nudged, nudged=_d(local(nudged)))
        # Today.
        maya_met = midnight - day + 14 * hour
        if "Maya Singh" in ids:
            _meeting(session, ids["Maya Singh"], maya_met, 20, end)
        owe("Maya Singh", "thank-you", maya_met + 24 * hour, maya_met, met=_dt(local(maya_met)))
        farah_met = midnight - 2 * day + 17 * hour
        if "Farah Haddad" in ids:
            owe(
                "Amara Okafor",
                "report-back",
                farah_met + 2 * day,
                farah_met,
                about="Farah Haddad",
                about_id=str(ids["Farah Haddad"]),
                met=_d(local(farah_met)),
            )
        referred = midnight - 3 * day + 12 * hour
        owe(
            "Keisha Brown",
            "reach-out",
            referred + 3 * day,
            referred,
            referrer="Farah Haddad",
            on=_d(local(referred)),
        )
        if "Oliver Brennan" in ids:
            todo = "send him the article on school data teams"
            custom, _ = svc.ensure(
                session, ids["Oliver Brennan"], "custom", midnight + 16 * hour, todo, end - 2 * day
            )
            custom.note = todo
        if "Isaac Mensah" in ids:
            meeting = _meeting(session, ids["Isaac Mensah"], midnight + 15 * hour, 19, end)
            svc.close_kinds(session, ids["Isaac Mensah"], {"nudge": rules.CLOSED}, end)
            meeting.location = "Video call (link in the invitation)"
        # The next 7 days.
        if "Zoe Campbell" in ids:
            zoe = _meeting(session, ids["Zoe Campbell"], midnight + 2 * day + 11 * hour, 20, end)
            zoe.location = "Bright Path Schools, 2nd floor café"
            svc.on_meeting_scheduled(session, zoe, end - day)
        asked = end - 3 * day
        owe("Laura Chen", "nudge", asked + 7 * day, asked, asked=_d(local(asked)))
        touched("Felix Wagner", end - 39 * day)
        referred = end - day
        owe(
            "Julia Novak",
            "reach-out",
            referred + 3 * day,
            referred,
            referrer="Chloé Martin",
            on=_d(local(referred)),
        )
        session.info.pop("infoterm.closed_followups", None)


def _meeting(
    session: Session,
    contact_id: int,
    at: datetime,
    minutes: int,
    now: datetime,
    notes: str = "",
) -> Meeting:
    held = at + timedelta(minutes=minutes) <= now
    meeting = Meeting(
        contact_id=contact_id,
        scheduled_at=at,
        promised_minutes=minutes,
        state="ended" if held else "scheduled",
        started_at=at if held else None,
        ended_at=at + timedelta(minutes=minutes) if held else None,
        duration_seconds=minutes * 60 if held else None,
        overtime_seconds=0 if held else None,
        ended_on_time=True if held else None,
        notes=notes,
        created_at=min(at, now) - timedelta(days=3),
    )
    session.add(meeting)
    session.flush()
    return meeting


def _d(local: datetime) -> str:
    return rules.day_text(local)


def _dt(local: datetime) -> str:
    return rules.day_time_text(local)
