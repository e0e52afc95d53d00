"""Dalton's LAMP list: rank, booster, exhausted, active and promotion (pure rules)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.lamp import (
    ContactFacts,
    Lamp,
    LampError,
    active,
    check_motivation,
    check_posting,
    is_booster,
    is_exhausted,
    parse_advocacy,
    promoted,
    rank_key,
    ranked,
)
from tests.conftest import NOW


def _names(lamps: list[Lamp]) -> list[str]:
    return [lamp.name for lamp in lamps]


def test_rank_is_motivation_then_posting_then_advocacy_then_name() -> None:
    lamps = [
        Lamp("Zeta", advocacy=True, motivation=2, posting=3),
        Lamp("alpha", advocacy=False, motivation=2, posting=3),
        Lamp("Beta", advocacy=True, motivation=2, posting=3),
        Lamp("Gamma", advocacy=True, motivation=3, posting=1),
        Lamp("Delta", advocacy=True, motivation=2, posting=2),
        Lamp("Eps", motivation=0, posting=3, advocacy=True),
    ]
    assert _names(ranked(lamps, lambda lamp: lamp)) == [
        "Gamma",  # motivation first
        "Beta",  # then posting 3, advocacy yes, name
        "Zeta",
        "alpha",  # advocacy no after yes
        "Delta",  # posting 2
        "Eps",  # motivation 0 last
    ]
    assert rank_key(Lamp("a")) < rank_key(Lamp("B"))  # names ignore case


def test_values_out_of_range_are_refused_with_one_line() -> None:
    assert [check_motivation(v) for v in range(4)] == [0, 1, 2, 3]
    assert [check_posting(v) for v in (1, 2, 3)] == [1, 2, 3]
    for bad in (-1, 4, True):
        with pytest.raises(LampError, match="motivation .*: use 0 to 3"):
            check_motivation(bad)
    for bad in (0, 4):
        with pytest.raises(LampError, match="posting .*: use 1 to 3"):
            check_posting(bad)
    assert parse_advocacy("Yes") is True and parse_advocacy("no") is False
    with pytest.raises(LampError, match="advocacy 'maybe': use yes or no"):
        parse_advocacy("maybe")


def test_a_booster_replied_within_three_business_days() -> None:
    clock = FakeClock(NOW)
    today = clock.now().date()
    monday = today - timedelta(days=today.weekday())
    assert is_booster(monday, monday + timedelta(days=3))  # Thursday
    assert not is_booster(monday, monday + timedelta(days=4))  # Friday: an obligate
    friday = monday + timedelta(days=4)
    assert is_booster(friday, friday + timedelta(days=5))  # Wednesday, over a weekend
    assert not is_booster(friday, None) and not is_booster(None, friday)


def test_a_request_on_the_friday_after_thanksgiving_counts_in_business_days() -> None:
    """US: Wed 25 Nov 2026 then Thanksgiving: a Tuesday reply is within three days."""
    wednesday = date(2026, 11, 25)
    assert is_booster(wednesday, date(2026, 12, 1), "US")
    assert not is_booster(wednesday, date(2026, 12, 1))  # no holidays: Monday was the third


def test_exhausted_when_every_contact_is_archived_or_met_without_boosting() -> None:
    request = date(2026, 11, 16)  # a Monday
    archived = ContactFacts("requested", archived=True)
    met_late = ContactFacts("met", requested_on=request, replied_on=date(2026, 11, 27))
    met_booster = ContactFacts("thanked", requested_on=request, replied_on=date(2026, 11, 18))
    waiting = ContactFacts("requested", requested_on=request)
    met_unknown = ContactFacts("met")  # from before replies were recorded
    assert is_exhausted([archived, met_late, met_unknown])
    assert not is_exhausted([archived, met_booster])  # a booster keeps it alive
    assert not is_exhausted([archived, waiting])
    assert not is_exhausted([ContactFacts("identified")])
    assert not is_exhausted([])  # nobody there yet: not exhausted


def test_active_is_the_first_five_rated_and_not_exhausted_and_promotion_names_the_next() -> None:
    lamps = [Lamp(f"Org{i}", motivation=3 - i // 3) for i in range(9)]  # Org0..Org8
    lamps.append(Lamp("Unrated"))  # motivation 0: never active
    order = ranked(lamps, lambda lamp: lamp)
    spent: set[str] = set()

    def pick() -> list[str]:
        return _names(active(order, lambda lamp: lamp, lambda lamp: lamp.name in spent))

    before = pick()
    assert before == ["Org0", "Org1", "Org2", "Org3", "Org4"]
    spent.add("Org1")
    after = pick()
    assert after == ["Org0", "Org2", "Org3", "Org4", "Org5"]
    assert promoted(before, after) == ["Org5"]
    spent.update(f"Org{i}" for i in range(9))
    assert pick() == []  # only the unrated one is left, and it is not active
