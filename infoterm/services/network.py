"""Your network: referral chains, organisations, and the address book of imported people.

A referral chain starts at someone nobody referred and follows ``referred_by`` down.
Once the user has landed (a ``landings`` row), the chain that led to the job is every
person in a chain who works at the landed organisation, with everyone who referred them
up to the root: the path from a first conversation to the employer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from infoterm.pipeline import STAGE_TITLES, STAGES
from infoterm.services import history
from infoterm.services.errors import Ambiguous, ChangedElsewhere, Difference, NotFound, ServiceError
from infoterm.store.schema import Contact, Landing, Meeting, Organisation
from infoterm.textsafe import as_row_id

if TYPE_CHECKING:
    from infoterm.services import Services


@dataclass
class ReferralNode:
    id: int
    name: str
    organisation: str
    stage: str
    archived: bool
    on_board: bool
    children: list[ReferralNode] = field(default_factory=list)
    landed: bool = False
    """In the chain that led to the job."""

    def walk(self) -> list[ReferralNode]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass
class ReferralForest:
    roots: list[ReferralNode]
    landed_at: str | None
    """The organisation of the latest landing, if the user has landed."""
    focus: int | None = None
    unlinked: int = 0
    """People in no chain at all (not referred, referred no one); left out of ``roots``."""


@dataclass
class OrgPerson:
    id: int
    name: str
    title: str
    stage: str
    archived: bool
    on_board: bool


@dataclass
class OrgMeeting:
    id: int
    contact_id: int
    contact: str
    when: datetime | None
    state: str
    minutes: int


@dataclass
class OrganisationDetail:
    id: int
    name: str
    website: str
    notes: str
    is_target: bool
    people: list[OrgPerson]
    meetings: list[OrgMeeting]
    landed: bool
    version: int = 1

    def stage_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STAGES, 0)
        for p in self.people:
            if p.on_board and not p.archived:
                counts[p.stage] += 1
        return counts


@dataclass
class OrganisationRow:
    id: int
    name: str
    people: int
    is_target: bool
    stages: dict[str, int] = field(default_factory=dict)
    """People on the board and not archived, per stage (stages with none left out)."""
    last_touch: datetime | None = None
    """The latest touch with anyone there."""


@dataclass
class AddressRow:
    id: int
    name: str
    organisation: str
    title: str
    connected_on: date | None


class NetworkService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- referral chains ---------------------------------------------------------------

    def referrals(self, contact_id: int | None = None) -> ReferralForest:
        """Every chain (``contact_id`` None), or the one chain that holds that contact."""
        with self.services.read() as session:
            nodes, parent = self._nodes(session)
            landed_at = self._landed_at(session)
        if contact_id is not None and contact_id not in nodes:
            raise NotFound(f"no contact with id {contact_id}")
        for cid, pid in parent.items():
            nodes[pid].children.append(nodes[cid])
        for node in nodes.values():
            node.children.sort(key=lambda n: (-STAGES.index(n.stage), n.name.casefold()))
        roots = [n for cid, n in nodes.items() if cid not in parent]
        roots += self._cycle_roots(nodes, parent, roots)
        if landed_at:
            self._mark_landed(nodes, parent, landed_at)
        if contact_id is not None:
            top = contact_id
            seen = {top}
            while top in parent and parent[top] not in seen:
                top = parent[top]
                seen.add(top)
            return ReferralForest([nodes[top]], landed_at, focus=contact_id)
        chains = [r for r in roots if r.children]
        chains.sort(key=lambda r: (not r.landed, -len(r.walk()), r.name.casefold()))
        unlinked = sum(1 for r in roots if not r.children and r.on_board)
        return ReferralForest(chains, landed_at, unlinked=unlinked)

    @staticmethod
    def _nodes(session: Session) -> tuple[dict[int, ReferralNode], dict[int, int]]:
        rows = session.execute(
            select(
                Contact.id,
                Contact.name,
                func.coalesce(Organisation.name, ""),
                Contact.stage,
                Contact.archived_at,
                Contact.on_board,
                Contact.referred_by_id,
            )
            .outerjoin(Organisation, Organisation.id == Contact.organisation_id)
            .where(Contact.deleted_at.is_(None))
        ).all()
        nodes = {
            cid: ReferralNode(cid, name, org, stage, archived is not None, bool(on_board))
            for cid, name, org, stage, archived, on_board, _ref in rows
        }
        parent = {
            cid: ref for cid, *_rest, ref in rows if ref is not None and ref in nodes and ref != cid
        }
        return nodes, parent

    @staticmethod
    def _cycle_roots(
        nodes: dict[int, ReferralNode], parent: dict[int, int], roots: list[ReferralNode]
    ) -> list[ReferralNode]:
        """Edits can make A refer B and B refer A; show such a loop from its lowest id."""
        reached = {n.id for r in roots for n in r.walk()}
        extra: list[ReferralNode] = []
        for cid in sorted(nodes):
            if cid in reached:
                continue
            loop = [cid]
            while parent.get(loop[-1]) not in (None, *loop):
                loop.append(parent[loop[-1]])
            top = nodes[min(loop)]
            if top.id in parent:
                nodes[parent.pop(top.id)].children.remove(top)
            extra.append(top)
            reached |= {n.id for n in top.walk()}
        return extra

    @staticmethod
    def _mark_landed(nodes: dict[int, ReferralNode], parent: dict[int, int], org: str) -> None:
        key = org.casefold().strip()
        linked = set(parent) | set(parent.values())
        there = [
            n for n in nodes.values() if n.id in linked and n.organisation.casefold().strip() == key
        ]
        # The people there you actually talked to led you in; if none, everyone there.
        met = [n for n in there if STAGES.index(n.stage) >= STAGES.index("met")]
        for node in met or there:
            current: int | None = node.id
            seen: set[int] = set()
            while current is not None and current not in seen:
                seen.add(current)
                nodes[current].landed = True
                current = parent.get(current)

    @staticmethod
    def _landed_at(session: Session) -> str | None:
        return session.scalars(
            select(Landing.organisation).order_by(Landing.recorded_at.desc(), Landing.id.desc())
        ).first()

    # -- organisations -----------------------------------------------------------------

    def organisation_of(self, contact_id: int) -> int | None:
        with self.services.read() as session:
            contact = session.get(Contact, contact_id)
            if contact is None or contact.deleted_at is not None:
                raise NotFound(f"no contact with id {contact_id}")
            return contact.organisation_id

    def organisations(self) -> list[OrganisationRow]:
        """Every organisation with its number of people, their stages and the latest
        touch with any of them; targets first."""
        with self.services.read() as session:
            found = {
                i: OrganisationRow(i, n, 0, bool(t))
                for i, n, t in session.execute(
                    select(Organisation.id, Organisation.name, Organisation.is_target)
                )
            }
            people = session.execute(
                select(
                    Contact.organisation_id,
                    Contact.stage,
                    Contact.on_board,
                    Contact.archived_at,
                    Contact.last_touch_at,
                ).where(Contact.organisation_id.is_not(None), Contact.deleted_at.is_(None))
            )
            for org_id, stage, on_board, archived_at, touched in people:
                row = found.get(org_id) if org_id is not None else None
                if row is None:
                    continue
                row.people += 1
                if on_board and archived_at is None:
                    row.stages[stage] = row.stages.get(stage, 0) + 1
                if touched is not None and (row.last_touch is None or touched > row.last_touch):
                    row.last_touch = touched
        for row in found.values():
            row.stages = {s: row.stages[s] for s in STAGES if s in row.stages}
        return sorted(found.values(), key=lambda r: (not r.is_target, r.name.casefold()))

    def resolve_organisation(self, name_or_id: str) -> int:
        """An organisation's id from '#3', an exact name (any case) or a unique part."""
        key = " ".join(name_or_id.split()).lstrip("#")
        with self.services.read() as session:
            row_id = as_row_id(key)
            if row_id is not None:
                return self._org(session, row_id).id
            found = session.execute(
                select(Organisation.id, Organisation.name).where(
                    Organisation.name_key == key.lower()
                )
            ).all()
            if not found:
                escaped = key.lower().replace("\\", "\\\\").replace("%", "\\%")
                escaped = escaped.replace("_", "\\_")
                found = session.execute(
                    select(Organisation.id, Organisation.name).where(
                        Organisation.name_key.like(f"%{escaped}%", escape="\\")
                    )
                ).all()
        if not found:
            raise NotFound(f"no organisation matches {name_or_id!r}")
        if len(found) > 1:
            names = ", ".join(f"{n} (#{i})" for i, n in found[:5])
            raise Ambiguous(f"{name_or_id!r} matches {len(found)} organisations: {names}")
        return int(found[0][0])

    def organisation(self, org_id: int) -> OrganisationDetail:
        with self.services.read() as session:
            org = session.get(Organisation, org_id)
            if org is None:
                raise NotFound(f"no organisation with id {org_id}")
            contacts = session.scalars(
                select(Contact)
                .where(Contact.organisation_id == org_id, Contact.deleted_at.is_(None))
                .order_by(func.lower(Contact.name))
            ).all()
            people = [
                OrgPerson(c.id, c.name, c.title, c.stage, c.archived_at is not None, c.on_board)
                for c in contacts
            ]
            people.sort(key=lambda p: (not p.on_board, -STAGES.index(p.stage), p.name.casefold()))
            names = {c.id: c.name for c in contacts}
            meetings = [
                OrgMeeting(
                    m.id,
                    m.contact_id,
                    names[m.contact_id],
                    m.started_at or m.scheduled_at,
                    m.state,
                    round(m.duration_seconds / 60) if m.duration_seconds else m.promised_minutes,
                )
                for m in session.scalars(select(Meeting).where(Meeting.contact_id.in_(list(names))))
            ]
            meetings.sort(
                key=lambda m: (m.when is not None, m.when or org.created_at), reverse=True
            )
            landed_at = self._landed_at(session)
            return OrganisationDetail(
                org.id,
                org.name,
                org.website,
                org.notes,
                org.is_target,
                people,
                meetings,
                landed=landed_at is not None and landed_at.casefold().strip() == org.name_key,
                version=org.version,
            )

    def set_target(self, org_id: int, target: bool) -> None:
        with self.services.transaction() as session:
            self._org(session, org_id).is_target = target

    def set_notes(self, org_id: int, notes: str) -> None:
        with self.services.transaction() as session:
            self._org(session, org_id).notes = notes.rstrip()

    def set_website(self, org_id: int, website: str) -> None:
        website = website.strip()
        if website and (" " in website or "." not in website):
            raise ServiceError(f"{website!r} does not look like a web address")
        with self.services.transaction() as session:
            self._org(session, org_id).website = website

    def save_research(
        self,
        org_id: int,
        website: str,
        notes: str,
        *,
        version: int | None = None,
        loaded: tuple[str, str] | None = None,
    ) -> None:
        """Save the website and notes in one go, only if the row is unchanged since
        ``version`` (or its website and notes are still ``loaded``, or already these);
        else :class:`ChangedElsewhere` with both sides."""
        website, notes = website.strip(), notes.rstrip()
        if website and (" " in website or "." not in website):
            raise ServiceError(f"{website!r} does not look like a web address")
        with self.services.transaction() as session:
            org = self._org(session, org_id)
            stored = (org.website, org.notes)
            if (
                version is not None
                and org.version != version
                and stored != (website, notes)
                and (loaded is None or stored != (loaded[0].strip(), loaded[1].rstrip()))
            ):
                differences = [
                    Difference(field, label, mine, theirs)
                    for field, label, mine, theirs in (
                        ("website", "Website", website, org.website),
                        ("notes", "Notes", notes, org.notes),
                    )
                    if mine != theirs
                ]
                raise ChangedElsewhere(org.name, version, org.version, differences, stored)
            org.website, org.notes = website, notes

    @staticmethod
    def _org(session: Session, org_id: int) -> Organisation:
        org = session.get(Organisation, org_id)
        if org is None:
            raise NotFound(f"no organisation with id {org_id}")
        return org

    # -- the address book --------------------------------------------------------------

    def address_book(
        self, search: str = "", limit: int | None = None
    ) -> tuple[list[AddressRow], int]:
        """Imported people not yet on the board, by name; and how many match in all."""
        where: list[ColumnElement[bool]] = [
            Contact.on_board.is_(False),
            Contact.deleted_at.is_(None),
        ]
        needle = search.strip().lower()
        if needle:
            escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            where.append(
                or_(
                    func.lower(Contact.name).like(pattern, escape="\\"),
                    func.lower(func.coalesce(Organisation.name, "")).like(pattern, escape="\\"),
                    func.lower(Contact.title).like(pattern, escape="\\"),
                )
            )
        base = select(Contact.id).outerjoin(
            Organisation, Organisation.id == Contact.organisation_id
        )
        with self.services.read() as session:
            total = session.execute(
                select(func.count()).select_from(base.where(*where).subquery())
            ).scalar()
            query = (
                select(
                    Contact.id,
                    Contact.name,
                    func.coalesce(Organisation.name, ""),
                    Contact.title,
                    Contact.connected_on,
                )
                .outerjoin(Organisation, Organisation.id == Contact.organisation_id)
                .where(*where)
                .order_by(func.lower(Contact.name), Contact.id)
            )
            if limit is not None:
                query = query.limit(limit)
            rows = [AddressRow(*row) for row in session.execute(query).all()]
        return rows, int(total or 0)

    def put_on_board(self, contact_ids: list[int], stage: str = "identified") -> int:
        """Move people from the address book onto the board; returns how many moved."""
        if stage not in STAGES:
            raise ServiceError(f"unknown stage {stage!r}")
        now = self.services.clock.now()
        moved = 0
        with self.services.transaction() as session:
            for start in range(0, len(contact_ids), 500):
                chunk = contact_ids[start : start + 500]
                for contact in session.scalars(select(Contact).where(Contact.id.in_(chunk))):
                    if contact.on_board or contact.deleted_at is not None:
                        continue
                    before = history.snapshot(contact, ["on_board", "stage", "stage_changed_at"])
                    contact.on_board = True
                    contact.stage = stage
                    contact.stage_changed_at = now
                    contact.updated_at = now
                    session.flush()
                    changes = self.services.followup_effects.on_contact_added(session, contact, now)
                    history.record(
                        session,
                        contact.id,
                        "edited",
                        f"Put {contact.name} on the board in {STAGE_TITLES[stage]}",
                        now,
                        before=before,
                        followups=changes,
                    )
                    moved += 1
        return moved
