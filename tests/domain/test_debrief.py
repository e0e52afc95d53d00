"""Reading the debrief: action items with natural dates, names with an organisation."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from infoterm.dates import DateError
from infoterm.debrief import parse_action, parse_actions, split_referral, with_learned

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Monday


def test_an_action_by_friday_is_due_friday_at_nine() -> None:
    item = parse_action("read the SRE book by fri", NOW)
    assert (item.text, item.due, item.dated) == (
        "read the SRE book",
        datetime(2026, 12, 11, 9, 0, tzinfo=NOW.tzinfo),
        True,
    )


def test_the_last_marker_that_reads_as_a_date_wins() -> None:
    item = parse_action("stand by the plan on tuesday 3pm", NOW)
    assert item.text == "stand by the plan"
    assert item.due == datetime(2026, 12, 8, 15, 0, tzinfo=NOW.tzinfo)


def test_an_action_with_no_date_is_due_a_week_later_and_says_so() -> None:
    item = parse_action("stand by the plan", NOW)
    assert item.text == "stand by the plan" and not item.dated
    assert item.due == datetime(2026, 12, 14, 9, 0, tzinfo=NOW.tzinfo)


def test_a_past_date_is_refused_with_the_line_it_is_on() -> None:
    with pytest.raises(DateError, match='line 3: "yesterday" has already passed'):
        parse_actions("call Bo\n\nship it by yesterday", NOW)


def test_blank_lines_are_not_actions() -> None:
    assert [i.text for i in parse_actions("\n call Bo \n\n read X by fri\n", NOW)] == [
        "call Bo",
        "read X",
    ]


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("Ann Lee @ Acme", ("Ann Lee", "Acme")),
        ("  Bo   Chan ", ("Bo Chan", "")),
        ("Cy@Big  Co", ("Cy", "Big Co")),
    ],
)
def test_a_referral_may_carry_an_organisation(raw: str, parts: tuple[str, str]) -> None:
    assert split_referral(raw) == parts


def test_what_you_learned_goes_under_its_own_heading_after_the_notes() -> None:
    assert with_learned("Platform team.\n", " On-call is shared. ") == (
        "Platform team.\n\nLearned:\nOn-call is shared.\n"
    )
    assert with_learned("", "x") == "Learned:\nx\n"
    assert with_learned("notes", "  ") == "notes"


def test_in_or_within_a_span_is_a_date() -> None:
    item = parse_action("learn dbt in 2 weeks", NOW)
    assert (item.text, item.due, item.dated) == (
        "learn dbt",
        datetime(2026, 12, 21, 9, 0, tzinfo=NOW.tzinfo),
        True,
    )
    assert parse_action("email Cy within 3 days", NOW).due.date().isoformat() == "2026-12-10"
    undated = parse_action("read about work in finance", NOW)  # "in" that is not a date
    assert (undated.text, undated.dated) == ("read about work in finance", False)
    assert not parse_action("talk to Bo on 2 projects", NOW).dated


def test_a_slashed_date_is_an_error_to_fix_not_a_silent_no_date() -> None:
    with pytest.raises(
        DateError, match=r'"12/20": slashed dates are ambiguous.*\(for "ping Ana"\)'
    ):
        parse_actions("ping Ana before 12/20", NOW)
