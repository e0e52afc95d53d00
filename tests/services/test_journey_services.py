"""The path between the screens: request, schedule, prepare, log, the honest figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import ContactFields
from infoterm.services import Ambiguous, NotFound, ServiceError, Services
from infoterm.store.schema import Contact, FollowUp, Meeting

DAY = timedelta(days=1)


@pytest.fixture
def ann(services: Services) -> int:
    return services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))


def open_followups(services: Services, contact_id: int) -> list[tuple[str, datetime]]:
    with services.read() as session:
        rows = session.execute(
            select(FollowUp.kind, FollowUp.due_at)
            .where(FollowUp.contact_id == contact_id, FollowUp.state == "open")
            .order_by(FollowUp.id)
        ).all()
    return [(kind, due) for kind, due in rows]


def meeting_count(services: Services) -> int:
    with services.read() as session:
        return int(session.scalar(select(func.count(Meeting.id))) or 0)


def test_a_back_dated_request_moves_the_card_then_and_counts_3b7_from_then(
    services: Services, ann: int, clock: FakeClock
) -> None:
    asked = clock.now() - 3 * DAY  # Fri 20 Nov: 3 business days is Wed 25, 7 is Tue 1 Dec
    services.meetings.record_request(ann, 19, "email", at=asked)
    with services.read() as session:
        contact = session.get(Contact, ann)
        assert contact is not None
        assert (contact.stage, contact.stage_changed_at) == ("requested", asked)
        assert contact.requested_at == asked
    assert open_followups(services, ann) == [
        ("second-contact", asked + 5 * DAY),
        ("nudge", asked + 11 * DAY),
    ]
    assert meeting_count(services) == 0  # a request is not a meeting
    assert services.meetings.preview_for(ann).promised_minutes == 19


def test_a_request_in_the_future_is_refused(services: Services, ann: int, clock: FakeClock) -> None:
    with pytest.raises(ServiceError, match="past"):
        services.meetings.record_request(ann, 19, at=clock.now() + DAY)


def test_scheduling_closes_the_nudge_and_makes_a_prepare_the_day_before(
    services: Services, ann: int, clock: FakeClock
) -> None:
    services.meetings.record_request(ann, 19)
    when = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Friday; now is Monday 09:00
    services.meetings.schedule(ann, MeetingPlan(19, when))
    assert open_followups(services, ann) == [("prepare", datetime(2026, 11, 26, 9, 0, tzinfo=UTC))]


def test_scheduling_someone_not_yet_asked_moves_them_to_requested(
    services: Services, ann: int
) -> None:
    when = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    services.meetings.schedule(ann, MeetingPlan(20, when))
    assert services.contacts.detail(ann).stage == "requested"
    assert [kind for kind, _ in open_followups(services, ann)] == ["prepare"]


def test_rescheduling_moves_the_prepare_and_taking_the_time_away_closes_it(
    services: Services, ann: int
) -> None:
    services.meetings.schedule(ann, MeetingPlan(20, datetime(2026, 11, 27, 14, tzinfo=UTC)))
    services.meetings.schedule(ann, MeetingPlan(20, datetime(2026, 12, 2, 10, tzinfo=UTC)))
    assert open_followups(services, ann) == [("prepare", datetime(2026, 12, 1, 9, tzinfo=UTC))]
    services.meetings.schedule(ann, MeetingPlan(20, None))
    assert open_followups(services, ann) == []


def test_cancelling_removes_the_meeting_and_its_prepare(services: Services, ann: int) -> None:
    view = services.meetings.schedule(ann, MeetingPlan(20, datetime(2026, 11, 27, 14, tzinfo=UTC)))
    assert services.meetings.cancel(view.id) == "Ann Lee"
    assert open_followups(services, ann) == []
    assert meeting_count(services) == 0
    assert services.contacts.detail(ann).timeline[0].kind == "meeting-cancelled"


def test_scheduling_in_the_past_is_refused_and_says_how_to_log_it(
    services: Services, ann: int, clock: FakeClock
) -> None:
    with pytest.raises(ServiceError, match="infoterm log NAME met --at"):
        services.meetings.schedule(ann, MeetingPlan(20, clock.now() - DAY))
    assert meeting_count(services) == 0 and open_followups(services, ann) == []
    # a planned time that has just gone by can stay as it is (the other details change)
    soon = clock.now() + timedelta(hours=1)
    services.meetings.schedule(ann, MeetingPlan(20, soon))
    clock.advance(timedelta(hours=2))
    assert services.meetings.schedule(ann, MeetingPlan(20, soon, "phone")).location == "phone"


def test_the_prepare_follows_the_organisation_and_its_undo(services: Services, ann: int) -> None:
    services.meetings.schedule(ann, MeetingPlan(20, datetime(2026, 11, 27, 14, tzinfo=UTC)))

    def reason() -> str:
        [prepare] = services.db.reader.open_followups(ann)
        return prepare.reason

    assert "Acme" in reason()
    fields = services.contacts.detail(ann).fields()
    fields.organisation = "Globex"
    services.contacts.update(ann, fields)
    assert "Globex" in reason() and "Acme" not in reason()
    services.contacts.undo(ann)
    assert "Acme" in reason() and "Globex" not in reason()


def test_cancelling_a_started_meeting_is_refused(services: Services, ann: int) -> None:
    view = services.meetings.open_for(ann)
    services.meetings.start(view.id)
    with pytest.raises(ServiceError, match="started"):
        services.meetings.cancel(view.id)


def test_previewing_a_meeting_stores_nothing(services: Services, ann: int) -> None:
    view = services.meetings.preview_for(ann, 15)
    assert (view.stored, view.promised_minutes) == (False, 15)
    assert meeting_count(services) == 0
    stored = services.meetings.open_for(ann, 15)
    assert stored.stored and meeting_count(services) == 1
    assert services.meetings.preview_for(ann).id == stored.id


def test_history_lists_planned_then_held_newest_first(
    services: Services, ann: int, clock: FakeClock
) -> None:
    services.followups.log_met(ann, at=clock.now() - 10 * DAY, minutes=25)
    services.followups.log_met(ann, at=clock.now() - 2 * DAY, minutes=18)
    services.meetings.schedule(ann, MeetingPlan(20, clock.now() + 5 * DAY))
    meetings = services.meetings.history_of(ann)
    assert [(m.state, m.minutes) for m in meetings] == [
        ("scheduled", None),
        ("ended", 18),
        ("ended", 25),
    ]


def test_a_logged_meeting_keeps_its_actual_length_and_the_promise_asked_for(
    services: Services, ann: int
) -> None:
    services.meetings.record_request(ann, 19)
    meeting_id, _due = services.followups.log_met(ann, minutes=22)
    with services.read() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert (meeting.duration_seconds, meeting.promised_minutes) == (22 * 60, 19)
        assert meeting.ended_on_time is None  # not timed: no verdict


def test_on_time_counts_only_timed_meetings(services: Services, ann: int, clock: FakeClock) -> None:
    bo = services.contacts.add(ContactFields(name="Bo Chan"))
    services.followups.log_met(ann, minutes=22)
    view = services.meetings.open_for(bo, 19)
    services.meetings.start(view.id)
    clock.advance(timedelta(minutes=15))
    services.meetings.end(view.id)
    stats = services.stats.compute()
    assert (stats.meetings_held, stats.meetings_timed, stats.ended_on_time) == (2, 1, 1)


def test_talk_share_is_a_median_with_its_count(services: Services, clock: FakeClock) -> None:
    for name, me_minutes, them_minutes in (("A", 1, 24), ("B", 10, 0), ("C", 5, 5)):
        contact = services.contacts.add(ContactFields(name=f"Person {name}"))
        view = services.meetings.open_for(contact, 30)
        if me_minutes:
            services.meetings.talk_switch(view.id, "me")
            clock.advance(timedelta(minutes=me_minutes))
        if them_minutes:
            services.meetings.talk_switch(view.id, "them")
            clock.advance(timedelta(minutes=them_minutes))
        services.meetings.end(view.id)
    stats = services.stats.compute()
    assert stats.talk_meetings == 3
    assert stats.median_talk_share == pytest.approx(0.5)  # not the mean, 0.51


def test_organisations_resolve_by_name_part_or_id(services: Services, ann: int) -> None:
    services.contacts.add(ContactFields(name="Cy", organisation="Acme Rockets"))
    acme = services.network.resolve_organisation("ACME")
    assert services.network.organisation(acme).name == "Acme"
    assert services.network.resolve_organisation(f"#{acme}") == acme
    with pytest.raises(Ambiguous):
        services.network.resolve_organisation("cme")
    with pytest.raises(NotFound):
        services.network.resolve_organisation("Globex")
