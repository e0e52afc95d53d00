"""Questions asked by TIARA tag, in the stats: derived from the bank by text and topic."""

from __future__ import annotations

from sqlalchemy import select

from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.statsview import stats_lines
from infoterm.store.schema import Question


def _ask(services: Services, contact: int, texts: list[str]) -> None:
    meeting = services.meetings.open_for(contact)
    ids = {q.text: q.id for q in meeting.questions}
    for text in texts:
        services.meetings.tick_question(meeting.id, ids[text])


def test_asked_questions_are_counted_by_tag(services: Services) -> None:
    c = services.contacts
    ana = c.add(ContactFields(name="Ana"))
    ben = c.add(ContactFields(name="Ben"))
    gone = c.add(ContactFields(name="Gone"))
    services.meetings.bank.add("Money matters", "How are salaries set?")
    services.meetings.bank.add("trends", "What will change next year?")
    course = "Is there a course, community or newsletter you would point me to?"
    week = "What does a normal week look like for you, and where does most of the time go?"
    _ask(services, ana, [course, week, "What will change next year?", "How are salaries set?"])
    _ask(services, ben, [course])
    _ask(services, gone, [week])
    c.delete(gone)  # a deleted person's meetings no longer count
    # a default question reworded: its topic (work) decides now
    with services.transaction() as session:
        row = session.scalars(select(Question).where(Question.text == course)).one()
        row.text = "Which newsletter should I read?"
    stats = services.stats.compute()
    assert stats.asked_by_tag == {
        "trends": 1,
        "insights": 0,
        "advice": 2,  # the reworded course question is under the advice topic
        "resources": 0,
        "assignments": 1,
        "": 1,
    }
    assert stats.to_json()["asked_by_tag"]["other"] == 1
    text = "\n".join(stats_lines(stats))
    assert "Questions you ask, by TIARA tag" in text
    assert "  Advice             2  40% ███" in text  # labels share one width
    assert "  Other questions    1  20% ███" in text
    assert "Not asked yet: Insights, Resources." in text


def test_no_questions_asked_yet(services: Services) -> None:
    text = "\n".join(stats_lines(services.stats.compute()))
    assert "no questions ticked as asked yet" in text
