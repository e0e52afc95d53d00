"""`infoterm reply` and the responder in `infoterm show` (fake clock: Mon 23 Nov 2026)."""

from __future__ import annotations

import json

from infoterm.store.database import Database
from tests.cli.test_followups_cli import cli, db_args  # noqa: F401 (the fixture)


def test_reply_records_when_and_how_and_show_says_booster(cli, db: Database) -> None:  # noqa: F811
    args = db_args(db)
    cli(*args, "add", "Ann Lee", "--org", "Acme")
    cli(*args, "request", "Ann", "--at", "-3d", "--via", "email")  # Fri 20 Nov
    due = json.loads(cli(*args, "due", "--until", "+10d", "--json")[1])
    assert [r["kind"] for r in due] == ["second-contact", "nudge"]
    assert "write to a second person at Acme" in due[0]["reason"]
    code, out, err = cli(*args, "reply", "Ann", "--at", "-1d", "--via", "LinkedIn")
    assert (code, err) == (0, "")
    assert out == "Ann Lee replied by LinkedIn (Sun 22 Nov 09:00): booster\n"
    assert json.loads(cli(*args, "due", "--until", "+10d", "--json")[1]) == []
    data = json.loads(cli(*args, "show", "Ann", "--json")[1])
    assert data["responder"] == "booster"
    assert data["reply_via"] == "LinkedIn"
    assert data["replied_at"] == "2026-11-22T09:00:00+00:00"
    assert data["requested_at"] == "2026-11-20T09:00:00+00:00"
    text = cli(*args, "show", "Ann")[1]
    assert (
        "  responder    booster" in text and "  replied      2026-11-22 09:00 by LinkedIn" in text
    )


def test_reply_mistakes_are_one_line(cli, db: Database) -> None:  # noqa: F811
    args = db_args(db)
    cli(*args, "add", "Bo Li")
    code, out, err = cli(*args, "reply", "Bo")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "not been asked yet" in err
    cli(*args, "request", "Bo")
    code, _out, err = cli(*args, "reply", "Bo", "--at", "tomorrow")
    assert code == 1 and "already happened" in err
    code, _out, err = cli(*args, "reply", "Nobody")
    assert code == 1 and "no contact matches" in err
