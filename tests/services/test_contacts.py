"""Contacts through the services: validation, moves, history and undo."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Ambiguous, NotFound, Services, ValidationFailed


def add(services: Services, name: str, org: str = "", **more: object) -> int:
    return services.contacts.add(ContactFields(name=name, organisation=org, **more))  # type: ignore[arg-type]


def test_add_creates_an_organisation_once_and_records_history(services: Services) -> None:
    a = add(services, "Ada Lovelace", "Analytical Engines")
    b = add(services, "Charles Babbage", "analytical engines")
    assert services.contacts.organisation_names() == ["Analytical Engines"]
    detail = services.contacts.detail(b)
    assert detail.organisation == "Analytical Engines"
    assert [e.kind for e in services.contacts.detail(a).timeline] == ["created"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (ContactFields(name=""), "name", "name is required"),
        (ContactFields(name="A", email="a.example.org"), "email", "email must contain @"),
        (ContactFields(name="A", phone="call me"), "phone", "phone may hold"),
        (ContactFields(name="A", linkedin_url="https://x.com/a"), "linkedin_url", "linkedin.com"),
        (ContactFields(name="A", source="carrier pigeon"), "source", "unknown source"),
    ],
)
def test_validation_is_specific(
    services: Services, fields: ContactFields, field: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as err:
        services.contacts.add(fields)
    assert message in err.value.errors[field]
    assert services.contacts.rows() == []


def test_move_through_every_stage_and_back_with_history(
    services: Services, clock: FakeClock
) -> None:
    cid = add(services, "Grace Hopper")
    for stage in STAGES[1:]:
        clock.advance(timedelta(hours=1))
        assert services.contacts.step(cid, 1) == stage
    assert services.contacts.step(cid, 1) is None
    for stage in reversed(STAGES[:-1]):
        assert services.contacts.step(cid, -1) == stage
    assert services.contacts.step(cid, -1) is None
    moves = [e for e in services.contacts.detail(cid).timeline if e.kind == "moved"]
    assert len(moves) == 10
    assert moves[-1].summary == "Moved Grace Hopper from identified to requested"


def test_undo_restores_stage_and_position(services: Services, clock: FakeClock) -> None:
    cid = add(services, "Alan Turing")
    before = services.contacts.detail(cid).stage_changed_at
    clock.advance(60)
    services.contacts.move(cid, "met")
    assert services.contacts.undo() == "Moved Alan Turing from identified to met"
    detail = services.contacts.detail(cid)
    assert (detail.stage, detail.stage_changed_at) == ("identified", before)
    assert detail.timeline[0].kind == "undo"
    assert services.contacts.undo() is None


def test_edit_and_undo_edit(services: Services) -> None:
    cid = add(services, "Katherine Johnson", "NASA", email="kj@nasa.example")
    fields = services.contacts.detail(cid).fields()
    fields.title = "Mathematician"
    fields.organisation = "Langley"
    services.contacts.update(cid, fields)
    detail = services.contacts.detail(cid)
    assert (detail.title, detail.organisation) == ("Mathematician", "Langley")
    assert detail.timeline[0].summary == "Edited title, organisation"
    services.contacts.undo(cid)
    detail = services.contacts.detail(cid)
    assert (detail.title, detail.organisation) == ("", "NASA")


def test_archive_delete_and_undo(services: Services) -> None:
    cid = add(services, "Dorothy Vaughan")
    services.contacts.set_archived(cid, True, "went cold")
    assert services.contacts.rows() == []
    assert services.contacts.rows(include_archived=True)[0].archived
    services.contacts.set_archived(cid, False)
    services.contacts.delete(cid)
    with pytest.raises(NotFound):
        services.contacts.detail(cid)
    assert services.contacts.undo() == "Deleted Dorothy Vaughan"
    assert services.contacts.detail(cid).name == "Dorothy Vaughan"


def test_referrals_show_both_ways(services: Services) -> None:
    a = add(services, "Mary Jackson")
    b = add(services, "Christine Darden", referred_by_id=a)
    assert services.contacts.detail(b).referred_by == (a, "Mary Jackson")
    assert services.contacts.detail(b).source == "referral"
    assert services.contacts.detail(a).referrals == [(b, "Christine Darden", "identified")]


def test_resolve_by_id_exact_name_and_unique_part(services: Services) -> None:
    a = add(services, "Ada Lovelace")
    add(services, "Ada Yonath")
    assert services.contacts.resolve(str(a)) == a
    assert services.contacts.resolve(f"#{a}") == a
    assert services.contacts.resolve("ada lovelace") == a
    assert services.contacts.resolve("love") == a
    with pytest.raises(Ambiguous, match="matches 2 contacts"):
        services.contacts.resolve("Ada")
    with pytest.raises(NotFound):
        services.contacts.resolve("Nobody")
    with pytest.raises(NotFound):
        services.contacts.resolve("999")


def test_resolving_a_name_longer_than_any_stored_says_no_contact(services: Services) -> None:
    """SQLite refuses a LIKE pattern this long ("pattern too complex"): found by the fuzz."""
    from infoterm.services.contacts import NAME_LENGTH
    from infoterm.store.schema import Contact

    assert Contact.__table__.c.name.type.length == NAME_LENGTH
    with pytest.raises(NotFound, match="no contact matches"):
        services.contacts.resolve("x" * 100_000)
