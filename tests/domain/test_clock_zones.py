"""The real clock in real zones: local times carry the offset of their own date.

The suite runs with TZ=UTC (tests/conftest.py), which has no daylight saving and would
hide every mistake here, so each test sets TZ itself (and ``time.tzset()``), and puts
it back afterwards. The C library's answer under the same TZ (``tm_gmtoff``) is the
independent witness."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time as systime
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from infoterm.clock import SystemClock, system_zone
from infoterm.dates import parse_when, parse_when_explained

SetTz = Callable[[str | None], None]
H = timedelta(hours=1)
WINTER = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)
SUMMER = datetime(2027, 7, 15, 12, 0, tzinfo=UTC)
# zone: (offset in January, offset in July)
ZONES = {
    "America/New_York": (-5 * H, -4 * H),
    "Europe/London": (0 * H, 1 * H),
    "Australia/Lord_Howe": (11 * H, 10.5 * H),  # a 30-minute shift, in the south
    "Asia/Kolkata": (5.5 * H, 5.5 * H),  # no daylight saving at all
}


def set_tz(value: str | None) -> None:
    if value is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = value
    systime.tzset()


@pytest.fixture
def system_tz() -> Iterator[SetTz]:
    """Call it with a TZ value; the suite's own TZ comes back afterwards."""
    before = os.environ.get("TZ")
    yield set_tz
    set_tz(before)


def c_library_offset(instant: datetime) -> timedelta:
    return timedelta(seconds=systime.localtime(instant.timestamp()).tm_gmtoff)


@pytest.mark.parametrize("zone", ZONES)
def test_instants_are_shown_with_the_offset_of_their_own_date(zone: str, system_tz: SetTz) -> None:
    system_tz(zone)
    clock = SystemClock()
    winter, summer = ZONES[zone]
    assert clock.to_local(WINTER).utcoffset() == winter == c_library_offset(WINTER)
    assert clock.to_local(SUMMER).utcoffset() == summer == c_library_offset(SUMMER)


@pytest.mark.parametrize("zone", ZONES)
def test_local_now_reads_a_date_months_away_with_that_dates_offset(
    zone: str, system_tz: SetTz
) -> None:
    system_tz(zone)
    now = SystemClock().local_now()
    assert now.utcoffset() == c_library_offset(now)
    for months in range(1, 13):  # whatever today is, one of these is across a change
        day = (now.replace(day=1) + timedelta(days=31 * months)).date()
        typed = parse_when(f"{day.isoformat()} 12:00", now)
        assert typed.replace(tzinfo=None) == datetime.combine(day, time(12))
        assert typed.utcoffset() == c_library_offset(typed), day


def test_a_follow_up_next_summer_is_stored_at_the_time_typed(system_tz: SetTz) -> None:
    system_tz("America/New_York")
    clock = SystemClock()
    due = parse_when("2027-03-20 09:00", clock.local_now())
    assert due.astimezone(UTC) == datetime(2027, 3, 20, 13, 0, tzinfo=UTC)  # 09:00 EDT
    assert f"{clock.to_local(due):%H:%M %Z}" == "09:00 EDT"


@pytest.mark.parametrize(
    ("zone", "typed", "stored", "note"),
    [
        (
            "America/New_York",
            "2027-03-14 02:30",
            datetime(2027, 3, 14, 7, 30, tzinfo=UTC),
            "02:30 does not exist on Sun 14 Mar 2027 (clocks go forward): using 03:30 EDT",
        ),
        (
            "America/New_York",
            "2027-11-07 01:30",
            datetime(2027, 11, 7, 5, 30, tzinfo=UTC),
            "01:30 happens twice on Sun 7 Nov 2027 (clocks go back): using the first, "
            "01:30 EDT, not 01:30 EST",
        ),
        (  # a POSIX rule string, read by dateutil, not zoneinfo
            "GMT0BST,M3.5.0/1,M10.5.0",
            "2027-03-28 01:15",
            datetime(2027, 3, 28, 1, 15, tzinfo=UTC),
            "01:15 does not exist on Sun 28 Mar 2027 (clocks go forward): using 02:15 BST",
        ),
        (
            "Europe/London",
            "2027-03-28 01:15",
            datetime(2027, 3, 28, 1, 15, tzinfo=UTC),
            "01:15 does not exist on Sun 28 Mar 2027 (clocks go forward): using 02:15 BST",
        ),
        (
            "Australia/Lord_Howe",
            "2027-10-03 02:10",
            datetime(2027, 10, 2, 15, 40, tzinfo=UTC),
            "02:10 does not exist on Sun 3 Oct 2027 (clocks go forward): using 02:40 +11",
        ),
        (
            "Australia/Lord_Howe",
            "2027-04-04 01:45",
            datetime(2027, 4, 3, 14, 45, tzinfo=UTC),
            "01:45 happens twice on Sun 4 Apr 2027 (clocks go back): using the first, "
            "01:45 +11, not 01:45 +10:30",  # tzdata says "+1030": written as an offset
        ),
    ],
)
def test_a_time_skipped_or_repeated_says_which_instant_was_chosen(
    zone: str, typed: str, stored: datetime, note: str, system_tz: SetTz
) -> None:
    system_tz(zone)
    now = SystemClock().local_now().replace(year=2026, month=12, day=2)
    instant, said = parse_when_explained(typed, now)
    assert instant.astimezone(UTC) == stored
    assert said == note


@pytest.mark.parametrize(
    "typed", ["2027-03-14 02:30", "2027-11-07 01:30", "2027-11-07 00:30", "2027-03-14 03:00"]
)
def test_a_posix_rule_string_resolves_skipped_and_repeated_times_as_zoneinfo_does(
    typed: str, system_tz: SetTz
) -> None:
    answers = []
    for zone in ("America/New_York", "EST5EDT,M3.2.0,M11.1.0"):  # zoneinfo, then dateutil
        system_tz(zone)
        now = SystemClock().local_now().replace(year=2026, month=12, day=2)
        instant, said = parse_when_explained(typed, now)
        answers.append((instant.astimezone(UTC), said))
    assert answers[0] == answers[1]


def test_an_ordinary_time_has_no_note(system_tz: SetTz) -> None:
    system_tz("Asia/Kolkata")
    now = SystemClock().local_now()
    assert parse_when_explained("2027-03-14 02:30", now)[1] is None


@pytest.mark.parametrize(
    "value",
    [
        "America/New_York",
        ":America/New_York",
        "/usr/share/zoneinfo/America/New_York",
        "EST5EDT,M3.2.0,M11.1.0",  # a POSIX rule, read by dateutil
    ],
)
def test_every_way_of_writing_tz_keeps_the_rules(value: str, system_tz: SetTz) -> None:
    if value.startswith("/") and not Path(value).exists():
        pytest.skip("no system zoneinfo folder")
    system_tz(value)
    assert WINTER.astimezone(system_zone()).utcoffset() == -5 * H
    assert SUMMER.astimezone(system_zone()).utcoffset() == -4 * H


def test_a_posix_zone_without_rules_changes_when_the_c_library_does(system_tz: SetTz) -> None:
    system_tz("ABC5DEF")
    march, november = datetime(2027, 3, 20, 12, tzinfo=UTC), datetime(2027, 11, 3, 12, tzinfo=UTC)
    for instant in (WINTER, march, SUMMER, november):
        assert instant.astimezone(system_zone()).utcoffset() == c_library_offset(instant)
    assert f"{march.astimezone(system_zone()):%H:%M %Z}" == "08:00 DEF"


def test_an_empty_tz_is_utc_and_no_tz_is_the_systems(system_tz: SetTz) -> None:
    system_tz("")
    assert SUMMER.astimezone(system_zone()).utcoffset() == timedelta(0)
    system_tz(None)  # /etc/localtime, whatever this machine has
    for instant in (WINTER, SUMMER):
        assert instant.astimezone(system_zone()).utcoffset() == c_library_offset(instant)


def infoterm(db: Path, zone: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": zone}
    return subprocess.run(
        [sys.executable, "-m", "infoterm", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_cli_under_new_york_keeps_the_time_typed_across_the_change(tmp_path: Path) -> None:
    db = tmp_path / "campaign.db"
    zone = "America/New_York"
    assert infoterm(db, zone, "add", "Ann Lee").returncode == 0
    added = infoterm(
        db, zone, "followup", "add", "Ann Lee", "--due", "2027-03-20 09:00", "--note", "a"
    )
    assert added.returncode == 0, added.stderr
    assert "due Sat 20 Mar" in added.stdout and added.stdout.rstrip().endswith("09:00")
    gap = infoterm(
        db, zone, "followup", "add", "Ann Lee", "--due", "2027-03-14 02:30", "--note", "b"
    )
    assert gap.returncode == 0, gap.stderr
    assert gap.stdout.rstrip().endswith("03:30")
    assert "02:30 does not exist on Sun 14 Mar" in gap.stderr and "using 03:30 EDT" in gap.stderr
    listed = infoterm(db, zone, "due", "--until", "2027-03-21", "--json")
    dues = sorted(row["due"] for row in json.loads(listed.stdout))
    assert dues == ["2027-03-14T03:30:00-04:00", "2027-03-20T09:00:00-04:00"]
