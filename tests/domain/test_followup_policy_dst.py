"""Day-based deadlines count calendar days in the user's zone (issue 11, item 1).

A 7-day nudge asked at 09:00 is due at 09:00 a week later, even when the clocks change
in between; adding 7 × 24 hours would make it 10:00 (spring) or 08:00 (autumn). Hours stay
hours: the thank-you is due 24 hours after the meeting, whatever the clocks do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoterm import followup_policy as policy
from infoterm.clock import FakeClock

NEW_YORK = ZoneInfo("America/New_York")  # 2027: forward Sun 14 Mar, back Sun 7 Nov
LONDON = ZoneInfo("Europe/London")  # 2027: forward Sun 28 Mar, back Sun 31 Oct


def clock_at(local: datetime) -> FakeClock:
    """A fake clock at a local wall time of its zone."""
    assert local.tzinfo is not None
    return FakeClock(local, tz=local.tzinfo)


def due_local(rule: Callable[..., datetime], clock: FakeClock, *args: int) -> datetime:
    tz = clock.local_now().tzinfo
    return clock.to_local(rule(clock.now(), *args, tz=tz))


RULES = [  # rule, its amount, what it adds
    (policy.nudge_due, (7,), timedelta(days=7)),
    (policy.let_go_due, (7,), timedelta(days=7)),
    (policy.reach_out_due, (), timedelta(days=3)),
    (policy.report_back_due, (), timedelta(days=2)),
    (policy.tell_landed_due, (), timedelta(days=2)),
    (policy.checkin_due, (6,), timedelta(weeks=6)),
]
CHANGES = [  # a local time a few days before a change, in each direction, in each zone
    datetime(2027, 3, 12, 9, 0, tzinfo=NEW_YORK),  # Fri, spring forward on Sunday
    datetime(2027, 11, 5, 9, 0, tzinfo=NEW_YORK),  # Fri, fall back on Sunday
    datetime(2027, 3, 26, 9, 0, tzinfo=LONDON),
    datetime(2027, 10, 29, 9, 0, tzinfo=LONDON),
]


@pytest.mark.parametrize("start", CHANGES, ids=lambda d: f"{d.tzinfo}-{d:%b}")
@pytest.mark.parametrize(("rule", "args", "span"), RULES, ids=lambda r: getattr(r, "__name__", ""))
def test_day_based_deadlines_keep_their_local_time_across_a_clock_change(
    start: datetime, rule: Callable[..., datetime], args: tuple[int, ...], span: timedelta
) -> None:
    clock = clock_at(start)
    due = due_local(rule, clock, *args)
    assert due.date() == start.date() + span
    assert (due.hour, due.minute) == (9, 0), due
    assert due.utcoffset() != start.utcoffset()  # the clocks did change in between
    assert due.tzname() in ("EDT", "EST", "BST", "GMT")


def test_without_a_change_a_day_is_still_24_hours() -> None:
    clock = clock_at(datetime(2027, 6, 1, 9, 0, tzinfo=NEW_YORK))
    assert policy.nudge_due(clock.now(), 7, tz=NEW_YORK) == clock.now() + timedelta(days=7)


def test_the_thank_you_stays_24_hours_of_real_time() -> None:
    clock = clock_at(datetime(2027, 3, 13, 15, 0, tzinfo=NEW_YORK))  # Sat, forward at 2am
    due = clock.to_local(policy.thank_you_due(clock.now()))
    assert due - clock.now() == timedelta(hours=24)
    assert (due.hour, due.minute) == (16, 0)  # 24 hours later reads an hour on


def test_a_deadline_that_lands_in_the_skipped_hour_moves_forward_by_the_gap() -> None:
    clock = clock_at(datetime(2027, 3, 11, 2, 30, tzinfo=NEW_YORK))  # 3 days before 02:30
    due = due_local(policy.reach_out_due, clock)
    assert (due.day, due.hour, due.minute, due.tzname()) == (14, 3, 30, "EDT")


def test_a_deadline_in_the_repeated_hour_takes_the_first() -> None:
    clock = clock_at(datetime(2027, 11, 4, 1, 30, tzinfo=NEW_YORK))
    due = due_local(policy.reach_out_due, clock)
    assert (due.day, due.hour, due.minute, due.tzname()) == (7, 1, 30, "EDT")


def test_a_check_in_after_a_touch_keeps_its_local_time() -> None:
    clock = clock_at(datetime(2027, 10, 1, 18, 0, tzinfo=LONDON))
    new_due, _snooze = policy.after_touch(None, clock.now(), 6, tz=LONDON)
    local = clock.to_local(new_due)
    assert (local.date().isoformat(), local.hour, local.tzname()) == ("2027-11-12", 18, "GMT")


@pytest.mark.parametrize("zone", [NEW_YORK, LONDON])
def test_snoozing_by_whole_days_keeps_the_local_time_and_by_hours_counts_hours(
    zone: ZoneInfo,
) -> None:
    before = datetime(2027, 3, 27, 9, 0, tzinfo=zone) - timedelta(days=1 if zone is LONDON else 15)
    clock = clock_at(before)
    now = clock.now()
    by_days = clock.to_local(policy.snooze_for(now, now, timedelta(days=2), tz=zone))
    assert (by_days.hour, by_days.minute) == (9, 0) and by_days.utcoffset() != before.utcoffset()
    by_hours = policy.snooze_for(now, now, timedelta(hours=36), tz=zone)
    assert by_hours - now == timedelta(hours=36)


@pytest.mark.parametrize("kind", ["zoneinfo", "tzstr"])
def test_days_added_into_the_spring_gap_move_forward_whatever_the_zone_type(kind: str) -> None:
    from dateutil import tz as dateutil_tz

    zone = (
        ZoneInfo("America/New_York")
        if kind == "zoneinfo"
        else dateutil_tz.tzstr("EST5EDT,M3.2.0,M11.1.0")
    )
    asked = datetime(2027, 3, 7, 7, 30, tzinfo=UTC)  # Sun 7 Mar 02:30 EST
    due = policy.add_days(asked, 7, zone)  # Sun 14 Mar 02:30 does not exist: 03:30 EDT
    assert due == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    repeated = policy.add_days(datetime(2027, 10, 31, 5, 30, tzinfo=UTC), 7, zone)
    assert repeated == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # the first 01:30 (EDT)
