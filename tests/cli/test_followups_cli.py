"""`infoterm due` and the other follow-up commands, on a seeded database."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from infoterm.cli import main
from infoterm.cli.common import Context
from infoterm.clock import FakeClock
from infoterm.paths import resolve_paths
from infoterm.store.database import Database


@pytest.fixture
def cli(clock: FakeClock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `infoterm ARGS` on the fake clock; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr(
        Context,
        "from_args",
        classmethod(lambda cls, args: cls(paths=resolve_paths(args.db), clock=clock)),
    )

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def db_args(db: Database) -> list[str]:
    return ["--db", db.target]


def test_due_prints_overdue_and_today_grouped(cli, demo_db: Database) -> None:
    code, out, err = cli(*db_args(demo_db), "due")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Overdue (5)"
    assert "Today (4)" in lines
    assert "Next 7 days" not in out
    thanks = next(line for line in lines if "Ben Whitaker" in line)
    assert "3 days overdue" in thanks and "thank-you" in thanks
    assert "Ben Whitaker (Lumen Analytics): met Thu 19 Nov 16:19" in thanks
    assert thanks.lstrip().startswith("#")
    assert any("in 5h" in line and "Maya Singh" in line for line in lines)


def test_due_json_has_the_documented_fields(cli, demo_db: Database) -> None:
    code, out, _err = cli(*db_args(demo_db), "due", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 9
    ben = next(r for r in rows if r["contact_name"] == "Ben Whitaker")
    assert ben["kind"] == "thank-you"
    assert ben["organisation"] == "Lumen Analytics"
    assert ben["overdue"] is True
    assert ben["due"] == "2026-11-20T16:19:00+00:00"
    assert ben["reason"].startswith("met Thu 19 Nov")
    assert isinstance(ben["id"], int) and isinstance(ben["contact_id"], int)
    assert {r["overdue"] for r in rows} == {True, False}


def test_due_until_and_count(cli, demo_db: Database) -> None:
    assert cli(*db_args(demo_db), "due", "--count")[1] == "9\n"
    code, out, _ = cli(*db_args(demo_db), "due", "--until", "sun")
    assert code == 0 and "Next 7 days (5)" in out
    assert (
        cli(*db_args(demo_db), "due", "--until", "tomorrow", "--count")[1] == "11\n"
    )  # Dev Patel's nudge


def test_due_with_nothing_due_exits_zero(cli, db: Database) -> None:
    assert cli(*db_args(db), "due") == (0, "Nothing due today.\n", "")
    assert cli(*db_args(db), "due", "--json")[1] == "[]\n"
    assert cli(*db_args(db), "due", "--count")[1] == "0\n"


def test_due_without_a_database_creates_nothing(cli, tmp_path: Path) -> None:
    default = tmp_path / "home" / "infoterm.db"  # a first run: no campaign yet
    assert cli("due", "--count") == (0, "0\n", "")
    assert not default.exists()
    missing = tmp_path / "none" / "infoterm.db"  # a mistyped --db is said, not answered
    code, out, err = cli("--db", str(missing), "due", "--count")
    assert (code, out) == (1, "") and f"no database at {missing}" in err
    assert not missing.parent.exists()


def test_due_rejects_a_date_it_cannot_read(cli, db: Database) -> None:
    code, out, err = cli(*db_args(db), "due", "--until", "someday")
    assert code == 1 and out == ""
    assert err.startswith("infoterm: --until: didn't understand")


def test_log_done_snooze_dismiss_round_trip(cli, db: Database, clock: FakeClock) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker", "--org", "Lumen")[0] == 0
    code, out, _ = cli(*args, "log", "ben", "met", "--at", "today 8am", "--minutes", "19")
    assert code == 0
    assert out == (
        "Logged a meeting with Ben Whitaker (Mon 23 Nov 08:00); thank-you due Tue 24 Nov 08:19\n"
    )
    rows = json.loads(cli(*args, "due", "--until", "+2d", "--json")[1])
    assert [r["kind"] for r in rows] == ["thank-you"]
    thanks = rows[0]["id"]
    code, out, _ = cli(*args, "snooze", str(thanks), "tomorrow", "3pm")
    assert out == "Snoozed thank-you for Ben Whitaker until Tue 24 Nov 15:00\n"
    code, out, _ = cli(*args, "done", f"#{thanks}")
    assert code == 0 and out == "Sent a thank-you note: Ben Whitaker; moved to Thanked\n"
    code, _out, err = cli(*args, "done", str(thanks))
    assert code == 1 and "is already done (at 09:00); nothing was changed" in err
    code, _out, err = cli(*args, "dismiss", "abc")
    assert code == 1 and "not a follow-up id" in err
    code, out, _ = cli(*args, "log", "ben", "touch", "--note", "coffee")
    assert out == "Logged a touch with Ben Whitaker; next check-in Mon 4 Jan 2027 09:00\n"
    code, _out, err = cli(*args, "log", "ben", "touch", "--minutes", "3")
    assert code == 1 and "--minutes is for a meeting" in err


def test_followup_add_and_cadence(cli, db: Database) -> None:
    args = db_args(db)
    cli(*args, "add", "Ben Whitaker")
    code, out, _ = cli(*args, "followup", "add", "ben", "--due", "fri", "--note", "send the link")
    assert code == 0 and out.endswith("due Fri 27 Nov 09:00\n")
    assert "send the link" in cli(*args, "due", "--until", "fri")[1]
    code, _out, err = cli(*args, "followup", "add", "nobody", "--due", "fri", "--note", "x")
    assert code == 1 and "no contact matches" in err
    cli(*args, "move", "ben", "stay-in-touch")
    assert cli(*args, "cadence", "ben", "8")[1] == "Check in every 8 weeks\n"
    assert cli(*args, "cadence", "ben", "default")[1] == "Check in every 6 weeks\n"
    assert cli(*args, "cadence", "ben", "often")[0] == 1


def test_land_tells_everyone_who_helped(cli, db: Database) -> None:
    args = db_args(db)
    cli(*args, "add", "Ben Whitaker", "--stage", "met")
    cli(*args, "add", "Dev Patel", "--stage", "requested")
    code, out, _ = cli(
        *args, "land", "--org", "Lumen", "--title", "Data Engineer", "--start", "1 dec"
    )
    assert code == 0
    assert "1 person to tell" in out
    rows = json.loads(cli(*args, "due", "--until", "+3d", "--json")[1])
    tells = [r for r in rows if r["kind"] == "tell-landed"]
    assert [r["contact_name"] for r in tells] == ["Ben Whitaker"]
    assert "Data Engineer at Lumen, from Tue 1 Dec" in tells[0]["reason"]
    assert cli(*args, "land", "--org", "Lumen", "--title", "x", "--start", "13/12")[0] == 1


def test_snooze_to_the_past_is_refused(cli, db: Database, clock: FakeClock) -> None:
    args = db_args(db)
    cli(*args, "add", "Ben Whitaker", "--stage", "requested")
    rows = json.loads(cli(*args, "due", "--until", "+10d", "--json")[1])
    code, _out, err = cli(*args, "snooze", str(rows[0]["id"]), "yesterday")
    assert code == 1 and "already passed" in err
    clock.advance(timedelta(days=10))  # 7 business days
    assert cli(*args, "due", "--count")[1] == "1\n"


@pytest.mark.parametrize(
    ("at", "held", "thanks_due"),
    [
        ("2 days ago 10am", "Sat 21 Nov 10:00", "Sun 22 Nov 10:30"),
        ("last mon 2pm", "Mon 16 Nov 14:00", "Tue 17 Nov 14:30"),
        ("mon 2pm", "Mon 16 Nov 14:00", "Tue 17 Nov 14:30"),  # about the past: just gone
        ("mon 8am", "Mon 23 Nov 08:00", "Tue 24 Nov 08:30"),  # today, 8am has come (it's 9)
        ("-5d 10am", "Wed 18 Nov 10:00", "Thu 19 Nov 10:30"),
        ("-3d", "Fri 20 Nov 09:00", "Sat 21 Nov 09:30"),  # a leading minus: not an option
    ],
)
def test_log_at_reads_dates_in_the_past(
    cli, db: Database, at: str, held: str, thanks_due: str
) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    code, out, err = cli(*args, "log", "ben", "met", "--at", at, "--minutes", "30")
    assert (code, err) == (0, "")
    assert out == f"Logged a meeting with Ben Whitaker ({held}); thank-you due {thanks_due}\n"


def test_a_past_offset_reaches_the_date_parser_after_any_option(cli, db: Database) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    code, out, err = cli(*args, "request", "ben", "--at", "-2d", "--minutes", "20")
    assert (code, err) == (0, "") and "Sat 21 Nov" in out
    code, _out, err = cli(*args, "log", "ben", "met", "--at", "-1x")
    assert code == 1 and "-1x" in err and "Traceback" not in err  # the parser's own words


def test_a_date_in_another_year_shows_its_year(cli, db: Database) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    code, out, _ = cli(*args, "followup", "add", "ben", "--due", "+1000d", "--note", "far")
    assert code == 0 and out.split(maxsplit=1)[1] == "due Sun 19 Aug 2029 09:00\n"
    code, out, _ = cli(*args, "followup", "add", "ben", "--due", "+2d", "--note", "near")
    assert code == 0 and out.split(maxsplit=1)[1] == "due Wed 25 Nov 09:00\n"


def test_land_lists_open_loose_ends_dismisses_them_and_keeps_thank_yous(
    cli, db: Database, clock: FakeClock
) -> None:
    from infoterm import templates
    from infoterm.services import Services
    from infoterm.settings import Settings

    args = db_args(db)
    cli(*args, "add", "Ben Whitaker", "--stage", "met")  # a thank-you is owed
    cli(*args, "add", "Dev Patel")
    cli(*args, "request", "Dev Patel")  # a nudge chases the request
    code, out, _ = cli(
        *args,
        *("land", "Lumen", "--title", "Data Engineer", "--dismiss-open"),
        *("--email", "sam@lumen.example", "--linkedin", "linkedin.com/in/sam"),
    )
    assert code == 0, out
    assert "Still open, chasing the search (1):" in out
    assert "nudge for Dev Patel" in out and "Dismissed 1." in out
    assert "Thank-yous still owed (1)" in out and "Kept open." in out
    rows = json.loads(cli(*args, "due", "--until", "+30d", "--json")[1])
    kinds = sorted((r["contact_name"], r["kind"]) for r in rows)
    assert kinds == [("Ben Whitaker", "tell-landed"), ("Ben Whitaker", "thank-you")]
    tell = next(r for r in rows if r["kind"] == "tell-landed")
    settings = Settings(me_new_email="sam@lumen.example", me_new_linkedin="linkedin.com/in/sam")
    draft = Services(db, clock, settings).followups.draft(tell["id"])
    text = templates.render(draft.kind, draft.values)
    assert "My new details: sam@lumen.example, linkedin.com/in/sam." in text
    shown = cli(*args, "config", "get", "me.new_email")[1]
    assert "sam@lumen.example" in shown


def test_land_with_close_thanks_closes_them_and_a_name_twice_is_refused(cli, db: Database) -> None:
    args = db_args(db)
    cli(*args, "add", "Ben Whitaker", "--stage", "met")
    code, out, _ = cli(*args, "land", "Lumen", "--title", "DE", "--close-thanks")
    assert code == 0 and "Closed 1 thank-you." in out
    code, _out, err = cli(*args, "land", "Lumen", "--org", "Acme", "--title", "DE")
    assert code == 1 and "say where you landed once" in err


def test_schedule_sets_a_meeting_refuses_the_past_and_cancel_calls_it_off(
    cli, db: Database
) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker", "--org", "Lumen")[0] == 0
    code, out, err = cli(*args, "schedule", "ben", "yesterday", "3pm")
    assert code == 1 and out == ""
    assert "has passed" in err and "infoterm log ben met --at 'yesterday 3pm'" in err
    code, _out, err = cli(*args, "schedule", "ben", "-1d", "3pm")  # a dashed WHEN is a date
    assert code == 1 and "infoterm log ben met --at '-1d 3pm'" in err
    code, out, _ = cli(*args, "schedule", "ben", "thu", "3pm", "--where", "phone")
    assert code == 0 and out.startswith("Meeting with Ben Whitaker Thu 26 Nov 15:00 (phone)")
    rows = json.loads(cli(*args, "due", "--until", "+8d", "--json")[1])
    assert [(r["kind"], r["due"][:10]) for r in rows] == [("prepare", "2026-11-25")]
    code, _out, err = cli(*args, "schedule", "ben", "thu", "--cancel")
    assert code == 1 and "--cancel takes no WHEN" in err
    code, out, _ = cli(*args, "schedule", "ben", "--cancel")
    assert code == 0
    assert (
        out
        == "Cancelled the meeting with Ben Whitaker (Thu 26 Nov 15:00); its prepare follow-up is gone too\n"
    )
    assert json.loads(cli(*args, "due", "--until", "+8d", "--json")[1]) == []
    code, _out, err = cli(*args, "schedule", "ben", "--cancel")
    assert code == 1 and "no planned meeting to cancel" in err
    code, _out, err = cli(*args, "schedule", "ben")
    assert code == 1 and "say when" in err


@pytest.mark.parametrize("command", ["request", "reply"])
def test_request_and_reply_read_a_bare_weekday_as_the_one_just_gone(
    cli, db: Database, command: str
) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    if command == "reply":
        assert cli(*args, "request", "ben", "--at", "-10d")[0] == 0
    code, out, err = cli(*args, command, "ben", "--at", "fri 2pm")  # on Mon 23 Nov
    assert (code, err) == (0, "")
    assert "(Fri 20 Nov 14:00)" in out


def test_one_minute_is_singular_in_the_request_and_the_calendar(cli, db: Database) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Lo Ho")[0] == 0
    code, out, _ = cli(*args, "request", "lo", "--minutes", "1")
    assert code == 0 and out.startswith("Asked Lo Ho for 1 minute (")
    assert cli(*args, "schedule", "lo", "tomorrow 3pm", "--minutes", "1")[0] == 0
    code, out, _ = cli(*args, "export", "ics")
    assert code == 0 and "You asked for 1 minute." in out.replace("\r\n ", "")


def test_a_huge_offset_is_out_of_range_not_misunderstood(cli, db: Database) -> None:
    args = db_args(db)
    assert cli(*args, "add", "Ben Whitaker")[0] == 0
    for at in ("+99999d", "+5000000d", "-5000000d"):
        code, _out, err = cli(*args, "log", "ben", "met", "--at", at)
        assert code == 1 and f'"{at}" is out of range: dates run from 1900 to 2200' in err


def test_help_shows_no_example_date_that_has_passed(cli) -> None:
    for command in (["followup", "add"], ["due"], ["schedule"]):
        _code, out, _err = cli(*command, "--help")
        assert "2026-" not in out


def test_log_met_says_which_planned_meeting_it_was_or_that_one_is_still_to_come(
    cli, db: Database, clock: FakeClock
) -> None:
    """A meeting planned within a day is the one being logged; a later one stays planned,
    and either way the command says so (before, it said neither)."""
    args = db_args(db)
    for name in ("Cara Diaz", "Zed Moss"):
        assert cli(*args, "add", name, "--org", "Acme")[0] == 0
    assert cli(*args, "schedule", "Cara Diaz", "+4d")[0] == 0  # Friday 27 Nov, 09:00
    assert cli(*args, "schedule", "Zed Moss", "+2h")[0] == 0
    code, out, _ = cli(*args, "log", "Cara Diaz", "met", "--at", "-1h", "--minutes", "22")
    assert code == 0
    assert out.splitlines()[-1] == (
        "The meeting planned for Fri 27 Nov 09:00 is still planned "
        '(infoterm schedule "Cara Diaz" --cancel removes it).'
    )
    code, out, _ = cli(*args, "log", "Zed Moss", "met", "--minutes", "17")
    assert code == 0
    assert out.splitlines()[-1] == "It was the meeting planned for Mon 23 Nov 11:00."


def test_show_gives_a_held_meetings_length_in_seconds_and_whether_it_ran_over(
    cli, db: Database, clock: FakeClock
) -> None:
    from infoterm.pipeline import ContactFields
    from infoterm.services import Services
    from infoterm.settings import Settings

    services = Services(db, clock, Settings(meeting_default_minutes=1))
    ko = services.contacts.add(ContactFields(name="Ko Lo", organisation="Acme"))
    meeting = services.meetings.open_for(ko)
    services.meetings.start(meeting.id)
    clock.advance(timedelta(seconds=68))
    services.meetings.end(meeting.id)
    code, out, _ = cli(*db_args(db), "show", "Ko Lo")
    assert code == 0
    assert "held, 1:08 of 1 min · over time" in out  # not "1 of 1 min", which reads on time
    code, out, _ = cli(*db_args(db), "show", "Ko Lo", "--json")
    [held] = json.loads(out)["meetings"]
    assert (held["duration_seconds"], held["ended_on_time"], held["extra_minutes"]) == (
        68,
        False,
        0,
    )


def test_a_meeting_scheduled_in_another_year_is_confirmed_with_its_year(cli, db: Database) -> None:
    assert cli(*db_args(db), "add", "Ann Lee", "--org", "Acme")[0] == 0
    code, out, _ = cli(*db_args(db), "schedule", "Ann Lee", "2200-12-31 23:59")
    assert code == 0 and out.startswith("Meeting with Ann Lee Wed 31 Dec 2200 23:59")
    code, out, _ = cli(*db_args(db), "schedule", "Ann Lee", "fri 10am")  # this year: none
    assert code == 0 and out.startswith("Meeting with Ann Lee Fri 27 Nov 10:00")
