"""The command line under random text, dates, numbers and files (issue 9, item 15).

Whatever the input, ``infoterm`` exits 0 or prints one line on stderr and exits non-zero;
never a traceback. The file passes ``PRAGMA integrity_check`` afterwards, every reading
command (list, show, due, stats, the three exports) still works on it, and its JSON export
restores. Each example runs in a time zone drawn from ``harness.ZONES``.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .harness import ZONES, assert_clean, assert_intact, campaign, in_zone, read_everything, run
from .strategies import argv_text, csv_files, dates, json_exports, numbers, raw_bytes

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ZONE = st.sampled_from(ZONES)
STAGES = st.sampled_from(["identified", "requested", "met", "nonsense", "MET", ""]) | argv_text


def _check(db: Path, argv: list[str], *, read_after: bool = True) -> None:
    outcome = run(["--db", str(db), *argv])
    assert_clean(outcome)
    assert_intact(db)
    if read_after:
        read_everything(db)


@FUZZ
@given(
    name=argv_text,
    org=argv_text,
    title=argv_text,
    email=argv_text,
    tag=argv_text,
    notes=argv_text,
    stage=STAGES,
    zone=ZONE,
)
def test_add_takes_any_text_or_refuses_it_in_one_line(
    name: str, org: str, title: str, email: str, tag: str, notes: str, stage: str, zone: str
) -> None:
    with in_zone(zone), campaign() as db:
        _check(
            db,
            [
                "add",
                name,
                "--org",
                org,
                "--title",
                title,
                "--email",
                email,
                "--tag",
                tag,
                "--notes",
                notes,
                "--stage",
                stage,
            ],
        )


@FUZZ
@given(
    command=st.sampled_from(["show", "move", "archive", "delete", "org", "request", "cadence"]),
    target=argv_text | st.sampled_from(["1", "#1", "#0", "#-1", "#99999999999999999999", "Ada"]),
    extra=argv_text | numbers,
    zone=ZONE,
)
def test_commands_that_name_someone_take_any_name(
    command: str, target: str, extra: str, zone: str
) -> None:
    argv = {
        "show": ["show", target],
        "move": ["move", target, extra],
        "archive": ["archive", target, "--reason", extra],
        "delete": ["delete", target],
        "org": ["org", target, "--notes", extra],
        "request": ["request", target, "--via", extra],
        "cadence": ["cadence", target, extra],
    }[command]
    with in_zone(zone), campaign() as db:
        _check(db, argv)


@FUZZ
@given(
    command=st.sampled_from(["followup", "snooze", "log", "request", "schedule", "land"]),
    when=dates,
    minutes=numbers,
    note=argv_text,
    zone=ZONE,
)
# a local time at the edge is stored a year outside the range: it must restore too
@example(command="followup", when="2200-12-31 23:30", minutes="", note="", zone="America/New_York")
@example(command="log", when="1900-01-01 00:30", minutes="20", note="", zone="Australia/Lord_Howe")
def test_dates_far_away_or_wrong_are_refused_or_kept_readable(
    command: str, when: str, minutes: str, note: str, zone: str
) -> None:
    argv = {
        "followup": ["followup", "add", "Ada", "--due", when, "--note", note],
        "snooze": ["snooze", "1", when],
        "log": ["log", "Ada", "met", "--at", when, "--minutes", minutes, "--note", note],
        "request": ["request", "Ada", "--at", when, "--minutes", minutes],
        "schedule": ["schedule", "Ada", when, "--minutes", minutes, "--where", note],
        "land": ["land", "--org", note, "--title", "Engineer", "--start", when],
    }[command]
    with in_zone(zone), campaign() as db:
        _check(db, argv)
        # what was stored (if anything) is done, snoozed or dismissed without trouble
        for after in (["done", "1"], ["snooze", "1", "+1d"], ["dismiss", "1"]):
            assert_clean(run(["--db", str(db), *after]))
        assert_intact(db)


@FUZZ
@given(
    data=raw_bytes | csv_files(),
    kind=st.sampled_from(["csv", "linkedin"]),
    dry=st.booleans(),
    zone=ZONE,
)
def test_imports_of_any_file_add_people_or_refuse_in_one_line(
    data: bytes, kind: str, dry: bool, zone: str
) -> None:
    with in_zone(zone), campaign() as db:
        source = db.with_name("people.csv")
        source.write_bytes(data)
        argv = ["import", kind, str(source)]
        if kind == "csv" and dry:
            argv.append("--dry-run")
        _check(db, argv)


def _an_export() -> dict:  # type: ignore[type-arg]
    with campaign() as db:
        outcome = run(["--db", str(db), "export", "json"])
        assert outcome.code == 0, outcome.describe()
        return json.loads(outcome.stdout)


EXPORT = _an_export()


@FUZZ
@given(data=json_exports(EXPORT) | raw_bytes, zone=ZONE)
def test_a_restore_of_any_file_is_all_or_nothing(data: bytes, zone: str) -> None:
    with in_zone(zone), campaign(seeded=False) as db:
        source = db.with_name("export.json")
        source.write_bytes(data)
        outcome = run(["--db", str(db), "import", "json", str(source)])
        assert_clean(outcome)
        assert_intact(db)
        if outcome.code != 0:  # refused: nothing of it was written
            listed = run(["--db", str(db), "list", "--json"])
            assert listed.code == 0, listed.describe()
            assert json.loads(listed.stdout) == [], outcome.describe()
        else:
            read_everything(db)


WORDS = st.sampled_from(
    [
        "add",
        "list",
        "show",
        "move",
        "due",
        "log",
        "met",
        "touch",
        "done",
        "snooze",
        "import",
        "export",
        "json",
        "csv",
        "ics",
        "backup",
        "stats",
        "config",
        "set",
        "get",
        "meeting.bell",
        "questions",
        "org",
        "--json",
        "--at",
        "--org",
        "--db",
        "-o",
        "--help",
        "--",
        "-",
    ]
)


@FUZZ
@given(argv=st.lists(WORDS | argv_text | dates, max_size=6), zone=ZONE)
def test_any_command_line_gets_an_answer_not_a_traceback(argv: list[str], zone: str) -> None:
    if "meet" in argv or "review" in argv or not argv or argv[0].startswith("--demo"):
        argv = ["list", *argv]  # those open the full-screen app
    if "--db" in argv or "-o" in argv:
        argv = [a for a in argv if a not in ("--db", "-o")]
    with in_zone(zone), campaign() as db:
        _check(db, argv, read_after=False)
