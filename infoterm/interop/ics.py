"""Write iCalendar (RFC 5545) files for meetings and follow-ups, with no dependency.

Meetings become VEVENTs with a UTC start and a DURATION; follow-ups become VTODOs
due on a date (``DUE;VALUE=DATE``). The output follows the parts of the RFC that
real calendar programs are strict about:

- CRLF after every line, including the last;
- lines folded at 75 octets, never inside a multi-byte UTF-8 character;
- TEXT values escaped (backslash, semicolon, comma, newline) and stripped of
  control characters, which TEXT may not contain;
- every time in UTC with ``Z``; DTSTAMP on every component;
- UIDs exactly as given, so re-importing an export updates rather than duplicates.

:func:`write_calendar` returns a ``str``; write it with ``newline=""`` and UTF-8
(or encode it to bytes) so the CRLFs survive on every platform.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

CRLF = "\r\n"
FOLD_OCTETS = 75
TODO_STATUSES = frozenset({"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"})


@dataclass(frozen=True, kw_only=True)
class IcsEvent:
    uid: str
    start: datetime
    """Timezone-aware; written in UTC."""
    minutes: int
    summary: str
    location: str = ""
    description: str = ""
    stamp: datetime
    """When this data was exported (or last changed); timezone-aware."""


@dataclass(frozen=True, kw_only=True)
class IcsTodo:
    uid: str
    due: date
    summary: str
    description: str = ""
    stamp: datetime
    status: str = "NEEDS-ACTION"


def write_calendar(
    events: Iterable[IcsEvent],
    todos: Iterable[IcsTodo],
    *,
    prodid: str = "-//infoterm//infoterm//EN",
    name: str = "infoterm",
) -> str:
    """A complete VCALENDAR holding ``events`` then ``todos``.

    Raises ValueError for data a calendar could not represent faithfully: naive
    datetimes, negative durations, empty or repeated UIDs, unknown VTODO statuses.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + escape_text(prodid),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines += ["NAME:" + escape_text(name), "X-WR-CALNAME:" + escape_text(name)]
    seen: set[str] = set()
    for event in events:
        _check_uid(event.uid, seen)
        lines += _event_lines(event)
    for todo in todos:
        _check_uid(todo.uid, seen)
        lines += _todo_lines(todo)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _check_uid(uid: str, seen: set[str]) -> None:
    if not uid.strip():
        raise ValueError("every calendar entry needs a UID")
    if uid in seen:
        raise ValueError(f"UID {uid!r} is used twice")
    seen.add(uid)


def _event_lines(event: IcsEvent) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield "UID:" + escape_text(event.uid)
    yield "DTSTAMP:" + utc_stamp(event.stamp)
    yield "DTSTART:" + utc_stamp(event.start)
    yield "DURATION:" + duration(event.minutes)
    yield "SUMMARY:" + escape_text(event.summary)
    if event.location:
        yield "LOCATION:" + escape_text(event.location)
    if event.description:
        yield "DESCRIPTION:" + escape_text(event.description)
    yield "END:VEVENT"


def _todo_lines(todo: IcsTodo) -> Iterator[str]:
    if isinstance(todo.due, datetime):
        raise ValueError(f"{todo.uid}: a follow-up is due on a date, not a datetime")
    status = todo.status.upper()
    if status not in TODO_STATUSES:
        raise ValueError(f"{todo.uid}: VTODO status must be one of {sorted(TODO_STATUSES)}")
    yield "BEGIN:VTODO"
    yield "UID:" + escape_text(todo.uid)
    yield "DTSTAMP:" + utc_stamp(todo.stamp)
    yield f"DUE;VALUE=DATE:{todo.due.year:04d}{todo.due.month:02d}{todo.due.day:02d}"
    yield "SUMMARY:" + escape_text(todo.summary)
    if todo.description:
        yield "DESCRIPTION:" + escape_text(todo.description)
    yield "STATUS:" + status
    yield "END:VTODO"


def utc_stamp(moment: datetime) -> str:
    """``20240315T140000Z``; the datetime must be timezone-aware."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone; calendar times must be aware")
    u = moment.astimezone(UTC)
    return f"{u.year:04d}{u.month:02d}{u.day:02d}T{u.hour:02d}{u.minute:02d}{u.second:02d}Z"


def duration(minutes: int) -> str:
    """``PT19M``, ``PT1H``, ``PT1H30M``; ``PT0M`` for zero."""
    if minutes < 0:
        raise ValueError(f"a meeting cannot last {minutes} minutes")
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"PT{hours}H{rest}M"
    return f"PT{hours}H" if hours else f"PT{rest}M"


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value: escaped, one line, no control characters."""
    value = value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or not (ch < " " or ch == "\x7f"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets (CRLF excluded).

    Continuation lines start with one space, which counts toward their 75 octets.
    Breaks fall between characters, so multi-byte UTF-8 sequences stay whole.
    """
    if len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > FOLD_OCTETS:
            pieces.append("".join(current))
            current, size = [], 1  # the leading space of the continuation line
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)
