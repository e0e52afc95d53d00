"""The target list in the TUI: the organisations screen's m/p/a keys, rank and active
marker, and the toast when an exhausted employer makes way for the next."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import DataTable

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.services.contacts import ContactFields
from infoterm.store.database import Database
from infoterm.store.schema import Contact
from tests.conftest import make_app, record_notifications


def _rows(app: Any) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_m_p_and_a_rate_the_organisation_under_the_cursor(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    for name, org in (("Ann", "Acme"), ("Bo", "Beta"), ("Cy", "Cobalt")):
        services.contacts.add(ContactFields(name=name, organisation=org))
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.press("O")
        await pilot.pause()
        assert [r[1] for r in _rows(app)] == ["Acme", "Beta", "Cobalt"]
        await pilot.press("j", "j", "m", "m")  # Cobalt: motivation 2
        await pilot.pause()
        rows = _rows(app)
        assert rows[0][:3] == ["●  1", "Cobalt", "2 1 -"]  # first in rank, and active
        assert [r[0].startswith("●") for r in rows] == [True, False, False]
        assert "Cobalt: motivation 2, posting 1, advocacy no · rank 1 · active" in toasts[-1]
        await pilot.press("p", "p", "p", "a")  # posting goes round 1 -> 2 -> 3 -> 1
        await pilot.pause()
        assert _rows(app)[0][:3] == ["●  1", "Cobalt", "2 1 A"]  # the cursor stayed on it
        await pilot.press("m", "m")  # 3, then round to 0: not rated, not active
        await pilot.pause()
        assert [r[1] for r in _rows(app)] == ["Cobalt", "Acme", "Beta"]  # advocacy yes first
        assert not any(r[0].startswith("●") for r in _rows(app))
    found = {r.name: (r.motivation, r.posting, r.advocacy) for r in services.targets.rows()}
    assert found == {"Acme": (0, 1, False), "Beta": (0, 1, False), "Cobalt": (0, 1, True)}


def six_requested_employers(services: Services, clock: FakeClock) -> dict[str, int]:
    """Org0..Org5 rated alike, one person each in requested; a week passes with no reply."""
    people = {}
    for i in range(6):
        org = f"Org{i}"
        people[org] = services.contacts.add(
            ContactFields(name=f"P{i}", organisation=org), stage="requested"
        )
        services.targets.set_lamp(services.network.resolve_organisation(org), motivation=3)
    clock.advance(timedelta(days=7))
    return people


async def test_an_exhausted_active_employer_promotes_the_next_with_a_toast(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    people = six_requested_employers(services, clock)  # met a week after: a late reply
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        app.open_contact(people["Org1"])
        await pilot.pause()
        await pilot.press("L")  # met, so replied, but late (obligate): Org1 is exhausted
        await pilot.pause()
        await pilot.pause()
        assert "Org1 is exhausted: Org5 is now an active employer" in toasts
        from infoterm.tui.widgets.board_view import BoardView

        board = app.screen_stack[1].query_one(BoardView)  # the board under the contact
        assert board.active_organisations == {"Org0", "Org2", "Org3", "Org4", "Org5"}
        await pilot.press("L")  # thanked: nothing changes in the list, no second toast
        await pilot.pause()
        await pilot.pause()
        assert sum("exhausted" in t for t in toasts) == 1
    assert services.targets.names(services.targets.active_ids()) == [
        "Org0",
        "Org2",
        "Org3",
        "Org4",
        "Org5",
    ]


async def test_the_board_marks_the_cards_of_active_employers(
    db: Database, clock: FakeClock
) -> None:
    from infoterm.tui.widgets.board_view import BoardView

    services = Services(db, clock)
    for name, org in (("Ann", "Acme"), ("Bo", "Beta")):
        services.contacts.add(ContactFields(name=name, organisation=org), stage="requested")
    services.targets.set_lamp(services.network.resolve_organisation("Acme"), motivation=2)
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        board = app.screen.query_one(BoardView)
        assert board.active_organisations == {"Acme"}
        lines = {
            card.name: board._card_line(card, 1, 18, False).text
            for card in (board.model.card(1, 0), board.model.card(1, 1))
            if card is not None
        }
        assert lines == {"Ann": " ● Acme".ljust(18), "Bo": " Beta".ljust(18)}
        # rated down to 0 in the organisations screen: back on the board, no marker
        await pilot.press("O", "m", "m", "escape")  # Acme: 2 -> 3, then round to 0
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert board.active_organisations == frozenset()


async def test_a_bad_holidays_country_still_lists_and_ranks_the_organisations(
    db: Database, clock: FakeClock
) -> None:
    """A hand-edited followups.holidays of the right form but no country ("XX") counts
    weekends only: the organisations are listed and ranked, nothing crashes."""
    from infoterm.settings import Settings

    services = Services(db, clock)
    ann = services.contacts.add(ContactFields(name="Ann", organisation="Acme"), stage="met")
    services.targets.set_lamp(services.network.resolve_organisation("Acme"), motivation=2)
    with services.transaction() as session:  # a reply on record: business days are counted
        contact = session.get(Contact, ann)
        assert contact is not None
        contact.requested_at = contact.replied_at = clock.now()
    app = make_app(db, clock, Settings(followups_holidays="XX"))
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.press("O")
        await pilot.pause()
        assert [r[:3] for r in _rows(app)] == [["●  1", "Acme", "2 1 -"]]
        assert not any("followups.holidays" in t for t in toasts)


async def test_undo_brings_the_employer_back_and_says_so(db: Database, clock: FakeClock) -> None:
    services = Services(db, clock)
    people = six_requested_employers(services, clock)
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        app.open_contact(people["Org1"])
        await pilot.pause()
        await pilot.press("L")  # met, late: Org1 is exhausted, Org5 promoted
        await pilot.pause()
        await pilot.pause()
        assert "Org1 is exhausted: Org5 is now an active employer" in toasts
        await pilot.press("u")
        await pilot.pause()
        await pilot.pause()
        assert "Org1 is an active employer again: Org5 waits its turn" in toasts
    assert "Org1" in services.targets.names(services.targets.active_ids())


async def test_ending_a_meeting_can_exhaust_an_employer_and_the_toast_says_who_is_next(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    people = six_requested_employers(services, clock)
    app = make_app(db, clock, start="meeting", contact=people["Org1"])
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.pause()
        await pilot.press("ctrl+t", "escape")  # the timer starts
        clock.advance(timedelta(minutes=18))
        await pilot.press("e", "y")
        await pilot.pause()
        await pilot.pause()
        assert services.contacts.detail(people["Org1"]).stage == "met"
        assert "Org1 is exhausted: Org5 is now an active employer" in toasts
