"""Landing from the TUI: the form lists what is still open, dismisses nudges and
reach-outs (ticked), keeps thank-yous unless ticked, and stores your new details."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Static

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.tui.screens.land import LandModal
from tests.conftest import make_app


def open_kinds(services: Services) -> list[tuple[str, str]]:
    return sorted((f.contact, f.kind) for f in services.followups.loose_ends())


async def test_landing_closes_the_chasing_follow_ups_and_asks_about_thank_yous(
    db: Database, clock: FakeClock, services: Services
) -> None:
    dev = services.contacts.add(ContactFields(name="Dev Patel"))
    services.meetings.record_request(dev, 20)
    services.contacts.add(ContactFields(name="Ben Whitaker"), stage="met")
    assert open_kinds(services) == [("Ben Whitaker", "thank-you"), ("Dev Patel", "nudge")]
    app = make_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.land()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LandModal)
        assert modal.focused is modal.query_one("#land-org")
        assert modal.query_one("#land-dismiss", Checkbox).value
        assert not modal.query_one("#land-thanks", Checkbox).value
        listed = " ".join(str(s.render()) for s in modal.query(".land-list").results(Static))
        assert "nudge for Dev Patel" in listed and "thank-you for Ben Whitaker" in listed
        await pilot.press("ctrl+s")  # nothing typed: the error is beside its field
        await pilot.pause()
        error = modal.query_one("#land-org-error", Static)
        assert error.has_class("shown") and "say where you landed" in str(error.render())
        await pilot.press(*"Lumen", "enter", *"Data Engineer")
        modal.query_one("#land-email", Input).value = "sam@lumen.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LandModal)
    assert open_kinds(services) == [("Ben Whitaker", "thank-you")]
    assert app.settings.me_new_email == "sam@lumen.example"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_landing_form_shows_its_buttons_and_save_key(
    db: Database, clock: FakeClock, services: Services, size: tuple[int, int]
) -> None:
    app = make_app(db, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.land()
        await pilot.pause()
        modal = app.screen
        modal.query_one("#save").scroll_visible(animate=False)
        await pilot.pause()
        save = modal.query_one("#save")
        assert modal.region.contains_region(save.region) and save.region.height > 0
        assert "ctrl+s" in {b.binding.key for b in modal.active_bindings.values()}
