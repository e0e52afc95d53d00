"""SQLAlchemy engine and sessions, with infoterm's SQLite settings on every connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from infoterm.store.postgres import CONNECT_TIMEOUT_S, is_postgres, sqlalchemy_url
from infoterm.store.sqlite import PRAGMAS


def make_engine(target: str, sqlite_path: Path | None) -> Engine:
    url = f"sqlite:///{sqlite_path}" if "://" not in target and sqlite_path else target
    if is_postgres(url):
        # a connection the server dropped (a restart) is replaced, not handed out
        return create_engine(
            sqlalchemy_url(url),
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            for pragma in PRAGMAS:
                cursor.execute(pragma)
            cursor.close()

    return engine


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
