"""The only place that reads the system clock.

Everything that needs "now" takes a :class:`Clock`. Instants are timezone-aware UTC
datetimes; ``local_now()`` gives the same instant in the user's zone (the system zone
for :class:`SystemClock`, a given zone for :class:`FakeClock`), which is what date
phrases like "tomorrow 3pm" are read against.

The local zone is a zone with its rules (a :class:`zoneinfo.ZoneInfo`), never the fixed
offset of the moment: a time next summer is shown and stored with summer's offset.
It comes from ``TZ`` when set (a name such as ``Europe/London``, ``:Europe/London`` or a
path to a zone file), else ``/etc/localtime``; a POSIX rule string such as
``EST5EDT,M3.2.0,M11.1.0`` is read by ``dateutil.tz`` (without rules, "ABC5DEF",
today's US rules, as the C library has them). When none of that works the C
library's idea of local time is used (``dateutil.tz.tzlocal``), which still knows DST.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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
        return datetime.now(system_zone())

    def to_local(self, instant: datetime) -> datetime:
        return as_utc(instant).astimezone(system_zone())


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


# -- the system's zone -------------------------------------------------------------------

_LOCALTIME = Path("/etc/localtime")
_US_RULES = ",M3.2.0,M11.1.0"
_zones: dict[str | None, tzinfo] = {}


def system_zone() -> tzinfo:
    """The system's time zone, with its daylight-saving rules (see the module doc).

    Worked out once for each value of ``TZ``, so a changed ``TZ`` (with ``time.tzset()``)
    is followed."""
    key = os.environ.get("TZ")
    zone = _zones.get(key)
    if zone is None:
        zone = _zones[key] = _find_zone(key)
    return zone


def _find_zone(tz: str | None) -> tzinfo:
    if tz is not None:
        return _zone_from_tz(tz)
    try:
        return _zone_from_file(_LOCALTIME)
    except (OSError, ValueError):
        return _c_library_zone()


def _zone_from_tz(tz: str) -> tzinfo:
    name = tz[1:] if tz.startswith(":") else tz
    if not name.strip():
        return UTC  # POSIX: an empty TZ means UTC
    try:
        if name.startswith("/"):
            return _zone_from_file(Path(name))
        return ZoneInfo(name)
    except (OSError, ValueError, ZoneInfoNotFoundError):
        pass
    from dateutil import tz as dateutil_tz  # a POSIX rule string: "EST5EDT,M3.2.0,M11.1.0"

    try:
        zone = dateutil_tz.tzstr(name)
        if zone.hasdst and "," not in name:
            # No rules given ("ABC5DEF"): the C library uses today's US ones, where
            # dateutil would use those of before 2007 (April to October).
            zone = dateutil_tz.tzstr(name + _US_RULES)
    except ValueError:
        return _c_library_zone()
    found: tzinfo = zone
    return found


def _zone_from_file(path: Path) -> tzinfo:
    """A zone file; named after its place under a zoneinfo folder when it is a link."""
    real = path.resolve()
    parts = real.parts
    if "zoneinfo" in parts:
        key = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo") :])
        try:
            return ZoneInfo(key)
        except (OSError, ValueError, ZoneInfoNotFoundError):
            pass
    with real.open("rb") as handle:
        return ZoneInfo.from_file(handle, key=str(path))


def _c_library_zone() -> tzinfo:
    from dateutil import tz as dateutil_tz

    zone: tzinfo = dateutil_tz.tzlocal()
    return zone
