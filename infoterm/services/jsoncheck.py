"""Checking every value of a JSON export before anything of it is restored.

Each column is checked by its schema type (whole numbers in SQLite's range, ids from 1,
text within its length, booleans, times and dates within the years the database stores,
``timefmt.storable_year``: the typed range and a year either side, as a local time at the
edge is stored in UTC), required columns must be there, and the columns with a fixed set of
values (stage, follow-up kind and state, meeting state, speaker) must hold one of them.
The first bad value is named by its path: ``contacts[3].stage: "nonsense" is not a stage``
(rows counted from 0, as in the file).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Float, Integer, String, Table, Text

from infoterm.dates import MAX_YEAR, MIN_YEAR
from infoterm.followups import KINDS, STATES
from infoterm.meeting import MAX_MINUTES, MIN_MINUTES
from infoterm.pipeline import STAGES
from infoterm.services.errors import ServiceError
from infoterm.store.schema import IsoDate, UtcDateTime
from infoterm.store.timefmt import storable_year

MAX_INT = 2**63 - 1  # SQLite's INTEGER
MAX_TEXT = 1_000_000  # a Text column (notes) longer than this is not from infoterm
MAX_NUMBER = 1e12
MEETING_STATES = ("scheduled", "running", "paused", "ended", "cancelled", "canceled")
ENUMS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("contacts", "stage"): (STAGES, "a stage"),
    ("followups", "kind"): (KINDS, "a follow-up kind"),
    ("followups", "state"): (STATES, "a follow-up state"),
    ("meetings", "state"): (MEETING_STATES, "a meeting state"),
    ("meetings", "talk_speaker"): (("me", "them"), "a speaker (me or them)"),
}
RANGES: dict[tuple[str, str], tuple[float, float, str]] = {
    ("meetings", "promised_minutes"): (MIN_MINUTES, MAX_MINUTES, "minutes"),
    ("meetings", "extra_minutes"): (0, 24 * 60, "minutes"),
    ("meetings", "lead_minutes"): (0, 30, "minutes"),
    ("contacts", "checkin_weeks"): (1, 52, "weeks"),
}
JSON_OBJECTS = {("meetings", "checklist"), ("events", "payload")}


class BadValue(ValueError):
    pass


def check_rows(table: Table, rows: list[dict[str, Any]], label: str) -> None:
    """ServiceError naming the first bad value of ``rows`` (a table of an export)."""
    required = [
        c.name for c in table.columns if not c.nullable and c.default is None and not c.primary_key
    ]
    for index, row in enumerate(rows):
        where = f"{table.name}[{index}]"
        for name in required:
            if row.get(name) is None:
                raise ServiceError(f"{label}: {where}.{name}: is missing")
        for column in table.columns:
            if column.name not in row:
                continue
            try:
                check_value(table.name, column, row[column.name])
            except BadValue as exc:
                raise ServiceError(f"{label}: {where}.{column.name}: {exc}") from None


def check_value(table: str, column: Column[Any], value: Any) -> None:
    shown = _show(value)
    if value is None:
        if not column.nullable or column.primary_key:
            raise BadValue("must not be null")
        return
    kind = column.type
    if isinstance(kind, UtcDateTime | IsoDate):
        _check_time(value, shown, isinstance(kind, IsoDate))
    elif isinstance(kind, Boolean):
        if not isinstance(value, bool) and value not in (0, 1):
            raise BadValue(f"{shown} is not true or false")
    elif isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue(f"{shown} is not a whole number")
        is_id = column.primary_key or bool(column.foreign_keys)
        if is_id and not 1 <= value <= MAX_INT:
            raise BadValue(f"{shown} is not an id (1 to {MAX_INT})")
        if abs(value) > MAX_INT:
            raise BadValue(f"{shown} is out of range")
    elif isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadValue(f"{shown} is not a number")
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise BadValue(f"{shown} is out of range")
    elif isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise BadValue(f"{shown} is not text")
        limit = getattr(kind, "length", None) or MAX_TEXT
        if len(value) > limit:
            raise BadValue(f"is too long ({len(value)} characters; at most {limit})")
        if (table, column.name) in JSON_OBJECTS:
            try:
                ok = isinstance(json.loads(value), dict)
            except (ValueError, RecursionError):
                ok = False
            if not ok:
                raise BadValue(f"{shown} is not a JSON object")
    enum = ENUMS.get((table, column.name))
    if enum is not None and value not in enum[0]:
        raise BadValue(f"{shown} is not {enum[1]}")
    bounds = RANGES.get((table, column.name))
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        raise BadValue(f"{shown} is out of range: use {bounds[0]:g} to {bounds[1]:g} {bounds[2]}")


def _check_time(value: Any, shown: str, day_only: bool) -> None:
    what = "a date (YYYY-MM-DD)" if day_only else "a time (YYYY-MM-DD HH:MM:SS, UTC)"
    if not isinstance(value, str):
        raise BadValue(f"{shown} is not {what}")
    try:
        found: date = date.fromisoformat(value) if day_only else datetime.fromisoformat(value[:19])
    except ValueError:
        raise BadValue(f"{shown} is not {what}") from None
    if not storable_year(found.year):
        raise BadValue(f"{shown} is out of range: dates run from {MIN_YEAR} to {MAX_YEAR}")


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 60 else text[:57] + "..."
