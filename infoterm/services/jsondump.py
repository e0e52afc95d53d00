"""The complete JSON export, and restoring it into an empty database exactly.

The document holds every table of the schema, row by row with every column (times as
the database's UTC text, dates as ISO text), plus the text of the config file. Restoring
it gives back the same rows with the same ids, so a second export of the restored
database equals the first (apart from ``exported_at``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Table, func, insert, select, update
from sqlalchemy.orm import Session

from infoterm.services.errors import ServiceError
from infoterm.services.jsoncheck import check_tables, check_version, fail
from infoterm.store.schema import SCHEMA_VERSION, Base, IsoDate, UtcDateTime
from infoterm.store.timefmt import date_to_db, from_db, is_unreadable, to_db

FORMAT = "infoterm-export"
FORMAT_VERSION = 1
# In an otherwise empty database these hold defaults (e.g. a starter question bank),
# which the export's rows replace.
REPLACEABLE = ("meeting_questions", "questions")


def tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def dump(session: Session, now: datetime, config_text: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for table in tables():
        order = list(table.primary_key.columns)
        rows = session.execute(select(table).order_by(*order)).mappings()
        data[table.name] = [{name: _out(value) for name, value in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "config": config_text,
        "tables": data,
    }


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_db(value)
    if isinstance(value, date):
        return date_to_db(value)
    return value


def check(document: Any, label: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of a parsed export, or a ServiceError naming the first problem by its
    path (``services.jsoncheck``); nothing is written before this passes."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ServiceError(f"{label}: is not an infoterm JSON export")
    # Every export writes its format_version; a hand-made document without one reads as 1.
    version = document.get("format_version", 1)
    check_version(version, label, "format_version", FORMAT_VERSION)
    check_version(document.get("schema_version"), label, "schema_version", SCHEMA_VERSION)
    return check_tables(document.get("tables"), {t.name: t for t in tables()}, label)


def counts(session: Session) -> dict[str, int]:
    return {
        t.name: int(session.execute(select(func.count()).select_from(t)).scalar() or 0)
        for t in tables()
    }


def restore(
    session: Session, found: dict[str, list[dict[str, Any]]], label: str, now: datetime
) -> dict[str, int]:
    """Insert every row; the database must be empty (see REPLACEABLE). Returns row counts.

    An export from before schema 4 may hold two open follow-ups of one obligation, which
    the database now refuses: they are closed as the upgrade closes them (``now``)."""
    present = {name: n for name, n in counts(session).items() if n and name not in REPLACEABLE}
    if present:
        what = ", ".join(f"{n} {name}" for name, n in present.items())
        raise ServiceError(
            f"import json restores into an empty database, and this one has {what}; "
            "use --db NEW.db (or INFOTERM_DB) to restore into a new file"
        )
    if any(found.get(name) for name in REPLACEABLE):
        for name in REPLACEABLE:
            session.execute(Base.metadata.tables[name].delete())
    restored: dict[str, int] = {}
    for table in tables():
        rows = [_row(table, row, label, i) for i, row in enumerate(found.get(table.name, []))]
        if not rows:
            restored[table.name] = 0
            continue
        if table.name == "followups":
            one_open_per_obligation(rows, now)
        # A contact may name a referrer stored after it: link referrers in a second pass.
        later = [
            {"b_id": r["id"], "b_r": r["referred_by_id"]}
            for r in rows
            if table.name == "contacts" and r.get("referred_by_id") is not None
        ]
        for r in rows if later else []:
            r["referred_by_id"] = None
        for start in range(0, len(rows), 500):
            session.execute(insert(table), rows[start : start + 500])
        if later:
            session.execute(
                update(table).where(table.c.id == _bind("id")).values(referred_by_id=_bind("r")),
                later,
            )
        restored[table.name] = len(rows)
    reset_sequences(session)
    return restored


def reset_sequences(session: Session) -> None:
    """PostgreSQL: rows inserted with their ids leave the id sequences behind; set each to
    the largest id, so the next row gets the next one (SQLite takes max(rowid) + 1 itself)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'),"
                f" COALESCE((SELECT max({key[0].name}) FROM {table.name}), 0) + 1, false)"
            )
        )


def one_open_per_obligation(rows: list[dict[str, Any]], now: datetime) -> None:
    """Dismiss all but one open follow-up per obligation, keeping the one with a note,
    else the earliest: the rule of the upgrade to schema 4 (``migrate._v3_to_v4``)."""
    from infoterm.followup_policy import obligation

    groups: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("state", "open") != "open":
            continue
        key = obligation(
            row.get("kind", ""),
            row.get("contact_id", 0),
            row.get("meeting_id") or 0,
            row.get("about_contact_id") or 0,
        )
        if key is not None:
            groups.setdefault(key, []).append(row)
    for group in groups.values():
        group.sort(key=lambda r: (not r.get("note"), r["id"]))
        for extra in group[1:]:
            extra["state"] = "dismissed"
            extra["closed_at"] = now
            extra["version"] = int(extra.get("version") or 1) + 1


def _bind(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(f"b_{name}")


def _row(table: Table, row: dict[str, Any], label: str, index: int) -> dict[str, Any]:
    """A checked row (``check``) as the database takes it."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name in row:
            out[column.name] = _in(column, row[column.name], label, table.name, index)
    if table.name == "contacts":
        out.setdefault("referred_by_id", None)
    return out


def _in(column: Column[Any], value: Any, label: str, table: str, index: int) -> Any:
    if value is None:
        return None
    try:
        if isinstance(column.type, UtcDateTime):
            instant = from_db(str(value))
            if is_unreadable(instant):
                raise ValueError("not a time")
            return instant
        if isinstance(column.type, IsoDate):
            return date.fromisoformat(str(value))
        if isinstance(column.type, Boolean):
            return bool(value)
    except ValueError as exc:  # check() let it through: say so in its words
        fail(label, f"{table}[{index}].{column.name}", f"{value!r} is not valid ({exc})")
    return value
