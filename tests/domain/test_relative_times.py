"""One wording for how long until (or since) something: the rounding people read.

Each case is a follow-up made by its rule at a fake clock's "now", then read a moment
later, as the board, the review and `infoterm due` read it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from infoterm import followup_policy as policy
from infoterm.clock import FakeClock
from infoterm.dates import describe_due

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday afternoon
A_MOMENT = timedelta(seconds=2)  # the time between saving a follow-up and drawing it


def read_later(due: datetime, clock: FakeClock, *, compact: bool = False) -> str:
    clock.advance(A_MOMENT)
    return describe_due(due, clock.local_now(), compact=compact)


def test_a_three_day_reach_out_made_now_reads_in_3_days_not_2() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = policy.reach_out_due(clock.now(), tz=LONDON)
    assert read_later(due, clock) == "in 3 days"
    assert describe_due(due, clock.local_now(), compact=True) == "in 3d"


def test_a_seven_day_nudge_made_now_reads_in_7_days_not_6() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = policy.nudge_due(clock.now(), 7, tz=LONDON)
    assert read_later(due, clock) == "in 7 days"


def test_a_six_week_check_in_reads_in_6_weeks_next_to_every_6_weeks() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = policy.checkin_due(clock.now(), 6, tz=LONDON)
    why = policy.reason("check-in", touched="Mon 23 Nov", weeks="6")
    assert f"{read_later(due, clock)} · {why.split(' · ')[1]}" == "in 6 weeks · every 6 weeks"


def test_a_reach_out_made_late_in_the_evening_counts_calendar_days() -> None:
    clock = FakeClock(datetime(2026, 11, 23, 23, 50, tzinfo=UTC), tz=LONDON)
    due = policy.reach_out_due(clock.now(), tz=LONDON)  # Thursday 23:50
    assert read_later(due, clock) == "in 3 days"
    clock.advance(timedelta(minutes=20))  # past midnight: Tuesday 00:10, Thursday is 2 days on
    assert describe_due(due, clock.local_now()) == "in 2 days"


def test_the_card_and_the_review_say_the_same_span_short_and_long() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = clock.now() - timedelta(days=3)
    assert describe_due(due, clock.local_now()) == "3 days overdue"
    assert describe_due(due, clock.local_now(), compact=True) == "3d overdue"
    assert policy.card_hint("check-in", due, clock.now()) == ("check-in 3d overdue", "late")


def test_thirty_seconds_late_is_overdue_in_the_group_and_in_the_words() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = clock.now()
    clock.advance(timedelta(seconds=30))
    now = clock.local_now()
    assert policy.group_of(due, now) == "overdue"
    assert describe_due(due, now) == "1m overdue"
    assert policy.card_hint("nudge", due, clock.now()) == ("nudge 1m overdue", "late")


def test_exactly_at_its_time_it_is_now_and_not_overdue() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = clock.now()
    assert policy.group_of(due, clock.local_now()) == "today"
    assert describe_due(due, clock.local_now()) == "now"
    assert policy.card_hint("nudge", due, clock.now()) == ("nudge due now", "soon")


def test_tomorrow_is_a_long_form_word_the_card_says_1d() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = clock.now() + timedelta(days=1)
    assert describe_due(due, clock.local_now()) == "tomorrow"
    assert describe_due(due, clock.local_now(), compact=True) == "in 1d"


def test_hours_round_to_the_nearest() -> None:
    clock = FakeClock(T0, tz=LONDON)
    due = policy.thank_you_due(clock.now()) - timedelta(hours=20)  # a 4-hour wait
    assert read_later(due, clock) == "in 4h"
    clock.advance(timedelta(minutes=31))  # 3h29m left
    assert describe_due(due, clock.local_now()) == "in 3h"
