"""The follow-up rules, headless, at their boundaries (a fake clock's instants)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from infoterm import followup_policy as policy
from infoterm.clock import FakeClock

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday
MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)


def test_thank_you_is_due_24_hours_after_the_meeting_ends() -> None:
    ended = T0
    due = policy.thank_you_due(ended)
    assert due == ended + timedelta(hours=24)
    clock = FakeClock(ended)
    clock.advance(timedelta(hours=23, minutes=59))
    assert not policy.is_overdue(due, clock.now())
    assert policy.card_hint("thank-you", due, clock.now()) == ("thank-you in 1m", "soon")
    clock.advance(MIN)  # exactly 24 h: due now, not yet late
    assert not policy.is_overdue(due, clock.now())
    assert policy.card_hint("thank-you", due, clock.now()) == ("thank-you due now", "soon")
    clock.advance(SEC)
    assert policy.is_overdue(due, clock.now())
    assert policy.group_of(due, clock.now()) == "overdue"


def test_nudge_and_let_go_come_a_week_apart() -> None:
    assert policy.nudge_due(T0, tz=UTC) == T0 + timedelta(days=7)
    assert policy.nudge_due(T0, 10, tz=UTC) == T0 + timedelta(days=10)
    assert policy.let_go_due(T0 + timedelta(days=7), tz=UTC) == T0 + timedelta(days=14)


def test_prepare_is_due_at_nine_the_day_before() -> None:
    meeting = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    assert policy.prepare_due(meeting, T0, UTC) == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_prepare_for_a_meeting_tomorrow_scheduled_late_is_due_today_not_overdue() -> None:
    meeting = T0 + timedelta(hours=20)  # Tue 05:00; the day before at 09:00 has come
    now = T0 + timedelta(hours=14, minutes=30)  # Mon 23:30
    due = policy.prepare_due(meeting, now, UTC)
    assert due == datetime(2026, 11, 23, 23, 59, 59, tzinfo=UTC)
    later = now + timedelta(seconds=5)  # the moment it is first shown
    assert policy.group_of(due, later) == "today" and not policy.is_overdue(due, later)


def test_prepare_for_a_meeting_in_two_hours_is_due_by_its_start() -> None:
    meeting = T0 + timedelta(hours=2)
    due = policy.prepare_due(meeting, T0, UTC)
    assert due == meeting
    assert policy.describe_due(due, T0 + SEC) == "in 2h"


def test_no_prepare_for_a_meeting_that_has_started() -> None:
    assert policy.prepare_due(T0, T0, UTC) is None


def test_prepare_uses_the_users_day_not_utcs() -> None:
    tokyo = timezone(timedelta(hours=9))
    meeting = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)  # Thu 10:00 in Tokyo
    due = policy.prepare_due(meeting, T0, tokyo)
    assert due is not None
    assert due.astimezone(tokyo) == datetime(2026, 11, 25, 9, 0, tzinfo=tokyo)


def test_reach_out_report_back_and_tell_landed_delays() -> None:
    assert policy.reach_out_due(T0, tz=UTC) == T0 + timedelta(days=3)
    assert policy.report_back_due(T0, tz=UTC) == T0 + timedelta(days=2)
    assert policy.tell_landed_due(T0, tz=UTC) == T0 + timedelta(days=2)


def test_check_in_cadence_runs_from_the_last_touch() -> None:
    assert policy.checkin_due(T0, tz=UTC) == T0 + timedelta(weeks=6)
    assert policy.checkin_due(T0, 8, tz=UTC) == T0 + timedelta(weeks=8)
    assert policy.cadence_weeks(None, 6) == 6
    assert policy.cadence_weeks(3, 6) == 3


def test_a_touch_the_day_before_a_check_in_falls_due_resets_it() -> None:
    due = policy.checkin_due(T0, tz=UTC)
    touched = due - timedelta(days=1)
    new_due, snoozed = policy.after_touch(None, touched, 6, tz=UTC)
    assert new_due == touched + timedelta(weeks=6)
    assert snoozed is None
    assert not policy.is_overdue(new_due, due + timedelta(days=1))


def test_a_touch_keeps_a_snooze_later_than_the_new_due_time_and_drops_an_earlier_one() -> None:
    touched = T0
    late = T0 + timedelta(weeks=10)
    assert policy.after_touch(late, touched, 6, tz=UTC) == (T0 + timedelta(weeks=6), late)
    early = T0 + timedelta(weeks=1)
    assert policy.after_touch(early, touched, 6, tz=UTC) == (T0 + timedelta(weeks=6), None)


def test_cadence_bounds() -> None:
    assert policy.check_cadence(1) == 1
    assert policy.check_cadence(104) == 104
    for bad in (0, 105, -3):
        with pytest.raises(ValueError, match="1 to 104 weeks"):
            policy.check_cadence(bad)


def test_snoozing_an_overdue_follow_up_counts_from_now() -> None:
    due = T0 - timedelta(days=3)
    assert policy.snooze_for(due, T0, timedelta(days=1), tz=UTC) == T0 + timedelta(days=1)


def test_snoozing_a_future_follow_up_never_brings_it_closer() -> None:
    due = T0 + timedelta(days=3)
    assert policy.snooze_for(due, T0, timedelta(days=1), tz=UTC) == due + timedelta(days=1)


def test_snoozing_past_the_next_firing_replaces_the_due_time() -> None:
    due = T0
    next_firing = policy.checkin_due(due, tz=UTC)
    target = next_firing + timedelta(days=5)
    assert policy.snooze_to(target, T0) == target
    assert policy.effective_due(due, target) == target
    assert policy.effective_due(due, None) == due


def test_snoozing_to_the_past_is_refused() -> None:
    with pytest.raises(policy.SnoozeError, match="already passed"):
        policy.snooze_to(T0, T0)
    with pytest.raises(policy.SnoozeError):
        policy.snooze_to(T0 - MIN, T0)


def test_groups_split_at_local_midnights() -> None:
    now = T0  # Monday 09:00
    assert policy.group_of(now - SEC, now) == "overdue"
    assert policy.group_of(now, now) == "today"
    assert policy.group_of(datetime(2026, 11, 23, 23, 59, 59, tzinfo=UTC), now) == "today"
    assert policy.group_of(datetime(2026, 11, 24, 0, 0, tzinfo=UTC), now) == "week"
    assert policy.group_of(datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC), now) == "week"
    assert policy.group_of(datetime(2026, 12, 1, 0, 0, tzinfo=UTC), now) == "later"
    assert policy.review_until(now) == datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
    assert policy.end_of_today(now) == datetime(2026, 11, 23, 23, 59, 59, tzinfo=UTC)


def test_groups_follow_the_users_zone() -> None:
    new_york = timezone(timedelta(hours=-5))
    now = T0.astimezone(new_york)  # Mon 04:00 in New York
    late_tonight = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # Mon 22:00 there
    assert policy.group_of(late_tonight, now) == "today"
    assert policy.group_of(late_tonight, T0) == "week"


def test_card_hints_read_like_the_board() -> None:
    now = T0
    assert policy.card_hint("thank-you", now + timedelta(hours=5), now) == (
        "thank-you in 5h",
        "soon",
    )
    assert policy.card_hint("check-in", now - timedelta(days=3), now) == (
        "check-in 3d overdue",
        "late",
    )
    assert policy.card_hint("nudge", now + timedelta(days=4), now) == ("nudge in 4d", "")
    assert policy.card_hint("check-in", now + timedelta(days=20), now) == ("check-in in 3w", "")
    assert policy.card_hint("reach-out", now + timedelta(seconds=20), now)[0] == "reach out due now"


@pytest.mark.parametrize(
    ("old", "new", "create", "close", "touch"),
    [
        ("identified", "requested", ("second-contact", "nudge"), {"reach-out": "closed"}, False),
        (
            "requested",
            "met",
            ("thank-you", "report-back"),
            {"nudge": "closed", "second-contact": "closed"},
            False,
        ),
        (
            "requested",
            "identified",
            (),
            {"nudge": "closed", "second-contact": "closed", "let-go": "closed"},
            False,
        ),
        ("met", "thanked", ("check-in",), {"thank-you": "done"}, True),
        ("thanked", "stay-in-touch", ("check-in",), {}, False),
        ("stay-in-touch", "landed", (), {"check-in": "closed", "tell-landed": "closed"}, False),
        ("thanked", "met", (), {"check-in": "closed"}, False),
        (
            "met",
            "requested",
            ("second-contact", "nudge"),
            {"thank-you": "closed", "tell-landed": "closed"},
            False,
        ),
    ],
)
def test_what_a_move_does(
    old: str, new: str, create: tuple[str, ...], close: dict[str, str], touch: bool
) -> None:
    plan = policy.plan_move(old, new)
    assert plan.create == create
    for kind, state in close.items():
        assert plan.close[kind] == state
    assert plan.touch is touch


def test_a_reply_closes_every_kind_waiting_for_it() -> None:
    plan = policy.plan_move("requested", "met")
    assert set(policy.REPLY_CLOSES) <= set(plan.close)
    assert policy.plan_move("met", "met") == policy.MovePlan()


def test_done_moves_the_card_only_where_the_rule_says() -> None:
    assert policy.done_moves_to("thank-you", "met") == "thanked"
    assert policy.done_moves_to("thank-you", "stay-in-touch") is None
    assert policy.done_moves_to("tell-landed", "thanked") == "landed"
    assert policy.done_moves_to("tell-landed", "landed") is None
    assert policy.done_moves_to("reach-out", "identified") == "requested"
    assert policy.done_moves_to("check-in", "stay-in-touch") is None


def test_one_obligation_per_kind_contact_and_subject() -> None:
    assert policy.obligation("nudge", 1, None, None) == policy.obligation("nudge", 1, 5, None)
    assert policy.obligation("prepare", 1, 5, None) != policy.obligation("prepare", 1, 6, None)
    assert policy.obligation("report-back", 1, None, 2) != policy.obligation(
        "report-back", 1, None, 3
    )
    assert policy.obligation("custom", 1, None, None) is None


def test_every_kind_has_words() -> None:
    for kind in policy.KINDS:
        assert policy.LABELS[kind]
        assert policy.DONE_WORDS[kind]
    facts = {
        "asked": "Mon 16 Nov",
        "nudged": "Mon 16 Nov",
        "meeting": "Thu 26 Nov 14:00",
        "organisation": "Lumen",
        "met": "Mon 23 Nov",
        "referrer": "Amara Okafor",
        "on": "Mon 23 Nov",
        "about": "Farah Haddad",
        "touched": "Mon 12 Oct",
        "weeks": "6",
        "job": "Data Engineer at Lumen",
        "note": "send the article",
    }
    for kind in policy.KINDS:
        assert policy.reason(kind, **facts)
    assert policy.reason("custom", note="send the article") == "send the article"


def test_the_board_redraws_when_a_card_on_screen_falls_due_or_in_a_minute() -> None:
    from infoterm.followup_policy import next_redraw

    now = datetime(2026, 12, 4, 10, 30, 0, tzinfo=UTC)
    assert next_redraw([], now) == 60.0
    soon = now + timedelta(seconds=25)
    assert next_redraw([now + timedelta(hours=2), soon], now) == 25.0  # "due now" → overdue
    assert next_redraw([now - timedelta(minutes=5)], now) == 60.0  # already overdue
    assert next_redraw([now + timedelta(milliseconds=10)], now) == 1.0  # never a busy loop
