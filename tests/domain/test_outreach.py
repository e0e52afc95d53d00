"""The outreach check: Dalton's five rules for a note asking for a conversation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoterm import outreach, templates
from infoterm.config import BY_KEY
from infoterm.outreach import check, split_note

GOOD = """\
Subject: Maria suggested I write

Hi Ana,

Maria Lopez suggested I contact you. I am exploring data journalism, and your path to the
newsroom interests me. Would you have 20 minutes next week to talk about what you enjoy in your work?

Thank you,
Sam Rivers
+44 7700 900123
"""


def failed(text: str, **options: object) -> dict[str, str]:
    return {r.key: r.reason for r in check(text, **options) if not r.passed}  # type: ignore[arg-type]


def test_a_good_note_passes_every_rule() -> None:
    results = check(GOOD)
    assert [r.key for r in results] == [
        "words",
        "job-words",
        "connection",
        "question",
        "about-them",
    ]
    assert all(r.passed for r in results), results
    assert results[0].reason == "35 words: under 75"


def test_subject_greeting_and_sign_off_are_not_the_body() -> None:
    note = split_note(GOOD)
    assert note.subject == "Maria suggested I write"
    assert note.body.startswith("Maria Lopez suggested")
    assert note.body.endswith("in your work?")


def test_the_to_line_a_draft_carries_is_not_the_note() -> None:
    note = split_note("To: Ana Ruiz <ana@example.org>\n" + GOOD)
    assert note.subject == "Maria suggested I write"
    assert split_note(GOOD) == note
    assert [r.passed for r in check("To: ana@example.org\n" + GOOD)] == [
        r.passed for r in check(GOOD)
    ]


def test_a_short_first_sentence_is_not_taken_for_a_greeting() -> None:
    assert split_note("Hi, I am a fellow alum.\nCould we talk?").body.startswith("Hi, I am")
    assert split_note("Dear Dr. Okafor,\nWe met at PyCon.").body == "We met at PyCon."
    assert split_note("Hello Ana!\nWe met at PyCon.").body == "We met at PyCon."


def test_without_a_sign_off_a_bare_name_at_the_end_is_dropped() -> None:
    note = split_note("We met at PyCon. Could we talk?\nSam")
    assert note.body == "We met at PyCon. Could we talk?"


def test_the_default_request_template_passes_raw_and_rendered() -> None:
    raw = templates.DEFAULTS["reach-out"]
    assert outreach.passed(check(raw)), failed(raw)
    values = {
        "first_name": "Benedict",
        "referrer_name": "Maria Fernanda Lopez",
        "referrer_first_name": "Maria",
        "minutes": "20",
        "organisation": "Lumen Analytics and Research Partners",
        "my_name": "Sam Rivers",
        "signature": "Sam Rivers\nData analyst\n+44 7700 900123",
    }
    rendered = templates.render("reach-out", values)
    assert outreach.passed(check(rendered, connections=["Maria Fernanda Lopez"])), failed(rendered)


def test_too_many_words_names_the_figure_and_the_limit() -> None:
    body = "We met at PyCon. " + "Your talk was great. " * 20 + "Could we talk?"
    assert failed(body)["words"] == "87 words: keep it under 75"
    assert "words" not in failed(body, limit=100)
    assert failed(body, limit=87)["words"] == "87 words: keep it under 87"


def test_a_word_holds_a_letter_or_a_digit() -> None:
    assert outreach.count_words("day-to-day — 20 minutes, you?") == 4


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We met at PyCon. Are you hiring?", '"hiring"'),
        ("We met at PyCon. May I send my Résumé?", '"résumé"'),
        ("We met at PyCon. Could I apply, or send a CV?", '"apply", "cv"'),
        ("We met at PyCon. Any JOBS or openings for you?", '"jobs", "openings"'),
    ],
)
def test_job_words_are_whole_words_in_any_case(text: str, found: str) -> None:
    assert failed(text)["job-words"] == f"job words {found}: ask for insight and advice, not a job"


def test_job_words_in_the_subject_count_and_parts_of_words_do_not() -> None:
    assert "job-words" in failed("Subject: a job question\n\nWe met at PyCon. Do you?")
    clean = "We met at PyCon. How did you come to your role, and do jobless people visit you?"
    assert "job-words" not in failed(clean)  # role is allowed; jobless is not job


@pytest.mark.parametrize(
    "first",
    [
        "As a fellow Leeds alum, I loved your talk.",
        "Maria suggested I write to you.",
        "We met at the PyData meetup in March.",
        "I also worked at Acme, on the data team.",
        "Priya gave me your name.",
        "We were both at Leeds in 2019.",
    ],
)
def test_a_connection_word_or_phrase_in_the_first_sentence_passes(first: str) -> None:
    assert "connection" not in failed(f"{first} Could you spare 20 minutes for you?")


def test_a_connection_later_than_the_first_sentence_fails() -> None:
    reasons = failed("I love your work. Maria suggested I write. Would you talk with me?")
    assert reasons["connection"].startswith("no connection in the first sentence")


def test_a_given_connection_name_counts_as_a_whole_word_sequence() -> None:
    text = "Priya Nair thought you would be glad to talk. Would you have 20 minutes?"
    assert "connection" in failed(text)
    assert "connection" not in failed(text, connections=["priya nair"])
    assert "connection" in failed(text, connections=["Nair Priya", "  "])
    result = next(r for r in check(text, connections=["Priya Nair"]) if r.key == "connection")
    assert result.reason == 'connection: "Priya Nair"'


def test_the_last_sentence_must_be_a_question() -> None:
    assert "question" not in failed('We met at PyCon. Would you talk with me?")')
    reason = failed("We met at PyCon. Would you talk with me? I would love that.")["question"]
    assert reason == 'ends with "I would love that.": end by asking a question'
    assert failed("")["question"] == "the note is empty: end with a question"


def test_more_you_than_i_counts_contractions_and_is_strict() -> None:
    assert failed("We met. I'm keen, and my plan is mine. Are you free?")["about-them"] == (
        "1 you, 3 I: write more about them than about you"
    )
    assert "about-them" in failed("We met. I ask: are you free?")  # 1 and 1 is not more
    assert "about-them" not in failed("We met. You're kind; would you talk to me?")


def test_the_word_limit_setting_defaults_to_the_module_constant() -> None:
    assert BY_KEY["outreach.word_limit"].default == outreach.DEFAULT_WORD_LIMIT == 75


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=400), names=st.lists(st.text(max_size=20), max_size=3))
def test_any_text_gets_five_one_line_reasons(text: str, names: list[str]) -> None:
    results = check(text, connections=names)
    assert [r.key for r in results] == [
        "words",
        "job-words",
        "connection",
        "question",
        "about-them",
    ]
    assert all(r.reason and "\n" not in r.reason and "\r" not in r.reason for r in results)


def test_a_hard_wrapped_line_that_starts_like_a_sign_off_is_still_the_body() -> None:
    wrapped = (
        "Hi Ana,\n\nMaria Lopez suggested I contact you. I am curious how your team works\n"
        "with clients.\nWould you have 20 minutes for a call next week?\n\nBest,\nSam\n"
    )
    assert split_note(wrapped).body.endswith("next week?")
    assert failed(wrapped) == {}
    long_body = " ".join(["Your work on open data interests me a great deal."] * 10)
    long = f"Hi Ana,\n\nMaria Lopez suggested I write. {long_body} Especially when working\nwith partners.\nCould we talk?\n\nBest,\nSam\n"
    assert failed(long)["words"] == "113 words: keep it under 75"  # however it is wrapped
    assert "question" not in failed(long)


def test_a_sign_off_straight_after_the_last_sentence_is_still_found() -> None:
    note = split_note("Hi Ana,\n\nMaria suggested I write. Could we talk?\nBest,\nSam\n")
    assert note.body == "Maria suggested I write. Could we talk?"
    assert note.after == "Best,\nSam"


def test_job_words_in_a_ps_after_the_sign_off_count() -> None:
    ps = GOOD + "\nP.S. I have attached my resume in case you know of any openings.\n"
    assert failed(ps) == {
        "job-words": 'job words "resume", "openings": ask for insight and advice, not a job'
    }


@pytest.mark.parametrize("first", ["Dr. Lee suggested I write to you.", "J. Smith referred me."])
def test_an_abbreviation_or_an_initial_does_not_end_the_first_sentence(first: str) -> None:
    note = f"Hi Ana,\n\n{first} Could you spare 20 minutes to tell me about your work?\n\nSam\n"
    assert "connection" not in failed(note)
    assert "question" not in failed(note)
