"""Every screen opens, and every palette command runs, on an empty, a one-contact and the
demo campaign (issue 9, item 3).

One app per campaign. Each screen is opened by its keys from the board and must show
what it is about; then each palette command it offers runs once (by calling the
command's callback, as choosing it in the palette does), and the screen is opened again
only when a command took it away. A command offered on several screens (the app's own:
review, settings, privacy) runs on the first of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Static

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.commands import InfotermCommands
from infoterm.tui.screens.address_book import AddressBookScreen
from infoterm.tui.screens.board import BoardScreen
from infoterm.tui.screens.contact import ContactScreen
from infoterm.tui.screens.contact_form import ContactFormModal
from infoterm.tui.screens.help import HelpModal
from infoterm.tui.screens.import_file import ImportFileModal
from infoterm.tui.screens.meeting import MeetingScreen
from infoterm.tui.screens.organisation import OrganisationScreen
from infoterm.tui.screens.referrals import ReferralsScreen
from infoterm.tui.screens.review import ReviewScreen
from infoterm.tui.screens.settings import SettingsScreen
from infoterm.tui.screens.stats import StatsScreen
from tests.conftest import make_app, record_notifications

CAMPAIGNS = ("empty", "one", "demo")


def _seed(campaign: str, db: Database, clock: FakeClock, services: Services) -> None:
    if campaign == "one":
        services.contacts.add(
            ContactFields(name="Ann Lee", organisation="Acme", title="Engineer", notes="hi")
        )
    elif campaign == "demo":
        from infoterm.demo import seed_demo

        seed_demo(db, clock)


# Each screen: its name, the keys from the board that open it, the screen expected on
# top, whether it needs a card (on the empty board it does not open and the board stays),
# and a text it shows (any of them).
SCREENS: list[tuple[str, tuple[str, ...], type[Screen[Any]], bool, tuple[str, ...]]] = [
    ("board", (), BoardScreen, False, ("infoterm",)),
    ("new contact", ("n",), ContactFormModal, False, ("New contact",)),
    ("contact", ("e",), ContactScreen, True, ("Stage:",)),
    ("contact's edit form", ("e", "e"), ContactFormModal, True, ("Edit contact",)),
    ("organisation", ("o",), OrganisationScreen, True, ("Notes",)),
    ("review", ("t",), ReviewScreen, False, ("Daily review",)),
    ("stats", ("S",), StatsScreen, False, ("Your campaign in numbers",)),
    ("address book", ("b",), AddressBookScreen, False, ("Address book", "address book")),
    ("referrals", ("R",), ReferralsScreen, False, ("Referral chain", "No referral chains yet")),
    ("meeting", ("m",), MeetingScreen, True, ("Meeting with",)),
    ("settings", ("ctrl+s",), SettingsScreen, False, ("Settings",)),
    ("help", ("question_mark",), HelpModal, False, ("Keys", "board", "Board")),
    ("import dialog", ("i",), ImportFileModal, False, ("Import people",)),
    ("address book's import", ("b", "i"), ImportFileModal, False, ("Import people",)),
]


def _screen_text(app: Any) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def _back_to_board(pilot: Any) -> None:
    """Close every screen over the board, each with no answer (as esc would)."""
    app = pilot.app
    while len(app.screen_stack) > 2:
        await app.screen.dismiss(None)
    await pilot.pause()
    assert isinstance(app.screen, BoardScreen)
    app.screen.action_clear_filter()  # the filter box, if a command opened it, lets go


async def _back_to(pilot: Any, screen: Screen[Any]) -> bool:
    """Close what a command opened over ``screen``; False if ``screen`` itself is gone."""
    app = pilot.app
    if screen not in app.screen_stack:
        return False
    while app.screen is not screen:
        await app.screen.dismiss(None)
    await pilot.pause()
    return True


async def _open(pilot: Any, keys: tuple[str, ...]) -> None:
    await _back_to_board(pilot)
    await pilot.press(*keys)
    await pilot.pause()


def _commands(app: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The palette's commands on the screen on top (what ctrl+p lists), Quit aside."""
    provider = InfotermCommands(app.screen)
    return [(title, action) for title, _help, action in provider._actions() if title != "Quit"]


def _kind(title: str) -> str:
    """A command's identity: "Privacy mode: on" and "Privacy mode: off" are one command."""
    return title.split(":")[0]


@pytest.mark.parametrize("campaign", CAMPAIGNS)
async def test_every_screen_and_palette_command(
    db: Database, clock: FakeClock, services: Services, campaign: str
) -> None:
    _seed(campaign, db, clock, services)
    app = make_app(db, clock, welcome=False)
    ran: list[str] = []
    done: set[str] = set()
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.pause()
        for name, keys, expected, needs_card, shows in SCREENS:
            await _open(pilot, keys)
            if needs_card and campaign == "empty":
                assert isinstance(app.screen, BoardScreen), f"{campaign}: {name}"
                continue
            assert isinstance(app.screen, expected), f"{campaign}: {name} shows {app.screen}"
            text = _screen_text(app)
            assert any(s in text for s in shows), f"{campaign}: {name} shows:\n{text}"
            screen = app.screen
            for title, _action in _commands(app):
                if _kind(title) in done:
                    continue
                if not await _back_to(pilot, screen):
                    await _open(pilot, keys)
                    screen = app.screen
                # the same command now (its state may have changed: "Privacy mode: off")
                found = [a for t, a in _commands(app) if _kind(t) == _kind(title)]
                if not found:  # not offered now (a card's command once the board is empty)
                    continue
                done.add(_kind(title))
                result = found[0]()
                if result is not None and hasattr(result, "__await__"):
                    await result
                await pilot.pause()
                assert app.is_running, f"{campaign}: {name}: {title!r} stopped the app"
                assert app.screen_stack, f"{campaign}: {name}: {title!r}"
                if title == "Daily review":
                    assert isinstance(app.screen, ReviewScreen)
                ran.append(f"{name}: {title}")
        await _back_to_board(pilot)
    assert not [t for t in toasts if "Traceback" in t or "Error" in t], toasts
    assert any(entry.startswith("board: ") for entry in ran)
    assert any(entry.startswith("review: ") for entry in ran)
    if campaign != "empty":
        assert any(entry.startswith("contact: ") for entry in ran)
        assert any(entry.startswith("meeting: ") for entry in ran)
