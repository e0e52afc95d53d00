"""The database schema as SQLAlchemy 2.x typed models.

Times are UTC text (see ``timefmt``) so the stdlib reader and SQLAlchemy agree on them.
Bump ``SCHEMA_VERSION`` and add an upgrade in ``migrate.py`` for every change here, and
freeze the new schema in ``tests/store/schema_vN.sql`` (a test compares a fresh database
with the newest frozen one, so a change without a version fails).

Version history:
1. the first schema;
2. ``ix_contacts_counts`` (the board's covering index, once added to 1 by mistake) and a
   ``version`` on every row a person edits (contacts, organisations, meetings,
   follow-ups), bumped by every ORM update, so that a save can tell the row changed since
   it was loaded;
3. on PostgreSQL the change counter ``infoterm_changes`` with its triggers (``migrate``):
   how an open screen sees another machine's change. SQLite has PRAGMA data_version;
4. ``ux_followups_obligation``: one open follow-up per obligation (``followup_policy.obligation``)
   is kept by the database itself, a unique partial index, so two machines acting at once
   cannot add two. The upgrade closes duplicates that slipped in before (see ``migrate``).
5. The 2-Hour Job Search (issue 13), every column it needs at once: an organisation's LAMP
   values (``advocacy``, ``motivation`` 0-3, ``posting`` 1-3), and on a contact when the
   latest request went out (``requested_at``) and when and how they replied
   (``replied_at``, ``reply_via``): a responder type is computed from these, not stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from infoterm.store.timefmt import date_from_db, date_to_db, from_db, to_db

SCHEMA_VERSION = 5


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as 'YYYY-MM-DD HH:MM:SS' in UTC."""

    impl = String(19)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return from_db(value)


class IsoDate(TypeDecorator[date]):
    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Dialect) -> str | None:
        return date_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        return date_from_db(value)


class Base(DeclarativeBase):
    pass


def row_version() -> Mapped[int]:
    """The optimistic-concurrency counter: 1 on insert, +1 on every ORM update."""
    return mapped_column(Integer, default=1, server_default=text("1"))


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = row_version()
    __mapper_args__ = {"version_id_col": version}
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    website: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_target: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Dalton's LAMP values (version 5): rank by motivation, then posting, then advocacy
    advocacy: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("FALSE"))
    motivation: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    posting: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    contacts: Mapped[list[Contact]] = relationship(back_populates="organisation")


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_board", "stage", "stage_changed_at"),
        # covers the board's column counts, so they stay ~1 ms at 10,000 contacts
        Index("ix_contacts_counts", "stage", "on_board", "deleted_at", "archived_at"),
        Index("ix_contacts_linkedin", "linkedin_url"),
        Index("ix_contacts_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = row_version()
    __mapper_args__ = {"version_id_col": version}
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(40), default="")
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    tags: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20), default="identified")
    stage_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    on_board: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    archive_reason: Mapped[str] = mapped_column(String(40), default="")
    checkin_weeks: Mapped[int | None] = mapped_column(Integer)
    last_touch_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    connected_on: Mapped[date | None] = mapped_column(IsoDate)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # version 5: the latest request, and their reply to it (a responder type is computed)
    requested_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reply_via: Mapped[str] = mapped_column(String(40), default="", server_default=text("''"))

    organisation: Mapped[Organisation | None] = relationship(back_populates="contacts")
    referred_by: Mapped[Contact | None] = relationship(remote_side=[id])


class Event(Base):
    """The history: one row per thing that happened to a contact."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_contact", "contact_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON: before/after for undo
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = row_version()
    __mapper_args__ = {"version_id_col": version}
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    promised_minutes: Mapped[int] = mapped_column(Integer, default=20)
    location: Mapped[str] = mapped_column(String(500), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="scheduled")
    lead_minutes: Mapped[float] = mapped_column(Float, default=2.0)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    overtime_seconds: Mapped[int | None] = mapped_column(Integer)
    ended_on_time: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_saved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    talk_speaker: Mapped[str | None] = mapped_column(String(4))
    talk_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    talk_me_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    talk_them_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    checklist: Mapped[str] = mapped_column(Text, default="{}")  # JSON: item -> ticked
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Question(Base):
    """The user's question bank, grouped by topic."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingQuestion(Base):
    __tablename__ = "meeting_questions"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


OBLIGATION_DETAIL = (
    "(CASE kind WHEN 'prepare' THEN COALESCE(meeting_id, 0)"
    " WHEN 'report-back' THEN COALESCE(about_contact_id, 0) ELSE 0 END)"
)
OBLIGATION_OPEN = "state = 'open' AND kind <> 'custom'"


class FollowUp(Base):
    """Something owed to a contact. Open until done or dismissed; snoozing moves it."""

    __tablename__ = "followups"
    __table_args__ = (
        Index("ix_followups_due", "state", "due_at"),
        Index("ix_followups_contact", "contact_id", "state"),
        # one open follow-up per obligation (followup_policy.obligation), on both engines
        Index(
            "ux_followups_obligation",
            "contact_id",
            "kind",
            text(OBLIGATION_DETAIL),
            unique=True,
            sqlite_where=text(OBLIGATION_OPEN),
            postgresql_where=text(OBLIGATION_OPEN),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = row_version()
    __mapper_args__ = {"version_id_col": version}
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(12), default="open")
    reason: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    about_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Landing(Base):
    """The job the user landed (normally one)."""

    __tablename__ = "landings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(IsoDate)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
