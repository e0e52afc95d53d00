"""Business days: weekdays that are not public holidays of a country (Dalton's 3B7 rule).

``add_business_days(day, 3, "US")`` is the third working day after ``day``. Without a
country only weekends are skipped. A country may name a subdivision the ISO 3166-2 way:
``GB`` alone has only the UK-wide holidays (Easter Monday is not one: Scotland works),
``GB-ENG`` has England's; likewise ``DE-BY``, ``US-CA``. Holidays come from the maintained ``holidays``
package, imported here only when a country is given: start-up and ``infoterm due`` never
load it (a test checks ``sys.modules``).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta
from functools import lru_cache

SATURDAY = 5


class UnknownCountry(ValueError):
    """Not an ISO 3166 country code the holidays package knows."""


def normalise_country(code: str) -> str:
    """``" gb "`` -> ``"GB"``; UnknownCountry (one line) for a code with no holidays."""
    found = code.strip().upper()
    _holidays(found, 2000)  # raises UnknownCountry (any year tells)
    return found


def add_business_days(start: date, n: int, country: str | None = None) -> date:
    """The ``n``th business day after ``start`` (``start`` itself when ``n`` is 0).

    Weekends are skipped, and the public holidays of ``country`` (an ISO code such as
    US, GB or DE) when one is set.
    """
    if n < 0:
        raise ValueError(f"{n} business days: count forward (0 or more)")
    code = country.strip().upper() if country else ""
    day = start
    left = n
    while left:
        day += timedelta(days=1)
        if is_business_day(day, code):
            left -= 1
    return day


def is_business_day(day: date, country: str | None = None) -> bool:
    if day.weekday() >= SATURDAY:
        return False
    return not country or day not in _holidays(country.strip().upper(), day.year)


def business_days_between(start: date, end: date, country: str | None = None) -> int:
    """How many business days after ``start`` ``end`` is (0 for the same day or before)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, country):
            count += 1
    return count


@lru_cache(maxsize=64)
def _holidays(code: str, year: int) -> Container[date]:
    import holidays  # lazily: a hundred country modules, only when a country is set

    country, _, subdivision = code.partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:
        if subdivision and country in holidays.list_supported_countries():
            raise UnknownCountry(
                f"{code!r}: {country} has no subdivision {subdivision!r}"
                f" (it has {', '.join(holidays.country_holidays(country).subdivisions)})"
            ) from None
        raise UnknownCountry(
            f"{code!r} is not a country code with known public holidays"
            " (use an ISO 3166 code such as US, GB or DE, or GB-ENG for a part)"
        ) from None
