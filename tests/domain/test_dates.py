"""Tests for infoterm.dates: natural date phrases and due-time wording."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoterm.dates import (
    DateError,
    describe_due,
    example_date,
    format_when,
    parse_date,
    parse_when,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK_FIXED = timezone(timedelta(hours=-5))
# Monday 23 November 2026, 10:15 in London (GMT, so the same as UTC).
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=LONDON)
EXAMPLES = 'try "tomorrow 3pm", "+3d", "fri 14:00" or "2026-12-01 14:30"'


def wall(text: str, now: datetime = NOW, **kwargs: Any) -> datetime:
    """Parse and return the naive wall-clock result, checking the zone is now's."""
    result = parse_when(text, now, **kwargs)
    assert result.tzinfo is now.tzinfo
    return result.replace(tzinfo=None)


def error(text: str, now: datetime = NOW) -> str:
    with pytest.raises(DateError) as info:
        parse_when(text, now)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- phrases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days
        ("today", datetime(2026, 11, 23, 9, 0)),
        ("tonight", datetime(2026, 11, 23, 19, 0)),
        ("tonight 9pm", datetime(2026, 11, 23, 21, 0)),
        ("tomorrow", datetime(2026, 11, 24, 9, 0)),
        ("tmrw", datetime(2026, 11, 24, 9, 0)),
        ("tmr", datetime(2026, 11, 24, 9, 0)),
        ("yesterday", datetime(2026, 11, 22, 9, 0)),
        ("today 3pm", datetime(2026, 11, 23, 15, 0)),
        ("tomorrow 9:30", datetime(2026, 11, 24, 9, 30)),
        ("tomorrow at 14:00", datetime(2026, 11, 24, 14, 0)),
        ("tomorrow noon", datetime(2026, 11, 24, 12, 0)),
        ("tomorrow midnight", datetime(2026, 11, 24, 0, 0)),
        # weekdays (NOW is a Monday)
        ("tue", datetime(2026, 11, 24, 9, 0)),
        ("tues", datetime(2026, 11, 24, 9, 0)),
        ("tuesday", datetime(2026, 11, 24, 9, 0)),
        ("wed", datetime(2026, 11, 25, 9, 0)),
        ("weds", datetime(2026, 11, 25, 9, 0)),
        ("thu", datetime(2026, 11, 26, 9, 0)),
        ("thur", datetime(2026, 11, 26, 9, 0)),
        ("thurs", datetime(2026, 11, 26, 9, 0)),
        ("thursday", datetime(2026, 11, 26, 9, 0)),
        ("fri", datetime(2026, 11, 27, 9, 0)),
        ("friday", datetime(2026, 11, 27, 9, 0)),
        ("sat", datetime(2026, 11, 28, 9, 0)),
        ("sun", datetime(2026, 11, 29, 9, 0)),
        ("mon", datetime(2026, 11, 30, 9, 0)),
        ("monday", datetime(2026, 11, 30, 9, 0)),
        ("fri 14:00", datetime(2026, 11, 27, 14, 0)),
        ("next tue", datetime(2026, 11, 24, 9, 0)),
        ("next tue 3pm", datetime(2026, 11, 24, 15, 0)),
        ("this fri", datetime(2026, 11, 27, 9, 0)),
        ("next mon", datetime(2026, 11, 30, 9, 0)),
        ("fri at 2:30 pm", datetime(2026, 11, 27, 14, 30)),
        # bare times are today, even when already past
        ("3pm", datetime(2026, 11, 23, 15, 0)),
        ("3 pm", datetime(2026, 11, 23, 15, 0)),
        ("3:30pm", datetime(2026, 11, 23, 15, 30)),
        ("3 p.m.", datetime(2026, 11, 23, 15, 0)),
        ("9am", datetime(2026, 11, 23, 9, 0)),
        ("15:00", datetime(2026, 11, 23, 15, 0)),
        ("9:30", datetime(2026, 11, 23, 9, 30)),
        ("0:05", datetime(2026, 11, 23, 0, 5)),
        ("23:59", datetime(2026, 11, 23, 23, 59)),
        ("noon", datetime(2026, 11, 23, 12, 0)),
        ("midnight", datetime(2026, 11, 23, 0, 0)),
        ("12am", datetime(2026, 11, 23, 0, 0)),
        ("12pm", datetime(2026, 11, 23, 12, 0)),
        ("12:30am", datetime(2026, 11, 23, 0, 30)),
        ("at 3pm", datetime(2026, 11, 23, 15, 0)),
        # time before the date
        ("3pm tomorrow", datetime(2026, 11, 24, 15, 0)),
        ("noon on fri", datetime(2026, 11, 27, 12, 0)),
        ("at 3 pm on friday", datetime(2026, 11, 27, 15, 0)),
        ("9pm tonight", datetime(2026, 11, 23, 21, 0)),
        ("14:30 2026-12-01", datetime(2026, 12, 1, 14, 30)),
        # date offsets: default time unless a time is written
        ("+3d", datetime(2026, 11, 26, 9, 0)),
        ("+0d", datetime(2026, 11, 23, 9, 0)),
        ("+2w", datetime(2026, 12, 7, 9, 0)),
        ("+3d 3pm", datetime(2026, 11, 26, 15, 0)),
        ("in 3 days", datetime(2026, 11, 26, 9, 0)),
        ("in 1 day", datetime(2026, 11, 24, 9, 0)),
        ("in a day", datetime(2026, 11, 24, 9, 0)),
        ("in 2 weeks", datetime(2026, 12, 7, 9, 0)),
        ("in a week", datetime(2026, 11, 30, 9, 0)),
        ("in 3d", datetime(2026, 11, 26, 9, 0)),
        ("in 2 weeks at noon", datetime(2026, 12, 7, 12, 0)),
        # exact offsets
        ("+4h", datetime(2026, 11, 23, 14, 15)),
        ("+30m", datetime(2026, 11, 23, 10, 45)),
        ("in 1 hour", datetime(2026, 11, 23, 11, 15)),
        ("in 2 hours", datetime(2026, 11, 23, 12, 15)),
        ("in an hour", datetime(2026, 11, 23, 11, 15)),
        ("in 90 minutes", datetime(2026, 11, 23, 11, 45)),
        ("in 5 mins", datetime(2026, 11, 23, 10, 20)),
        ("in 14h", datetime(2026, 11, 24, 0, 15)),
        # ISO
        ("2026-12-01", datetime(2026, 12, 1, 9, 0)),
        ("2026-12-01 14:30", datetime(2026, 12, 1, 14, 30)),
        ("2026-12-01T14:30", datetime(2026, 12, 1, 14, 30)),
        ("2026-12-01t14:30:15", datetime(2026, 12, 1, 14, 30, 15)),
        ("2026-12-01 2:30pm", datetime(2026, 12, 1, 14, 30)),
        ("2026-12-01 at 2:30 pm", datetime(2026, 12, 1, 14, 30)),
        ("2026-1-5", datetime(2026, 1, 5, 9, 0)),
        ("2020-02-29", datetime(2020, 2, 29, 9, 0)),
        # names of months
        ("1 dec", datetime(2026, 12, 1, 9, 0)),
        ("dec 1", datetime(2026, 12, 1, 9, 0)),
        ("1st dec", datetime(2026, 12, 1, 9, 0)),
        ("dec 2nd", datetime(2026, 12, 2, 9, 0)),
        ("1 december 2026", datetime(2026, 12, 1, 9, 0)),
        ("december 1 2026", datetime(2026, 12, 1, 9, 0)),
        ("december 1, 2026", datetime(2026, 12, 1, 9, 0)),
        ("dec 1 3pm", datetime(2026, 12, 1, 15, 0)),
        ("1 dec 2027 14:00", datetime(2027, 12, 1, 14, 0)),
        ("sept 3", datetime(2027, 9, 3, 9, 0)),
        ("3 march", datetime(2027, 3, 3, 9, 0)),
        ("23 nov", datetime(2026, 11, 23, 9, 0)),  # today counts
        ("22 nov", datetime(2027, 11, 22, 9, 0)),  # yesterday: next year
        ("29 feb", datetime(2028, 2, 29, 9, 0)),  # next leap year
        ("1 jan 2020", datetime(2020, 1, 1, 9, 0)),  # an explicit past year is kept
    ],
)
def test_phrases(text: str, expected: datetime) -> None:
    assert wall(text) == expected


@pytest.mark.parametrize(
    "text",
    ["TOMORROW 3PM", "  tomorrow   3pm  ", "Tomorrow at 3PM", "at tomorrow 3pm", "on tomorrow 3pm"],
)
def test_case_spaces_and_leading_words(text: str) -> None:
    assert wall(text) == datetime(2026, 11, 24, 15, 0)


def test_now_is_now_exactly() -> None:
    assert parse_when("now", NOW) == NOW
    assert parse_when(" NOW ", NOW) == NOW


def test_weekday_said_on_that_weekday_is_a_week_later() -> None:
    assert wall("mon") == datetime(2026, 11, 30, 9, 0)
    assert wall("next mon") == wall("this mon") == wall("mon")


def test_default_time_applies_to_date_only_phrases() -> None:
    eight = time(8, 0)
    for text in ["today", "tomorrow", "fri", "+3d", "in 2 weeks", "2026-12-01", "1 dec"]:
        assert wall(text, default_time=eight).time() == eight
    assert wall("tonight", default_time=eight).time() == time(19, 0)
    assert wall("tomorrow 3pm", default_time=eight).time() == time(15, 0)
    assert parse_when("+4h", NOW, default_time=eight) == NOW + timedelta(hours=4)


def test_utc_and_fixed_offset_zones() -> None:
    now = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
    assert parse_when("tomorrow 3pm", now) == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    now = datetime(2026, 11, 23, 22, 0, tzinfo=NEW_YORK_FIXED)
    result = parse_when("tomorrow 3pm", now)
    assert result.tzinfo is NEW_YORK_FIXED
    assert result == datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def test_parse_date() -> None:
    assert parse_date("fri", NOW) == date(2026, 11, 27)
    assert parse_date("2026-12-01 14:30", NOW) == date(2026, 12, 1)
    assert parse_date("in 14h", NOW) == date(2026, 11, 24)
    with pytest.raises(DateError):
        parse_date("blorp", NOW)


# --- DST (Europe/London: clocks go forward 29 Mar 2026 01:00, back 25 Oct 2026 02:00) ------

SPRING_EVE = datetime(2026, 3, 28, 23, 30, tzinfo=LONDON)
AUTUMN_EVE = datetime(2026, 10, 24, 23, 30, tzinfo=LONDON)


def test_date_phrases_keep_wall_clock_across_dst() -> None:
    before = parse_when("today", SPRING_EVE)
    after = parse_when("tomorrow", SPRING_EVE)
    assert before.utcoffset() == timedelta(0)
    assert after.utcoffset() == timedelta(hours=1)
    assert after.replace(tzinfo=None) == datetime(2026, 3, 29, 9, 0)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=23)


def test_hour_offsets_are_exact_across_dst() -> None:
    result = parse_when("+4h", SPRING_EVE)
    assert result.astimezone(UTC) - SPRING_EVE.astimezone(UTC) == timedelta(hours=4)
    assert result.replace(tzinfo=None) == datetime(2026, 3, 29, 4, 30)
    result = parse_when("in 90 minutes", AUTUMN_EVE)
    assert result.astimezone(UTC) - AUTUMN_EVE.astimezone(UTC) == timedelta(minutes=90)
    result = parse_when("+4h", AUTUMN_EVE)
    assert result.replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)
    assert result.utcoffset() == timedelta(0)


def test_skipped_time_moves_forward() -> None:
    result = parse_when("tomorrow 1:30", SPRING_EVE)
    assert result.replace(tzinfo=None) == datetime(2026, 3, 29, 2, 30)
    assert result.utcoffset() == timedelta(hours=1)
    assert result.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_repeated_time_takes_first_occurrence() -> None:
    result = parse_when("tomorrow 1:30", AUTUMN_EVE)
    assert result.utcoffset() == timedelta(hours=1)
    assert result.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


# --- errors -----------------------------------------------------------------------------


def test_unknown_word_message_names_it_and_shows_examples() -> None:
    assert error("next blorp") == f'didn\'t understand "blorp" in "next blorp" — {EXAMPLES}'
    assert error("blorp") == f'didn\'t understand "blorp" — {EXAMPLES}'
    assert error("Blorp   Tomorrow").startswith('didn\'t understand "Blorp" in "Blorp Tomorrow"')


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty(text: str) -> None:
    assert error(text) == 'enter a date, e.g. "tomorrow 3pm"'


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("tomorrow blorp", "blorp"),
        ("tomorrow 3pm blorp", "blorp"),
        ("3pm tomorrow blorp", "blorp"),
        ("3pm blorp", "blorp"),
        ("tomorrow at", "at"),
        ("next", "next"),
        ("next week", "week"),
        ("this", "this"),
        ("in", "in"),
        ("in blorp", "blorp"),
        ("in 3", "in 3"),
        ("in 3 blorps", "blorps"),
        ("+3x", "+3x"),
        ("+3", "+3"),
        ("+4h 3pm", "3pm"),
        ("3pm +4h", "+4h"),
        ("dec", "dec"),
        ("at", "at"),
        ("on", "on"),
        ("now please", "now"),
        ("9.30", "9.30"),
        ("3:5pm", "3:5pm"),
        ("2026-12-01 14:30z", "14:30z"),
        ("tomorrow tomorrow", "tomorrow"),
    ],
)
def test_not_understood(text: str, bad: str) -> None:
    message = error(text)
    assert message.startswith(f'didn\'t understand "{bad}"')
    assert message.endswith(EXAMPLES)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("13pm", '"13pm" is not a time: with am/pm, hours run from 1 to 12'),
        ("0am", "hours run from 1 to 12"),
        ("tomorrow 13:00pm", "hours run from 1 to 12"),
        ("3:60pm", "minutes run from 00 to 59"),
        ("25:00", '"25:00" is not a time: hours run from 0 to 23'),
        ("24:00", "hours run from 0 to 23"),
        ("10:75", "minutes run from 00 to 59"),
        ("10:30:61", "minutes run from 00 to 59"),
        ("tomorrow 3", '"3" is not a time: write "3pm", "3am" or "03:00"'),
        ("at 3", '"3" is not a time'),
        ("2026-02-30", '"2026-02-30" is not a real date: February 2026 has 28 days'),
        ("2028-02-30", "February 2028 has 29 days"),
        ("2026-04-31 3pm", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("0000-01-01", "year is out of range"),
        ("30 feb", '"30 feb" is not a real date: there is no 30 February'),
        ("apr 31", "there is no 31 April"),
        ("0 dec", "there is no 0 December"),
        ("29 feb 2027", "February 2027 has 28 days"),
        ("+1mo", "months and years are not supported"),
        ("in 2 months", "months and years are not supported"),
        ("in a year", "months and years are not supported"),
        ("+999999w", "out of range: dates run from 1900 to 2200"),
        ("in 999999 weeks", "out of range"),
        ("+5000000d", '"+5000000d" is out of range'),
        ("-5000000d", "out of range"),
        ("in 99999999999 days", "out of range"),
    ],
)
def test_specific_errors(text: str, fragment: str) -> None:
    assert fragment in error(text)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("12/01", '"2026-12-01" or "2026-01-12"'),
        ("12/01/2027", '"2027-12-01" or "2027-01-12"'),
        ("13/01", '"2026-01-13"'),
        ("tomorrow or 5/5", '"2026-05-05"'),
        ("99/99", '"2026-12-01"'),
    ],
)
def test_slashed_dates_are_rejected(text: str, suggestion: str) -> None:
    message = error(text)
    assert "ambiguous" in message
    assert message.endswith(f"e.g. {suggestion}")


def test_example_dates_in_messages_are_always_ahead() -> None:
    december = datetime(2026, 12, 4, 10, 21, tzinfo=LONDON)
    assert error("zz", december).endswith('or "2027-01-01 14:30"')
    assert error("99/99", december).endswith('e.g. "2027-01-01"')
    assert example_date(NOW) == "2026-12-01" and example_date(NOW, "9:00") == "2026-12-01 9:00"


# --- describe_due and format_when -------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "wording"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=29), "now"),
        (timedelta(seconds=30), "in 1m"),
        (timedelta(seconds=59), "in 1m"),
        (timedelta(seconds=-1), "1m overdue"),  # late is late: never "now"
        (timedelta(seconds=-30), "1m overdue"),
        (timedelta(seconds=-61), "1m overdue"),
        (timedelta(minutes=45), "in 45m"),
        (timedelta(minutes=-5), "5m overdue"),
        (timedelta(minutes=59, seconds=29), "in 59m"),
        (timedelta(minutes=59, seconds=30), "in 1h"),
        (timedelta(hours=1), "in 1h"),
        (timedelta(hours=3, minutes=29), "in 3h"),
        (timedelta(hours=3, minutes=59), "in 4h"),
        (timedelta(hours=-3), "3h overdue"),
        (timedelta(hours=13, minutes=29), "in 13h"),  # 23:44, still today
        (timedelta(hours=13, minutes=44), "in 14h"),  # 23:59, still today
        (timedelta(hours=-10, minutes=-14), "10h overdue"),  # 00:01 today
        (timedelta(hours=-23, minutes=-31), "1 day overdue"),  # 10:44 yesterday
        (timedelta(hours=24), "tomorrow"),
        (timedelta(hours=-24), "1 day overdue"),
        (timedelta(hours=47, minutes=59), "in 2 days"),  # Wednesday, two days on
        (timedelta(hours=48), "in 2 days"),
        (timedelta(days=-2), "2 days overdue"),
        (timedelta(days=3), "in 3 days"),
        (timedelta(days=3, seconds=-5), "in 3 days"),
        (timedelta(days=7, seconds=-5), "in 7 days"),
        (timedelta(days=13, hours=13), "in 13 days"),
        (timedelta(days=14), "in 2 weeks"),
        (timedelta(days=-14), "2 weeks overdue"),
        (timedelta(days=20, hours=13), "in 3 weeks"),
        (timedelta(days=-21), "3 weeks overdue"),
        (timedelta(weeks=6, seconds=-5), "in 6 weeks"),
        (timedelta(days=365), "in 52 weeks"),
    ],
)
def test_describe_due(offset: timedelta, wording: str) -> None:
    assert describe_due(NOW + offset, NOW) == wording


def test_describe_due_tomorrow_follows_the_calendar() -> None:
    late = datetime(2026, 11, 23, 23, 0, tzinfo=LONDON)
    assert describe_due(datetime(2026, 11, 24, 1, 0, tzinfo=LONDON), late) == "in 2h"
    assert describe_due(datetime(2026, 11, 24, 23, 30, tzinfo=LONDON), late) == "tomorrow"
    assert describe_due(datetime(2026, 11, 25, 1, 0, tzinfo=LONDON), late) == "in 2 days"


def test_describe_due_mixes_zones_and_naive_utc() -> None:
    due = datetime(2026, 11, 23, 13, 15)  # naive: UTC, as stored
    assert describe_due(due, NOW) == "in 3h"
    assert describe_due(due.replace(tzinfo=NEW_YORK_FIXED), NOW) == "in 8h"
    assert describe_due(NOW, due) == "3h overdue"


def test_describe_due_across_dst_counts_elapsed_time() -> None:
    due = datetime(2026, 3, 29, 9, 0, tzinfo=LONDON)
    assert describe_due(due, SPRING_EVE) == "in 9h"  # 8.5 real hours (9.5 wall would be 10h)


@pytest.mark.parametrize(
    ("offset", "wording"),
    [
        (timedelta(seconds=20), "now"),
        (timedelta(hours=3), "in 3h"),
        (timedelta(minutes=-5), "5m ago"),
        (timedelta(hours=-3), "3h ago"),
        (timedelta(days=1), "tomorrow"),
        (timedelta(days=-1), "yesterday"),
        (timedelta(days=-1, hours=-23), "2 days ago"),  # Saturday
        (timedelta(days=-2), "2 days ago"),
        (timedelta(days=-30), "4 weeks ago"),
    ],
)
def test_format_when_relative(offset: timedelta, wording: str) -> None:
    assert format_when(NOW + offset, NOW) == wording
    assert format_when(NOW + offset, NOW, "relative") == wording
    assert "overdue" not in format_when(NOW + offset, NOW)


def test_format_when_absolute() -> None:
    assert format_when(NOW, NOW, "absolute") == "Mon 23 Nov 10:15"
    assert format_when(datetime(2026, 12, 1, 14, 30, tzinfo=LONDON), NOW, "absolute") == (
        "Tue 1 Dec 14:30"
    )
    assert format_when(datetime(2027, 1, 4, 8, 5, tzinfo=LONDON), NOW, "absolute") == (
        "Mon 4 Jan 2027 08:05"
    )
    # shown in now's zone, whatever zone the instant came in
    instant = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert format_when(instant, NOW, "absolute") == "Wed 1 Jul 13:00"
    assert format_when(instant.replace(tzinfo=None), NOW, "absolute") == "Wed 1 Jul 13:00"


def test_format_when_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        format_when(NOW, NOW, "fuzzy")


def test_import_is_headless() -> None:
    code = (
        "import sys, infoterm.dates; "
        "bad = {'textual', 'rich', 'dateutil'} & {m.split('.')[0] for m in sys.modules}; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- properties -------------------------------------------------------------------------

ZONES = st.sampled_from([UTC, LONDON, NEW_YORK_FIXED, timezone(timedelta(hours=5, minutes=30))])
NOWS = st.datetimes(
    min_value=datetime(1950, 1, 1), max_value=datetime(2150, 12, 31), timezones=ZONES
)
WORDS = (
    "now", "today", "tonight", "tomorrow", "tmrw", "yesterday", "next", "this", "at", "on",
    "in", "a", "an", "fri", "thurs", "tues", "mon", "3pm", "3", "pm", "3:30pm", "15:00",
    "noon", "midnight", "13pm", "25:00", "+3d", "+2w", "+4h", "+30m", "+1mo", "days",
    "weeks", "hour", "minutes", "2026-12-01", "2026-02-30", "9999-12-31", "0001-01-01",
    "T14:30", "1", "dec", "december", "2026", "29", "feb", "12/01", "999999", "blorp",
    ",", ".", ":", "-", "+",
)  # fmt: skip
PHRASES = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=4).map("".join),
)
WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=PHRASES, now=NOWS)
def test_property_only_date_errors(text: str, now: datetime) -> None:
    try:
        result = parse_when(text, now)
    except DateError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert result.tzinfo is now.tzinfo


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
    zone=st.sampled_from([UTC, NEW_YORK_FIXED]),
    sep=st.sampled_from([" ", "T", "t"]),
    second=st.integers(min_value=0, max_value=59),
)
def test_property_iso_round_trip(moment: datetime, zone: timezone, sep: str, second: int) -> None:
    moment = moment.replace(second=0, microsecond=0, fold=0)
    text = moment.strftime(f"%Y-%m-%d{sep}%H:%M")
    assert parse_when(text, NOW.astimezone(zone)) == moment.replace(tzinfo=zone)
    # In London the wall time is kept unless DST skipped it (then it moves forward).
    moment = moment.replace(second=second)
    expected = moment.replace(tzinfo=LONDON).astimezone(UTC).astimezone(LONDON)
    assert parse_when(moment.isoformat(sep=sep), NOW) == expected


@settings(max_examples=200, deadline=None)
@given(days=st.integers(min_value=0, max_value=5000), now=NOWS, spelled=st.booleans())
def test_property_plus_days(days: int, now: datetime, spelled: bool) -> None:
    text = f"in {days} days" if spelled else f"+{days}d"
    result = parse_when(text, now)
    assert result.date() == now.date() + timedelta(days=days)
    assert result.time() == time(9, 0)


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(sorted(WEEKDAYS)),
    prefix=st.sampled_from(["", "next ", "this ", "on "]),
    clock=st.sampled_from(["", " 3pm", " at 14:00"]),
    now=NOWS,
)
def test_property_weekdays(name: str, prefix: str, clock: str, now: datetime) -> None:
    result = parse_when(prefix + name.upper() + clock, now)
    assert 1 <= (result.date() - now.date()).days <= 7
    assert result.weekday() == WEEKDAYS[name]


LOW, HIGH = datetime(1900, 1, 1), datetime(2200, 1, 1)


@settings(max_examples=200, deadline=None)
@given(
    # instants the app can hold (years 1 and 9999 overflow datetime arithmetic itself)
    due=st.datetimes(LOW, HIGH, timezones=ZONES) | st.datetimes(LOW, HIGH),
    now=st.datetimes(LOW, HIGH, timezones=ZONES),
    near=st.integers(min_value=-200, max_value=200),
    use_near=st.booleans(),
)
def test_property_describe_due(due: datetime, now: datetime, near: int, use_near: bool) -> None:
    if use_near:
        due = now + timedelta(seconds=near)
    wording = describe_due(due, now)
    assert wording
    aware_due = due if due.tzinfo else due.replace(tzinfo=UTC)
    # compare real instants: Python compares same-zone datetimes by wall clock, which is
    # wrong in the repeated hour when clocks go back (fold=1)
    late = aware_due.astimezone(UTC) < now.astimezone(UTC)
    assert ("overdue" in wording) == late
    relative = format_when(due, now)
    assert (relative.endswith(" ago") or relative == "yesterday") == ("overdue" in wording)


def test_describe_due_in_the_repeated_hour_uses_real_instants() -> None:
    london = ZoneInfo("Europe/London")
    now = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=london)  # the second 01:30 (GMT)
    first = datetime(2026, 10, 25, 1, 30, fold=0, tzinfo=london)  # the first 01:30 (BST)
    assert describe_due(first, now) == "1h overdue"


@pytest.mark.parametrize(
    "text", ["0999-06-01", "1899-12-31", "2201-01-01", "9999-12-31 23:59", "+999999d", "+99999w"]
)
def test_dates_out_of_bounds_are_refused(text: str) -> None:
    with pytest.raises(DateError, match=r"out of range: dates run from 1900 to 2200|too far"):
        parse_when(text, NOW)


@pytest.mark.parametrize("text", ["1900-01-01", "2200-12-31 23:59"])
def test_dates_at_the_bounds_are_accepted(text: str) -> None:
    assert 1900 <= parse_when(text, NOW).year <= 2200


def test_a_row_id_is_ascii_digits_that_fit_a_database_integer() -> None:
    from infoterm.textsafe import MAX_ROW_ID, as_row_id

    assert as_row_id("12") == 12
    assert as_row_id(str(MAX_ROW_ID)) == MAX_ROW_ID
    assert as_row_id(str(MAX_ROW_ID + 1)) is None
    assert as_row_id("²") is None and as_row_id("٣") is None and as_row_id("") is None
