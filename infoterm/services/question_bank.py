"""The question bank: seeded with the defaults on first use, then the user's to edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infoterm.questions import default_rows, parse_topic, tag_of, topic_order, topic_title
from infoterm.services.errors import NotFound, ValidationFailed
from infoterm.store.schema import Question

if TYPE_CHECKING:
    from infoterm.services import Services

MAX_LENGTH = 500


@dataclass(frozen=True)
class BankQuestion:
    id: int
    topic: str
    topic_title: str
    text: str
    archived: bool
    tag: str = ""  # its TIARA tag (questions.tag_of), "" for none


def ensure_seeded(session: Session) -> None:
    """Fill an empty bank with the defaults (once: archived questions count as present)."""
    if session.scalar(select(func.count()).select_from(Question)):
        return
    session.add_all(
        Question(topic=topic, text=text, position=position)
        for topic, text, position in default_rows()
    )
    session.flush()


def ordered(questions: list[Question]) -> list[Question]:
    return sorted(questions, key=lambda q: (topic_order(q.topic), q.topic, q.position, q.id))


class QuestionBank:
    def __init__(self, services: Services) -> None:
        self.services = services

    def list(self, include_archived: bool = False) -> list[BankQuestion]:
        with self.services.transaction() as session:
            ensure_seeded(session)
            query = select(Question)
            if not include_archived:
                query = query.where(Question.archived.is_(False))
            return [
                BankQuestion(
                    q.id, q.topic, topic_title(q.topic), q.text, q.archived, tag_of(q.topic, q.text)
                )
                for q in ordered(list(session.scalars(query)))
            ]

    def add(self, topic: str, text: str) -> int:
        key, text = self._checked(topic, text)
        with self.services.transaction() as session:
            ensure_seeded(session)
            last = session.scalar(select(func.max(Question.position)).where(Question.topic == key))
            question = Question(topic=key, text=text, position=(last or 0) + 1)
            session.add(question)
            session.flush()
            return question.id

    def edit(self, question_id: int, text: str | None = None, topic: str | None = None) -> None:
        with self.services.transaction() as session:
            question = self._get(session, question_id)
            key, cleaned = self._checked(
                topic if topic is not None else question.topic,
                text if text is not None else question.text,
            )
            question.topic, question.text = key, cleaned

    def set_archived(self, question_id: int, archived: bool) -> str:
        """Remove a question from meetings (kept for past ones), or bring it back."""
        with self.services.transaction() as session:
            question = self._get(session, question_id)
            question.archived = archived
            return question.text

    def _get(self, session: Session, question_id: int) -> Question:
        question = session.get(Question, question_id)
        if question is None:
            raise NotFound(f"no question with id {question_id} (infoterm questions lists them)")
        return question

    def _checked(self, topic: str, text: str) -> tuple[str, str]:
        cleaned = " ".join(text.split())
        errors: dict[str, str] = {}
        try:
            key = parse_topic(topic)
        except ValueError as exc:
            errors["topic"], key = str(exc), ""
        if not cleaned:
            errors["text"] = "the question is empty"
        elif len(cleaned) > MAX_LENGTH:
            errors["text"] = f"a question is at most {MAX_LENGTH} characters"
        if errors:
            raise ValidationFailed(errors)
        return key, cleaned
