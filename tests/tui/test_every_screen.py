"""Every screen opens, and every palette command runs, on an empty, a one-contact and the
demo campaign (issue 9, item 3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen

from infoterm.clock import FakeClock
from infoterm.commands import InfotermCommands
from infoterm.pipeline import ContactFields
from infoterm.screens.address_book import AddressBookScreen
from infoterm.screens.board import BoardScreen
from infoterm.screens.contact import ContactScreen
from infoterm.screens.contact_form import ContactFormModal
from infoterm.screens.help import HelpScreen
from infoterm.screens.import_file import ImportFileModal
from infoterm.screens.meeting import MeetingScreen
from infoterm.screens.organisation import OrganisationScreen
from infoterm.screens.referrals import ReferralsScreen
from infoterm.screens.review import ReviewScreen
from infoterm.screens.settings import SettingsScreen
from infoterm.screens.stats import StatsScreen
from infoterm.services import Services
from infoterm.store.database import Database
from tests.conftest import make_app

CAMPAIGNS = ("empty", "one", "demo")


def _seed(campaign: str, db: Database, clock: FakeClock, services: Services) -> None:
    if campaign == "one":
        services.contacts.add(
            ContactFields(name="Ann Lee", organisation="Acme", title="Engineer", notes="hi")
        )
    elif campaign == "demo":
        from infoterm.demo import seed_demo

        seed_demo(db, clock)


# The screens, each as the keys from the board that open it and the screen expected on
# top; with no card on the board the card's screens do not open and the board stays.
SCREENS: list[tuple[str, tuple[str, ...], type[Screen[Any]], bool]] = [
    ("board", (), BoardScreen, False),
    ("new contact", ("n",), ContactFormModal, False),
    ("contact", ("e",), ContactScreen, True),
    ("contact's edit form", ("e", "e"), ContactFormModal, True),
    ("organisation", ("o",), OrganisationScreen, True),
    ("review", ("t",), ReviewScreen, False),
    ("stats", ("S",), StatsScreen, False),
    ("address book", ("b",), AddressBookScreen, False),
    ("referrals", ("R",), ReferralsScreen, False),
    ("meeting", ("m",), MeetingScreen, True),
    ("settings", ("ctrl+s",), SettingsScreen, False),
    ("help", ("question_mark",), HelpScreen, False),
    ("import dialog", ("i",), ImportFileModal, False),
    ("address book's import", ("b", "i"), ImportFileModal, False),
]


async def _back_to_board(pilot: Any) -> None:
    """Close every screen over the board, each with no answer (as esc would)."""
    app = pilot.app
    while len(app.screen_stack) > 2:
        await app.screen.dismiss(None)
        await pilot.pause()
    assert isinstance(app.screen, BoardScreen)
    app.screen.action_clear_filter()  # the filter box, if a command opened it, lets go


def _commands(app: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The palette's commands on the screen on top (what ctrl+p lists), Quit aside."""
    provider = InfotermCommands(app.screen)
    return [(title, action) for title, _help, action in provider._actions() if title != "Quit"]


@pytest.mark.parametrize("campaign", CAMPAIGNS)
async def test_every_screen_opens(
    db: Database, clock: FakeClock, services: Services, campaign: str
) -> None:
    _seed(campaign, db, clock, services)
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name, keys, expected, needs_card in SCREENS:
            await _back_to_board(pilot)
            await pilot.press(*keys)
            await pilot.pause()
            if needs_card and campaign == "empty":
                expected = BoardScreen
            assert isinstance(app.screen, expected), f"{campaign}: {name} shows {app.screen}"
        await _back_to_board(pilot)


@pytest.mark.parametrize("campaign", CAMPAIGNS)
async def test_every_palette_command_runs(
    db: Database, clock: FakeClock, services: Services, campaign: str
) -> None:
    _seed(campaign, db, clock, services)
    app = make_app(db, clock, welcome=False)
    ran: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name, keys, expected, needs_card in SCREENS:
            if needs_card and campaign == "empty":
                continue
            await _back_to_board(pilot)
            await pilot.press(*keys)
            await pilot.pause()
            titles = [title for title, _action in _commands(app)]
            for wanted in titles:
                await _back_to_board(pilot)
                await pilot.press(*keys)
                await pilot.pause()
                assert isinstance(app.screen, expected), f"{campaign}: {name} after {ran[-1:]}"
                # the same command (its state may have changed: "Privacy mode: on" / "off")
                now = _commands(app)
                found = [(t, a) for t, a in now if t.split(":")[0] == wanted.split(":")[0]]
                if not found:  # not offered now (a card's command once the board is empty)
                    continue
                title, action = found[0]
                result = action()
                if result is not None and hasattr(result, "__await__"):
                    await result
                await pilot.pause()
                assert app.is_running, f"{campaign}: {name}: {title!r} stopped the app"
                assert app.screen_stack, f"{campaign}: {name}: {title!r}"
                ran.append(f"{name}: {title}")
                if title == "Daily review":
                    assert isinstance(app.screen, ReviewScreen)
        await _back_to_board(pilot)
    assert any(entry.startswith("board: ") for entry in ran)
    assert any(entry.startswith("review: ") for entry in ran)
