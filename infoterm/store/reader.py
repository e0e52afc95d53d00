"""Read-only queries for the screens and fast commands, on stdlib sqlite3 when possible.

A :class:`Reader` runs the SQL of ``store.sql`` through a small ``run`` function: the
stdlib one for SQLite files, a psycopg one for PostgreSQL (neither imports SQLAlchemy, so
the first board paint and ``infoterm due`` stay fast), or a SQLAlchemy one for other URLs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from infoterm.pipeline import STAGES
from infoterm.store import postgres, sql
from infoterm.store.errors import StoreError
from infoterm.store.postgres import ServerUnreachable
from infoterm.store.sqlite import BUSY_TIMEOUT_MS, connect, describe_sqlite_error
from infoterm.store.timefmt import STORED_MAX_YEAR, STORED_MIN_YEAR, from_db, to_db, unreadable_time

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]
# The first and last stored times (``sql._unreadable``)
STORED_RANGE = {
    "earliest": f"{STORED_MIN_YEAR:04d}-01-01 00:00:00",
    "latest": f"{STORED_MAX_YEAR:04d}-12-31 23:59:59",
}


@dataclass(frozen=True)
class BoardQuery:
    text: str = ""
    archived: bool = False

    def params(self) -> dict[str, Any]:
        needle = self.text.strip().lower()
        return {"pattern": f"%{needle}%" if needle else "", "archived": int(self.archived)}


@dataclass(frozen=True)
class Card:
    id: int
    name: str
    organisation: str
    title: str
    archived: bool
    due_kind: str | None
    due_at: datetime | None
    requested_at: datetime | None = None
    replied_at: datetime | None = None
    nudge_over: bool = False  # no reply and the nudge done or dismissed: a curmudgeon


@dataclass(frozen=True)
class DueRow:
    id: int
    kind: str
    contact_id: int
    contact: str
    organisation: str
    due: datetime
    reason: str
    snoozed: bool = False
    version: int | None = None
    """The follow-up's row version when read (pass it to done, snooze and dismiss)."""


@dataclass(frozen=True)
class MeetingRow:
    id: int
    at: datetime
    promised_minutes: int
    state: str
    contact_id: int
    contact: str
    organisation: str
    location: str
    duration_seconds: int | None = None  # held: how long it lasted


class Reader:
    def __init__(self, run: Run, close: Callable[[], None] | None = None) -> None:
        self._run = run
        self._close = close
        self.data_version: Callable[[], int] = lambda: 0

    def close(self) -> None:
        if self._close:
            self._close()

    def counts(self, query: BoardQuery) -> dict[str, int]:
        found = dict.fromkeys(STAGES, 0)
        text = sql.BOARD_COUNTS if query.text.strip() else sql.BOARD_COUNTS_ALL
        for stage, count in self._run(text, query.params()):
            if stage in found:
                found[stage] = int(count)
        return found

    def page(
        self, stage: str, query: BoardQuery, offset: int, limit: int, urgent: bool = False
    ) -> list[Card]:
        """One page of a column: newest arrival first, or with ``urgent`` the card with
        the most overdue open follow-up first (cards without one last, newest first)."""
        params = query.params() | {"stage": stage, "offset": offset, "limit": limit}
        text = sql.BOARD_PAGE_URGENT if urgent else sql.BOARD_PAGE
        return [
            Card(
                int(r[0]),
                r[1],
                r[2],
                r[3] or "",
                r[4] is not None,
                r[5],
                from_db(r[6]),
                from_db(r[7]),
                from_db(r[8]),
                bool(r[9]),
            )
            for r in self._run(text, params)
        ]

    def position(
        self, contact_id: int, query: BoardQuery, urgent: Callable[[str], bool] | None = None
    ) -> tuple[str, int] | None:
        """(stage, index in its column) of a card, or None if it is not on the board;
        ``urgent(stage)`` says whether that column is ordered by urgency."""
        rows = self._run(sql.CARD_KEY, {"id": contact_id})
        if not rows:
            return None
        stage, changed_at = rows[0]
        params = query.params() | {"stage": stage, "changed_at": changed_at, "id": contact_id}
        if urgent is not None and urgent(stage):
            params["urgency"] = self._run(sql.CARD_URGENCY, {"id": contact_id})[0][0]
            return stage, int(self._run(sql.BOARD_POSITION_URGENT, params)[0][0])
        return stage, int(self._run(sql.BOARD_POSITION, params)[0][0])

    def has_contacts(self) -> bool:
        return bool(self._run(sql.HAS_CONTACTS, {})[0][0])

    def address_book_count(self) -> int:
        """People imported but not yet on the board (the address book)."""
        return int(self._run(sql.ADDRESS_BOOK_COUNT, {})[0][0])

    def contact_names(self) -> list[tuple[int, str, str, str]]:
        return [(int(r[0]), r[1], r[2], r[3]) for r in self._run(sql.CONTACT_NAMES, {})]

    def due(self, until: datetime) -> list[DueRow]:
        """Open follow-ups due by ``until``, and any whose time cannot be read (``sql.DUE``)."""
        return self._due_rows(self._run(sql.DUE, {"until": to_db(until), **STORED_RANGE}))

    def open_followups(self, contact_id: int) -> list[DueRow]:
        """Every open follow-up of one person, soonest due first, however far ahead."""
        return self._due_rows(self._run(sql.CONTACT_OPEN, {"contact": contact_id}))

    @staticmethod
    def _due_rows(rows: Sequence[Sequence[Any]]) -> list[DueRow]:
        return [
            DueRow(
                int(r[0]),
                r[1],
                int(r[2]),
                r[3],
                r[4],
                from_db(r[5]) or unreadable_time(r[5]),
                r[6] or "",
                bool(r[7]),
                int(r[8]),
            )
            for r in rows
        ]

    def meetings_between(self, start: datetime, end: datetime) -> list[MeetingRow]:
        rows = self._run(sql.MEETINGS_BETWEEN, {"start": to_db(start), "end": to_db(end)})
        return [
            MeetingRow(
                int(r[0]),
                _instant(r[1]),
                int(r[2] or 0),
                r[3],
                int(r[4]),
                r[5],
                r[6],
                r[7] or "",
                int(r[8]) if r[8] is not None else None,
            )
            for r in rows
        ]


def _instant(text: str) -> datetime:
    instant = from_db(text)
    assert instant is not None
    return instant


def sqlite_reader(
    path: Path,
    *,
    readonly: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    describe: Callable[[BaseException], str] | None = None,
) -> Reader:
    """A reader on a SQLite file through the standard library."""
    conn = connect(path, readonly=readonly, busy_timeout_ms=busy_timeout_ms)

    def run(query: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        try:
            return conn.execute(query, params).fetchall()
        except sqlite3.Error as exc:
            message = describe(exc) if describe else describe_sqlite_error(path, exc)
            raise StoreError(message) from exc

    reader = Reader(run, conn.close)
    reader.data_version = lambda: int(conn.execute("PRAGMA data_version").fetchone()[0])
    return reader


def psycopg_reader(target: str) -> Reader:
    """A reader on a PostgreSQL server through psycopg (autocommit: each query sees the
    latest commits). A dropped connection is opened again once before giving up."""
    held: list[Any] = []

    def connection() -> Any:
        if held and not held[0].closed:
            return held[0]
        held[:] = [postgres.connect(target)]
        return held[0]

    def run(query: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        import psycopg

        for attempt in (1, 2):
            try:
                conn = connection()
            except StoreError as exc:
                raise ServerUnreachable(str(exc)) from exc
            try:
                rows: Sequence[Sequence[Any]] = conn.execute(
                    postgres.paramstyle(query), params
                ).fetchall()
                return rows
            except psycopg.OperationalError as exc:
                close()
                if attempt == 2:
                    raise ServerUnreachable(postgres.describe_error(target, exc)) from exc
            except psycopg.Error as exc:
                raise StoreError(postgres.describe_error(target, exc)) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def close() -> None:
        if held:
            held.pop().close()

    reader = Reader(run, close)
    reader.data_version = lambda: int(run(postgres.CHANGES, {})[0][0])
    return reader


def sqlalchemy_reader(engine: Any) -> Reader:
    """The same queries through SQLAlchemy, for database URLs that are not SQLite files."""
    from sqlalchemy import text

    def run(query: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query), params)]

    return Reader(run)
