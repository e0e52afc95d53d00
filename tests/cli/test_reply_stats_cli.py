"""`infoterm stats --json` carries the reply statistics (issue 13, item 6)."""

from __future__ import annotations

import json

from infoterm.store.database import Database
from tests.cli.test_followups_cli import cli, db_args  # noqa: F401 (the fixture)


def test_stats_json_has_replies_responders_and_employers(cli, db: Database) -> None:  # noqa: F811
    args = db_args(db)
    cli(*args, "add", "Ann Lee", "--org", "Acme")
    cli(*args, "org", "Acme", "--motivation", "3")
    cli(*args, "request", "Ann", "--at", "-3d", "--via", "email")
    cli(*args, "reply", "Ann", "--at", "-1d")
    code, out, err = cli(*args, "stats", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["replies_by_channel"] == [
        {"key": "email", "asked": 1, "replied": 1, "median_days": 2.0, "rate": 1.0}
    ]
    assert data["responders"]["booster"] == 1 and data["booster_share"] == 1.0
    assert data["employers"][0]["name"] == "Acme"
    assert data["employers"][0]["stages"]["requested"] == 1
