"""How instants and dates are written in the database (UTC text, second precision).

One format, shared by the SQLAlchemy column type and the stdlib reader, so that both can
compare times in SQL as plain strings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

DB_FORMAT = "%Y-%m-%d %H:%M:%S"


def to_db(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC).strftime(DB_FORMAT)


def from_db(text: str | None) -> datetime | None:
    if not text:
        return None
    # fromisoformat reads exactly DB_FORMAT, many times faster than strptime.
    return datetime.fromisoformat(text[:19]).replace(tzinfo=UTC)


def date_to_db(day: date | None) -> str | None:
    return day.isoformat() if day else None


def date_from_db(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None
