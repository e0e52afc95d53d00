"""The only place that reads the system clock.

Everything that needs "now" takes a :class:`Clock`. Instants are timezone-aware UTC
datetimes; ``local_now()`` gives the same instant in the user's zone (the system zone
for :class:`SystemClock`, a fixed zone for :class:`FakeClock`), which is what date
phrases like "tomorrow 3pm" are read against.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for measuring intervals)."""
        ...

    def local_now(self) -> datetime:
        """The current instant in the user's time zone."""
        ...

    def to_local(self, instant: datetime) -> datetime:
        """An aware instant shown in the user's time zone."""
        ...


class SystemClock:
    """The real clock; local time follows the system's time zone."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def local_now(self) -> datetime:
        return datetime.now().astimezone()

    def to_local(self, instant: datetime) -> datetime:
        return as_utc(instant).astimezone()


class FakeClock:
    """A clock for tests and demos: it only moves when told to."""

    def __init__(self, start: datetime | None = None, tz: tzinfo = UTC) -> None:
        self._now = as_utc(start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        self._mono = 1000.0
        self.tz = tz

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def local_now(self) -> datetime:
        return self._now.astimezone(self.tz)

    def to_local(self, instant: datetime) -> datetime:
        return as_utc(instant).astimezone(self.tz)

    def advance(self, delta: timedelta | float) -> None:
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, instant: datetime) -> None:
        instant = as_utc(instant)
        self._mono += (instant - self._now).total_seconds()
        self._now = instant


def as_utc(instant: datetime) -> datetime:
    """Treat a naive datetime as UTC (that is how the database stores them)."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)
