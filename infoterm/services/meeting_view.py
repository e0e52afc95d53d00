"""What the meeting screen is given: one meeting, read whole, as plain frozen data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infoterm.meeting import CHECKLIST_KEYS
from infoterm.questions import tag_of, tag_title, topic_title
from infoterm.services.question_bank import ordered
from infoterm.store.schema import Contact, Meeting, MeetingQuestion, Question
from infoterm.timer import TalkState, TimerState


@dataclass(frozen=True)
class QuestionItem:
    id: int
    topic: str
    topic_title: str
    text: str
    asked: bool  # in this meeting
    asked_before: datetime | None  # when last asked in an earlier meeting with them
    tag: str = ""  # its TIARA tag (questions.tag_of), "" for none

    @property
    def tag_title(self) -> str:
        return tag_title(self.tag)


@dataclass(frozen=True)
class EarlierMeeting:
    """A meeting held with them before this one, for the brief."""

    id: int
    when: datetime | None  # when it started (or was planned for)
    minutes: int | None  # how long it lasted
    notes: str


@dataclass(frozen=True)
class Brief:
    """What to have in front of you during the call (the goal is a setting, not here)."""

    referred_by: str  # the referrer's name, or ""
    person_notes: str  # your notes on the person
    org_notes: str  # your research notes on the organisation
    earlier: tuple[EarlierMeeting, ...] = ()  # newest first


@dataclass(frozen=True)
class MeetingView:
    id: int  # 0: not stored yet (the screen stores it when something happens in it)
    contact_id: int
    contact_name: str
    organisation: str
    title: str
    stage: str
    state: str  # scheduled | running | ended
    scheduled_at: datetime | None
    promised_minutes: int
    location: str
    agenda: str
    timer: TimerState
    talk: TalkState
    notes: str
    notes_saved_at: datetime | None
    checklist: dict[str, bool]
    questions: list[QuestionItem] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)
    duration_seconds: int | None = None
    overtime_seconds: int | None = None
    ended_on_time: bool | None = None
    version: int = 1
    created_at: datetime | None = None
    brief: Brief | None = None  # read with the questions (not for lists of meetings)

    @property
    def stored(self) -> bool:
        return self.id != 0

    @property
    def minutes(self) -> int | None:
        """How long it actually lasted, in whole minutes (None until it has ended)."""
        if self.duration_seconds is None:
            return None
        return round(self.duration_seconds / 60)

    @property
    def started(self) -> bool:
        return self.timer.started_at is not None

    @property
    def ended(self) -> bool:
        return self.timer.ended_at is not None


def checklist_of(meeting: Meeting) -> dict[str, bool]:
    """The ticks stored with a meeting (unknown keys and bad JSON ignored)."""
    try:
        data = json.loads(meeting.checklist or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: bool(value) for key, value in data.items() if key in CHECKLIST_KEYS}


def timer_of(meeting: Meeting) -> TimerState:
    return TimerState(
        promised_minutes=meeting.promised_minutes,
        lead_minutes=meeting.lead_minutes,
        started_at=meeting.started_at,
        paused_at=meeting.paused_at,
        paused_seconds=meeting.paused_seconds,
        extra_minutes=meeting.extra_minutes,
        ended_at=meeting.ended_at,
    )


def talk_of(meeting: Meeting) -> TalkState:
    speaker = meeting.talk_speaker if meeting.talk_speaker in ("me", "them") else None
    return TalkState(
        speaker=speaker,  # type: ignore[arg-type]
        since=meeting.talk_since,
        me_seconds=meeting.talk_me_seconds,
        them_seconds=meeting.talk_them_seconds,
    )


def build_view(session: Session, meeting: Meeting, *, questions: bool = True) -> MeetingView:
    contact = session.get(Contact, meeting.contact_id)
    assert contact is not None
    return MeetingView(
        id=meeting.id or 0,
        contact_id=contact.id,
        contact_name=contact.name,
        organisation=contact.organisation.name if contact.organisation else "",
        title=contact.title,
        stage=contact.stage,
        state=meeting.state,
        scheduled_at=meeting.scheduled_at,
        promised_minutes=meeting.promised_minutes,
        location=meeting.location,
        agenda=meeting.agenda,
        timer=timer_of(meeting),
        talk=talk_of(meeting),
        notes=meeting.notes,
        notes_saved_at=meeting.notes_saved_at,
        checklist=checklist_of(meeting),
        questions=_questions(session, meeting) if questions else [],
        referrals=_referrals(session, contact, meeting),
        duration_seconds=meeting.duration_seconds,
        overtime_seconds=meeting.overtime_seconds,
        ended_on_time=meeting.ended_on_time,
        version=meeting.version,
        created_at=meeting.created_at,
        brief=_brief(session, contact, meeting) if questions else None,
    )


def _referrals(session: Session, contact: Contact, meeting: Meeting) -> list[str]:
    """The people they suggested in this meeting: referred by them and added from its
    start until their next meeting began (not those referred before it)."""
    since = meeting.started_at or meeting.created_at
    query = select(Contact.name).where(
        Contact.referred_by_id == contact.id,
        Contact.deleted_at.is_(None),
        Contact.created_at >= since,
    )
    later = session.scalars(
        select(Meeting.started_at)
        .where(
            Meeting.contact_id == contact.id,
            Meeting.id != meeting.id,
            Meeting.started_at > since,
        )
        .order_by(Meeting.started_at)
        .limit(1)
    ).first()
    if later is not None:
        query = query.where(Contact.created_at < later)
    return list(session.scalars(query.order_by(Contact.created_at, Contact.id)))


def _brief(session: Session, contact: Contact, meeting: Meeting) -> Brief:
    earlier = session.scalars(
        select(Meeting)
        .where(
            Meeting.contact_id == contact.id,
            Meeting.id != (meeting.id or 0),
            Meeting.ended_at.is_not(None),
        )
        .order_by(Meeting.ended_at.desc(), Meeting.id.desc())
    ).all()
    referrer = contact.referred_by
    return Brief(
        referred_by=referrer.name if referrer is not None and referrer.deleted_at is None else "",
        person_notes=contact.notes or "",
        org_notes=contact.organisation.notes if contact.organisation is not None else "",
        earlier=tuple(
            EarlierMeeting(
                id=m.id,
                when=m.started_at or m.scheduled_at,
                minutes=round(m.duration_seconds / 60) if m.duration_seconds else None,
                notes=m.notes or "",
            )
            for m in earlier
        ),
    )


def _questions(session: Session, meeting: Meeting) -> list[QuestionItem]:
    asked_here = (
        set(
            session.scalars(
                select(MeetingQuestion.question_id).where(MeetingQuestion.meeting_id == meeting.id)
            )
        )
        if meeting.id
        else set()
    )
    earlier = dict(
        session.execute(
            select(MeetingQuestion.question_id, func.max(MeetingQuestion.asked_at))
            .join(Meeting, Meeting.id == MeetingQuestion.meeting_id)
            .where(Meeting.contact_id == meeting.contact_id, Meeting.id != (meeting.id or 0))
            .group_by(MeetingQuestion.question_id)
        ).all()
    )
    rows = session.scalars(
        select(Question).where(Question.archived.is_(False) | Question.id.in_(asked_here))
    )
    return [
        QuestionItem(
            id=q.id,
            topic=q.topic,
            topic_title=topic_title(q.topic),
            text=q.text,
            asked=q.id in asked_here,
            asked_before=earlier.get(q.id),
            tag=tag_of(q.topic, q.text),
        )
        for q in ordered(list(rows))
    ]
