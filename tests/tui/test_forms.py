"""Every form (issue 10, item 10): focus on its first field, its own keys in the footer,
its buttons in view at 80x24 and 120x40, dim italic placeholders, errors beside their
field with the cursor at the end of the bad value, and no select-all when tabbing in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.services.followups import LOOSE_ENDS
from infoterm.store.database import Database
from infoterm.tui.screens.contact_form import ContactFormModal
from infoterm.tui.screens.debrief import DebriefModal
from infoterm.tui.screens.land import LandModal
from infoterm.tui.screens.meeting_form import MeetingFormModal
from infoterm.tui.screens.organisation import OrgNotesModal
from infoterm.tui.screens.review_modals import AddFollowUpModal, DraftEditorModal, read_when
from tests.conftest import make_app

FORMS: dict[str, tuple[Callable[[FakeClock], Screen[Any]], str]] = {
    # name: (the form, its first field)
    "contact": (lambda clock: ContactFormModal(None, ["Acme"], []), "name"),
    "add follow-up": (lambda clock: AddFollowUpModal([(1, "Ann Lee")], "", clock), "add-who"),
    "request": (lambda clock: MeetingFormModal("Ask", MeetingPlan(30), request=True), "minutes"),
    "schedule": (lambda clock: MeetingFormModal("Schedule", MeetingPlan(30)), "when"),
    "land": (lambda clock: LandModal([], LOOSE_ENDS), "land-org"),
    "debrief": (lambda clock: DebriefModal(1, "Ann Lee"), "learned"),
    "organisation notes": (lambda clock: OrgNotesModal("Acme", "", ""), "org-notes-text"),
    "draft editor": (lambda clock: DraftEditorModal("Edit", "Hi Ann,\n"), "draft-editor"),
}


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("name", list(FORMS))
async def test_every_form_starts_on_its_first_field_and_shows_its_way_out(
    db: Database, clock: FakeClock, name: str, size: tuple[int, int]
) -> None:
    make, first = FORMS[name]
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        form = make(clock)
        app.push_screen(form)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == first
        # its own footer, with its save key (not the board's keys)
        assert form.query(Footer)
        shown = {b.binding.key for b in form.active_bindings.values() if b.binding.show}
        assert "ctrl+s" in shown and "escape" in shown and "n" not in shown
        for button in ("#save", "#cancel"):
            region = form.query_one(button).region
            assert region.height > 0 and form.region.contains_region(region), (button, region)
        for box in form.query(Input):
            placeholder = box.get_component_rich_style("input--placeholder")
            assert placeholder.italic and not box.select_on_focus


async def test_an_error_is_beside_its_field_and_the_cursor_at_the_end_of_the_value(
    db: Database, clock: FakeClock
) -> None:
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ContactFormModal(None, [], []))
        await pilot.pause()
        await pilot.press(*"Ada", "tab", "tab", "tab", *"ada-at-example", "ctrl+s")
        await pilot.pause()
        email = app.screen.query_one("#email", Input)
        error = app.screen.query_one("#email-error", Static)
        assert error.display and "@" in str(error.render())
        assert app.focused is email and email.cursor_position == len("ada-at-example")
        await pilot.press("shift+tab", "tab")  # out and back in: nothing is selected
        await pilot.pause()
        assert email.selection.is_empty and email.cursor_position == len(email.value)
        await pilot.press("backspace", *"@example.org")  # fixing it keeps what was typed
        assert email.value == "ada-at-exampl@example.org"


async def test_the_add_follow_up_form_shows_its_errors(db: Database, clock: FakeClock) -> None:
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(AddFollowUpModal([(1, "Ann Lee")], "Ann", clock))
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "add-when"  # who is given
        await pilot.press(*"someday", "ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#add-when-error", Static)
        assert error.display and "someday" in str(error.render())
        when = app.screen.query_one("#add-when", Input)
        assert app.focused is when and when.cursor_position == len("someday")
        await pilot.press(*["backspace"] * 7, *"fri 10am", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#add-note-error", Static).display
        assert not app.screen.query_one("#add-when-error", Static).display


async def test_the_schedule_form_refuses_a_time_that_has_passed(
    db: Database, clock: FakeClock
) -> None:
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeetingFormModal("Schedule", MeetingPlan(30)))
        await pilot.pause()
        await pilot.press(*"yesterday 3pm", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingFormModal)  # not saved
        said = str(app.screen.query_one("#when-error", Static).render())
        assert "has passed" in said and "infoterm log NAME met --at" in said
        assert app.focused is not None and app.focused.id == "when"


def test_the_date_dialog_example_is_always_ahead() -> None:
    from datetime import UTC, datetime

    clock = FakeClock(datetime(2026, 12, 4, 10, 21, tzinfo=UTC))  # December: next is 2027
    when, hint = read_when("", clock)
    assert when is None and hint.endswith('"2027-01-01 14:30"')
