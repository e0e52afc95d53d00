"""SQLAlchemy engine and sessions, with infoterm's SQLite settings on every connection.

On SQLite the engine begins its transactions itself (the driver's own implicit BEGIN is
switched off, as SQLAlchemy's documentation recommends for pysqlite): a read begins
``BEGIN`` (deferred), a write ``BEGIN IMMEDIATE`` (``WRITE`` below). A write therefore
takes the write lock before it reads anything, waits its turn for it (busy_timeout), and
never fails half-way because another process wrote in between. DDL and savepoints are
transactional too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, String, create_engine, event, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from infoterm.store.postgres import CONNECT_TIMEOUT_S, is_postgres, sqlalchemy_url
from infoterm.store.sqlite import BUSY_TIMEOUT_MS, pragmas, raw_connect

WRITE = {"infoterm_write": True}
"""Execution options of a connection that will write: ``session.connection(execution_options=WRITE)``."""


def make_engine(
    target: str,
    sqlite_path: Path | None,
    *,
    readonly: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Engine:
    if sqlite_path is not None:

        def creator() -> Any:
            return raw_connect(
                sqlite_path, readonly=readonly, busy_timeout_ms=busy_timeout_ms, same_thread=False
            )

        engine = create_engine("sqlite://", creator=creator)
    elif is_postgres(target):
        # a connection the server dropped (a restart) is replaced, not handed out
        return create_engine(
            sqlalchemy_url(target),
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    else:
        engine = create_engine(target)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we begin ourselves (see _begin)
            cursor = dbapi_conn.cursor()
            for pragma in pragmas(busy_timeout_ms):
                cursor.execute(pragma)
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            options = conn.get_execution_options()
            if not options.get("infoterm_write"):
                conn.exec_driver_sql("BEGIN")
                return
            _begin_write(conn, options)

    return engine


def _begin_write(conn: Connection, options: Any) -> None:
    """``BEGIN IMMEDIATE``, waiting up to ``infoterm_wait_ms`` for another writer; after
    ``infoterm_notice_ms`` of that, ``infoterm_on_wait()`` is called (the app says so)."""
    wait = int(options.get("infoterm_wait_ms") or busy_default())
    on_wait = options.get("infoterm_on_wait")
    notice = int(options.get("infoterm_notice_ms") or 0)
    if on_wait is None or not 0 < notice < wait:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={wait}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    conn.exec_driver_sql(f"PRAGMA busy_timeout={notice}")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    except OperationalError as exc:
        if "locked" not in str(exc.orig).lower() and "busy" not in str(exc.orig).lower():
            raise
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={wait}")
    on_wait()
    conn.exec_driver_sql(f"PRAGMA busy_timeout={wait - notice}")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={wait}")


def busy_default() -> int:
    return BUSY_TIMEOUT_MS


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _check_lengths)
    return factory


class TooLong(ValueError):
    """Text longer than its column: PostgreSQL refuses it, SQLite would store it (and its
    export would not restore). Raised before the flush, so nothing of it is stored."""


def _check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    for row in (*session.new, *session.dirty):
        for attribute in inspect(row).mapper.column_attrs:
            kind = attribute.columns[0].type
            length = getattr(kind, "length", None) if isinstance(kind, String) else None
            value = getattr(row, attribute.key, None)
            if length and isinstance(value, str) and len(value) > length:
                name = attribute.columns[0].name.replace("_", " ")
                raise TooLong(f"{name} is too long ({len(value)} characters; at most {length})")
