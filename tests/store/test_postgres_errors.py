"""PostgreSQL's errors in the user's words: one line, the URL without its password.

No server is needed: the errors are the ones psycopg raises (built here), or a real
refused connection to a port nothing listens on.
"""

from __future__ import annotations

from typing import Any

import pytest

from infoterm.store import postgres
from infoterm.store.database import Database

psycopg = pytest.importorskip("psycopg")

SECRET_URL = "postgresql+psycopg://bob:s3cret@127.0.0.1:1/campaign"
REFUSED = (
    'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused\n'
    "\tIs the server running on that host and accepting TCP/IP connections?"
)


def wrapped(orig: BaseException | None) -> Any:
    """What SQLAlchemy raises around a driver's error (``exc.orig``)."""
    from sqlalchemy.exc import OperationalError

    return OperationalError("SELECT 1", {}, orig)  # type: ignore[arg-type]  # as a driver may


def one_clean_line(message: str) -> None:
    assert "\n" not in message and "\t" not in message, message
    assert "s3cret" not in message, message


@pytest.mark.parametrize("error", [psycopg.OperationalError(REFUSED)], ids=["refused"])
def test_a_lost_server_met_while_writing_is_one_line_without_the_password(error: Any) -> None:
    db = Database(SECRET_URL)
    for raised in (error, wrapped(error)):
        message = db.describe_error(raised)
        one_clean_line(message)
        assert message.startswith("cannot reach the database server postgresql+psycopg://bob@")
        assert "is the server running" in message


def test_a_refused_statement_is_a_database_error_not_a_lost_server() -> None:
    error = psycopg.errors.UniqueViolation(
        'duplicate key value violates unique constraint "ux_followups_obligation"\n'
        "DETAIL:  Key (contact_id, kind)=(1, nudge) already exists."
    )
    message = Database(SECRET_URL).describe_error(wrapped(error))
    one_clean_line(message)
    assert message == (
        "database error on postgresql+psycopg://bob@127.0.0.1:1/campaign: duplicate key value"
        ' violates unique constraint "ux_followups_obligation"'
    )


def test_a_real_refused_connection_is_described_in_one_line() -> None:
    with pytest.raises(postgres.ServerUnreachable) as raised:
        postgres.connect(SECRET_URL)
    one_clean_line(str(raised.value))
    assert "Connection refused" in str(raised.value)


def test_only_a_server_that_cannot_be_reached_counts_as_lost() -> None:
    from infoterm.services import ServiceError

    refused = psycopg.OperationalError(REFUSED)
    assert postgres.server_lost(refused) is refused
    assert postgres.server_lost(wrapped(refused)) is refused
    shutdown = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    assert postgres.server_lost(wrapped(shutdown)) is shutdown
    try:  # a service's error keeps the driver's as its cause
        raise ServiceError("nothing was saved") from wrapped(refused)
    except ServiceError as exc:
        assert postgres.server_lost(exc) is refused
    unreachable = postgres.ServerUnreachable("cannot reach the database server")
    assert postgres.server_lost(unreachable) is unreachable
    for other in (
        psycopg.errors.SerializationFailure("could not serialize access"),
        psycopg.errors.LockNotAvailable("could not obtain lock"),
        psycopg.errors.UniqueViolation("duplicate key"),
        ValueError("no"),
    ):
        assert postgres.server_lost(other) is None
        assert postgres.server_lost(wrapped(other)) is None


def test_where_hides_the_password_however_the_url_is_written() -> None:
    assert postgres.where(SECRET_URL) == "postgresql+psycopg://bob@127.0.0.1:1/campaign"
    assert postgres.where("postgresql://bob:p%40ss@db.home/c") == "postgresql://bob@db.home/c"
    assert postgres.where("postgresql://db.home/c?password=hunter2") == (
        "postgresql://db.home/c?password=***"
    )
    assert postgres.where("/home/me/campaign.db") == "/home/me/campaign.db"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://bob:s3cret@[::1]x:55439/camp",
        "postgresql+psycopg://bob:s3cret@[::1:55439/camp",
        "postgresql+psycopg://bob:s3cr%zzt@127.0.0.1:55432/camp",
        "postgresql+psycopg://bob:s3c@ret@127.0.0.1:55439/camp",
        "postgresql://127.0.0.1:1/camp?password=s3cr%zzt",
    ],
    ids=["after-ipv6", "open-ipv6", "bad-percent", "unencoded-at", "query-password"],
)
def test_a_url_libpq_cannot_read_shows_no_part_of_the_password(url: str) -> None:
    with pytest.raises(postgres.StoreError) as raised:
        postgres.connect(url)
    message = str(raised.value)
    one_clean_line(message)
    for piece in ("s3cr", "ret@", "zzt", "3c@"):
        assert piece not in message, message
    assert message.startswith("cannot read the database URL postgresql")
    assert "must be percent-encoded" in message
    assert not isinstance(raised.value, postgres.ServerUnreachable)  # no use waiting


def test_where_hides_a_password_holding_an_unencoded_at() -> None:
    shown = postgres.where("postgresql+psycopg://postgres:p@ssw0rd@127.0.0.1:55439/camp")
    assert shown == "postgresql+psycopg://postgres@127.0.0.1:55439/camp"
    assert postgres.where("postgresql://bob:pa?ss@db.home/c") == "postgresql://bob@db.home/c"
    assert postgres.where("postgresql://db.home:5432/c?user=a@b") == (
        "postgresql://db.home:5432/c?user=a@b"
    )


@pytest.mark.parametrize(
    "said",
    [
        'connection failed: FATAL:  password authentication failed for user "bob"',
        "connection failed: fe_sendauth: no password supplied",
    ],
)
def test_a_refused_login_is_not_called_an_unreachable_server(said: str) -> None:
    message = Database(SECRET_URL).describe_error(wrapped(psycopg.OperationalError(said)))
    one_clean_line(message)
    assert message.startswith(
        "the database server postgresql+psycopg://bob@127.0.0.1:1/campaign refused the login"
    )
    assert "cannot reach" not in message and "~/.pgpass" in message
