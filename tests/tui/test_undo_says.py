"""u says what it undid, or that there was nothing; when the undo itself fails, only the
failure is said (before, a failed undo went on to say "Nothing to undo")."""

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
