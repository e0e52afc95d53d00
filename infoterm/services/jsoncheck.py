"""Checking every value of a JSON export before anything of it is restored.

The document's ``format_version`` and ``schema_version`` must be ones this infoterm
knows; its tables must be infoterm's, each a list of rows with infoterm's columns. Each
column is checked by its schema type (whole numbers in SQLite's range, ids and row
versions from 1, text within its length and without an unpaired surrogate, booleans,
times and dates within the years the database stores,
``timefmt.storable_year``: the typed range and a year either side, as a local time at the
edge is stored in UTC), required columns must be there, and the columns with a fixed set of
values (stage, follow-up kind and state, meeting state, speaker) must hold one of them.
One-line text columns refuse controls and line breaks, as every other way in does. Then
across rows: ids (and other unique keys) are unique, and every reference (a follow-up's
contact, a contact's organisation or referrer...) names a row of the export.

The first problem is named by its path, always in one style:
``contacts[3].stage: "nonsense" is not a stage`` (rows counted from 0, as in the file).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any, NoReturn

from sqlalchemy import Boolean, Column, Float, Integer, String, Table, Text, UniqueConstraint

from infoterm.dates import MAX_YEAR, MIN_YEAR
from infoterm.followup_policy import KINDS, STATES
from infoterm.lamp import MOTIVATIONS, POSTINGS
from infoterm.meeting import MAX_MINUTES, MIN_MINUTES
from infoterm.pipeline import STAGES
from infoterm.services.errors import ServiceError
from infoterm.store.schema import IsoDate, UtcDateTime
from infoterm.store.timefmt import storable_year
from infoterm.textsafe import ONE_LINE_FIELDS, one_line_problem, unstorable_problem

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
    ("organisations", "motivation"): (MOTIVATIONS[0], MOTIVATIONS[-1], ""),  # LAMP (issue 13)
    ("organisations", "posting"): (POSTINGS[0], POSTINGS[-1], ""),
}
JSON_OBJECTS = {("meetings", "checklist"), ("events", "payload")}
# Restored text columns that are one line everywhere else too (see infoterm.textsafe).
ONE_LINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "contacts": tuple(f for f in ONE_LINE_FIELDS if f != "organisation"),  # a table of its own
    "organisations": ("name",),
}


class BadValue(ValueError):
    pass


def fail(label: str, path: str, problem: str) -> NoReturn:
    """The one form of every message: ``FILE: contacts[3].stage: "x" is not a stage``."""
    raise ServiceError(f"{label}: {path}: {problem}")


def check_version(value: Any, label: str, key: str, newest: int) -> None:
    """The document's ``key`` (``format_version``, ``schema_version``) is one this
    infoterm reads: a whole number from 1 to ``newest``."""
    what = key.replace("_", " ")
    if value is None:
        fail(label, key, "is missing")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        fail(label, key, f"{_show(value)} is not a {what} (1 to {newest})")
    if value > newest:
        fail(
            label,
            key,
            f"{value} is newer than this infoterm knows ({newest}): it was exported"
            " by a newer infoterm; upgrade infoterm to restore it",
        )


def check_tables(
    found: Any, known: dict[str, Table], label: str
) -> dict[str, list[dict[str, Any]]]:
    """The export's tables, every value and every cross-row rule checked (ServiceError)."""
    if not isinstance(found, dict):
        fail(label, "tables", "is missing" if found is None else "is not an object of tables")
    for name, rows in found.items():
        table = known.get(name)
        if table is None:
            fail(label, _key(name), "is not a table of infoterm (a newer export?)")
        if not isinstance(rows, list):
            fail(label, name, "is not a list of rows")
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                fail(label, f"{name}[{index}]", "is not a row (an object)")
            for key in row:
                if key not in table.columns:
                    fail(label, f"{name}[{index}].{_key(key)}", f"is not a column of {name}")
        check_rows(table, rows, label)
    check_unique(found, known, label)
    check_references(found, known, label)
    return found


def check_rows(table: Table, rows: list[dict[str, Any]], label: str) -> None:
    """ServiceError naming the first bad value of ``rows`` (a table of an export)."""
    required = [
        c.name for c in table.columns if not c.nullable and c.default is None and not c.primary_key
    ]
    one_line = ONE_LINE_COLUMNS.get(table.name, ())
    for index, row in enumerate(rows):
        where = f"{table.name}[{index}]"
        for name in required:
            if row.get(name) is None:
                fail(label, f"{where}.{name}", "is missing")
        for column in table.columns:
            if column.name not in row:
                continue
            try:
                check_value(table.name, column, row[column.name])
            except BadValue as exc:
                fail(label, f"{where}.{column.name}", str(exc))
        for name in one_line:
            value = row.get(name)
            problem = one_line_problem(name, value) if isinstance(value, str) else None
            if problem:  # "title: line break U+000D is not allowed", without its label
                fail(label, f"{where}.{name}", problem.partition(": ")[2] or problem)


def check_unique(
    found: dict[str, list[dict[str, Any]]], known: dict[str, Table], label: str
) -> None:
    """No two rows of a table share an id (or another unique key, an organisation's name)."""
    for name, rows in found.items():
        table = known[name]
        keys = [[c.name for c in table.primary_key.columns]] + [
            [c.name for c in u.columns]
            for u in table.constraints
            if isinstance(u, UniqueConstraint)
        ]
        for columns in keys:
            seen: dict[tuple[Any, ...], int] = {}
            for index, row in enumerate(rows):
                value = tuple(row.get(c) for c in columns)
                if None in value:  # no id: the database gives one
                    continue
                first = seen.setdefault(value, index)
                if first == index:
                    continue
                if len(columns) == 1:
                    fail(
                        label,
                        f"{name}[{index}].{columns[0]}",
                        f"{_show(value[0])} is also the {columns[0]} of {name}[{first}]",
                    )
                both = ", ".join(f"{c} {_show(v)}" for c, v in zip(columns, value, strict=True))
                fail(label, f"{name}[{index}]", f"{both} is also {name}[{first}]")


def check_references(
    found: dict[str, list[dict[str, Any]]], known: dict[str, Table], label: str
) -> None:
    """Every reference names a row of the export (it is restored into an empty database)."""
    present: dict[tuple[str, str], set[Any]] = {}
    for name, rows in found.items():
        for key in sorted(known[name].foreign_keys, key=lambda k: k.parent.name):
            target, column = key.column.table.name, key.column.name
            ids = present.get((target, column))
            if ids is None:
                ids = present[(target, column)] = {r.get(column) for r in found.get(target, [])}
            for index, row in enumerate(rows):
                value = row.get(key.parent.name)
                if value is not None and value not in ids:
                    fail(
                        label,
                        f"{name}[{index}].{key.parent.name}",
                        f"{_show(value)} is the id of no row of {target}",
                    )


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
        if column.name == "version" and value < 1:  # a row's version counts edits from 1
            raise BadValue(f"{shown} is not a row version (1 or more)")
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
        unstorable = unstorable_problem(value)
        if unstorable is not None:
            raise BadValue(unstorable)
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
        use = f"use {bounds[0]:g} to {bounds[1]:g} {bounds[2]}".rstrip()
        raise BadValue(f"{shown} is out of range: {use}")


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


def _key(name: str) -> str:
    """A table or column name from the file, as a path shows it."""
    return name if name.isidentifier() else json.dumps(name, ensure_ascii=True)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 60 else text[:57] + "..."
