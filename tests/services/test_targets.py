"""The target list service: values checked and stored, rank, active five, exhausted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.services.contacts import ContactFields
from infoterm.services.errors import ServiceError
from infoterm.store.schema import Contact


def _add(services: Services, name: str, org: str, stage: str = "identified") -> int:
    return services.contacts.add(ContactFields(name=name, organisation=org), stage=stage)


def _org(services: Services, name: str) -> int:
    return services.network.resolve_organisation(name)


def test_values_are_stored_checked_and_ranked(services: Services) -> None:
    for org in ("Acme", "Beta", "Gamma"):
        _add(services, f"Ann {org}", org)
    services.targets.set_lamp(_org(services, "Beta"), motivation=3, posting=1)
    services.targets.set_lamp(_org(services, "Gamma"), motivation=3, posting=1, advocacy=True)
    services.targets.set_lamp(_org(services, "Acme"), motivation=2, posting=3)
    rows = services.targets.rows()
    assert [(r.name, r.rank, r.active) for r in rows] == [
        ("Gamma", 1, True),
        ("Beta", 2, True),
        ("Acme", 3, True),
    ]
    assert rows[0].contacts == 1 and rows[0].stages["identified"] == 1
    assert set(rows[0].stages) == {
        "identified",
        "requested",
        "met",
        "thanked",
        "stay-in-touch",
        "landed",
    }
    acme = _org(services, "Acme")
    for bad in ({"motivation": 4}, {"posting": 0}, {"motivation": -1}):
        with pytest.raises(ServiceError, match="use"):
            services.targets.set_lamp(acme, **bad)  # type: ignore[arg-type]
    assert services.targets.rows()[2].motivation == 2  # nothing changed


def test_an_exhausted_employer_gives_way_to_the_next(services: Services, clock: FakeClock) -> None:
    ids = {}
    for i in range(7):
        org = f"Org{i}"
        ids[org] = _add(services, f"P{i}", org, stage="requested")
        services.targets.set_lamp(_org(services, org), motivation=3 if i < 6 else 2)
    assert services.targets.names(services.targets.active_ids()) == [
        "Org0",
        "Org1",
        "Org2",
        "Org3",
        "Org4",
    ]
    # Org1's only person is met a week later, so replied late (the move implies the reply):
    # an obligate, not a booster, and the employer is exhausted
    clock.advance(timedelta(days=7))
    services.contacts.move(ids["Org1"], "met")
    assert services.targets.names(services.targets.active_ids()) == [
        "Org0",
        "Org2",
        "Org3",
        "Org4",
        "Org5",
    ]
    # Org2's only person replied within three business days (a booster): still active
    with services.transaction() as session:
        contact = session.get(Contact, ids["Org2"])
        assert contact is not None
        contact.requested_at = clock.now()
        contact.replied_at = clock.now() + timedelta(days=2)
    services.contacts.move(ids["Org2"], "met")
    services.contacts.set_archived(ids["Org0"], True)
    rows = {r.name: r for r in services.targets.rows()}
    assert rows["Org0"].exhausted and rows["Org1"].exhausted and not rows["Org2"].exhausted
    assert [r.name for r in services.targets.rows() if r.active] == [
        "Org2",
        "Org3",
        "Org4",
        "Org5",
        "Org6",
    ]


def test_an_unrated_organisation_is_never_active(services: Services) -> None:
    _add(services, "Ann", "Acme")
    assert [
        (r.name, r.active, r.motivation, r.posting, r.advocacy) for r in services.targets.rows()
    ] == [("Acme", False, 0, 1, False)]
