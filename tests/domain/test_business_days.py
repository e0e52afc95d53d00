"""Business days skip weekends and, with a country, its public holidays (Dalton's 3B7)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from infoterm.business_days import (
    UnknownCountry,
    add_business_days,
    business_days_between,
    is_business_day,
    normalise_country,
)
from infoterm.clock import FakeClock
from tests.conftest import NOW


def test_without_a_country_only_weekends_are_skipped() -> None:
    friday = date(2026, 11, 27)
    assert add_business_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_business_days(friday, 3) == date(2026, 12, 2)
    assert add_business_days(friday, 7) == date(2026, 12, 8)
    assert add_business_days(friday, 0) == friday
    saturday = date(2026, 11, 28)
    assert add_business_days(saturday, 1) == date(2026, 11, 30)


def test_a_request_on_the_day_before_thanksgiving_skips_the_holiday() -> None:
    """Wed 25 Nov 2026: Thursday 26 is Thanksgiving (US), so 3 business days is Tue 1 Dec."""
    wednesday = date(2026, 11, 25)
    assert add_business_days(wednesday, 3) == date(2026, 11, 30)
    assert add_business_days(wednesday, 3, "US") == date(2026, 12, 1)
    assert add_business_days(wednesday, 7, "us") == date(2026, 12, 7)


def test_a_request_on_a_friday_before_easter_monday_in_england() -> None:
    """Thu 2 Apr 2026, then Good Friday 3 Apr (UK-wide) and Easter Monday 6 Apr (England,
    Wales and Northern Ireland, not Scotland: so not in plain GB)."""
    thursday = date(2026, 4, 2)
    assert add_business_days(thursday, 1, "GB-ENG") == date(2026, 4, 7)
    assert add_business_days(thursday, 1, "GB") == date(2026, 4, 6)
    good_friday = date(2026, 4, 3)
    assert not is_business_day(good_friday, "GB") and is_business_day(good_friday)
    assert add_business_days(good_friday, 3, "gb-eng") == date(2026, 4, 9)
    assert add_business_days(good_friday, 3) == date(2026, 4, 8)  # no country: Monday counts


def test_a_request_on_the_fake_clock_s_friday_before_a_holiday() -> None:
    """The time comes from the injected clock, as the follow-up rules will take it."""
    clock = FakeClock(NOW)
    today = clock.now().date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    # whatever the fake day, a Friday plus one business day is a Monday without a country
    assert add_business_days(friday, 1).weekday() == 0
    # the US Friday before Memorial Day (Mon 25 May 2026): the next business day is Tuesday
    assert add_business_days(date(2026, 5, 22), 1, "US") == date(2026, 5, 26)


def test_holidays_across_a_year_end_are_known() -> None:
    """Christmas and New Year's Day fall in two years: each year's holidays are used."""
    assert add_business_days(date(2026, 12, 24), 2, "GB") == date(2026, 12, 30)
    assert add_business_days(date(2026, 12, 31), 1, "GB") == date(2027, 1, 4)


def test_business_days_between_counts_the_days_after_the_start() -> None:
    wednesday = date(2026, 11, 25)
    assert business_days_between(wednesday, date(2026, 12, 1), "US") == 3
    assert business_days_between(wednesday, date(2026, 12, 1)) == 4
    assert business_days_between(wednesday, wednesday) == 0


def test_an_unknown_country_code_is_a_clear_one_line_error() -> None:
    with pytest.raises(UnknownCountry, match=r"^'XX' is not a country code") as caught:
        add_business_days(date(2026, 11, 27), 3, "XX")
    assert "\n" not in str(caught.value) and "US, GB or DE" in str(caught.value)
    with pytest.raises(UnknownCountry):
        normalise_country("Narnia")
    assert normalise_country(" gb ") == "GB"
    assert normalise_country("gb-sct") == "GB-SCT"
    with pytest.raises(UnknownCountry, match="GB has no subdivision 'XX' .it has ENG, NIR"):
        normalise_country("GB-XX")


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count forward"):
        add_business_days(date(2026, 11, 27), -1)


def test_the_holidays_package_loads_only_when_a_country_is_used() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import infoterm.business_days as b, infoterm.config, infoterm.cli\n"
        "b.add_business_days(date(2026, 11, 25), 3)\n"
        "print('before', 'holidays' in sys.modules)\n"
        "b.add_business_days(date(2026, 11, 25), 3, 'US')\n"
        "print('after', 'holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["before", "False", "after", "True"]
