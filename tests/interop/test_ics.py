"""The iCalendar writer, checked by two independent parsers (icalendar and vobject)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from infoterm.interop.ics import IcsEvent, IcsTodo, duration, fold, write_calendar

STAMP = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
NEW_YORK_WINTER = timezone(timedelta(hours=-5))
AWKWARD = "Coffee, chat; café ☕ with Zoë\nbring CV \\ notes"
LONG = "Ask about the team's roadmap, hiring plans; and 🚀 growth. " * 8


def _event(**overrides: Any) -> IcsEvent:
    values: dict[str, Any] = {
        "uid": "meeting-12@infoterm",
        "start": datetime(2024, 3, 15, 9, 0, tzinfo=NEW_YORK_WINTER),
        "minutes": 19,
        "summary": AWKWARD,
        "location": "Blue Bottle, 5th Ave; NYC",
        "description": LONG,
        "stamp": STAMP,
    }
    values.update(overrides)
    return IcsEvent(**values)


def _todo(**overrides: Any) -> IcsTodo:
    values: dict[str, Any] = {
        "uid": "followup-7@infoterm",
        "due": date(2024, 3, 20),
        "summary": "Thank-you note, Ada; mention Zoë",
        "description": "Line one\nLine two",
        "stamp": STAMP,
    }
    values.update(overrides)
    return IcsTodo(**values)


def _calendar() -> str:
    return write_calendar(
        [_event(), _event(uid="meeting-13@infoterm", minutes=90, description="")],
        [_todo(), _todo(uid="followup-8@infoterm", status="COMPLETED", description="")],
    )


def test_wire_format() -> None:
    text = _calendar()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//infoterm//infoterm//EN\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # the long description folded
    assert "DTSTART:20240315T140000Z\r\n" in text
    assert "DURATION:PT19M\r\n" in text and "DURATION:PT1H30M\r\n" in text
    assert "DUE;VALUE=DATE:20240320\r\n" in text
    assert text.count("DTSTAMP:20240301T083000Z\r\n") == 4
    assert "SUMMARY:Coffee\\, chat\\; café ☕ with Zoë\\nbring CV \\\\ notes\r\n" in text


def test_icalendar_reads_it_back() -> None:
    calendar = icalendar.Calendar.from_ical(_calendar())
    assert str(calendar["VERSION"]) == "2.0"
    first, second = calendar.walk("VEVENT")
    assert str(first["UID"]) == "meeting-12@infoterm"
    assert str(first["SUMMARY"]) == AWKWARD
    assert str(first["LOCATION"]) == "Blue Bottle, 5th Ave; NYC"
    assert str(first["DESCRIPTION"]) == LONG
    assert first.decoded("DTSTART") == datetime(2024, 3, 15, 14, 0, tzinfo=UTC)
    assert first.decoded("DTSTART").utcoffset() == timedelta(0)
    assert first.decoded("DURATION") == timedelta(minutes=19)
    assert second.decoded("DURATION") == timedelta(minutes=90)
    assert "DESCRIPTION" not in second
    todo, done = calendar.walk("VTODO")
    assert todo.decoded("DUE") == date(2024, 3, 20)
    assert str(todo["SUMMARY"]) == "Thank-you note, Ada; mention Zoë"
    assert str(todo["DESCRIPTION"]) == "Line one\nLine two"
    assert (str(todo["STATUS"]), str(done["STATUS"])) == ("NEEDS-ACTION", "COMPLETED")
    for component in (first, second, todo, done):
        assert component.decoded("DTSTAMP") == STAMP


def test_vobject_reads_it_back() -> None:
    calendar = vobject.readOne(_calendar())
    first, second = calendar.vevent_list
    assert first.uid.value == "meeting-12@infoterm"
    assert first.summary.value == AWKWARD
    assert first.location.value == "Blue Bottle, 5th Ave; NYC"
    assert first.description.value == LONG
    assert first.dtstart.value == datetime(2024, 3, 15, 14, 0, tzinfo=UTC)
    assert first.dtstart.value.utcoffset() == timedelta(0)
    assert first.duration.value == timedelta(minutes=19)
    assert second.duration.value == timedelta(hours=1, minutes=30)
    todo, done = calendar.vtodo_list
    assert todo.due.value == date(2024, 3, 20)
    assert todo.summary.value == "Thank-you note, Ada; mention Zoë"
    assert todo.description.value == "Line one\nLine two"
    assert done.status.value == "COMPLETED"
    assert todo.dtstamp.value == STAMP


def test_empty_calendar_is_still_well_formed() -> None:
    text = write_calendar([], [], name="Ada's, calendar")
    assert "X-WR-CALNAME:Ada's\\, calendar\r\n" in text
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
    assert vobject.readOne(text).name == "VCALENDAR"


def test_durations() -> None:
    assert [duration(m) for m in (0, 19, 60, 61, 150, 1500)] == [
        "PT0M",
        "PT19M",
        "PT1H",
        "PT1H1M",
        "PT2H30M",
        "PT25H",
    ]


def test_fold_never_splits_a_character() -> None:
    for line in ("DESCRIPTION:" + "é" * 100, "SUMMARY:" + "🚀" * 40, "X:" + "a" * 200):
        physical = fold(line).split("\r\n")
        assert all(len(part.encode("utf-8")) <= 75 for part in physical)
        assert all(part.startswith(" ") for part in physical[1:])
        assert physical[0] + "".join(part[1:] for part in physical[1:]) == line


def test_control_characters_are_dropped() -> None:
    text = write_calendar([_event(summary="bell\x07 and\x00 nul\ttab\r\nnext")], [])
    assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SUMMARY"]) == (
        "bell and nul\ttab\nnext"
    )


@pytest.mark.parametrize(
    ("events", "todos", "message"),
    [
        ([_event(start=datetime(2024, 3, 15, 9, 0))], [], "no time zone"),
        ([_event(stamp=datetime(2024, 3, 1))], [], "no time zone"),
        ([_event(minutes=-1)], [], "cannot last"),
        ([_event(uid=" ")], [], "needs a UID"),
        ([_event()], [_todo(uid="meeting-12@infoterm")], "used twice"),
        ([], [_todo(status="DONE")], "status must be one of"),
        ([], [_todo(due=datetime(2024, 3, 20, tzinfo=UTC))], "not a datetime"),
    ],
)
def test_refuses_what_calendars_cannot_represent(
    events: list[IcsEvent], todos: list[IcsTodo], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        write_calendar(events, todos)


# Text without control characters (other than newline/tab), which TEXT cannot carry.
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from(",;\\\n:\"'"),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(summary=_text, description=_text, minutes=st.integers(0, 10_000))
def test_any_text_survives_both_parsers(summary: str, description: str, minutes: int) -> None:
    text = write_calendar([_event(summary=summary, description=description, minutes=minutes)], [])
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))

    ours = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(ours.get("SUMMARY", "")) == summary
    assert str(ours.get("DESCRIPTION", "")) == description
    assert ours.decoded("DURATION") == timedelta(minutes=minutes)

    theirs = vobject.readOne(text).vevent
    assert theirs.summary.value == summary
    if description:
        assert theirs.description.value == description
    assert theirs.duration.value == timedelta(minutes=minutes)
