"""Replies: record_reply closes the 3B7 follow-ups, is undoable, and sets the responder."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ServiceError, Services
from infoterm.store.schema import FollowUp
from tests.services.test_followups import kinds

DAY = timedelta(days=1)


def ann_asked(services: Services, at: datetime | None = None) -> int:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.meetings.record_request(ann, 20, "email", at=at)
    return ann


def test_a_reply_closes_both_follow_ups_and_undo_reopens_them(
    services: Services, clock: FakeClock
) -> None:
    ann = ann_asked(services)
    assert kinds(services, ann) == ["second-contact", "nudge"]
    clock.advance(2 * DAY)
    assert services.contacts.record_reply(ann, via="email") == "booster"
    assert kinds(services, ann) == []
    detail = services.contacts.detail(ann)
    assert (detail.replied_at, detail.reply_via, detail.responder) == (
        clock.now(),
        "email",
        "booster",
    )
    assert detail.to_json()["responder"] == "booster"
    services.contacts.undo()
    assert kinds(services, ann) == ["second-contact", "nudge"]
    after = services.contacts.detail(ann)
    assert (after.replied_at, after.responder) == (None, "none")


def test_a_late_reply_is_an_obligate_and_a_past_time_is_allowed(
    services: Services, clock: FakeClock
) -> None:
    ann = ann_asked(services, at=clock.now() - 10 * DAY)  # Fri 13 Nov
    assert services.contacts.record_reply(ann, at=clock.now() - DAY) == "obligate"


def test_no_reply_after_the_nudge_is_done_is_a_curmudgeon(
    services: Services, clock: FakeClock
) -> None:
    ann = ann_asked(services)
    assert services.contacts.detail(ann).responder == "none"
    clock.advance(9 * DAY)
    with services.read() as session:
        nudge_id = session.scalars(
            select(FollowUp.id).where(FollowUp.contact_id == ann, FollowUp.kind == "nudge")
        ).one()
    services.followups.dismiss(nudge_id)
    assert services.contacts.detail(ann).responder == "curmudgeon"


def test_bad_replies_are_refused_with_one_line(services: Services, clock: FakeClock) -> None:
    bo = services.contacts.add(ContactFields(name="Bo Li"))
    with pytest.raises(ServiceError, match="not been asked yet"):
        services.contacts.record_reply(bo)
    ann = ann_asked(services)
    with pytest.raises(ServiceError, match="already happened"):
        services.contacts.record_reply(ann, at=clock.now() + DAY)
    with pytest.raises(ServiceError, match="before you asked"):
        services.contacts.record_reply(ann, at=clock.now() - DAY)
    with pytest.raises(ServiceError, match="at most 40"):
        services.contacts.record_reply(ann, via="x" * 41)
    assert services.contacts.detail(ann).replied_at is None


def test_scheduling_or_moving_on_counts_as_their_reply(
    services: Services, clock: FakeClock
) -> None:
    from infoterm.meeting import MeetingPlan

    ann = ann_asked(services)
    clock.advance(DAY)
    services.meetings.schedule(ann, MeetingPlan(20, clock.now() + 3 * DAY, "", ""))
    assert services.contacts.detail(ann).replied_at == clock.now()
    assert services.contacts.detail(ann).responder == "booster"
    bo = services.contacts.add(ContactFields(name="Bo Li", organisation="Acme"))
    services.meetings.record_request(bo, 20)
    clock.advance(6 * DAY)  # Mon 30 Nov: the 5th business day
    services.contacts.move(bo, "met")
    assert services.contacts.detail(bo).responder == "obligate"
    services.contacts.undo()
    assert services.contacts.detail(bo).replied_at is None


def test_asking_again_times_the_open_follow_ups_from_the_new_ask(
    services: Services, clock: FakeClock
) -> None:
    def due(kind: str) -> datetime:
        with services.read() as session:
            found = session.scalars(
                select(FollowUp).where(FollowUp.kind == kind, FollowUp.state == "open")
            ).one()
            return found.due_at

    ann = ann_asked(services)  # Monday 23 November, 09:00
    assert (due("second-contact"), due("nudge")) == (
        datetime(2026, 11, 26, 9, 0, tzinfo=clock.now().tzinfo),
        datetime(2026, 12, 2, 9, 0, tzinfo=clock.now().tzinfo),
    )
    clock.advance(2 * DAY)  # Wednesday: asked again, by another channel
    services.meetings.record_request(ann, 20, "linkedin")
    assert (due("second-contact"), due("nudge")) == (
        datetime(2026, 11, 30, 9, 0, tzinfo=clock.now().tzinfo),  # Thu, Fri, Mon
        datetime(2026, 12, 4, 9, 0, tzinfo=clock.now().tzinfo),
    )
    services.meetings.record_request(ann, 20, "email", at=clock.now() - 2 * DAY)  # older
    assert due("nudge") == datetime(2026, 12, 4, 9, 0, tzinfo=clock.now().tzinfo)
    assert kinds(services, ann) == ["second-contact", "nudge"]  # re-timed, never doubled
