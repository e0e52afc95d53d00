"""Address book, import, referral tree, organisation and stats screens, driven through Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.address_book import AddressBookScreen
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.import_file import ImportFileModal
from infoterm.tui.screens.organisation import OrganisationScreen
from infoterm.tui.screens.referrals import ReferralsScreen, ReferralTree
from infoterm.tui.screens.stats import StatsScreen
from tests.conftest import make_app, record_notifications
from tests.interop.helpers import LINKEDIN_HEADER, LINKEDIN_PREAMBLE


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def finish_import(app) -> None:
    """Wait for the import worker (not the board's worker, which waits for the modal)."""
    for worker in list(app.workers):
        if worker.group == "import":
            await worker.wait()


def table_names(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def test_address_book_search_select_and_put_on_board(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    toasts = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, AddressBookScreen)
        assert len(table_names(app)) == 12
        assert "12 not on the board" in text_of(app, "#address-title")

        await pilot.press("slash", *"kestrel", "enter")
        await pilot.pause()
        assert table_names(app) == ["Bashir Rahimi", "Kiri Ngata"]
        await pilot.press("a")  # select both shown
        assert "2 selected" in text_of(app, "#address-title")
        app.screen.query_one("#address-search", Input).value = ""  # selections survive
        await pilot.pause()
        assert len(table_names(app)) == 12
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(3)] == ["", "✓", ""]
        table.move_cursor(row=0)
        await pilot.press("space", "p")  # Alice too
        await pilot.pause()
        assert "Put 3 people on the board in Identified" in toasts
        assert len(table_names(app)) == 9
        assert "Alice Moreno" not in table_names(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)

    names = {r.name for r in Services(demo_db, clock).contacts.rows("identified")}
    assert {"Alice Moreno", "Bashir Rahimi", "Kiri Ngata"} <= names


async def test_put_the_person_under_the_cursor_on_the_board(
    demo_db: Database, clock: FakeClock
) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("j", "j", "p")
        await pilot.pause()
        assert table_names(app)[:2] == ["Alice Moreno", "Bashir Rahimi"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert "Camille Laurent" in {r.name for r in Services(demo_db, clock).contacts.rows()}


async def test_import_a_file_with_progress(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    rows = [
        f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Org {i % 9},,01 Jan 2020" for i in range(1500)
    ]
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join([*LINKEDIN_PREAMBLE, LINKEDIN_HEADER, *rows, ",,,,x,,"]) + "\n")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportFileModal)
        await pilot.press("enter")  # nothing typed yet
        await pilot.pause()
        assert "Type the path" in text_of(app, "#import-outcome")
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "No file at" in text_of(app, "#import-outcome")

        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await finish_import(app)
        await pilot.pause()
        outcome = text_of(app, "#import-outcome")
        assert "LinkedIn import: added 1,500 to your address book" in outcome
        assert "skipped: line 1505: no name" in outcome
        assert app.screen.query_one("#import-progress").percentage == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    services = Services(db, clock)
    assert services.network.address_book()[1] == 1500


async def test_import_preview_then_import_onto_the_board(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Company\nKatherine Johnson,NASA\nDorothy Vaughan,NASA\n")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#import-path", Input).value = str(path)
        screen.query_one("#import-kind").query("RadioButton")[1].value = True
        screen.query_one("#import-board").value = True
        await pilot.press("ctrl+r")
        await finish_import(app)
        await pilot.pause()
        assert "would add 2 to Identified" in text_of(app, "#import-outcome")
        assert "nothing was changed" in text_of(app, "#import-outcome")
        assert app.db.reader.contact_names() == []
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await finish_import(app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert [n for _i, n, _o, _s in app.db.reader.contact_names()] == [
            "Dorothy Vaughan",
            "Katherine Johnson",
        ]


async def test_referral_tree_highlights_the_landed_chain_and_opens_people(
    demo_db: Database, clock: FakeClock
) -> None:
    # The demo is mid-campaign; here the user lands at Civic Maps, where Chloé (met) led
    # to Tara (met) and to Julia (not met yet).
    Services(demo_db, clock).followups.land("Civic Maps", "Product Researcher")
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReferralsScreen)
        tree = app.screen.query_one(ReferralTree)
        roots = [node.data.name for node in tree.root.children]
        assert roots[0] == "Chloé Martin"  # the landed chain first
        landed = [n.data.name for n in _nodes(tree.root) if n.data.landed]
        assert landed == ["Chloé Martin", "Tara Byrne"]
        assert "the chain that led to your job at Civic Maps" in text_of(app, "#referrals-title")
        line = tree.render_line(1)
        assert "Tara Byrne" in line.text and line.text.rstrip().endswith("Thanked  ★")
        landed_style = tree.get_component_rich_style("referral-tree--landed")
        assert any(
            seg.style and seg.style.color == landed_style.color
            for seg in line
            if "Tara" in seg.text
        )

        # the cursor starts on the board's current card, Julia; Tara is just above her
        assert tree.cursor_node is not None and tree.cursor_node.data.name == "Julia Novak"
        await pilot.press("k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.detail is not None and app.screen.detail.name == "Tara Byrne"
        await pilot.press("R")  # this contact's chain only
        await pilot.pause()
        assert isinstance(app.screen, ReferralsScreen)
        tree = app.screen.query_one(ReferralTree)
        assert [n.data.name for n in tree.root.children] == ["Chloé Martin"]
        assert tree.cursor_node is not None and tree.cursor_node.data.name == "Tara Byrne"
        await pilot.press("a")
        await pilot.pause()
        assert len(tree.root.children) == 4


def _nodes(node):
    for child in node.children:
        yield child
        yield from _nodes(child)


async def test_organisation_screen_target_and_notes(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "o")  # the second card: Keisha Brown at Northwind Health
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        name = app.screen.detail.name if app.screen.detail else ""
        await pilot.press("t")
        await pilot.pause()
        assert "★ target" in text_of(app, "#org-head")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"Research the grid team")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Research the grid team" in text_of(app, "#org-notes")
        await pilot.press("enter")  # the first person
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
    services = Services(demo_db, clock)
    row = next(r for r in services.network.organisations() if r.name == name)
    detail = services.network.organisation(row.id)
    assert detail.is_target and detail.notes == "Research the grid team"


async def test_stats_screen(demo_db: Database, clock: FakeClock) -> None:
    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        funnel = text_of(app, "#stats-funnel")
        assert funnel.splitlines()[0].startswith("Identified       40 ")
        assert "Requests answered      83% of 23" in text_of(app, "#stats-meetings")
        assert "1 offer per 12 informational interviews" in text_of(app, "#stats-benchmark")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_organisations_screen_lists_searches_and_opens(
    demo_db: Database, clock: FakeClock
) -> None:
    from infoterm.tui.screens.organisations import OrganisationsScreen

    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        services = Services(demo_db, clock)
        expected = services.network.organisations()
        # in target-list rank: nothing is rated in the demo, so by name
        ranked = [t.name for t in services.targets.rows()]
        assert [str(r[1]) for r in rows] == ranked == sorted(ranked, key=str.casefold)
        assert sorted(ranked) == sorted(o.name for o in expected)
        assert [str(r[2]) for r in rows][0] == "0 1 -"  # motivation, posting, advocacy
        assert sum(str(r[3]) == "★" for r in rows) == sum(o.is_target for o in expected) >= 2
        kestrel = next(o for o in expected if o.name == "Kestrel Labs")
        kestrel_row = next(r for r in rows if str(r[1]) == "Kestrel Labs")
        # four on the board (their stages listed), two more waiting in the address book
        assert kestrel_row[4] == str(kestrel.people) == "6"
        # each of its three stages shown, in whichever form the column's width allows
        assert sum(kestrel.stages.values()) == 4
        assert str(kestrel_row[5]) in (
            "2 identified, 1 requested, 1 stay in touch",
            "2 ident · 1 asked · 1 staying",
        )
        await pilot.press("slash", *"bank")
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "Harbour Bank"
        assert "1 matching" in text_of(app, "#orgs-title")
        await pilot.press("enter", "enter")  # leave the search, then open the row
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        assert app.screen.detail is not None and app.screen.detail.name == "Harbour Bank"
        await pilot.press("t")  # mark it a target there; the list shows it on return
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        assert str(table.get_row_at(0)[3]) == "★"
        await pilot.press("escape")  # clears the search first
        assert table.row_count == len(expected)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_organisations_are_in_the_palette(demo_db: Database, clock: FakeClock) -> None:
    from infoterm.tui.screens.organisations import OrganisationsScreen

    app = make_app(demo_db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Organisations")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
