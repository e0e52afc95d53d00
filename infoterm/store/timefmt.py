"""How instants and dates are written in the database (UTC text, second precision).

One format, shared by the SQLAlchemy column type and the stdlib reader, so that both can
compare times in SQL as plain strings: ``YYYY-MM-DD HH:MM:SS`` with a four-digit year,
always zero-padded (``strftime("%Y")`` writes year 999 as "999" on Linux, which no reader
accepts back, so the text is built by hand).

Writing refuses an instant outside the years the app accepts (``dates.MIN_YEAR`` to
``dates.MAX_YEAR``, one year of slack either side so that a local time at the very edge
is still storable in UTC). Reading never fails: a value that cannot be read (written by
another program, or by an older infoterm) comes back as :class:`UnreadableTime` or
:class:`UnreadableDate`, which every screen, export and command shows as "unknown date".
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from infoterm.dates import MAX_YEAR, MIN_YEAR

DB_FORMAT = "%Y-%m-%d %H:%M:%S"
UNKNOWN = "unknown date"
# The years a stored instant or date may have: one more either side than parsing takes,
# for UTC offsets at the edges ("2200-12-31 23:30" in New York is 2201-01-01 04:30 UTC).
# The one bound of storing, reading and checking a restore (services.jsoncheck).
STORED_MIN_YEAR, STORED_MAX_YEAR = MIN_YEAR - 1, MAX_YEAR + 1


def storable_year(year: int) -> bool:
    """Can an instant or date of this year be stored (and read back)?"""
    return STORED_MIN_YEAR <= year <= STORED_MAX_YEAR


class UnreadableTime(datetime):
    """A stored instant that could not be read: sorts as the earliest time, shows as
    "unknown date", and is written back as the text it came from."""

    raw: str = ""
    unreadable = True

    def __format__(self, spec: str) -> str:
        return UNKNOWN

    def strftime(self, fmt: str) -> str:
        return UNKNOWN

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        return UNKNOWN

    def __str__(self) -> str:
        return UNKNOWN


class UnreadableDate(date):
    """A stored calendar date that could not be read (see :class:`UnreadableTime`)."""

    raw: str = ""
    unreadable = True

    def __format__(self, spec: str) -> str:
        return UNKNOWN

    def strftime(self, fmt: str) -> str:
        return UNKNOWN

    def isoformat(self) -> str:
        return UNKNOWN

    def __str__(self) -> str:
        return UNKNOWN


def is_unreadable(value: Any) -> bool:
    return bool(getattr(value, "unreadable", False))


def unreadable_time(raw: Any) -> UnreadableTime:
    found = UnreadableTime(MIN_YEAR, 1, 1, tzinfo=UTC)
    found.raw = str(raw)
    return found


def _unreadable_date(raw: Any) -> UnreadableDate:
    found = UnreadableDate(MIN_YEAR, 1, 1)
    found.raw = str(raw)
    return found


def to_db(instant: datetime | None) -> str | None:
    """The canonical text of an instant; ValueError when its year is out of range."""
    if instant is None:
        return None
    if isinstance(instant, UnreadableTime):
        return instant.raw  # left as it was found
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    instant = instant.astimezone(UTC)
    if not storable_year(instant.year):
        raise ValueError(f"{instant.year} is out of range: dates run from {MIN_YEAR} to {MAX_YEAR}")
    return (
        f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d} "
        f"{instant.hour:02d}:{instant.minute:02d}:{instant.second:02d}"
    )


def from_db(text: Any) -> datetime | None:
    """The instant a stored text names (None for NULL/empty); never raises."""
    if not text:
        return None
    try:
        # fromisoformat reads exactly DB_FORMAT, many times faster than strptime.
        found = datetime.fromisoformat(text[:19])
    except (TypeError, ValueError):
        return unreadable_time(text)
    if not storable_year(found.year):
        return unreadable_time(text)
    return found.replace(tzinfo=UTC)


def date_to_db(day: date | None) -> str | None:
    """``YYYY-MM-DD``; ValueError when the year is out of range."""
    if not day:
        return None
    if isinstance(day, UnreadableDate):
        return day.raw
    if not storable_year(day.year):
        raise ValueError(f"{day.year} is out of range: dates run from {MIN_YEAR} to {MAX_YEAR}")
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def date_from_db(text: Any) -> date | None:
    """The date a stored text names (None for NULL/empty); never raises."""
    if not text:
        return None
    try:
        found = date.fromisoformat(text[:10])
    except (TypeError, ValueError):
        return _unreadable_date(text)
    if not storable_year(found.year):
        return _unreadable_date(text)
    return found
