"""Reading the dates people type, and saying briefly when something is due.

Headless and stdlib-only. Every function takes ``now`` explicitly (an aware datetime in
the user's zone, normally ``clock.local_now()``), so nothing here reads the clock.

What :func:`parse_when` accepts (case-insensitive, extra spaces and a leading "at"/"on"
are fine; commas are ignored):

* ``now``; ``today``, ``tonight``, ``tomorrow``/``tmrw``/``tmr``, ``yesterday``;
* weekdays, full or short (``fri``, ``thurs``, ``tues``), optionally after ``next`` or
  ``this``;
* times: ``3pm``, ``3 pm``, ``3:30pm``, ``15:00``, ``noon``, ``midnight``;
* offsets: ``+3d``, ``+2w``, ``+4h``, ``+30m``, ``in 3 days``, ``in a week``,
  ``in 90 minutes``, ``in an hour``; and back: ``-5d``, ``-2h``, ``2 days ago``,
  ``a week ago``, ``3h ago``;
* ``last`` before a weekday (``last mon``): the most recent one before today;
* dates: ``2026-12-01``, ``2026-12-01T14:30``, ``1 dec``, ``dec 1st``, ``1 december 2026``.

A date may be followed by a time (``tomorrow 3pm``, ``fri at 14:00``, ``dec 1 3pm``) or
preceded by one (``3pm tomorrow``, ``noon on fri``).

The rules, chosen so that the same words always mean the same thing:

* A weekday means the first such day strictly after today: "fri" said on a Friday is a
  week later. "next fri" and "this fri" mean exactly the same as "fri". "last fri" is
  the last one strictly before today.
* For a command about the past (``past=True``: when a meeting happened), a bare weekday
  is the most recent one: "fri" is "last fri", except that on a Friday it is today when
  the time has already come ("fri 9am" said at 10:21 is this morning); and a day and month without a year is
  the most recent such date that is not in the future (today counts).
* Date-only phrases (today, tomorrow, weekdays, +Nd, +Nw, in N days/weeks, dates) give
  ``default_time`` (09:00) unless a time is written; "tonight" gives 19:00.
* Hour and minute offsets (+4h, in 90 minutes) are exact instants: elapsed time, so they
  stay right across a DST change.
* A bare time ("3pm") is today at that time, even if that has passed.
* "midnight" is 00:00 at the start of the day named, like "12am" and "00:00".
* A day and month without a year is the next such date that is not in the past (today
  counts); "29 feb" finds the next leap year.
* A bare number is never a time ("at 3" is rejected: write "3pm" or "15:00"), and slashed
  dates such as "12/01" are rejected as ambiguous.
* A wall-clock time that does not exist (skipped by a DST change) moves forward by the
  gap; one that happens twice takes the first occurrence. :func:`parse_when_explained`
  also gives a line saying so ("02:30 does not exist on Sun 14 Mar (clocks go forward):
  using 03:30 EDT"), for the user to see which instant was chosen.

Anything not understood raises :class:`DateError` with a one-line message; nothing is
ever guessed.

:func:`describe_due` and the "relative" style of :func:`format_when` are the one wording
of a distance in time, rounded the way people read it: minutes under an hour and hours
under a day, each to the nearest; then calendar days (a 3-day reach-out made now is "in 3
days", a 7-day nudge "in 7 days"), from 14 days weeks ("in 6 weeks"). Due within half a
minute is "now"; anything past due is overdue (at least "1m overdue"), never "now", so the
wording agrees with the Overdue group. ``compact=True`` gives the board's "3d overdue"
from the same numbers as the review's "3 days overdue".
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta, tzinfo
from typing import NoReturn

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DateError",
    "check_year",
    "describe_due",
    "example_date",
    "format_when",
    "parse_date",
    "parse_when",
    "parse_when_explained",
    "resolve_wall",
]

# The years infoterm accepts anywhere a date comes in (typed, imported, restored).
MIN_YEAR = 1900
MAX_YEAR = 2200


class DateError(ValueError):
    """A date phrase could not be understood; ``str(err)`` is a message for the user."""


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_WORDS = {name.lower(): i for i, name in enumerate(_MONTHS, 1)}
_MONTH_WORDS.update({name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)})
_MONTH_WORDS["sept"] = 9
_WEEKDAY_WORDS = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
_DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1}
_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "m"),
}
_NO_MONTHS = {"mo", "mos", "month", "months", "y", "yr", "yrs", "year", "years"}
_TONIGHT = time(19, 0)

_A = re.ASCII
_ISO_T = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", _A | re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", _A)
_SLASHED = re.compile(r"\d+(?:/\d+)+", _A)
_CLOCK_12 = re.compile(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?", _A)
_CLOCK_24 = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", _A)
_OFFSET = re.compile(r"([+-])?(\d+)([a-z]+)", _A)
_COUNT = re.compile(r"\d+", _A)
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", _A)
_YEAR = re.compile(r"\d{4}", _A)


def parse_when(
    text: str, now: datetime, *, default_time: time = time(9, 0), past: bool = False
) -> datetime:
    """The instant ``text`` names, in ``now``'s time zone; raises :class:`DateError`.

    ``past=True`` reads it for a command about the past (see the rules above)."""
    return parse_when_explained(text, now, default_time=default_time, past=past)[0]


def parse_when_explained(
    text: str, now: datetime, *, default_time: time = time(9, 0), past: bool = False
) -> tuple[datetime, str | None]:
    """:func:`parse_when`, and a line for the user when a daylight-saving change made
    the wall-clock time skipped or repeated (None otherwise)."""
    parser = _Parser(text, now, default_time, past=past)
    try:
        found = parser.parse()
    except DateError:
        raise
    except (OverflowError, ValueError):  # beyond what datetime holds ("+5000000d")
        raise _out_of_range(parser.display) from None
    check_year(found.year, parser.display)
    return found, parser.note


def check_year(year: int, shown: str) -> None:
    """DateError unless ``year`` is within MIN_YEAR..MAX_YEAR (``shown`` names the input)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(shown)


def _out_of_range(shown: str) -> DateError:
    return DateError(f'"{shown}" is out of range: dates run from {MIN_YEAR} to {MAX_YEAR}')


def example_date(now: datetime, at: str = "") -> str:
    """A date to show in an example, always ahead of ``now``: the 1st of next month,
    "2026-12-01" (and ``at`` after it: "2026-12-01 14:30")."""
    year, month = (now.year, now.month + 1) if now.month < 12 else (now.year + 1, 1)
    year = min(year, MAX_YEAR)
    shown = f"{year:04d}-{month:02d}-01"
    return f"{shown} {at}" if at else shown


def zone_name(instant: datetime) -> str:
    """The zone's abbreviation ("EDT"), or its offset written as one ("+10:30"): tzdata
    names some zones by a bare offset, "+1030" for Lord Howe, which reads as a number."""
    name = instant.tzname() or ""
    if re.fullmatch(r"[+-]\d{4}", name):
        return f"{name[:3]}:{name[3:]}"
    return name


def resolve_wall(naive: datetime, zone: tzinfo) -> tuple[datetime, datetime | None]:
    """The instant a wall-clock time names in ``zone``, and the later one when that time
    happens twice (else None). A time the clocks skip moves forward by the gap (02:30 is
    03:30); one that happens twice is the first.

    The same answer whatever implements ``zone`` (zoneinfo, dateutil's POSIX rules, a
    fixed offset): the two offsets in play are those a day either side, and each is
    tried, rather than trusting how the tzinfo reads a skipped or repeated time."""
    offsets = []
    for probe in (naive - timedelta(days=1), naive + timedelta(days=1)):
        offsets.append(zone.fromutc(probe.replace(tzinfo=zone)).utcoffset() or timedelta(0))
    found = []
    for offset in sorted(set(offsets), reverse=True):  # the larger offset is the earlier
        local = zone.fromutc((naive - offset).replace(tzinfo=zone))
        if local.replace(tzinfo=None) == naive:
            found.append(local)
    if not found:  # skipped: read with the offset before the change, it lands after it
        return zone.fromutc((naive - offsets[0]).replace(tzinfo=zone)), None
    return found[0], found[1] if len(found) > 1 else None


def parse_date(text: str, now: datetime) -> date:
    """The calendar date ``text`` names (same phrases as :func:`parse_when`)."""
    return parse_when(text, now).date()


def describe_due(due: datetime, now: datetime, *, compact: bool = False) -> str:
    """How far off a due time is: "in 3h", "tomorrow", "2 days overdue", "now"; with
    ``compact`` (board cards) "in 3h", "in 1d", "2d overdue". The one wording of due times:
    the board, the review, the contact screen and the CLI all call this."""
    if getattr(due, "unreadable", False):  # a stored time that could not be read
        return "unknown date"
    return _relative(due, now, overdue=True, compact=compact)


def format_when(instant: datetime, now: datetime, style: str = "relative") -> str:
    """``"absolute"``: "Mon 23 Nov 14:30" (year added if not this year);
    ``"relative"``: "in 3h", "tomorrow", "2 days ago", "now"."""
    if getattr(instant, "unreadable", False):  # a stored time that could not be read
        return "unknown date"
    if style == "relative":
        return _relative(instant, now, overdue=False)
    if style != "absolute":
        raise ValueError(f"unknown style {style!r}: use 'relative' or 'absolute'")
    now = _aware(now)
    try:
        local = _aware(instant).astimezone(now.tzinfo)
    except OverflowError:  # at the very ends of the calendar: show it as it came
        local = _aware(instant)
    year = f" {local.year}" if local.year != now.year else ""
    month = _MONTHS[local.month - 1][:3]
    return f"{_DAY_ABBR[local.weekday()]} {local.day} {month}{year} {local:%H:%M}"


# --- relative wording -------------------------------------------------------------------


def _aware(instant: datetime) -> datetime:
    """Naive datetimes are taken as UTC, as the database stores them."""
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def _relative(instant: datetime, now: datetime, *, overdue: bool, compact: bool = False) -> str:
    """The one wording of a distance in time (see the module notes for the rounding)."""
    instant, now = _aware(instant), _aware(now)
    seconds = _elapsed(instant, now).total_seconds()
    count, unit = _span(seconds, instant, now)
    if count == 0:
        return "now"
    if unit == "d" and count == 1 and not compact:
        if seconds > 0:
            return "tomorrow"
        if not overdue:
            return "yesterday"
    amount = _amount(count, unit, compact)
    if seconds > 0:
        return f"in {amount}"
    return f"{amount} overdue" if overdue else f"{amount} ago"


def _elapsed(later: datetime, earlier: datetime) -> timedelta:
    """Real time between two aware datetimes. Plain subtraction would give the wall-clock
    difference when both share a tzinfo, and converting to UTC can overflow at the edges."""
    wall = later.replace(tzinfo=None) - earlier.replace(tzinfo=None)
    return wall - ((later.utcoffset() or timedelta(0)) - (earlier.utcoffset() or timedelta(0)))


def _nearest(value: float) -> int:
    return int(value + 0.5)  # half up: 2.5 days is 3, as people count


def _span(seconds: float, instant: datetime, now: datetime) -> tuple[int, str]:
    """The distance as a count of the largest unit that fits, rounded to the nearest.

    Under a day it is elapsed minutes or hours; from a day on it is calendar days in
    ``now``'s zone (a 3-day reach-out made now is "in 3 days" however late in the day),
    and from 14 days whole weeks. Late is late: anything past due is at least a minute
    overdue, never "now"."""
    size = abs(seconds)
    minutes = _nearest(size / 60)
    if seconds < 0:
        minutes = max(minutes, 1)
    if minutes < 60:
        return minutes, "m"
    hours = _nearest(size / 3600)
    if hours < 24:
        return hours, "h"
    calendar = _calendar_days(instant, now)
    if calendar == 0:  # 23h40m away and still today: hours, never "tomorrow"
        return hours, "h"
    days = abs(calendar) if calendar is not None else max(_nearest(size / 86400), 1)
    if days < 14:
        return days, "d"
    return _nearest(days / 7), "w"


def _amount(count: int, unit: str, compact: bool = False) -> str:
    if compact or unit in ("m", "h"):
        return f"{count}{unit}"
    word = "day" if unit == "d" else "week"
    return f"1 {word}" if count == 1 else f"{count} {word}s"


def _calendar_days(instant: datetime, now: datetime) -> int | None:
    """How many calendar days ``instant`` is from ``now``, in ``now``'s zone."""
    try:
        return (instant.astimezone(now.tzinfo).date() - now.date()).days
    except (OverflowError, ValueError):
        return None


# --- parsing ----------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, now: datetime, default_time: time, *, past: bool) -> None:
        self.past = past
        # A bare weekday naming today, read about the past: today if its time has come.
        self.today_if_passed = False
        self.note: str | None = None
        self.display = " ".join(text.split())
        self.words = _ISO_T.sub(r"\1 ", text.replace(",", " ")).split()
        self.low = [word.lower() for word in self.words]
        self.now = now
        self.today = now.date()
        self.default_time = default_time

    def parse(self) -> datetime:
        low = self.low
        if not low:
            raise DateError('enter a date, e.g. "tomorrow 3pm"')
        self._reject_slashes()
        start = 1 if low[0] in ("at", "on") and len(low) > 1 else 0
        end = len(low)
        if low[start:] == ["now"]:
            return self.now
        found = self._date_part(start)
        if found is not None:
            day, at, i = found
            if isinstance(day, datetime):  # an exact offset: +4h, in 90 minutes
                if i < end:
                    self._fail(i, end)
                return day
            if i == end:
                return self._day_at(day, at)
            if low[i] == "at" and i + 1 < end:
                i += 1
            clock = self._time_prefix(i)
            if clock is None:
                self._fail(i, end)
            at, i = clock
            if i < end:
                self._fail(i, end)
            return self._day_at(day, at)
        clock = self._time_prefix(start)
        if clock is None:
            self._fail(start)
        at, i = clock
        if i == end:
            return self._combine(self.today, at)
        if low[i] == "on" and i + 1 < end:
            i += 1
        found = self._date_part(i)
        if found is None or isinstance(found[0], datetime):
            self._fail(i, end if found is None else found[2])
        day, _, i = found
        if i < end:
            self._fail(i, end)
        return self._day_at(day, at)

    def _fail(self, start: int, end: int | None = None) -> NoReturn:
        bad = " ".join(self.words[start : start + 1 if end is None else end])
        if self.past:
            examples = 'try "yesterday 3pm", "2 days ago", "last fri 14:00" or "-5d 10am"'
        else:
            examples = (
                f'try "tomorrow 3pm", "+3d", "fri 14:00" or "{example_date(self.now, "14:30")}"'
            )
        where = "" if bad == self.display else f' in "{self.display}"'
        raise DateError(f'didn\'t understand "{bad}"{where} — {examples}')

    def _reject_slashes(self) -> None:
        for word in self.words:
            match = _SLASHED.search(word)
            if match is None:
                continue
            parts = [int(p) if len(p) <= 6 else 0 for p in match.group().split("/")[:3]]
            year = parts[2] if len(parts) == 3 and parts[2] >= 1000 else self.now.year
            options = []
            for month, day in ((parts[0], parts[1]), (parts[1], parts[0])):
                if 1 <= month <= 12 and 1 <= day <= _days_in(2000, month):
                    options.append(f'"{year:04d}-{month:02d}-{day:02d}"')
            suggestion = " or ".join(dict.fromkeys(options)) or f'"{example_date(self.now)}"'
            raise DateError(
                f'"{match.group()}": slashed dates are ambiguous (day/month or month/day?) — '
                f"write year-month-day, e.g. {suggestion}"
            )

    def _day_at(self, day: date, at: time) -> datetime:
        """``day`` at ``at``; or today, for a bare weekday about the past naming today
        whose time has already come ("fri 9am" said on a Friday at 10:21)."""
        if self.today_if_passed:
            today = self._combine(self.today, at)
            if today <= self.now:
                return today
        return self._combine(day, at)

    def _combine(self, day: date, at: time) -> datetime:
        zone = self.now.tzinfo
        naive = datetime.combine(day, at.replace(tzinfo=None))
        if zone is None:
            return naive
        real, second = resolve_wall(naive, zone)
        self.note = self._dst_note(naive, real, second)
        return real

    def _dst_note(self, naive: datetime, real: datetime, second: datetime | None) -> str | None:
        """What was chosen when ``naive`` was skipped or happens twice (else None)."""
        day = naive.date()
        shown = f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTHS[day.month - 1][:3]}"
        if day.year != self.today.year:
            shown += f" {day.year}"
        asked = f"{naive:%H:%M}"
        if real.replace(tzinfo=None) != naive:
            return (
                f"{asked} does not exist on {shown} (clocks go forward): "
                f"using {real:%H:%M} {zone_name(real)}"
            )
        if second is not None:
            return (
                f"{asked} happens twice on {shown} (clocks go back): using the first, "
                f"{asked} {zone_name(real)}, not {asked} {zone_name(second)}"
            )
        return None

    def _date_part(self, i: int) -> tuple[date | datetime, time, int] | None:
        """A date phrase starting at word ``i``: (date, time to use, next index).

        Exact offsets (+4h) come back as a datetime in place of the date."""
        low, n, today, at = self.low, len(self.low), self.today, self.default_time
        if i >= n:
            return None
        word = low[i]
        if word in _DAY_WORDS:
            at = _TONIGHT if word == "tonight" else at
            return today + timedelta(days=_DAY_WORDS[word]), at, i + 1
        back = self.past
        if word in ("next", "this", "last"):
            if i + 1 >= n or low[i + 1] not in _WEEKDAY_WORDS:
                self._fail(min(i + 1, n - 1))
            back = word == "last"
            i, word = i + 1, low[i + 1]
        if word in _WEEKDAY_WORDS:
            if back:
                behind = (today.weekday() - _WEEKDAY_WORDS[word]) % 7 or 7
                self.today_if_passed = behind == 7 and low[i - 1 : i] != ["last"]
                return today - timedelta(days=behind), at, i + 1
            ahead = (_WEEKDAY_WORDS[word] - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), at, i + 1
        match = _OFFSET.fullmatch(word)
        if match and match.group(1):
            sign = -1 if match.group(1) == "-" else 1
            return self._offset(sign * int(match.group(2)), match.group(3), i, i + 1)
        if match and i + 1 < n and low[i + 1] == "ago":  # "3d ago"
            return self._offset(-int(match.group(2)), match.group(3), i, i + 2)
        if (_COUNT.fullmatch(word) or word in ("a", "an")) and i + 2 < n and low[i + 2] == "ago":
            count = 1 if word in ("a", "an") else int(word)  # "2 days ago", "a week ago"
            return self._offset(-count, low[i + 1], i + 1, i + 3)
        if word == "in" and i + 1 < n:
            match = _OFFSET.fullmatch(low[i + 1])
            if match and not match.group(1):
                return self._offset(int(match.group(2)), match.group(3), i + 1, i + 2)
            if not (_COUNT.fullmatch(low[i + 1]) or low[i + 1] in ("a", "an")):
                self._fail(i + 1)
            if i + 2 >= n:
                self._fail(i, n)
            count = 1 if low[i + 1] in ("a", "an") else int(low[i + 1])
            return self._offset(count, low[i + 2], i + 2, i + 3)
        match = _ISO_DATE.fullmatch(word)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _real_date(year, month, day, word), at, i + 1
        return self._named_date(i)

    def _offset(
        self, count: int, unit_word: str, unit_at: int, after: int
    ) -> tuple[date | datetime, time, int]:
        unit = _UNITS.get(unit_word)
        if unit is None:
            if unit_word in _NO_MONTHS:
                raise DateError(
                    f'months and years are not supported in "{self.display}" — '
                    'try "in 4 weeks" or a date such as "1 dec"'
                )
            self._fail(unit_at)
        if unit in ("h", "m"):
            step = timedelta(hours=count) if unit == "h" else timedelta(minutes=count)
            now = self.now
            if now.tzinfo is None:
                return now + step, self.default_time, after
            return (now.astimezone(UTC) + step).astimezone(now.tzinfo), self.default_time, after
        days = count * 7 if unit == "w" else count
        return self.today + timedelta(days=days), self.default_time, after

    def _named_date(self, i: int) -> tuple[date, time, int] | None:
        """ "1 dec", "dec 1st", "1 december 2026", "december 1 2026"."""
        low, n = self.low, len(self.low)
        if i + 1 >= n:
            return None
        day_match = _DAY.fullmatch(low[i])
        if day_match and low[i + 1] in _MONTH_WORDS:
            day, month = int(day_match.group(1)), _MONTH_WORDS[low[i + 1]]
        elif low[i] in _MONTH_WORDS and (day_match := _DAY.fullmatch(low[i + 1])):
            day, month = int(day_match.group(1)), _MONTH_WORDS[low[i]]
        else:
            return None
        shown = " ".join(self.words[i : i + 2])
        if i + 2 < n and _YEAR.fullmatch(low[i + 2]):
            shown += " " + self.words[i + 2]
            return _real_date(int(low[i + 2]), month, day, shown), self.default_time, i + 3
        if not 1 <= day <= _days_in(2000, month):  # 2000 is a leap year
            raise DateError(f'"{shown}" is not a real date: there is no {day} {_MONTHS[month - 1]}')
        if self.past:
            for year in range(self.today.year, self.today.year - 9, -1):
                if day <= _days_in(year, month) and (found := date(year, month, day)) <= self.today:
                    return found, self.default_time, i + 2
            raise DateError(f'"{shown}" is too long ago')
        for year in range(self.today.year, self.today.year + 9):
            if day <= _days_in(year, month) and (found := date(year, month, day)) >= self.today:
                return found, self.default_time, i + 2
        raise DateError(f'"{shown}" is too far away')

    def _time_prefix(self, i: int) -> tuple[time, int] | None:
        """A time of day in the one or two words from ``i``: (time, next index)."""
        for width in (2, 1):
            if i + width <= len(self.low):
                found = _clock(" ".join(self.low[i : i + width]), self.words[i : i + width])
                if found is not None:
                    return found, i + width
        return None


def _clock(text: str, words: list[str]) -> time | None:
    shown = " ".join(words)
    if text == "noon":
        return time(12, 0)
    if text == "midnight":
        return time(0, 0)
    if text.isascii() and text.isdigit() and len(text) <= 2:
        raise DateError(
            f'"{shown}" is not a time: write "{shown}pm", "{shown}am" or "{text:0>2}:00"'
        )
    match = _CLOCK_12.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            raise DateError(f'"{shown}" is not a time: with am/pm, hours run from 1 to 12')
        if minute > 59:
            raise DateError(f'"{shown}" is not a time: minutes run from 00 to 59')
        return time(hour % 12 + (12 if match.group(3) == "p" else 0), minute)
    match = _CLOCK_24.fullmatch(text)
    if match:
        hour, minute, second = (int(g or 0) for g in match.groups())
        if hour > 23:
            raise DateError(f'"{shown}" is not a time: hours run from 0 to 23')
        if minute > 59 or second > 59:
            raise DateError(f'"{shown}" is not a time: minutes run from 00 to 59')
        return time(hour, minute, second)
    return None


def _days_in(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f'"{shown}" is not a real date: there is no month {month}')
    if not MINYEAR <= year <= MAXYEAR:
        raise DateError(f'"{shown}" is not a real date: the year is out of range')
    last = _days_in(year, month)
    if not 1 <= day <= last:
        name = _MONTHS[month - 1]
        raise DateError(f'"{shown}" is not a real date: {name} {year} has {last} days')
    return date(year, month, day)
