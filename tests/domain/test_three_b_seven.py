"""Dalton's 3B7 as follow-up rules: a second person after 3 business days, a nudge after 7.

Pure rules on a fake clock (no database): the due times a request makes, counted in the
user's zone, skipping weekends and the public holidays of ``followups.holidays``."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from infoterm import followup_policy as rules
from infoterm.clock import FakeClock

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def local(instant: datetime, tz: ZoneInfo) -> str:
    return f"{instant.astimezone(tz):%a %d %b %H:%M}"


def test_a_request_on_a_friday_before_thanksgiving_week() -> None:
    """Fri 20 Nov 2026 at 10:00 in New York; Thu 26 Nov is Thanksgiving."""
    clock = FakeClock(datetime(2026, 11, 20, 10, 0, tzinfo=NEW_YORK), tz=NEW_YORK)
    asked = clock.now()
    second = rules.request_due(asked, rules.SECOND_CONTACT_DAYS, tz=NEW_YORK, country="US")
    nudge = rules.request_due(asked, 7, tz=NEW_YORK, country="US")
    assert local(second, NEW_YORK) == "Wed 25 Nov 10:00"
    assert local(nudge, NEW_YORK) == "Wed 02 Dec 10:00"  # Thursday 26 skipped
    assert local(rules.request_due(asked, 7, tz=NEW_YORK), NEW_YORK) == "Tue 01 Dec 10:00"


def test_a_request_on_the_friday_before_a_bank_holiday_in_england() -> None:
    """Fri 28 May 2027 in London; Mon 31 May is the spring bank holiday."""
    asked = datetime(2027, 5, 28, 16, 30, tzinfo=LONDON)
    second = rules.request_due(asked, 3, tz=LONDON, country="GB-ENG")
    nudge = rules.request_due(asked, 7, tz=LONDON, country="GB-ENG")
    assert local(second, LONDON) == "Thu 03 Jun 16:30"
    assert local(nudge, LONDON) == "Wed 09 Jun 16:30"


def test_a_request_before_easter_in_england_skips_good_friday_and_easter_monday() -> None:
    """Thu 25 Mar 2027; Good Friday 26 Mar and Easter Monday 29 Mar; the clocks go
    forward on Sunday 28 Mar, the due times stay at 09:00 local."""
    asked = datetime(2027, 3, 25, 9, 0, tzinfo=LONDON)
    second = rules.request_due(asked, 3, tz=LONDON, country="GB-ENG")
    assert local(second, LONDON) == "Thu 01 Apr 09:00"
    assert second == datetime(2027, 4, 1, 8, 0, tzinfo=UTC)  # BST
    # GB alone: Easter Monday is not a UK-wide holiday (Scotland works)
    assert local(rules.request_due(asked, 3, tz=LONDON, country="GB"), LONDON) == "Wed 31 Mar 09:00"


def test_a_request_on_a_saturday_counts_from_monday() -> None:
    asked = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
    assert rules.request_due(asked, 3, tz=UTC) == datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def test_with_business_days_off_the_calendar_nudge_of_before() -> None:
    asked = datetime(2026, 11, 20, 10, 0, tzinfo=NEW_YORK)
    nudge = rules.request_due(asked, 7, tz=NEW_YORK, business=False, country="US")
    assert local(nudge, NEW_YORK) == "Fri 27 Nov 10:00"
    assert nudge == rules.nudge_due(asked, 7, tz=NEW_YORK)


def test_the_second_contact_reason_names_who_is_still_identified() -> None:
    why = rules.reason(
        "second-contact",
        name="Ann Lee",
        organisation="Acme",
        suggest=rules.suggest_text(["Bo Li", "Cy Wu", "Di Ng", "Ed Ox", "Fa Po"]),
    )
    assert why == (
        "no reply from Ann Lee yet: write to a second person at Acme"
        " — still identified there: Bo Li, Cy Wu, Di Ng +2"
    )
    nobody = rules.reason("second-contact", name="Ann Lee", organisation="Acme", suggest="")
    assert nobody.endswith("at Acme — add someone there")


@pytest.mark.parametrize("kind", ["second-contact", "nudge"])
def test_a_reply_closes_both_halves_of_3b7(kind: str) -> None:
    assert kind in rules.REPLY_CLOSES
    assert rules.LABELS[kind] and rules.DONE_WORDS[kind]
    assert rules.plan_move("requested", "met").close[kind] == rules.CLOSED


def test_a_json_import_accepts_the_second_contact_kind() -> None:
    from infoterm.services.jsoncheck import ENUMS

    assert "second-contact" in ENUMS[("followups", "kind")][0]
