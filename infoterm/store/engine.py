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

from sqlalchemy import Connection, Engine, create_engine, event
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
            write = conn.get_execution_options().get("infoterm_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
