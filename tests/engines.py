"""Helpers for tests that run on both engines: a second machine, rows read either way."""

from __future__ import annotations

from typing import Any

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.store.database import Database, open_database


def second_window(db: Database, clock: FakeClock) -> Services:
    """Another process (or machine) on the same database: its own connections and sessions."""
    return Services(open_database(db.target), clock)


def rows(db: Database, query: str, **params: Any) -> list[tuple[Any, ...]]:
    """A raw query's rows on either engine (booleans come back as bool or int: they compare
    equal)."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(query), params)]


def table_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every infoterm table's rows by primary key, typed by the models, so that the two
    engines' dumps compare equal."""
    from sqlalchemy import select

    from infoterm.store.schema import Base

    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in sorted(Base.metadata.sorted_tables, key=lambda t: t.name)
        }


def execute(db: Database, query: str, **params: Any) -> int:
    """Write underneath infoterm (as another program would), on either engine; the rows hit."""
    from sqlalchemy import text

    with db.engine.begin() as conn:
        return int(conn.execute(text(query), params).rowcount)


def count(target: str, table: str) -> int:
    """How many rows ``table`` holds in the database at ``target``."""
    db = open_database(target, write=False)
    try:
        return int(rows(db, f"SELECT count(*) FROM {table}")[0][0])
    finally:
        db.close()
