"""Statistics on a seeded campaign whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.statsview import bar, stats_lines
from infoterm.store.schema import Landing, Meeting

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday, three weeks before "now"
DAY = timedelta(days=1)


def at(clock: FakeClock, moment: datetime) -> None:
    clock.set(moment)


def meeting(services: Services, contact_id: int, start: datetime, **values: object) -> None:
    with services.transaction() as s:
        s.add(
            Meeting(
                contact_id=contact_id,
                scheduled_at=start,
                started_at=start,
                ended_at=start + timedelta(minutes=20),
                state="ended",
                created_at=start - DAY,
                **values,
            )
        )


@pytest.fixture
def seeded(services: Services, clock: FakeClock) -> Services:
    now = clock.now()
    c = services.contacts
    at(clock, T0)
    ids = {
        name: c.add(ContactFields(name=name, source=source))
        for name, source in [
            ("A", "linkedin"),
            ("B", "alumni"),
            ("C", "alumni"),
            ("D", "own network"),
            ("E", "own network"),
            ("F", ""),
            ("I", "linkedin"),
        ]
    }
    ids["G"] = c.add(ContactFields(name="G", referred_by_id=ids["B"]))
    ids["H"] = c.add(ContactFields(name="H", referred_by_id=ids["C"]))
    c.add(ContactFields(name="In the address book"), on_board=False)
    c.delete(c.add(ContactFields(name="Deleted", source="alumni")))
    for name in ("B", "C", "D", "E", "I"):
        c.move(ids[name], "requested")
    at(clock, T0 + DAY)
    c.move(ids["A"], "requested")
    at(clock, T0 + 5 * DAY)
    c.move(ids["A"], "met")  # met without a recorded meeting
    c.move(ids["I"], "met")
    assert c.undo(ids["I"]) is not None  # a mistake, undone: I never met anyone
    meeting(
        services,
        ids["B"],
        T0 + 2 * DAY,
        promised_minutes=20,
        ended_on_time=True,
        overtime_seconds=0,
        talk_me_seconds=300.0,
        talk_them_seconds=300.0,
    )
    meeting(
        services,
        ids["C"],
        T0 + 10 * DAY,
        promised_minutes=19,
        ended_on_time=False,
        overtime_seconds=180,
        talk_me_seconds=200.0,
        talk_them_seconds=600.0,
    )
    at(clock, T0 + 11 * DAY)
    c.move(ids["B"], "met")
    c.move(ids["B"], "thanked")
    c.move(ids["C"], "met")
    c.set_archived(ids["D"], True, "declined")
    with services.transaction() as s:
        s.add(Landing(organisation="Somewhere", recorded_at=now))
    at(clock, now)
    return services


def test_funnel_and_conversions(seeded: Services) -> None:
    stats = seeded.stats.compute()
    assert stats.people == 9
    assert [(s.stage, s.reached) for s in stats.funnel] == [
        ("identified", 9),
        ("requested", 6),
        ("met", 3),
        ("thanked", 1),
        ("stay-in-touch", 0),
        ("landed", 0),
    ]
    assert [s.conversion for s in stats.funnel] == [None, 6 / 9, 0.5, 1 / 3, 0.0, None]


def test_requests_and_meetings(seeded: Services) -> None:
    stats = seeded.stats.compute()
    assert (stats.requests, stats.requests_answered) == (6, 4)  # A, B, C met; D declined
    assert stats.median_days_to_meeting == 4.0  # A 4 days, B 2, C 10
    assert stats.meetings_held == 3  # B's and C's meetings, and A moved to met by hand
    assert (stats.meetings_timed, stats.ended_on_time) == (2, 1)
    assert stats.on_time_share == 0.5
    assert stats.average_overtime_seconds == 180
    assert stats.median_talk_share == pytest.approx(0.375)
    assert stats.referrals == 2 and stats.referrals_per_meeting == pytest.approx(2 / 3)
    assert stats.offers == 1 and stats.benchmark_offers == 0.25


def test_sources_and_weeks(seeded: Services) -> None:
    stats = seeded.stats.compute()
    assert [(s.source, s.people, s.met) for s in stats.sources] == [
        ("alumni", 2, 2),
        ("linkedin", 2, 1),
        ("own network", 2, 0),
        ("referral", 2, 0),  # set for people added with a referrer
        ("not set", 1, 0),
    ]
    weeks = dict(stats.weeks)
    assert len(weeks) == 12 and list(weeks)[-1] == date(2026, 11, 23)
    assert weeks[date(2026, 11, 2)] == 2 and weeks[date(2026, 11, 9)] == 1
    assert sum(weeks.values()) == 3


def test_an_empty_campaign_has_no_numbers_to_divide(services: Services) -> None:
    stats = services.stats.compute()
    assert stats.people == 0 and stats.meetings_held == 0
    assert stats.answered_share is None and stats.median_days_to_meeting is None
    assert stats.to_json()["referrals_per_meeting"] is None
    text = "\n".join(stats_lines(stats))
    assert "no meetings in these weeks yet" in text and "no one on the board yet" in text


def test_text_view(seeded: Services) -> None:
    lines = stats_lines(seeded.stats.compute())
    text = "\n".join(lines)
    assert "Requests answered      67% of 6" in text
    assert "Average overtime       3:00 when over" in text
    assert "about 1 offer per 12 informational interviews" in text
    assert "3 meetings would usually bring about 0.2" in text
    assert (
        bar(1, 2, 10) == "█████" and bar(0, 2, 10) == "" and bar(1, 16, 1) == "▏"
    )  # never invisible when not zero


def test_a_recorded_reply_counts_as_an_answered_request(seeded: Services) -> None:
    """A reply on record ('y', infoterm reply) answered the request, even before any
    meeting: the Meetings panel and the 'Who replies' panel must not contradict."""
    assert seeded.stats.compute().requests_answered == 4  # A, B, C met; D declined
    seeded.contacts.record_reply(seeded.contacts.resolve("E"))  # E: asked, no meeting yet
    after = seeded.stats.compute()
    assert (after.requests, after.requests_answered) == (6, 5)
