"""The read side the app hands its screens: every query a screen makes, and nothing else.

Screens read through :class:`ReadModel` (``app.reads``) and write through the services
(``app.services``): one way in for each. The hot queries (the board's cards, the review's
due list, the change counter) go to the store's fast reader, stdlib ``sqlite3`` on SQLite,
so the first paint never waits for SQLAlchemy. The richer views (a contact's hub, a
meeting, an organisation, the statistics) are built by the services' read methods, which
are imported the first time one is asked for.

The board's lazy render path needs less than this: it asks the :class:`CardSource`
protocol, which the read model satisfies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from infoterm.store.reader import BoardQuery, Card, DueRow, MeetingRow, Reader

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.services.contacts import ContactDetail
    from infoterm.services.followups import Draft, FollowUpView
    from infoterm.services.meeting_view import MeetingView
    from infoterm.services.network import (
        AddressRow,
        OrganisationDetail,
        OrganisationRow,
        ReferralForest,
    )
    from infoterm.services.stats import Stats
    from infoterm.services.targets import TargetRow
    from infoterm.store.database import Database


class CardSource(Protocol):
    """What the board needs to draw its columns lazily: counts, pages of cards, and where
    one card sits."""

    def counts(self, query: BoardQuery) -> dict[str, int]: ...

    def page(
        self, stage: str, query: BoardQuery, offset: int, limit: int, urgent: bool = False
    ) -> list[Card]: ...

    def position(
        self, contact_id: int, query: BoardQuery, urgent: Callable[[str], bool] | None = None
    ) -> tuple[str, int] | None: ...

    def address_book_count(self) -> int: ...


class ReadModel:
    """Queries only, synchronous. The database's fast reader answers the hot queries;
    ``services`` (called when first needed) builds the rich views."""

    def __init__(self, db: Callable[[], Database], services: Callable[[], Services]) -> None:
        self._db = db  # called each time: the app may switch databases (the demo)
        self._services = services

    def _reader(self) -> Reader:
        return self._db().reader

    # -- fast: the store's reader ----------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes when anyone (this process or another) commits."""
        return int(self._reader().data_version())

    def counts(self, query: BoardQuery) -> dict[str, int]:
        return self._reader().counts(query)

    def page(
        self, stage: str, query: BoardQuery, offset: int, limit: int, urgent: bool = False
    ) -> list[Card]:
        return self._reader().page(stage, query, offset, limit, urgent)

    def position(
        self, contact_id: int, query: BoardQuery, urgent: Callable[[str], bool] | None = None
    ) -> tuple[str, int] | None:
        return self._reader().position(contact_id, query, urgent)

    def has_contacts(self) -> bool:
        return self._reader().has_contacts()

    def address_book_count(self) -> int:
        return self._reader().address_book_count()

    def contact_names(self) -> list[tuple[int, str, str, str]]:
        """(id, name, organisation, stage) of everyone on the board."""
        return self._reader().contact_names()

    def due(self, until: datetime) -> list[DueRow]:
        return self._reader().due(until)

    def open_followups(self, contact_id: int) -> list[DueRow]:
        return self._reader().open_followups(contact_id)

    def meetings_between(self, start: datetime, end: datetime) -> list[MeetingRow]:
        return self._reader().meetings_between(start, end)

    # -- rich views: the services' read methods --------------------------------------------

    def resolve(self, name_or_id: str) -> int:
        return self._services().contacts.resolve(name_or_id)

    def contact(self, contact_id: int) -> ContactDetail:
        return self._services().contacts.detail(contact_id)

    def organisation_names(self) -> list[str]:
        return self._services().contacts.organisation_names()

    def followup(self, followup_id: int) -> FollowUpView:
        return self._services().followups.get(followup_id)

    def draft(self, followup_id: int) -> Draft:
        return self._services().followups.draft(followup_id)

    def loose_ends(self) -> list[FollowUpView]:
        """What landing would leave open."""
        return self._services().followups.loose_ends()

    def meeting(self, meeting_id: int) -> MeetingView:
        return self._services().meetings.get(meeting_id)

    def meeting_preview(self, contact_id: int, minutes: int | None = None) -> MeetingView:
        """What the meeting screen opens on; a meeting not yet stored has id 0."""
        return self._services().meetings.preview_for(contact_id, minutes)

    def meetings_with(self, contact_id: int) -> list[MeetingView]:
        """Every stored meeting with them: planned first, then held, newest first."""
        return self._services().meetings.history_of(contact_id)

    def organisations(self) -> list[OrganisationRow]:
        return self._services().network.organisations()

    def organisation(self, org_id: int) -> OrganisationDetail:
        return self._services().network.organisation(org_id)

    def organisation_of(self, contact_id: int) -> int | None:
        return self._services().network.organisation_of(contact_id)

    def address_book(
        self, search: str = "", limit: int | None = None
    ) -> tuple[list[AddressRow], int]:
        return self._services().network.address_book(search, limit)

    def referrals(self, contact_id: int | None = None) -> ReferralForest:
        return self._services().network.referrals(contact_id)

    def stats(self) -> Stats:
        return self._services().stats.compute()

    def targets(self) -> list[TargetRow]:
        """The target list (LAMP): every organisation in rank."""
        return self._services().targets.rows()

    def active_targets(self) -> list[int]:
        """The ids of the active employers, in rank."""
        return self._services().targets.active_ids()

    def target_names(self, ids: list[int]) -> list[str]:
        return self._services().targets.names(ids)

    def promotion(self, before: list[int], after: list[int]) -> str | None:
        """What to say when the active employers changed from ``before`` to ``after``."""
        return self._services().targets.promotion_message(before, after)
