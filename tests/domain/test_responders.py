"""Responder types (Dalton): booster, obligate, curmudgeon, none; on local dates."""

from __future__ import annotations

from datetime import date

from infoterm.responders import BOOSTER, CURMUDGEON, NONE, OBLIGATE, responder_type

FRIDAY = date(2026, 11, 20)  # before Thanksgiving week (Thu 26 Nov, US)


def test_a_reply_within_three_business_days_is_a_booster() -> None:
    assert responder_type(FRIDAY, date(2026, 11, 25)) == BOOSTER  # Wed: the 3rd business day
    assert responder_type(FRIDAY, FRIDAY) == BOOSTER
    assert responder_type(FRIDAY, date(2026, 11, 26)) == OBLIGATE  # Thu: the 4th


def test_holidays_give_more_calendar_days_to_be_a_booster() -> None:
    """Asked Wed 25 Nov: with US holidays Thanksgiving does not count, so Tue 1 Dec is
    still the third business day; without, Monday 30 is."""
    wednesday = date(2026, 11, 25)
    assert responder_type(wednesday, date(2026, 12, 1), country="US") == BOOSTER
    assert responder_type(wednesday, date(2026, 12, 1)) == OBLIGATE


def test_a_request_on_the_friday_before_easter_in_england() -> None:
    """Asked Thu 25 Mar 2027; Good Friday and Easter Monday are holidays in England."""
    asked = date(2027, 3, 25)
    assert responder_type(asked, date(2027, 4, 1), country="GB-ENG") == BOOSTER
    assert responder_type(asked, date(2027, 4, 1), country="GB") == OBLIGATE


def test_no_reply_is_a_curmudgeon_only_once_the_nudge_is_over() -> None:
    assert responder_type(FRIDAY, None) == NONE
    assert responder_type(FRIDAY, None, nudge_over=True) == CURMUDGEON
    # a late reply after the nudge: obligate, not curmudgeon
    assert responder_type(FRIDAY, date(2026, 12, 10), nudge_over=True) == OBLIGATE


def test_not_asked_or_a_reply_to_an_earlier_request_is_none() -> None:
    assert responder_type(None, FRIDAY) == NONE
    assert responder_type(FRIDAY, date(2026, 11, 1)) == NONE


def test_an_unknown_holidays_country_counts_weekends_only() -> None:
    assert responder_type(FRIDAY, date(2026, 11, 25), country="XX") == BOOSTER
