"""TIARA tags on the question bank: derived from the bank, never stored."""

from __future__ import annotations

import pytest

from infoterm.questions import (
    DEFAULT_QUESTIONS,
    TAGS,
    UNTAGGED,
    parse_topic,
    tag_of,
    tag_order,
    tag_title,
    topic_order,
    topic_title,
)


def test_every_tag_has_default_questions_and_every_default_has_a_tag() -> None:
    tags = [tag for rows in DEFAULT_QUESTIONS.values() for tag, _text in rows]
    assert set(tags) == set(TAGS)
    assert list(TAGS.values()) == ["Trends", "Insights", "Advice", "Resources", "Assignments"]


def test_a_default_question_is_found_by_its_text_whatever_its_topic_or_spacing() -> None:
    text = "Is there a course, community or newsletter you would point me to?"
    assert tag_of("advice", text) == "resources"
    assert tag_of(
        "my own", "  is there a COURSE, community or   newsletter you would point me to? "
    ) == ("resources")


@pytest.mark.parametrize(
    ("topic", "tag"),
    [
        ("work", "assignments"),
        ("path", "insights"),
        ("joys", "insights"),
        ("advice", "advice"),
        ("closing", "resources"),
        ("trends", "trends"),
        ("resources", "resources"),
        ("Money matters", UNTAGGED),
    ],
)
def test_other_questions_take_the_tag_of_their_topic(topic: str, tag: str) -> None:
    assert tag_of(topic, "Something I wrote myself?") == tag


def test_tag_names_are_topics_and_untagged_goes_last() -> None:
    assert parse_topic("Trends") == "trends"
    assert parse_topic("assign") == "assignments"
    assert parse_topic("ADVICE") == "advice"
    assert topic_title("insights") == "Insights"
    assert topic_order("work") < topic_order("trends") < topic_order("Money matters")
    assert [tag_order(t) for t in (*TAGS, UNTAGGED)] == [0, 1, 2, 3, 4, 5]
    assert tag_title(UNTAGGED) == "Other questions"
