"""A write that fails says only why, and loses nothing: u says what it undid or that
there was nothing (never both a failure and "Nothing to undo"); a form whose save fails
stays open with what was typed."""

from __future__ import annotations

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ServiceError, Services
from infoterm.store.database import Database
from tests.conftest import make_app, record_notifications


async def test_u_says_what_it_undid_then_that_nothing_is_left(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    services.contacts.move(ann, "met")
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert toasts[-1].startswith("Undid: ")
        assert services.contacts.detail(ann).stage == "identified"
        await pilot.press("u", "u")  # the add, then nothing
        await pilot.pause()
        assert toasts[-1] == "Nothing to undo"


@pytest.mark.parametrize("where", ["board", "review", "contact"])
async def test_a_failed_undo_says_only_why(
    db: Database, clock: FakeClock, services: Services, where: str
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)

        def fails(contact_id: int | None = None) -> str | None:
            raise ServiceError("Not saved: the database server cannot be reached")

        app.services.contacts.undo = fails  # type: ignore[method-assign]
        if where == "review":
            await pilot.press("t")
        elif where == "contact":
            app.open_contact(ann)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert toasts == ["Not saved: the database server cannot be reached"]


async def test_a_new_contact_that_cannot_be_saved_keeps_the_form_and_what_was_typed(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.screens.contact_form import ContactFormModal

    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.pause()
        add = app.services.contacts.add

        def fails(fields: ContactFields, *args: object, **kwargs: object) -> int:
            raise ServiceError("Not saved: the database server cannot be reached")

        app.services.contacts.add = fails  # type: ignore[method-assign]
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#name").value = "Offline Person"
        app.screen.query_one("#organisation").value = "Offline Org"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert toasts == ["Not saved: the database server cannot be reached"]
        assert isinstance(app.screen, ContactFormModal)  # still open, nothing lost
        assert app.screen.query_one("#name").value == "Offline Person"
        assert app.screen.query_one("#organisation").value == "Offline Org"
        app.services.contacts.add = add  # type: ignore[method-assign]
        await pilot.press("ctrl+s")  # the server is back: the same form saves
        await pilot.pause()
    assert services.contacts.detail(services.contacts.resolve("Offline Person")).name


async def test_an_edit_that_cannot_be_saved_keeps_the_form_and_what_was_typed(
    db: Database, clock: FakeClock, services: Services
) -> None:
    from infoterm.tui.screens.contact_form import ContactFormModal

    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        app.open_contact(ann)
        await pilot.pause()

        def fails(*args: object, **kwargs: object) -> None:
            raise ServiceError("Not saved: the database server cannot be reached")

        app.services.contacts.update = fails  # type: ignore[method-assign]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#email").value = "ann@acme.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert toasts == ["Not saved: the database server cannot be reached"]
        assert isinstance(app.screen, ContactFormModal)
        assert app.screen.query_one("#email").value == "ann@acme.example"


async def test_an_archive_that_cannot_be_saved_says_only_why(
    db: Database, clock: FakeClock, services: Services
) -> None:
    ann = services.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"))
    app = make_app(db, clock, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_notifications(app)
        await pilot.pause()

        def fails(*args: object) -> bool:
            raise ServiceError("Not saved: the database server cannot be reached")

        app.services.contacts.set_archived = fails  # type: ignore[method-assign, assignment]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the first reason
        await pilot.pause()
        assert toasts == ["Not saved: the database server cannot be reached"]
    assert not services.contacts.detail(ann).archived
