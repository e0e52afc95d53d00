"""MeetingService on a real SQLite file with a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from infoterm import timer
from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import ContactFields
from infoterm.services import NotFound, ServiceError, Services, ValidationFailed
from infoterm.services.history import FollowUpChanges
from infoterm.settings import Settings
from infoterm.store.database import Database
from infoterm.store.schema import Contact, Event, Meeting, Question


@pytest.fixture
def ada(services: Services) -> int:
    return services.contacts.add(ContactFields(name="Ada Byron", organisation="Engines Ltd"))


def events(services: Services, contact_id: int) -> list[tuple[str, str]]:
    with services.read() as session:
        rows = session.execute(
            select(Event.kind, Event.summary)
            .where(Event.contact_id == contact_id)
            .order_by(Event.id)
        ).all()
    return [(kind, summary) for kind, summary in rows]


def stored(services: Services, meeting_id: int) -> Meeting:
    with services.read() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        session.expunge(meeting)
        return meeting


def test_open_for_creates_one_meeting_with_the_default_promise(
    services: Services, ada: int
) -> None:
    first = services.meetings.open_for(ada)
    again = services.meetings.open_for(ada)
    assert first.id == again.id
    assert first.promised_minutes == 20
    assert first.state == "scheduled" and not first.started
    assert first.contact_name == "Ada Byron" and first.organisation == "Engines Ltd"
    topics = {q.topic for q in first.questions}
    assert topics == {"work", "path", "people", "culture", "joys", "advice", "closing", "trends"}
    assert {q.tag for q in first.questions} == {
        "trends",
        "insights",
        "advice",
        "resources",
        "assignments",
    }


def test_default_length_comes_from_settings(db: Database, clock: FakeClock, ada: int) -> None:
    services = Services(db, clock, Settings(meeting_default_minutes=15))
    assert services.meetings.open_for(ada).promised_minutes == 15


@pytest.mark.parametrize("minutes", [0, 241, -5])
def test_promises_outside_1_to_240_are_refused(services: Services, ada: int, minutes: int) -> None:
    with pytest.raises(ValidationFailed, match="1 to 240"):
        services.meetings.open_for(ada, minutes)


def test_missing_contact_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.meetings.open_for(999)


def test_recording_a_request_moves_to_requested_and_sets_the_promise(
    services: Services, ada: int
) -> None:
    view = services.meetings.record_request(ada, 19, channel="email")
    assert view.promised_minutes == 19
    assert services.contacts.detail(ada).stage == "requested"
    assert services.meetings.open_for(ada).promised_minutes == 19
    kinds = events(services, ada)
    assert ("request", "Asked Ada Byron for 19 minutes by email") in kinds
    assert any(kind == "moved" for kind, _ in kinds)


def test_a_request_does_not_move_a_contact_back(services: Services, ada: int) -> None:
    services.contacts.move(ada, "stay-in-touch")
    services.meetings.record_request(ada, 30)
    assert services.contacts.detail(ada).stage == "stay-in-touch"


def test_schedule_sets_when_where_and_agenda(services: Services, ada: int) -> None:
    when = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    view = services.meetings.schedule(ada, MeetingPlan(25, when, "video: meet.example/ada", "data"))
    assert (view.scheduled_at, view.location, view.agenda) == (
        when,
        "video: meet.example/ada",
        "data",
    )
    assert view.promised_minutes == 25
    assert events(services, ada)[-1] == (
        "meeting-scheduled",
        "Meeting with Ada Byron set for Fri 27 Nov 2026 14:00 (video: meet.example/ada), "
        "25 minutes promised",
    )


def test_start_is_saved_at_once_and_phases_follow_the_clock(
    services: Services, clock: FakeClock, ada: int
) -> None:
    meeting = services.meetings.open_for(ada, 19)
    view = services.meetings.start(meeting.id)
    row = stored(services, meeting.id)
    assert row.state == "running" and row.started_at == clock.now()
    clock.advance(timedelta(minutes=17) - timedelta(seconds=1))
    assert timer.read(view.timer, clock.now()).phase == "running"
    clock.advance(1)
    assert timer.read(view.timer, clock.now()).phase == "wrapup"
    clock.advance(120)
    reading = timer.read(view.timer, clock.now())
    assert (reading.phase, reading.display) == ("overtime", "+0:00")


def test_a_new_process_resumes_the_meeting_in_the_right_phase(
    db: Database, services: Services, clock: FakeClock, ada: int
) -> None:
    meeting = services.meetings.open_for(ada, 19)
    services.meetings.start(meeting.id)
    clock.advance(300)
    services.meetings.toggle_pause(meeting.id)
    clock.advance(60)
    services.meetings.toggle_pause(meeting.id)
    services.meetings.save_notes(meeting.id, "asked about the team")
    # a later process: fresh services, the clock 12 minutes on
    later = FakeClock(clock.now() + timedelta(minutes=12))
    reopened = Services(db, later, Settings()).meetings.open_for(ada)
    assert reopened.id == meeting.id and reopened.notes == "asked about the team"
    reading = timer.read(reopened.timer, later.now())
    assert reading.phase == "wrapup"  # 5 + 12 = 17 active minutes of 19
    assert reading.display == "2:00"


def test_pause_stops_the_talk_meter_and_is_logged(
    services: Services, clock: FakeClock, ada: int
) -> None:
    meeting = services.meetings.open_for(ada)
    services.meetings.start(meeting.id)
    services.meetings.talk_switch(meeting.id)  # me
    clock.advance(60)
    paused = services.meetings.toggle_pause(meeting.id)
    clock.advance(600)
    assert timer.talk_seconds(paused.talk, clock.now()) == (60, 0)
    assert timer.read(paused.timer, clock.now()).paused
    resumed = services.meetings.toggle_pause(meeting.id)
    clock.advance(30)
    assert timer.talk_seconds(resumed.talk, clock.now()) == (90, 0)
    kinds = [kind for kind, _ in events(services, ada)]
    assert kinds[-2:] == ["meeting-paused", "meeting-resumed"]


def test_extend_adds_five_minutes_and_says_they_offered(services: Services, ada: int) -> None:
    meeting = services.meetings.open_for(ada, 19)
    services.meetings.start(meeting.id)
    view = services.meetings.extend(meeting.id)
    assert view.timer.extra_minutes == 5
    assert events(services, ada)[-1] == (
        "meeting-extended",
        "They offered 5 minutes more (now 24 in all)",
    )


def test_talking_starts_a_meeting_that_has_not_started(
    services: Services, clock: FakeClock, ada: int
) -> None:
    meeting = services.meetings.open_for(ada)
    view = services.meetings.talk_switch(meeting.id)
    assert view.started and view.talk.speaker == "me"
    clock.advance(30)
    view = services.meetings.talk_switch(meeting.id)
    clock.advance(90)
    assert timer.my_share(view.talk, clock.now()) == pytest.approx(0.25)


def test_notes_are_saved(services: Services, clock: FakeClock, ada: int) -> None:
    meeting = services.meetings.open_for(ada)
    saved = services.meetings.save_notes(meeting.id, "line one\nline two")
    row = stored(services, meeting.id)
    assert row.notes == "line one\nline two" and row.notes_saved_at == saved.at == clock.now()


def test_questions_asked_are_not_offered_again_next_time(
    services: Services, clock: FakeClock, ada: int
) -> None:
    first = services.meetings.open_for(ada)
    question = first.questions[0]
    view = services.meetings.tick_question(first.id, question.id)
    assert [q.id for q in view.questions if q.asked] == [question.id]
    view = services.meetings.tick_question(first.id, question.id)  # unticked
    assert not any(q.asked for q in view.questions)
    services.meetings.tick_question(first.id, question.id)
    services.meetings.start(first.id)
    clock.advance(600)
    services.meetings.end(first.id)
    second = services.meetings.open_for(ada)
    assert second.id != first.id
    earlier = {q.id: q.asked_before for q in second.questions}
    assert earlier[question.id] == clock.now() - timedelta(minutes=10)
    assert sum(1 for when in earlier.values() if when is not None) == 1


def test_checklist_ticks_toggle(services: Services, ada: int) -> None:
    meeting = services.meetings.open_for(ada)
    assert services.meetings.tick_checklist(meeting.id, "linkedin").checklist == {"linkedin": True}
    assert services.meetings.tick_checklist(meeting.id, "linkedin").checklist == {"linkedin": False}
    with pytest.raises(ServiceError):
        services.meetings.tick_checklist(meeting.id, "bogus")


def test_referral_names_become_contacts_referred_by_them(services: Services, ada: int) -> None:
    services.contacts.add(ContactFields(name="Grace Hopper"))
    meeting = services.meetings.open_for(ada)
    result = services.meetings.add_referrals(
        meeting.id, "Alan Turing,  grace hopper ; Joan  Clarke"
    )
    assert result.added == ["Alan Turing", "Joan Clarke"]
    assert result.already_known == ["grace hopper"]
    assert result.view.referrals == ["Alan Turing", "Joan Clarke"]
    assert result.view.checklist["names"] is True
    with services.read() as session:
        alan = session.scalars(select(Contact).where(Contact.name == "Alan Turing")).one()
        assert (alan.stage, alan.referred_by_id, alan.source) == ("identified", ada, "referral")
    assert events(services, ada)[-1] == (
        "referral",
        "Ada Byron suggested talking to Alan Turing, Joan Clarke",
    )
    with pytest.raises(ValidationFailed):
        services.meetings.add_referrals(meeting.id, " , ;")


def test_ending_records_the_outcome_moves_to_met_and_calls_the_followups_hook(
    services: Services, clock: FakeClock, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, datetime]] = []

    def on_meeting_ended(session: object, meeting: Meeting, now: datetime) -> FollowUpChanges:
        calls.append((meeting.id, now))
        return FollowUpChanges()

    monkeypatch.setattr(services.followup_effects, "on_meeting_ended", on_meeting_ended)
    services.meetings.record_request(ada, 19)
    meeting = services.meetings.open_for(ada)
    start = clock.now()
    services.meetings.start(meeting.id)
    services.meetings.talk_switch(meeting.id, "them")
    clock.advance(timedelta(minutes=10))
    services.meetings.talk_switch(meeting.id, "me")
    clock.advance(timedelta(minutes=8, seconds=42))
    view = services.meetings.end(meeting.id)
    assert view.state == "ended" and view.ended
    assert (view.duration_seconds, view.overtime_seconds, view.ended_on_time) == (1122, 0, True)
    row = stored(services, meeting.id)
    assert row.started_at == start and row.ended_at == clock.now()
    assert services.contacts.detail(ada).stage == "met"
    assert calls == [(meeting.id, clock.now())]
    kind, summary = events(services, ada)[-1]
    assert kind == "meeting-ended"
    assert summary == "Met for 18:42 (promised 19 min): on time · I talked 47%"
    with pytest.raises(ServiceError, match="ended"):
        services.meetings.toggle_pause(meeting.id)


def test_an_overtime_meeting_says_how_far_over(
    services: Services, clock: FakeClock, ada: int
) -> None:
    meeting = services.meetings.open_for(ada, 15)
    services.meetings.start(meeting.id)
    services.meetings.extend(meeting.id)
    clock.advance(timedelta(minutes=21, seconds=30))
    view = services.meetings.end(meeting.id)
    assert (view.overtime_seconds, view.ended_on_time) == (90, False)
    assert events(services, ada)[-1][1] == (
        "Met for 21:30 (promised 15 + 5 min offered): 1:30 over time"
    )


def test_ending_does_not_move_a_later_stage_back(
    services: Services, clock: FakeClock, ada: int
) -> None:
    services.contacts.move(ada, "stay-in-touch")
    meeting = services.meetings.open_for(ada)
    services.meetings.start(meeting.id)
    clock.advance(60)
    services.meetings.end(meeting.id)
    assert services.contacts.detail(ada).stage == "stay-in-touch"


def test_a_meeting_that_has_not_started_cannot_end(services: Services, ada: int) -> None:
    meeting = services.meetings.open_for(ada)
    with pytest.raises(ServiceError, match="not started"):
        services.meetings.end(meeting.id)


def test_the_question_bank_is_seeded_once_and_editable(services: Services, ada: int) -> None:
    bank = services.meetings.bank
    seeded = bank.list()
    assert len(seeded) == 31
    new_id = bank.add("advice", "What should I read this month?")
    bank.edit(seeded[0].id, text="  What fills   your week? ")
    bank.set_archived(seeded[1].id, True)
    listed = bank.list()
    assert [q.text for q in listed if q.topic == "advice"][-1] == "What should I read this month?"
    assert listed[0].text == "What fills your week?"
    assert seeded[1].id not in {q.id for q in listed}
    assert len(bank.list(include_archived=True)) == 32
    meeting = services.meetings.open_for(ada)
    assert new_id in {q.id for q in meeting.questions}
    assert seeded[1].id not in {q.id for q in meeting.questions}
    with services.read() as session:
        assert session.scalar(select(Question).where(Question.id == new_id)).position > 0
    with pytest.raises(ValidationFailed):
        bank.add("work", "   ")
    with pytest.raises(NotFound):
        bank.edit(9999, text="x")


def test_own_topics_follow_the_built_in_ones(services: Services) -> None:
    services.meetings.bank.add("Money matters", "How are salaries set?")
    assert services.meetings.bank.list()[-1].topic_title == "Money matters"


def test_checklist_survives_bad_json(services: Services, ada: int) -> None:
    meeting = services.meetings.open_for(ada)
    with services.transaction() as session:
        row = session.get(Meeting, meeting.id)
        assert row is not None
        row.checklist = "not json"
    assert services.meetings.get(meeting.id).checklist == {}


def test_a_card_whose_meeting_is_running_is_not_moved_to_met_by_hand(
    services: Services, clock: FakeClock, ada: int
) -> None:
    """Ending the meeting moves the card; a move by hand meanwhile would leave the timer
    running beside a card in Met, with its prepare still open."""
    services.meetings.record_request(ada, 20)
    meeting = services.meetings.open_for(ada)
    services.meetings.start(meeting.id)
    for move in (
        lambda: services.contacts.move(ada, "met"),
        lambda: services.contacts.step(ada, 1, "requested"),
        lambda: services.contacts.move(ada, "thanked"),
    ):
        with pytest.raises(ServiceError, match="the meeting with Ada Byron is running"):
            move()
    assert services.contacts.detail(ada).stage == "requested"
    assert services.contacts.move(ada, "identified") == "identified"  # back is fine
    clock.advance(timedelta(minutes=20))
    services.meetings.end(meeting.id)
    assert services.contacts.detail(ada).stage == "met"  # the end moves it


def test_a_meeting_lists_only_the_names_given_in_it(
    services: Services, clock: FakeClock, ada: int
) -> None:
    before = services.contacts.add(ContactFields(name="Dev Patel", referred_by_id=ada))
    clock.advance(timedelta(days=2))
    first = services.meetings.open_for(ada)
    services.meetings.start(first.id)
    services.meetings.add_referrals(first.id, "Alan Turing")
    clock.advance(timedelta(minutes=20))
    services.meetings.end(first.id)
    clock.advance(timedelta(days=30))
    second = services.meetings.open_for(ada)
    services.meetings.start(second.id)
    services.meetings.add_referrals(second.id, "Joan Clarke")
    assert before and services.meetings.get(first.id).referrals == ["Alan Turing"]
    assert services.meetings.get(second.id).referrals == ["Joan Clarke"]


def test_todays_meetings_count_one_held_today_though_planned_for_another_day(
    services: Services, clock: FakeClock, ada: int
) -> None:
    """Planned for Thursday, held today: it is one of today's meetings, and the review
    gives the length it lasted, not only the one promised."""
    from infoterm.meeting import MeetingPlan
    from infoterm.tui.screens.review import build_items

    planned = services.meetings.schedule(
        ada, MeetingPlan(30, clock.now() + timedelta(days=3), "Zoom")
    )
    services.meetings.start(planned.id)
    clock.advance(timedelta(minutes=22))
    services.meetings.end(planned.id)
    start = clock.now().replace(hour=0, minute=0, second=0)
    [row] = services.db.reader.meetings_between(start, start + timedelta(days=1))
    assert (row.id, row.duration_seconds) == (planned.id, 22 * 60)
    [_header, item, *_] = build_items([], [row], clock.local_now())
    assert (item.label, item.why) == ("22 min", "held; you promised 30 min")
