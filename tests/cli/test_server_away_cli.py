"""The CLI on a PostgreSQL server that cannot be reached: one line, exit 1, no password.

No server is needed: nothing listens on 127.0.0.1 port 1. "Lost after opening" (the
server went away between the version check and the command's own queries) is played by
skipping the check at open.
"""

from __future__ import annotations

from typing import Any

import pytest

from infoterm.cli import main

SECRET_URL = "postgresql+psycopg://bob:s3cret@127.0.0.1:1/campaign"
SHOWN_URL = "postgresql+psycopg://bob@127.0.0.1:1/campaign"
COMMANDS = [
    ["due"],
    ["due", "--json"],
    ["list"],
    ["show", "1"],
    ["stats"],
    ["add", "Ann Lee", "--org", "Acme"],
    ["move", "1", "requested"],
    ["followup", "add", "1", "--due", "fri", "--note", "call"],
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_without_the_password(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("infoterm: "), err
    assert "s3cret" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_an_unreachable_server_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    pytest.importorskip("psycopg")
    code, out, err = run(capsys, "--db", SECRET_URL, *argv)
    assert (code, out) == (1, "")
    one_line_without_the_password(err)
    assert f"cannot reach the database server {SHOWN_URL}" in err
    assert "is the server running (or the SSH tunnel open)?" in err


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_server_lost_after_opening_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """The command's own queries (the ORM's reads and writes, the fast reader) meet the
    lost server: the same one line, never a traceback nor the password."""
    pytest.importorskip("psycopg")
    from infoterm.store import database

    monkeypatch.setattr(database, "_open_postgres", lambda db, backups_dir: None)
    code, out, err = run(capsys, "--db", SECRET_URL, *argv)
    assert (code, out) == (1, "")
    one_line_without_the_password(err)
    assert SHOWN_URL in err


def test_the_database_trouble_of_a_command_knows_psycopg_errors() -> None:
    """An ORM error around a psycopg one (what escapes a command) becomes one line."""
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.exc import OperationalError

    from infoterm.cli import _database_trouble
    from infoterm.cli.common import Context

    ctx: Any = Context.__new__(Context)
    ctx._db = None
    ctx.paths = type("P", (), {"db": SECRET_URL})()
    lost = OperationalError(
        "SELECT 1", {}, psycopg.OperationalError("server closed the connection")
    )
    message = _database_trouble(ctx, lost)
    assert message == (
        f"cannot reach the database server {SHOWN_URL}: server closed the connection;"
        " is the server running (or the SSH tunnel open)?"
    )
    assert _database_trouble(ctx, ValueError("a bug")) is None


def test_where_does_not_print_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", SECRET_URL, "where")
    assert code == 0
    assert out.splitlines()[0] == f"database     {SHOWN_URL}"
    assert "s3cret" not in out


def test_without_psycopg_the_command_names_the_extra_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "psycopg", None)  # import psycopg fails
    for argv in (["due"], ["list"], ["add", "Ann Lee"]):
        code, out, err = run(capsys, "--db", "postgresql://bob:s3cret@db.home/campaign", *argv)
        assert (code, out) == (1, "")
        assert err == "infoterm: PostgreSQL needs psycopg: pip install 'infoterm[postgres]'\n"
