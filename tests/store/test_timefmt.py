"""The one stored time format: canonical on the way in, tolerant on the way out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from infoterm.dates import format_when
from infoterm.store.timefmt import date_from_db, date_to_db, from_db, is_unreadable, to_db


def test_to_db_writes_four_digit_zero_padded_years() -> None:
    assert to_db(datetime(1900, 1, 2, 3, 4, 5, tzinfo=UTC)) == "1900-01-02 03:04:05"
    assert date_to_db(date(1901, 2, 3)) == "1901-02-03"


@pytest.mark.parametrize("year", [1, 999, 1898, 2202, 9999])
def test_to_db_refuses_years_out_of_range(year: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        to_db(datetime(year, 6, 1, 9, tzinfo=UTC))
    with pytest.raises(ValueError, match="out of range"):
        date_to_db(date(year, 6, 1))


def test_a_local_time_at_the_edge_is_still_storable() -> None:
    edge = datetime(2200, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert to_db(edge) == "2201-01-01 04:00:00"
    assert from_db("2201-01-01 04:00:00") == edge


@pytest.mark.parametrize(
    "raw", ["999-06-01 09:00:00", "garbage", "2026-13-45 99:99:99", 12345, b"\xff", "0001-01-01"]
)
def test_unreadable_times_read_as_unknown_date_and_write_back_as_found(raw: object) -> None:
    instant = from_db(raw)
    assert instant is not None and is_unreadable(instant)
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert format_when(instant, now) == "unknown date"
    assert format_when(instant, now, "absolute") == "unknown date"
    assert f"{instant:%Y-%m-%d}" == "unknown date"
    assert instant < now  # sorts first, so it shows up rather than hides
    assert to_db(instant) == str(raw)
    day = date_from_db(raw)
    assert day is not None and is_unreadable(day) and f"{day:%d %b %Y}" == "unknown date"
    assert date_to_db(day) == str(raw)


def test_readable_values_are_plain() -> None:
    assert not is_unreadable(from_db("2026-11-23 09:00:00"))
    assert from_db(None) is None and date_from_db("") is None
