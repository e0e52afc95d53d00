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

from infoterm.store.errors import StoreError

SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 5
CHANGES = "SELECT counter FROM infoterm_changes"


def is_postgres(target: str) -> bool:
    scheme = target.partition("://")[0] if "://" in target else ""
    return scheme.split("+", 1)[0] in SCHEMES


def sqlalchemy_url(target: str) -> str:
    """``postgresql://`` and ``postgres://`` select psycopg 3 (the driver of the extra)."""
    scheme, _, rest = target.partition("://")
    if scheme in SCHEMES or scheme == "postgres+psycopg":
        return f"postgresql+psycopg://{rest}"
    return target


def unsupported(target: str) -> str | None:
    """Why infoterm cannot use the URL ``target`` (another engine, or another PostgreSQL
    driver than psycopg 3, whose module SQLAlchemy would fail to import), or None."""
    scheme, sep, _rest = target.partition("://")
    if not sep:
        return None  # a file
    engine, _, driver = scheme.lower().partition("+")
    if engine in SCHEMES:
        if driver in ("", "psycopg"):
            return None
        return (
            f"{scheme}:// needs a driver infoterm does not use: write postgresql+psycopg://…"
            " (pip install 'infoterm[postgres]')"
        )
    if engine == "sqlite" and driver in ("", "pysqlite"):
        return None
    return (
        f"infoterm works with SQLite and PostgreSQL, not {scheme}://: give a file path,"
        " or postgresql+psycopg://user@host/database"
    )


def conninfo(target: str) -> str:
    """The libpq form of a SQLAlchemy URL: the same URL without the ``+driver`` part."""
    _scheme, _, rest = target.partition("://")
    return f"postgresql://{rest}"


class ServerUnreachable(StoreError):
    """The database server cannot be reached (down, restarting, the tunnel closed); it
    may come back, so the app waits for it rather than giving up."""


# SQLSTATEs of a lost server: class 08 (connection exception), and the server shutting
# down, crashed, or starting up. Other errors (a refused statement, a lock, a
# serialization failure) are the statement's, not the server's.
LOST = ("08", "57P01", "57P02", "57P03")
UNREACHABLE_WORDS = (
    "refused",
    "timeout",
    "timed out",
    "no such file",
    "resolve",
    "server closed the connection",
    "connection is closed",
    "connection is lost",
    "consuming input failed",
    "terminating connection",
    "starting up",
    "shutting down",
)


def _userinfo_end(rest: str) -> int:
    """Where the user part (``user:password``) of a URL's ``rest`` (after ``://``) ends:
    the last ``@`` before the query, so that a password holding an unencoded ``@`` is all
    user part, not a host (libpq stops at the first); -1 when there is none."""
    head = rest.split("?", 1)[0]
    at = head.rfind("@")
    if at < 0 and "@" in rest and re.match(r"[^/@:\[]*:(?!\d*(/|$))", head):
        at = rest.rfind("@")  # ``user:pa?ss@host``: a ``?`` in the password
    return at


def where(target: str) -> str:
    """The URL without its password (in the user part or as ``?password=``), for messages."""
    scheme, sep, rest = target.partition("://")
    if sep:
        at = _userinfo_end(rest)
        if at >= 0:
            rest = rest[:at].partition(":")[0] + rest[at:]
        target = scheme + sep + rest
    return re.sub(r"([?&]password=)[^&]*", r"\1***", target)


def secrets(target: str) -> list[str]:
    """The password of ``target`` as written and decoded, and its pieces around the
    characters that end a URL's part: any text of it an error message may quote."""
    from urllib.parse import unquote

    _scheme, sep, rest = target.partition("://")
    found = re.findall(r"[?&]password=([^&]*)", target)
    at = _userinfo_end(rest) if sep else -1
    if at >= 0 and ":" in rest[:at]:
        found.append(rest[:at].partition(":")[2])
    pieces = {piece for text in found for piece in re.split(r"[@/?#:\[\]]", text) if len(piece) > 2}
    every = {*found, *(unquote(text) for text in found), *pieces}
    return sorted((s for s in every if s), key=len, reverse=True)


def masked(target: str, text: str) -> str:
    """``text`` with no part of the password of ``target``: the URL as ``where`` shows it."""
    for url in (target, conninfo(target)):
        text = text.replace(url, where(url))
    for secret in secrets(target):
        text = text.replace(secret, "***")
    return text


UNREADABLE_URL_WORDS = ("in uri", "invalid uri", "percent-encoded", "uri query parameter")
PERCENT_HINT = (
    "; special characters in a user name or password must be percent-encoded"
    " (@ as %40, : as %3A, / as %2F, % as %25, # as %23, ? as %3F)"
)


def check_url(target: str) -> None:
    """Refuse, before libpq reads it, a URL whose password holds an unencoded ``@``: libpq
    would take the rest of the password for the host and say so in its errors."""
    if not is_postgres(target):
        return
    rest = target.partition("://")[2]
    at = _userinfo_end(rest)
    if at >= 0 and "@" in rest[:at]:
        raise StoreError(
            f"cannot read the database URL {where(target)}: an @ in the user name or"
            f" password is not encoded{PERCENT_HINT}"
        )


def _first_line(exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0].strip()
    return re.sub(r"^.*failed:\s*(FATAL:\s*)?", "", first)


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own error inside a SQLAlchemy one (``exc.orig``), else ``exc``."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def is_driver_error(exc: BaseException) -> bool:
    """A psycopg error, told by its class's module: this does not import psycopg (the
    SQLite path never does)."""
    return any(cls.__module__.split(".")[0] == "psycopg" for cls in type(exc).__mro__)


def _unreachable(exc: BaseException) -> bool:
    """A psycopg error that says the server is away, not that a statement failed."""
    if not is_driver_error(exc):
        return False
    if not any(cls.__name__ == "OperationalError" for cls in type(exc).__mro__):
        return False
    state = getattr(exc, "sqlstate", None)
    if state:
        return state.startswith(LOST[0]) or state in LOST[1:]
    return True  # raised by the client (libpq), not by the server: the connection failed


def server_lost(exc: BaseException | None) -> BaseException | None:
    """The error that says the database server is away, found in ``exc``, its driver
    error (``orig``) or its causes; None when ``exc`` is about something else."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ServerUnreachable):
            return exc
        driver = _driver_error(exc)
        if _unreachable(driver):
            return driver
        if getattr(exc, "connection_invalidated", False):  # SQLAlchemy saw a disconnect
            return driver
        exc = exc.__cause__ or exc.__context__
    return None


# The server answered and refused the login (libpq's words): not "cannot reach".
LOGIN_REFUSED_WORDS = (
    "password authentication failed",
    "no password supplied",
    "peer authentication failed",
    "ident authentication failed",
    "no pg_hba.conf entry",
)


def describe_error(target: str, exc: BaseException) -> str:
    """One line, without the password: a server that cannot be reached or refused us,
    or (a statement's error) what the server said."""
    driver = _driver_error(exc)
    first = masked(target, _first_line(driver))
    state = getattr(driver, "sqlstate", None)
    if state and not _unreachable(driver) and not state.startswith("28"):
        # the server answered: the statement was refused (28: the login was)
        return f"database error on {where(target)}: {first}"
    lowered = first.lower()
    if any(w in lowered for w in UNREADABLE_URL_WORDS):
        return f"cannot read the database URL {where(target)}: {first}{PERCENT_HINT}"
    if any(w in lowered for w in LOGIN_REFUSED_WORDS):  # reached; it would not let us in
        return (
            f"the database server {where(target)} refused the login: {first}; a password "
            "goes in ~/.pgpass (mode 0600), or in the URL percent-encoded"
        )
    if "does not exist" in lowered and "database" in lowered:
        hint = "; create it first (see the README: two machines, one campaign)"
    elif any(w in lowered for w in UNREACHABLE_WORDS):
        hint = "; is the server running (or the SSH tunnel open)?"
    else:
        hint = ""
    return f"cannot reach the database server {where(target)}: {first}{hint}"


def missing_driver() -> str:
    return "PostgreSQL needs psycopg: pip install 'infoterm[postgres]'"


def connect(target: str) -> Any:
    """An autocommit psycopg connection, or a StoreError of one line (ServerUnreachable
    when the server does not answer, rather than refusing us)."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(missing_driver()) from exc
    check_url(target)
    try:
        return psycopg.connect(conninfo(target), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        message = describe_error(target, exc)
        lowered = _first_line(exc).lower()
        if any(w in lowered for w in UNREACHABLE_WORDS):  # may come back: worth a wait
            raise ServerUnreachable(message) from exc
        raise StoreError(message) from exc  # a wrong password or database: it will not


def schema_version(conn: Any) -> int:
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    return int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)


@lru_cache(maxsize=64)
def paramstyle(query: str) -> str:
    """``:name`` parameters (store.sql) as psycopg's ``%(name)s``; a literal % doubled."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", query.replace("%", "%%"))
