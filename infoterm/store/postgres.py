"""PostgreSQL without SQLAlchemy: the URL, a one-line error, the version, a fast reader.

Like ``store.sqlite`` for files, this module lets the first board paint and ``infoterm due``
run on a PostgreSQL server through psycopg alone (imported when first needed), with the
shared SQL of ``store.sql``. The change counter (``infoterm_changes``, bumped by triggers in
the same transaction as every write, see ``migrate``) tells an open screen that another
machine changed something.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from infoterm.store.sqlite import StoreError

SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 5
CHANGES = "SELECT counter FROM infoterm_changes"


def is_postgres(target: str) -> bool:
    scheme = target.partition("://")[0] if "://" in target else ""
    return scheme.split("+", 1)[0] in SCHEMES


def sqlalchemy_url(target: str) -> str:
    """``postgresql://`` and ``postgres://`` select psycopg 3 (the driver of the extra)."""
    scheme, _, rest = target.partition("://")
    if scheme in SCHEMES:
        return f"postgresql+psycopg://{rest}"
    return target


def conninfo(target: str) -> str:
    """The libpq form of a SQLAlchemy URL: the same URL without the ``+driver`` part."""
    _scheme, _, rest = target.partition("://")
    return f"postgresql://{rest}"


def where(target: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1@", target)


def describe_error(target: str, exc: BaseException) -> str:
    """One line for a server that cannot be reached or refused us."""
    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
    first = re.sub(r"^.*failed:\s*(FATAL:\s*)?", "", first)
    lowered = first.lower()
    if "does not exist" in lowered and "database" in lowered:
        hint = "; create it first (see the README: two machines, one campaign)"
    elif any(w in lowered for w in ("refused", "timeout", "timed out", "no such file", "resolve")):
        hint = "; is the server running (or the SSH tunnel open)?"
    else:
        hint = ""
    return f"cannot reach the database server {where(target)}: {first}{hint}"


def missing_driver() -> str:
    return "PostgreSQL needs psycopg: pip install 'infoterm[postgres]'"


def connect(target: str) -> Any:
    """An autocommit psycopg connection, or a StoreError of one line."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(missing_driver()) from exc
    try:
        return psycopg.connect(conninfo(target), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise StoreError(describe_error(target, exc)) from exc


def schema_version(conn: Any) -> int:
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    return int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)


@lru_cache(maxsize=64)
def paramstyle(query: str) -> str:
    """``:name`` parameters (store.sql) as psycopg's ``%(name)s``; a literal % doubled."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", query.replace("%", "%%"))
