"""Follow-ups in the database: the rules fired by what happens, and the review's actions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import NotFound, ServiceError, Services
from infoterm.settings import Settings
from infoterm.store.schema import Contact, FollowUp, Landing, Meeting

DAY = timedelta(days=1)


def add(services: Services, name: str, referred_by: int | None = None, org: str = "Lumen") -> int:
    return services.contacts.add(
        ContactFields(name=name, organisation=org, referred_by_id=referred_by)
    )


def open_followups(services: Services, contact_id: int | None = None) -> list[FollowUp]:
    with services.read() as session:
        query = select(FollowUp).where(FollowUp.state == "open").order_by(FollowUp.id)
        if contact_id is not None:
            query = query.where(FollowUp.contact_id == contact_id)
        return list(session.scalars(query))


def kinds(services: Services, contact_id: int | None = None) -> list[str]:
    return [f.kind for f in open_followups(services, contact_id)]


def only(services: Services, contact_id: int, kind: str) -> FollowUp:
    found = [f for f in open_followups(services, contact_id) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


def stage(services: Services, contact_id: int) -> str:
    return services.contacts.detail(contact_id).stage


def test_moving_to_requested_makes_a_nudge_seven_business_days_later(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    nudge = only(services, ben, "nudge")
    assert nudge.due_at == clock.now() + 9 * DAY  # Mon 23 Nov -> Wed 2 Dec
    assert "asked Mon 23 Nov" in nudge.reason


def test_deadlines_in_days_keep_their_local_time_across_a_clock_change(db) -> None:
    """In New York, asked Friday 12 Mar 2027 at 09:00: the clocks go forward on Sunday, and
    the nudge, the reach-out and a snooze by a day still fall at 09:00 local time."""
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    clock = FakeClock(datetime(2027, 3, 12, 9, 0, tzinfo=new_york), tz=new_york)
    services = Services(db, clock, Settings(followups_business_days=False))
    ben = add(services, "Ben Whitaker")
    farah = add(services, "Farah Haddad", referred_by=ben)
    services.contacts.move(ben, "requested")

    def local(instant: datetime | None) -> str:
        assert instant is not None
        return f"{clock.to_local(instant):%a %d %H:%M %Z}"

    assert local(only(services, ben, "nudge").due_at) == "Fri 19 09:00 EDT"
    reach = only(services, farah, "reach-out")
    assert local(reach.due_at) == "Mon 15 09:00 EDT"
    clock.set(datetime(2027, 3, 13, 9, 0, tzinfo=new_york))
    services.followups.snooze_for(reach.id, DAY)
    assert local(only(services, farah, "reach-out").snoozed_until) == "Tue 16 09:00 EDT"


def test_the_nudge_delay_is_a_setting(db, clock: FakeClock) -> None:
    from infoterm.settings import Settings

    services = Services(db, clock, Settings(followups_nudge_days=10, followups_business_days=False))
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    assert only(services, ben, "nudge").due_at == clock.now() + 10 * DAY


def test_a_referral_gets_a_reach_out_in_three_days_closed_by_asking(
    services: Services, clock: FakeClock
) -> None:
    amara = add(services, "Amara Okafor")
    farah = add(services, "Farah Haddad", referred_by=amara)
    reach = only(services, farah, "reach-out")
    assert reach.due_at == clock.now() + 3 * DAY
    assert "referred by Amara Okafor" in reach.reason
    services.contacts.move(farah, "requested")
    assert kinds(services, farah) == ["second-contact", "nudge"]


def test_a_reply_closes_the_nudge_and_meeting_makes_a_thank_you_and_a_report_back(
    services: Services, clock: FakeClock
) -> None:
    amara = add(services, "Amara Okafor")
    farah = add(services, "Farah Haddad", referred_by=amara)
    services.contacts.move(farah, "requested")
    clock.advance(2 * DAY)
    _meeting, thanks_due = services.followups.log_met(farah, minutes=19)
    assert kinds(services, farah) == ["thank-you"]
    assert thanks_due == clock.now() + timedelta(hours=24)
    back = only(services, amara, "report-back")
    assert back.about_contact_id == farah
    assert back.due_at == clock.now() + 2 * DAY
    assert stage(services, farah) == "met"


def test_logging_a_past_meeting_dates_the_thank_you_from_its_end(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    start = clock.now() - timedelta(hours=20)
    services.followups.log_met(ben, at=start, minutes=30)
    thanks = only(services, ben, "thank-you")
    assert thanks.due_at == start + timedelta(minutes=30, hours=24)
    with services.read() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert meeting.state == "ended" and meeting.duration_seconds == 1800
        assert session.get(Contact, ben).last_touch_at == start + timedelta(minutes=30)


def test_a_meeting_in_the_future_cannot_be_logged_as_met(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    with pytest.raises(ServiceError, match="future"):
        services.followups.log_met(ben, at=clock.now() + DAY)
    with pytest.raises(ServiceError, match="1 to 600 minutes"):
        services.followups.log_met(ben, minutes=0)
    assert stage(services, ben) == "identified"


def test_one_thank_you_however_many_rules_fire(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "met")  # by hand: a thank-you
    services.followups.log_met(ben)  # and the meeting itself
    services.followups.log_met(ben)  # and a second one
    assert kinds(services, ben) == ["thank-you"]


def test_thank_you_done_moves_met_to_thanked_and_starts_the_check_in_cadence(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.followups.log_met(ben)
    clock.advance(timedelta(hours=5))
    outcome = services.followups.done(only(services, ben, "thank-you").id)
    assert outcome.moved_to == "thanked"
    assert stage(services, ben) == "thanked"
    checkin = only(services, ben, "check-in")
    assert checkin.due_at == clock.now() + timedelta(weeks=6)
    timeline = services.contacts.detail(ben).timeline
    assert timeline[0].summary == "Sent a thank-you note; moved to Thanked"


def test_one_undo_reverses_a_done_that_moved_the_card(services: Services) -> None:
    ben = add(services, "Ben Whitaker")
    services.followups.log_met(ben)
    thanks = only(services, ben, "thank-you")
    services.followups.done(thanks.id)
    services.contacts.undo()
    assert stage(services, ben) == "met"
    assert kinds(services, ben) == ["thank-you"]


def test_thank_you_done_after_the_card_moved_on_leaves_it_there(services: Services) -> None:
    ben = add(services, "Ben Whitaker")
    services.followups.log_met(ben)
    services.contacts.move(ben, "thanked")  # closes the thank-you as done
    services.contacts.move(ben, "stay-in-touch")
    assert kinds(services, ben) == ["check-in"]
    services.followups.log_met(ben)  # a second coffee, a new thank-you
    outcome = services.followups.done(only(services, ben, "thank-you").id)
    assert outcome.moved_to is None
    assert stage(services, ben) == "stay-in-touch"


def test_a_touch_the_day_before_a_check_in_falls_due_pushes_it_a_cadence_on(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "stay-in-touch")
    due = only(services, ben, "check-in").due_at
    clock.set(due - DAY)
    services.followups.log_touch(ben, "coffee at the meetup")
    assert only(services, ben, "check-in").due_at == clock.now() + timedelta(weeks=6)
    clock.set(due + timedelta(hours=1))
    assert services.db.reader.due(clock.now()) == []


def test_check_in_done_schedules_the_next_one(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "stay-in-touch")
    first = only(services, ben, "check-in")
    clock.set(first.due_at + DAY)
    outcome = services.followups.done(first.id)
    assert outcome.next_kind == "check-in"
    assert only(services, ben, "check-in").due_at == clock.now() + timedelta(weeks=6)


def test_a_per_contact_cadence_moves_the_open_check_in(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "stay-in-touch")
    assert services.followups.set_cadence(ben, 3) == 3
    assert only(services, ben, "check-in").due_at == clock.now() + timedelta(weeks=3)
    assert services.followups.set_cadence(ben, None) == 6
    with pytest.raises(ServiceError, match="1 to 104"):
        services.followups.set_cadence(ben, 0)


def test_snoozing_a_check_in_past_its_next_firing_still_shows_it_once(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "stay-in-touch")
    checkin = only(services, ben, "check-in")
    clock.set(checkin.due_at + timedelta(hours=1))
    target = checkin.due_at + timedelta(weeks=8)  # past when the next one would fire
    services.followups.snooze(checkin.id, target)
    clock.set(checkin.due_at + timedelta(weeks=7))
    services.contacts.move(ben, "thanked")  # a rule that would make a check-in again
    services.contacts.move(ben, "stay-in-touch")
    assert kinds(services, ben) == ["check-in"]
    assert services.db.reader.due(clock.now()) == []
    rows = services.db.reader.due(target)
    assert [(r.id, r.due, r.snoozed) for r in rows] == [(checkin.id, target, True)]


def test_snooze_a_day_from_now_when_overdue(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    nudge = only(services, ben, "nudge")
    clock.set(nudge.due_at + 3 * DAY)
    until = services.followups.snooze_for(nudge.id, DAY)
    assert until == clock.now() + DAY
    with pytest.raises(ServiceError, match="already passed"):
        services.followups.snooze(nudge.id, clock.now() - DAY)


def test_undo_a_snooze_and_a_dismiss(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    nudge = only(services, ben, "nudge")
    services.followups.snooze_for(nudge.id, DAY)
    assert services.contacts.undo() == "Snoozed nudge until Thu 3 Dec 09:00"
    assert only(services, ben, "nudge").snoozed_until is None
    services.followups.dismiss(nudge.id)
    assert kinds(services, ben) == ["second-contact"]
    services.contacts.undo()
    assert kinds(services, ben) == ["second-contact", "nudge"]


def test_nudge_done_then_a_week_of_silence_suggests_letting_go(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    clock.advance(7 * DAY)
    outcome = services.followups.done(only(services, ben, "nudge").id)
    assert outcome.next_kind == "let-go"
    let_go = only(services, ben, "let-go")
    assert let_go.due_at == clock.now() + 7 * DAY
    assert "archive as went cold" in let_go.reason
    clock.advance(7 * DAY)
    outcome = services.followups.done(let_go.id)
    assert outcome.archived
    detail = services.contacts.detail(ben)
    assert detail.archived and detail.archive_reason == "went cold"
    services.contacts.undo()
    assert not services.contacts.detail(ben).archived
    assert kinds(services, ben) == ["second-contact", "let-go"]


def test_a_reply_after_the_nudge_closes_the_let_go(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    services.followups.done(only(services, ben, "nudge").id)
    services.contacts.move(ben, "met")
    assert "let-go" not in kinds(services, ben)


def test_scheduling_a_meeting_closes_the_nudge_and_asks_to_prepare(
    services: Services, clock: FakeClock
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    at = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    with services.transaction() as session:
        meeting = Meeting(contact_id=ben, scheduled_at=at, created_at=clock.now())
        session.add(meeting)
        session.flush()
        services.followup_effects.on_meeting_scheduled(session, meeting, clock.now())
        services.followup_effects.on_meeting_scheduled(session, meeting, clock.now())  # no double
    prepare = only(services, ben, "prepare")
    assert kinds(services, ben) == ["prepare"]
    assert prepare.due_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert "research Lumen" in prepare.reason
    with services.transaction() as session:
        held = session.get(Meeting, prepare.meeting_id)
        assert held is not None
        held.ended_at = clock.now() + 3 * DAY
        services.followup_effects.on_meeting_ended(session, held, clock.now() + 3 * DAY)
    assert kinds(services, ben) == ["thank-you"]


def test_archiving_closes_everything_open_and_undo_reopens_it(services: Services) -> None:
    amara = add(services, "Amara Okafor")
    farah = add(services, "Farah Haddad", referred_by=amara)
    services.contacts.set_archived(farah, True, "declined")
    assert kinds(services, farah) == []
    services.contacts.undo()
    assert kinds(services, farah) == ["reach-out"]


def test_restoring_from_the_archive_reopens_what_archiving_closed(services: Services) -> None:
    amara = add(services, "Amara Okafor")
    farah = add(services, "Farah Haddad", referred_by=amara)
    services.contacts.set_archived(farah, True, "went cold")
    assert kinds(services, farah) == []
    services.contacts.set_archived(farah, False)  # restored: not an undo
    assert kinds(services, farah) == ["reach-out"]
    services.contacts.undo()  # undo the restore: archived again, the reach-out closed
    assert services.contacts.detail(farah).archived
    assert kinds(services, farah) == []


def test_moving_back_closes_what_the_later_stage_made_and_undo_restores(
    services: Services,
) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    services.contacts.move(ben, "met")
    assert kinds(services, ben) == ["thank-you"]
    services.contacts.undo()
    assert stage(services, ben) == "requested"
    assert kinds(services, ben) == ["second-contact", "nudge"]


def test_landing_asks_to_tell_everyone_met_thanked_or_in_touch(
    services: Services, clock: FakeClock
) -> None:
    people = {name: add(services, name) for name in ("A One", "B Two", "C Three", "D Four")}
    services.contacts.move(people["A One"], "met")
    services.contacts.move(people["B Two"], "thanked")
    services.contacts.move(people["C Three"], "stay-in-touch")
    services.contacts.move(people["D Four"], "requested")
    _id, told = services.followups.land("Lumen Analytics", "Data Engineer")
    assert told == 3
    _id, told = services.followups.land("Lumen Analytics", "Senior Data Engineer")
    assert told == 3
    tells = [f for f in open_followups(services) if f.kind == "tell-landed"]
    assert len(tells) == 3  # once each, even after recording twice
    assert "Senior Data Engineer at Lumen Analytics" in tells[0].reason
    outcome = services.followups.done(only(services, people["C Three"], "tell-landed").id)
    assert outcome.moved_to == "landed"
    assert kinds(services, people["C Three"]) == []
    with services.read() as session:
        assert len(session.scalars(select(Landing)).all()) == 2
    with pytest.raises(ServiceError, match="where you landed"):
        services.followups.land("  ", "x")


def test_custom_follow_ups_need_words_and_never_merge(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.followups.add(ben, clock.now() + DAY, "send the article")
    services.followups.add(ben, clock.now() + DAY, "send the other article")
    assert kinds(services, ben) == ["custom", "custom"]
    with pytest.raises(ServiceError, match="say what is to be done"):
        services.followups.add(ben, clock.now(), "   ")
    with pytest.raises(NotFound):
        services.followups.add(999, clock.now(), "x")


def test_acting_on_a_closed_or_missing_follow_up_says_so(services: Services) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    nudge = only(services, ben, "nudge")
    services.followups.dismiss(nudge.id)
    with pytest.raises(ServiceError, match="already dismissed"):
        services.followups.done(nudge.id)
    with pytest.raises(NotFound, match="no follow-up #4242"):
        services.followups.snooze_for(4242, DAY)


def test_each_action_is_on_the_contacts_timeline(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    nudge = only(services, ben, "nudge")
    services.followups.snooze_for(nudge.id, DAY)
    services.followups.done(nudge.id)
    services.followups.log_touch(ben, "called about the role")
    services.followups.add(ben, clock.now() + DAY, "send portfolio")
    kinds_logged = [e.kind for e in services.contacts.detail(ben).timeline]
    for kind in ("followup-snoozed", "followup-done", "touch", "followup-added"):
        assert kind in kinds_logged


def test_deleted_contacts_drop_out_of_the_due_list(services: Services, clock: FakeClock) -> None:
    ben = add(services, "Ben Whitaker")
    services.contacts.move(ben, "requested")
    until = clock.now() + 8 * DAY
    assert len(services.db.reader.due(until)) == 1
    services.contacts.delete(ben)
    assert services.db.reader.due(until) == []


def test_a_draft_has_what_the_template_needs(services: Services, clock: FakeClock) -> None:
    amara = add(services, "Amara Okafor")
    farah = add(services, "Farah Haddad", referred_by=amara)
    services.followups.log_met(farah)
    with services.transaction() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.notes = "- loves the new ward system"
    draft = services.followups.draft(only(services, farah, "thank-you").id)
    assert draft.values["first_name"] == "Farah"
    assert draft.values["organisation"] == "Lumen"
    assert draft.values["meeting_day"] == "Mon 23 Nov"
    assert draft.notes == "- loves the new ward system"
    back = services.followups.draft(only(services, amara, "report-back").id)
    assert back.values["about_name"] == "Farah Haddad"
    assert back.notes == ""


def test_a_time_the_database_cannot_store_is_a_service_error(
    services: Services, clock: FakeClock
) -> None:
    """Found by the services fuzz: the column type refused it (a StatementError, not a
    ServiceError); now every write says it in one line, and nothing is stored."""
    ben = add(services, "Ben Whitaker")
    with pytest.raises(ServiceError, match="450 is out of range: dates run from 1900 to 2200"):
        services.followups.add(ben, datetime(450, 2, 3, 15, 0, tzinfo=UTC), "far back")
    assert kinds(services, ben) == []


def test_3b7_a_request_on_a_friday_before_thanksgiving_week(db) -> None:
    """Asked Fri 20 Nov 2026 in New York with US holidays: a second person is due Wed 25,
    the nudge Wed 2 Dec (Thanksgiving skipped); the second contact names who is still
    identified at the organisation; a reply closes both."""
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    clock = FakeClock(datetime(2026, 11, 20, 10, 0, tzinfo=new_york), tz=new_york)
    services = Services(db, clock, Settings(followups_holidays="US"))
    ann = add(services, "Ann Lee", org="Acme")
    add(services, "Bo Li", org="Acme")
    add(services, "Cy Wu", org="Other")
    services.meetings.record_request(ann, 20, "email")
    second = only(services, ann, "second-contact")
    nudge = only(services, ann, "nudge")
    assert f"{clock.to_local(second.due_at):%a %d %H:%M}" == "Wed 25 10:00"
    assert f"{clock.to_local(nudge.due_at):%a %d %H:%M}" == "Wed 02 10:00"
    assert second.reason == (
        "no reply from Ann Lee yet: write to a second person at Acme"
        " — still identified there: Bo Li"
    )
    with services.read() as session:
        contact = session.get(Contact, ann)
        assert contact is not None and contact.requested_at == clock.now()
    services.contacts.move(ann, "met")
    assert "second-contact" not in kinds(services, ann) and "nudge" not in kinds(services, ann)


def test_3b7_with_business_days_off_keeps_the_calendar_nudge_alone(db, clock: FakeClock) -> None:
    services = Services(db, clock, Settings(followups_business_days=False))
    ann = add(services, "Ann Lee")
    services.contacts.move(ann, "requested")
    assert kinds(services, ann) == ["nudge"]
    assert only(services, ann, "nudge").due_at == clock.now() + 7 * DAY


def test_no_second_contact_without_an_organisation(services: Services, clock: FakeClock) -> None:
    ann = add(services, "Ann Lee", org="")
    services.contacts.move(ann, "requested")
    assert kinds(services, ann) == ["nudge"]


def test_undo_a_move_to_requested_puts_back_requested_at(
    services: Services, clock: FakeClock
) -> None:
    ann = add(services, "Ann Lee")
    services.contacts.move(ann, "requested")
    services.contacts.undo()
    with services.read() as session:
        contact = session.get(Contact, ann)
        assert contact is not None and contact.requested_at is None
    assert kinds(services, ann) == []


def test_a_hand_edited_unknown_holidays_country_counts_weekends_only(db, clock: FakeClock) -> None:
    """config set refuses "XX"; a config.toml edited by hand must not stop requests."""
    services = Services(db, clock, Settings(followups_holidays="XX"))
    ann = add(services, "Ann Lee")
    services.meetings.record_request(ann, 20)  # Monday 23 November 2026, 09:00
    assert stage(services, ann) == "requested"
    assert only(services, ann, "second-contact").due_at == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert only(services, ann, "nudge").due_at == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
