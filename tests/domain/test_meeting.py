"""The meeting's pure rules: promises, referral names, wording, question topics."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infoterm.meeting import describe_outcome, minutes_text, parse_minutes, split_names
from infoterm.questions import DEFAULT_QUESTIONS, TOPICS, parse_topic, topic_title
from infoterm.timer import Outcome

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("19", 19),
        (" 20 ", 20),
        ("19m", 19),
        ("15 min", 15),
        ("30 minutes", 30),
        ("1", 1),
        ("240", 240),
    ],
)
def test_promised_minutes_are_read(text: str, minutes: int) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "how many minutes"),
        ("0", "1 to 240 minutes, not 0"),
        ("241", "1 to 240 minutes, not 241"),
        ("19.5", "not a whole number"),
        ("half an hour", "not a whole number"),
        ("-3", "not a whole number"),
    ],
)
def test_bad_promises_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_minutes(text)


def test_names_are_split_tidied_and_deduplicated() -> None:
    assert split_names(" Alan  Turing, joan clarke;Joan Clarke\nGrace Hopper,, ") == [
        "Alan Turing",
        "joan clarke",
        "Grace Hopper",
    ]
    assert split_names(" ,; ") == []


def test_minutes_text() -> None:
    assert (minutes_text(1), minutes_text(2), minutes_text(1.5)) == (
        "1 minute",
        "2 minutes",
        "1:30",
    )


def test_outcome_wording() -> None:
    on_time = Outcome(T0, T0, 1122, 0, True, 19, 0)
    assert describe_outcome(on_time, None) == "Met for 18:42 (promised 19 min): on time"
    late = Outcome(T0, T0, 1530, 30, False, 20, 5)
    assert describe_outcome(late, 0.5) == (
        "Met for 25:30 (promised 20 + 5 min offered): 0:30 over time · I talked 50%"
    )


def test_every_topic_has_default_questions() -> None:
    assert set(DEFAULT_QUESTIONS) == {*TOPICS, "trends"}  # the Trends ones came later
    assert all(len(texts) >= 4 for key, texts in DEFAULT_QUESTIONS.items() if key in TOPICS)


@pytest.mark.parametrize(
    ("text", "key"),
    [("work", "work"), ("Advice for me", "advice"), ("jo", "joys"), ("THE CLOSING", "closing")],
)
def test_topics_are_found_by_key_heading_or_start(text: str, key: str) -> None:
    assert parse_topic(text) == key


def test_an_unknown_topic_is_the_users_own() -> None:
    assert parse_topic("  Money   matters ") == "Money matters"
    assert topic_title("Money matters") == "Money matters"
    with pytest.raises(ValueError):
        parse_topic("  ")
