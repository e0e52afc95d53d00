"""Contacts and organisations: add, edit, move through the pipeline, archive, delete, undo."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from infoterm.followup_policy import REPLY_CLOSES
from infoterm.pipeline import (
    STAGE_TITLES,
    STAGES,
    ContactFields,
    parse_source,
    step,
    validate_contact,
)
from infoterm.responders import NONE, responder_type
from infoterm.services import history
from infoterm.services.errors import (
    Ambiguous,
    ChangedElsewhere,
    Difference,
    NotFound,
    ServiceError,
    ValidationFailed,
)
from infoterm.store.schema import Contact, Event, FollowUp, Meeting, Organisation
from infoterm.textsafe import as_row_id, one_line_problem

if TYPE_CHECKING:
    from infoterm.services import Services

EDITABLE = (
    "name",
    "title",
    "email",
    "phone",
    "linkedin_url",
    "source",
    "referred_by_id",
    "tags",
    "notes",
)
LABELS = {
    "name": "Name",
    "organisation": "Organisation",
    "title": "Title",
    "email": "Email",
    "phone": "Phone",
    "linkedin_url": "LinkedIn",
    "source": "Where found",
    "referred_by_id": "Referred by",
    "tags": "Tags",
    "notes": "Notes",
}


NAME_LENGTH = 200  # a stored name is at most this long (the column's length)
REPLY_VIA_LENGTH = 40  # contacts.reply_via


@dataclass
class TimelineEntry:
    id: int
    at: datetime
    kind: str
    summary: str
    undone: bool


@dataclass
class ContactDetail:
    id: int
    name: str
    organisation: str
    title: str
    email: str
    phone: str
    linkedin_url: str
    source: str
    tags: list[str]
    notes: str
    stage: str
    stage_changed_at: datetime
    archived: bool
    archive_reason: str
    referred_by: tuple[int, str] | None
    referrals: list[tuple[int, str, str]]  # id, name, stage
    created_at: datetime
    timeline: list[TimelineEntry] = field(default_factory=list)
    version: int = 1
    """The row's version as read: an edit saves only if it is still this one."""
    requested_at: datetime | None = None
    replied_at: datetime | None = None
    reply_via: str = ""
    responder: str = NONE  # booster, obligate, curmudgeon or none (infoterm.responders)

    def fields(self) -> ContactFields:
        return ContactFields(
            name=self.name,
            organisation=self.organisation,
            title=self.title,
            email=self.email,
            phone=self.phone,
            linkedin_url=self.linkedin_url,
            source=self.source,
            referred_by_id=self.referred_by[0] if self.referred_by else None,
            tags=", ".join(self.tags),
            notes=self.notes,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["stage_changed_at"] = self.stage_changed_at.isoformat()
        data["created_at"] = self.created_at.isoformat()
        for name in ("requested_at", "replied_at"):
            value = getattr(self, name)
            data[name] = value.isoformat() if value is not None else None
        data["referred_by"] = (
            {"id": self.referred_by[0], "name": self.referred_by[1]} if self.referred_by else None
        )
        data["referrals"] = [{"id": i, "name": n, "stage": s} for i, n, s in self.referrals]
        data["timeline"] = [
            {"at": e.at.isoformat(), "kind": e.kind, "summary": e.summary, "undone": e.undone}
            for e in self.timeline
        ]
        return data


@dataclass
class ContactRow:
    id: int
    name: str
    organisation: str
    title: str
    stage: str
    archived: bool


class ContactService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- reading -------------------------------------------------------------------------

    def resolve(self, name_or_id: str) -> int:
        """An id from '12', '#12', an exact name, or a unique part of a name."""
        key = name_or_id.strip().lstrip("#")
        if len(key) > NAME_LENGTH:  # matches no name (and SQLite refuses so long a LIKE)
            raise NotFound(f"no contact matches {name_or_id[:40]!r}…")
        with self.services.read() as session:
            if key.isdigit():
                row_id = as_row_id(key)
                contact = session.get(Contact, row_id) if row_id is not None else None
                if contact is None or contact.deleted_at is not None:
                    raise NotFound(f"no contact with id {key}")
                return contact.id
            alive = select(Contact.id, Contact.name).where(Contact.deleted_at.is_(None))
            exact = session.execute(alive.where(func.lower(Contact.name) == key.lower())).all()
            if not exact:
                escaped = key.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                exact = session.execute(
                    alive.where(func.lower(Contact.name).like(f"%{escaped}%", escape="\\"))
                ).all()
        if not exact:
            raise NotFound(f"no contact matches {name_or_id!r}")
        if len(exact) > 1:
            names = ", ".join(f"{name} (#{cid})" for cid, name in exact[:5])
            more = "…" if len(exact) > 5 else ""
            raise Ambiguous(
                f"{name_or_id!r} matches {len(exact)} contacts: {names}{more}; use an id"
            )
        return int(exact[0][0])

    def detail(self, contact_id: int) -> ContactDetail:
        with self.services.read() as session:
            c = self._get(session, contact_id)
            referrals = session.execute(
                select(Contact.id, Contact.name, Contact.stage)
                .where(Contact.referred_by_id == c.id, Contact.deleted_at.is_(None))
                .order_by(Contact.name)
            ).all()
            events = session.scalars(
                select(Event)
                .where(Event.contact_id == c.id)
                .order_by(Event.at.desc(), Event.id.desc())
            ).all()
            referrer = c.referred_by
            return ContactDetail(
                id=c.id,
                name=c.name,
                organisation=c.organisation.name if c.organisation else "",
                title=c.title,
                email=c.email,
                phone=c.phone,
                linkedin_url=c.linkedin_url,
                source=c.source,
                tags=[t for t in c.tags.split(",") if t],
                notes=c.notes,
                stage=c.stage,
                stage_changed_at=c.stage_changed_at,
                archived=c.archived_at is not None,
                archive_reason=c.archive_reason,
                referred_by=(referrer.id, referrer.name)
                if referrer and referrer.deleted_at is None
                else None,
                referrals=[(int(i), n, s) for i, n, s in referrals],
                created_at=c.created_at,
                timeline=[
                    TimelineEntry(e.id, e.at, e.kind, e.summary, e.undone_at is not None)
                    for e in events
                ],
                version=c.version,
                requested_at=c.requested_at,
                replied_at=c.replied_at,
                reply_via=c.reply_via,
                responder=self.responder_of(session, c),
            )

    def responder_of(self, session: Session, c: Contact) -> str:
        """Booster, obligate, curmudgeon or none (:mod:`infoterm.responders`)."""
        if c.requested_at is None:
            return NONE
        nudge_over = False
        if c.replied_at is None or c.replied_at < c.requested_at:
            nudge_over = (
                session.scalar(
                    select(FollowUp.id)
                    .where(
                        FollowUp.contact_id == c.id,
                        FollowUp.kind == "nudge",
                        FollowUp.state.in_(("done", "dismissed")),
                        FollowUp.created_at >= c.requested_at,
                    )
                    .limit(1)
                )
                is not None
            )
        clock = self.services.clock
        return responder_type(
            clock.to_local(c.requested_at).date(),
            clock.to_local(c.replied_at).date() if c.replied_at is not None else None,
            nudge_over,
            self.services.settings.followups_holidays or None,
        )

    @staticmethod
    def imply_reply(contact: Contact, now: datetime) -> None:
        """A meeting scheduled, or the card moved on from requested, means they answered:
        the reply is dated now unless one was recorded since the request."""
        if contact.requested_at is not None and (
            contact.replied_at is None or contact.replied_at < contact.requested_at
        ):
            contact.replied_at = now

    def record_reply(self, contact_id: int, at: datetime | None = None, via: str = "") -> str:
        """They answered your request (``at``: when, which may be in the past; default
        now; ``via``: how). It closes what waits for a reply (the second contact, the
        nudge, the let-go) and is undoable. Returns their responder type."""
        now = self.services.clock.now()
        replied = now if at is None else at.replace(microsecond=0)
        if replied > now:
            raise ServiceError("a reply is something that already happened; give a past time")
        via = via.strip()
        problem = one_line_problem("via", via)
        if problem is not None:
            raise ServiceError(problem)
        if len(via) > REPLY_VIA_LENGTH:
            raise ServiceError(f"via: at most {REPLY_VIA_LENGTH} characters (email, phone…)")
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            if contact.requested_at is None:
                raise ServiceError(
                    f"{contact.name} has not been asked yet: record the request first"
                    " (infoterm request, or r on the board)"
                )
            if replied < contact.requested_at:
                asked = self.services.followup_effects.day_time(contact.requested_at)
                raise ServiceError(f"that is before you asked {contact.name} ({asked})")
            before = history.snapshot(contact, ["replied_at", "reply_via"])
            contact.replied_at = replied
            contact.reply_via = via
            contact.updated_at = now
            changes = history.FollowUpChanges()
            self.services.followup_effects.close_kinds(
                session, contact.id, dict.fromkeys(REPLY_CLOSES, "closed"), now, changes
            )
            how = f" by {via}" if via else ""
            history.record(
                session,
                contact.id,
                "replied",
                f"{contact.name} replied{how}",
                replied,
                before=before,
                followups=changes,
                via=via,
            )
            session.flush()
            return self.responder_of(session, contact)

    def rows(self, stage: str | None = None, include_archived: bool = False) -> list[ContactRow]:
        with self.services.read() as session:
            query = (
                select(Contact)
                .where(Contact.deleted_at.is_(None), Contact.on_board.is_(True))
                .order_by(func.lower(Contact.name))
            )
            if stage:
                query = query.where(Contact.stage == stage)
            if not include_archived:
                query = query.where(Contact.archived_at.is_(None))
            return [
                ContactRow(
                    c.id,
                    c.name,
                    c.organisation.name if c.organisation else "",
                    c.title,
                    c.stage,
                    c.archived_at is not None,
                )
                for c in session.scalars(query)
            ]

    def organisation_names(self) -> list[str]:
        with self.services.read() as session:
            return list(session.scalars(select(Organisation.name).order_by(Organisation.name_key)))

    # -- writing -------------------------------------------------------------------------

    def add(self, fields: ContactFields, stage: str = "identified", on_board: bool = True) -> int:
        fields = self._validated(fields)
        if stage not in STAGES:
            raise ServiceError(f"unknown stage {stage!r}")
        now = self.services.clock.now()
        with self.services.transaction() as session:
            if fields.referred_by_id is not None:
                self._get(session, fields.referred_by_id)
            contact = Contact(
                created_at=now,
                updated_at=now,
                stage=stage,
                stage_changed_at=now,
                on_board=on_board,
                requested_at=now if stage == "requested" else None,
            )
            self._apply(session, contact, fields, now)
            if fields.referred_by_id is not None and not contact.source:
                contact.source = "referral"
            session.add(contact)
            session.flush()
            changes = self.services.followup_effects.on_contact_added(session, contact, now)
            history.record(
                session,
                contact.id,
                "created",
                f"Added {contact.name} to {stage}",
                now,
                followups=changes,
            )
            return contact.id

    def update(
        self,
        contact_id: int,
        fields: ContactFields,
        *,
        version: int | None = None,
        loaded: ContactFields | None = None,
    ) -> None:
        """Save an edit. With ``version`` (the one the form was loaded at) it saves only if
        the row is unchanged since, else raises :class:`ChangedElsewhere` with both sides'
        values. If the row changed only outside the form's fields (its stage, say: the
        stored fields still equal ``loaded``) or already holds these very values, nothing
        would be lost and the save goes ahead."""
        fields = self._validated(fields)
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            if fields.referred_by_id == contact.id:
                raise ValidationFailed({"referred_by": "a contact cannot refer themselves"})
            if version is not None and contact.version != version:
                self._check_unchanged(session, contact, fields, version, loaded)
            before = history.snapshot(contact, [*EDITABLE, "organisation_id"])
            self._apply(session, contact, fields, now)
            session.flush()
            after = history.snapshot(contact, [*EDITABLE, "organisation_id"])
            changed = [k for k in before if before[k] != after[k]]
            if not changed:
                return
            contact.updated_at = now
            if "organisation_id" in changed:
                self.services.followup_effects.on_contact_edited(session, contact, now)
            history.record(
                session,
                contact.id,
                "edited",
                f"Edited {', '.join(k.replace('_id', '').replace('_', ' ') for k in changed)}",
                now,
                before={k: before[k] for k in changed},
            )

    def move(self, contact_id: int, stage: str) -> str:
        if stage not in STAGES:
            raise ServiceError(f"unknown stage {stage!r}; stages are: {', '.join(STAGES)}")
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            self._no_meeting_running(session, contact, stage)
            return self._move(session, contact, stage, now)

    def step(self, contact_id: int, delta: int, seen: str | None = None) -> str | None:
        """Move one stage forward (+1) or back (-1); None at either end. ``seen``: the
        stage the user saw; when another window or machine moved the card since, nothing
        is changed (the same key on two machines moves the card once, not twice)."""
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            if seen is not None and contact.stage != seen:
                raise ServiceError(
                    f"{contact.name} was moved to {STAGE_TITLES[contact.stage]} elsewhere "
                    "meanwhile; this move was not made"
                )
            target = step(contact.stage, delta)
            if target is None:
                return None
            self._no_meeting_running(session, contact, target)
            return self._move(session, contact, target, now)

    def move_in(self, session: Session, contact: Contact, stage: str, now: datetime) -> str:
        """For other services: move inside their own transaction (e.g. a meeting ending)."""
        return self._move(session, contact, stage, now)

    def set_archived(self, contact_id: int, archived: bool, reason: str = "") -> bool:
        """Archive (or restore) a contact; True once done, also when it already was (the
        screens tell a write that went through from one that failed)."""
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            if (contact.archived_at is not None) == archived:
                return True
            before = history.snapshot(contact, ["archived_at", "archive_reason"])
            contact.archived_at = now if archived else None
            contact.archive_reason = reason if archived else ""
            contact.updated_at = now
            effects = self.services.followup_effects
            changes = (
                effects.on_archived(session, contact, now)
                if archived
                else effects.on_unarchived(session, contact, now)
            )
            why = f" ({reason})" if reason else ""
            history.record(
                session,
                contact.id,
                "archived" if archived else "unarchived",
                f"Archived {contact.name}{why}"
                if archived
                else f"Restored {contact.name} from the archive",
                now,
                before=before,
                followups=changes,
            )
        return True

    def delete(self, contact_id: int) -> str:
        now = self.services.clock.now()
        with self.services.transaction() as session:
            contact = self._get(session, contact_id)
            before = history.snapshot(contact, ["deleted_at"])
            contact.deleted_at = now
            history.record(
                session, contact.id, "deleted", f"Deleted {contact.name}", now, before=before
            )
            return contact.name

    def undo(self, contact_id: int | None = None) -> str | None:
        """Undo the latest change (of one contact, or of any); None when nothing is left."""
        now = self.services.clock.now()
        with self.services.transaction() as session:
            event = history.last_undoable(session, contact_id)
            if event is None:
                return None
            try:
                undone = history.undo(session, event, now)
            except history.ChangedSince as exc:
                differences = [
                    Difference(name, LABELS.get(name, name), str(back), str(stored))
                    for name, (back, stored) in exc.fields.items()
                ]
                raise ChangedElsewhere(
                    event.summary, None, None, differences, message=str(exc)
                ) from exc
            except LookupError as exc:
                raise ServiceError(str(exc)) from exc
            contact = session.get(Contact, event.contact_id) if event.contact_id else None
            if contact is not None and event.kind == "edited":
                self.services.followup_effects.on_contact_edited(session, contact, now)
            return undone

    # -- helpers -------------------------------------------------------------------------

    def stored_fields(self, session: Session, contact: Contact) -> ContactFields:
        """The contact's form fields as stored, in the shape ``ContactDetail.fields`` has."""
        referrer = contact.referred_by
        return ContactFields(
            name=contact.name,
            organisation=contact.organisation.name if contact.organisation else "",
            title=contact.title,
            email=contact.email,
            phone=contact.phone,
            linkedin_url=contact.linkedin_url,
            source=contact.source,
            referred_by_id=referrer.id if referrer and referrer.deleted_at is None else None,
            tags=", ".join(t for t in contact.tags.split(",") if t),
            notes=contact.notes,
        )

    def _check_unchanged(
        self,
        session: Session,
        contact: Contact,
        mine: ContactFields,
        version: int,
        loaded: ContactFields | None,
    ) -> None:
        """The row's version moved on since ``version``: raise unless nothing would be lost."""
        theirs = self.stored_fields(session, contact)
        now_stored = theirs.cleaned()
        if now_stored == mine or (loaded is not None and now_stored == loaded.cleaned()):
            return
        base = loaded.cleaned() if loaded is not None else None
        differences = [
            Difference(
                name,
                LABELS[name],
                self._shown(session, name, getattr(mine, name)),
                self._shown(session, name, getattr(now_stored, name)),
                changed_there=base is None or getattr(base, name) != getattr(now_stored, name),
                changed_here=base is None or getattr(base, name) != getattr(mine, name),
            )
            for name in LABELS
            if getattr(mine, name) != getattr(now_stored, name)
        ]
        # Keeping mine keeps what only they changed: a field you never touched is theirs.
        untouched = {
            d.field: getattr(now_stored, d.field) for d in differences if not d.changed_here
        }
        merged = replace(mine, **untouched)
        raise ChangedElsewhere(
            contact.name, version, contact.version, differences, theirs, merged=merged
        )

    @staticmethod
    def _shown(session: Session, name: str, value: Any) -> str:
        if name == "referred_by_id":
            referrer = session.get(Contact, value) if value is not None else None
            return referrer.name if referrer is not None else ""
        if name == "tags":
            return ", ".join(t for t in str(value).split(",") if t)
        return str(value)

    def _validated(self, fields: ContactFields) -> ContactFields:
        fields = fields.cleaned()
        errors = validate_contact(fields)
        if errors:
            raise ValidationFailed(errors)
        if fields.source:
            fields.source = parse_source(fields.source)
        return fields

    def _get(self, session: Session, contact_id: int) -> Contact:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise NotFound(f"no contact with id {contact_id}")
        return contact

    def _apply(
        self, session: Session, contact: Contact, fields: ContactFields, now: datetime
    ) -> None:
        for name in EDITABLE:
            setattr(contact, name, getattr(fields, name))
        contact.organisation = self.organisation(session, fields.organisation, now)

    def organisation(self, session: Session, name: str, now: datetime) -> Organisation | None:
        """Find an organisation by name (any case), creating it if new."""
        problem = one_line_problem("organisation", name.strip())
        if problem:
            raise ValidationFailed({"organisation": problem})
        name = " ".join(name.split())
        if not name:
            return None
        org = session.scalars(
            select(Organisation).where(Organisation.name_key == name.lower())
        ).first()
        if org is None:
            # Another process may create it between our look and our insert (on a database
            # that does not lock whole files): then its row is the one to use.
            try:
                with session.begin_nested():
                    org = Organisation(name=name, name_key=name.lower(), created_at=now)
                    session.add(org)
            except IntegrityError:
                org = session.scalars(
                    select(Organisation).where(Organisation.name_key == name.lower())
                ).one()
        return org

    def _move(self, session: Session, contact: Contact, stage: str, now: datetime) -> str:
        old = contact.stage
        if old == stage:
            return stage
        before = history.snapshot(
            contact, ["stage", "stage_changed_at", "requested_at", "replied_at"]
        )
        contact.stage = stage
        contact.stage_changed_at = now
        if stage == "requested":  # the request went out now (undo puts the old time back)
            contact.requested_at = now
        elif old == "requested" and STAGES.index(stage) > STAGES.index(old):
            self.imply_reply(contact, now)  # on from requested: they answered
        contact.updated_at = now
        changes = self.services.followup_effects.on_moved(session, contact, old, stage, now)
        history.record(
            session,
            contact.id,
            "moved",
            f"Moved {contact.name} from {old} to {stage}",
            now,
            before=before,
            followups=changes,
            old=old,
            new=stage,
        )
        return stage

    @staticmethod
    def _no_meeting_running(session: Session, contact: Contact, stage: str) -> None:
        """A meeting with them is running: ending it records it and moves the card to Met
        (with its thank-you); a move by hand would leave the timer running beside it."""
        if not STAGES.index(stage) >= STAGES.index("met") > STAGES.index(contact.stage):
            return
        running = session.scalars(
            select(Meeting.id).where(
                Meeting.contact_id == contact.id,
                Meeting.started_at.is_not(None),
                Meeting.ended_at.is_(None),
            )
        ).first()
        if running is not None:
            raise ServiceError(
                f"the meeting with {contact.name} is running: end it (m, then e) and the "
                "card moves to Met by itself; nothing was changed"
            )


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
