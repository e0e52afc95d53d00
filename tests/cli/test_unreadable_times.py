"""Defence in depth: a row holding a time nobody can read never stops a command.

The values are written underneath infoterm with raw SQL (as another program, or an
older infoterm that stored year 999 as "999-06-01 09:00:00", could have done).
"""

from __future__ import annotations

import json

import pytest

from infoterm.store.database import Database
from infoterm.store.schema import Base, IsoDate, UtcDateTime
from tests.cli import test_followups_cli
from tests.cli.test_followups_cli import db_args
from tests.engines import execute

cli = test_followups_cli.cli  # the fixture

GARBAGE = ("999-06-01 09:00:00", "not a date", "2026-13-45 99:99:99", 12345)


def spoil_every_time(db: Database, value: object) -> int:
    """Write ``value`` into every time and date column of every row; returns the count."""
    spoiled = 0
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, UtcDateTime | IsoDate):
                # PostgreSQL's text columns take the value as text, cut to their length
                fits = value if db.sqlite_path else str(value)[: column.type.impl.length]
                spoiled += execute(
                    db,
                    f"UPDATE {table.name} SET {column.name} = :v WHERE {column.name} IS NOT NULL",
                    v=fits,
                )
    return spoiled


def seed(cli, db: Database) -> list[str]:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker", "--org", "Lumen")[0] == 0
    assert cli(*args, "add", "Cleo Park", "--stage", "requested")[0] == 0
    assert cli(*args, "log", "ben", "met", "--at", "today 8am", "--minutes", "19")[0] == 0
    assert cli(*args, "followup", "add", "cleo", "--note", "ring her", "--due", "+3d")[0] == 0
    return args


@pytest.mark.parametrize("value", GARBAGE)
def test_every_command_survives_unreadable_times(cli, db: Database, value: object) -> None:
    args = seed(cli, db)
    ids = [r["id"] for r in json.loads(cli(*args, "due", "--until", "+30d", "--json")[1])]
    assert spoil_every_time(db, value) > 10
    for command in (
        ["list"],
        ["list", "--archived"],
        ["list", "--json"],
        ["show", "ben"],
        ["show", "cleo"],
        ["due"],
        ["due", "--json"],
        ["due", "--until", "+30d"],
        ["stats"],
        ["stats", "--json"],
        ["export", "csv"],
        ["export", "ics"],
    ):
        code, out, err = cli(*args, *command)
        assert code == 0, (command, err)
        assert "Traceback" not in err
    code, out, err = cli(*args, "export", "json")
    assert code == 0, err
    exported = json.loads(out)
    assert str(value) in json.dumps(exported["tables"]["contacts"])  # kept as it was found
    assert "unknown date" in cli(*args, "show", "ben")[1]
    # The follow-ups can still be handled.
    for verb in (["snooze", str(ids[0]), "tomorrow"], ["done", str(ids[0])]):
        code, _out, err = cli(*args, *verb)
        assert code == 0, (verb, err)
    code, _out, err = cli(*args, "dismiss", str(ids[1]))
    assert code == 0, err


@pytest.mark.parametrize(
    "command",
    [
        ["followup", "add", "ben", "--note", "x", "--due", "0999-06-01"],
        ["log", "ben", "met", "--at", "0999-06-01 09:00"],
        ["snooze", "1", "2201-01-01"],
    ],
)
def test_far_dates_are_refused_with_one_line(cli, db: Database, command: list[str]) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    assert cli(*args, "followup", "add", "ben", "--note", "x", "--due", "+1d")[0] == 0
    code, _out, err = cli(*args, *command)
    assert code == 1 and "out of range: dates run from 1900 to 2200" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ["garbage", "999-06-01 09:00:00"])
def test_follow_ups_with_unreadable_times_are_listed_by_due_as_unknown_date(
    cli, db: Database, value: str
) -> None:
    """Not dropped from `infoterm due` (whatever the horizon) nor from --json."""
    args = seed(cli, db)
    ids = sorted(r["id"] for r in json.loads(cli(*args, "due", "--until", "+30d", "--json")[1]))
    execute(db, "UPDATE followups SET due_at = :v", v=value)
    code, out, err = cli(*args, "due")
    assert code == 0, err
    assert out.count("unknown date") == len(ids) and "Overdue" in out
    code, out, err = cli(*args, "due", "--json")
    listed = json.loads(out)
    assert sorted(r["id"] for r in listed) == ids
    assert all(r["due"] is None and r["overdue"] and r["group"] == "overdue" for r in listed)


@pytest.mark.parametrize("value", GARBAGE)
def test_an_export_holding_unreadable_times_names_the_bad_row_when_restored(
    cli, db: Database, tmp_path, value: object
) -> None:
    args = seed(cli, db)
    spoil_every_time(db, value)
    export = tmp_path / "spoiled.json"
    assert cli(*args, "export", "json", "-o", str(export))[0] == 0
    code, out, err = cli("--db", str(tmp_path / "new.db"), "import", "json", str(export))
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    shown = json.dumps(value if db.sqlite_path else str(value)[:10])[:10]
    assert f"{export}: " in err and "[0]." in err and shown[:6] in err, err
