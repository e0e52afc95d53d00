"""Dates in the past, as typed for a command about the past (``log … --at``)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from infoterm.dates import DateError, parse_when

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=LONDON)  # Monday 23 November 2026, 10:15


def past(text: str, now: datetime = NOW) -> datetime:
    return parse_when(text, now, past=True).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 days ago", datetime(2026, 11, 21, 9, 0)),
        ("2 days ago 10am", datetime(2026, 11, 21, 10, 0)),
        ("2 days ago at 10am", datetime(2026, 11, 21, 10, 0)),
        ("10am 2 days ago", datetime(2026, 11, 21, 10, 0)),
        ("a week ago", datetime(2026, 11, 16, 9, 0)),
        ("3 weeks ago 14:00", datetime(2026, 11, 2, 14, 0)),
        ("2d ago 15:30", datetime(2026, 11, 21, 15, 30)),
        ("-5d 10am", datetime(2026, 11, 18, 10, 0)),
        ("-1w", datetime(2026, 11, 16, 9, 0)),
        ("last mon 2pm", datetime(2026, 11, 16, 14, 0)),
        ("last sun", datetime(2026, 11, 22, 9, 0)),
        ("mon 2pm", datetime(2026, 11, 16, 14, 0)),  # a bare weekday: the one just gone
        ("mon 9am", datetime(2026, 11, 23, 9, 0)),  # today, its time has come: this morning
        ("mon", datetime(2026, 11, 23, 9, 0)),
        ("9am mon", datetime(2026, 11, 23, 9, 0)),
        ("mon 10:15", datetime(2026, 11, 23, 10, 15)),  # now counts
        ("mon 10:16", datetime(2026, 11, 16, 10, 16)),  # still to come today: last week's
        ("last mon 9am", datetime(2026, 11, 16, 9, 0)),  # "last": strictly before today
        ("fri 2pm", datetime(2026, 11, 20, 14, 0)),
        ("1 dec", datetime(2025, 12, 1, 9, 0)),  # the most recent 1 December
        ("23 nov 8am", datetime(2026, 11, 23, 8, 0)),  # today counts
        ("yesterday 3pm", datetime(2026, 11, 22, 15, 0)),
    ],
)
def test_past_phrases(text: str, expected: datetime) -> None:
    assert past(text) == expected


def test_hours_ago_are_exact_instants() -> None:
    assert parse_when("3h ago", NOW, past=True) == NOW.astimezone(UTC).replace(hour=7)
    assert parse_when("90 minutes ago", NOW) == datetime(2026, 11, 23, 8, 45, tzinfo=LONDON)
    assert parse_when("-2h", NOW) == datetime(2026, 11, 23, 8, 15, tzinfo=LONDON)


def test_going_back_is_understood_in_any_command_but_weekdays_point_ahead() -> None:
    future = parse_when("mon 2pm", NOW).replace(tzinfo=None)
    assert future == datetime(2026, 11, 30, 14, 0)
    assert parse_when("last mon 2pm", NOW).replace(tzinfo=None) == datetime(2026, 11, 16, 14, 0)
    assert parse_when("2 days ago", NOW).replace(tzinfo=None) == datetime(2026, 11, 21, 9, 0)


def test_past_errors_suggest_past_phrases() -> None:
    with pytest.raises(DateError, match='"2 days ago"'):
        parse_when("blorp", NOW, past=True)
    with pytest.raises(DateError, match="blorps"):
        parse_when("2 blorps ago", NOW, past=True)
    with pytest.raises(DateError):
        parse_when("last week", NOW, past=True)
