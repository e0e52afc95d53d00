"""The target list (Dalton's LAMP list): rate organisations, rank them, find the active five.

The rules live in ``infoterm.lamp`` (pure); this reads the organisations and the facts of
their contacts in two queries (cheap at 10,000 contacts) and writes the three values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from infoterm import lamp
from infoterm.business_days import UnknownCountry
from infoterm.pipeline import STAGES
from infoterm.services.errors import NotFound, ServiceError
from infoterm.store.schema import Contact, Organisation

if TYPE_CHECKING:
    from infoterm.services import Services


@dataclass
class TargetRow:
    id: int
    name: str
    advocacy: bool
    motivation: int
    posting: int
    rank: int = 0  # 1 for the first
    active: bool = False
    exhausted: bool = False
    contacts: int = 0  # everyone there (not deleted), archived and address book included
    stages: dict[str, int] = field(default_factory=dict)
    """People on the board and not archived, per stage (every stage, 0 included)."""
    facts: list[lamp.ContactFacts] = field(default_factory=list, repr=False)

    @property
    def lamp(self) -> lamp.Lamp:
        return lamp.Lamp(self.name, self.advocacy, self.motivation, self.posting)


class TargetService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def set_lamp(
        self,
        org_id: int,
        *,
        motivation: int | None = None,
        posting: int | None = None,
        advocacy: bool | None = None,
    ) -> int:
        """Set any of the three values; a value out of range changes nothing (ServiceError).
        Returns the organisation's id."""
        try:
            if motivation is not None:
                lamp.check_motivation(motivation)
            if posting is not None:
                lamp.check_posting(posting)
        except lamp.LampError as exc:
            raise ServiceError(str(exc)) from None
        with self.services.transaction() as session:
            org = session.get(Organisation, org_id)
            if org is None:
                raise NotFound(f"no organisation with id {org_id}")
            if motivation is not None:
                org.motivation = motivation
            if posting is not None:
                org.posting = posting
            if advocacy is not None:
                org.advocacy = advocacy
        return org_id

    def rows(self) -> list[TargetRow]:
        """Every organisation in rank order, with its rank, whether it is active or
        exhausted, its number of contacts and its people per stage."""
        return self._ranked(rated_only=False)

    def active_ids(self) -> list[int]:
        """The active employers' ids, in rank order. Only rated organisations can be
        active, so only their people are read: the board and every move ask this, and a
        campaign without a target list pays one indexed query."""
        return [row.id for row in self._ranked(rated_only=True) if row.active]

    def without_request(self) -> list[str]:
        """The active employers with no request out: none of their people (on the board,
        not archived) is in requested or a later stage. The review's day is not done
        until this is empty (Dalton: always five employers in play)."""
        return [
            row.name
            for row in self._ranked(rated_only=True)
            if row.active and not lamp.has_request_out(row.stages)
        ]

    def _ranked(self, *, rated_only: bool) -> list[TargetRow]:
        orgs = select(
            Organisation.id,
            Organisation.name,
            Organisation.advocacy,
            Organisation.motivation,
            Organisation.posting,
        )
        people = select(
            Contact.organisation_id,
            Contact.stage,
            Contact.on_board,
            Contact.archived_at,
            Contact.requested_at,
            Contact.replied_at,
        ).where(Contact.organisation_id.is_not(None), Contact.deleted_at.is_(None))
        with self.services.read() as session:
            if rated_only:
                orgs = orgs.where(Organisation.motivation > 0)
            found = {
                i: TargetRow(i, n, bool(a), int(m), int(p), stages=dict.fromkeys(STAGES, 0))
                for i, n, a, m, p in session.execute(orgs)
            }
            if not found:
                return []
            if rated_only:
                people = people.where(Contact.organisation_id.in_(list(found)))
            local = self.services.clock.to_local
            for org_id, stage, on_board, archived_at, requested, replied in session.execute(people):
                row = found.get(org_id) if org_id is not None else None
                if row is None:
                    continue
                row.contacts += 1
                if on_board and archived_at is None and stage in row.stages:
                    row.stages[stage] += 1
                row.facts.append(
                    lamp.ContactFacts(
                        stage,
                        archived_at is not None,
                        local(requested).date() if requested else None,
                        local(replied).date() if replied else None,
                    )
                )
        country = self.services.settings.followups_holidays or None
        ordered = lamp.ranked(found.values(), lambda r: r.lamp)
        for number, row in enumerate(ordered, start=1):
            row.rank = number
            try:
                row.exhausted = lamp.is_exhausted(row.facts, country)
            except UnknownCountry:  # hand-edited: weekends only (see FollowUpEffects)
                row.exhausted = lamp.is_exhausted(row.facts, None)
        for row in lamp.active(ordered, lambda r: r.lamp, lambda r: r.exhausted):
            row.active = True
        return ordered

    def promotion_message(self, before: list[int], after: list[int]) -> str | None:
        """The toast when a change left active employers exhausted and promoted others,
        or (an undo, an unarchive) brought an employer back ahead of one promoted."""
        gone = [i for i in before if i not in after]
        new = lamp.promoted(before, after)
        if not gone or not new:
            return None
        names = self._names(gone + new)

        def said(ids: list[int]) -> str:
            return ", ".join(names.get(i, "?") for i in ids)

        exhausted = {row.id for row in self._ranked(rated_only=True) if row.exhausted}
        spent = [i for i in gone if i in exhausted]
        if spent:
            return f"{said(spent)} is exhausted: {said(new)} is now an active employer"
        return f"{said(new)} is an active employer again: {said(gone)} waits its turn"

    def others_moved(self, org_id: int, before: list[int], after: list[int]) -> list[str]:
        """After rating ``org_id``: the other employers that became active or stopped
        being active ("now active too: Beta", "no longer active: Foxtrot")."""
        joined = [i for i in after if i not in before and i != org_id]
        left = [i for i in before if i not in after and i != org_id]
        names = self._names(joined + left)
        said = []
        if joined:
            said.append("now active too: " + ", ".join(names.get(i, "?") for i in joined))
        if left:
            said.append("no longer active: " + ", ".join(names.get(i, "?") for i in left))
        return said

    def names(self, ids: list[int]) -> list[str]:
        found = self._names(ids)
        return [found[i] for i in ids if i in found]

    def _names(self, ids: list[int]) -> dict[int, str]:
        with self.services.read() as session:
            query = select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))
            return {int(i): str(n) for i, n in session.execute(query)}
