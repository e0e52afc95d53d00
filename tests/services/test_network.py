"""Referral chains, organisations and the address book."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import NotFound, ServiceError, Services
from infoterm.services.network import ReferralNode
from infoterm.store.schema import Landing, Meeting


def add(
    services: Services, name: str, org: str = "", by: int | None = None, stage: str = "identified"
) -> int:
    return services.contacts.add(
        ContactFields(name=name, organisation=org, referred_by_id=by), stage=stage
    )


def shape(node: ReferralNode) -> object:
    mark = "*" if node.landed else ""
    if not node.children:
        return node.name + mark
    return {node.name + mark: [shape(c) for c in node.children]}


@pytest.fixture
def chains(services: Services) -> dict[str, int]:
    ids: dict[str, int] = {}
    ids["Amy"] = add(services, "Amy", "Alpha", stage="stay-in-touch")
    ids["Bo"] = add(services, "Bo", "Beta", ids["Amy"], stage="met")
    ids["Cy"] = add(services, "Cy", "Gamma", ids["Bo"], stage="met")
    ids["Di"] = add(services, "Di", "Gamma", ids["Bo"])
    ids["Ed"] = add(services, "Ed", "Delta", ids["Amy"], stage="requested")
    ids["Flo"] = add(services, "Flo", "Gamma")  # at Gamma but in no chain
    ids["Gus"] = add(services, "Gus", "Eta", stage="met")
    ids["Hal"] = add(services, "Hal", "Eta", ids["Gus"])
    return ids


def test_all_chains_with_stages(services: Services, chains: dict[str, int]) -> None:
    forest = services.network.referrals()
    assert [shape(r) for r in forest.roots] == [
        {"Amy": [{"Bo": ["Cy", "Di"]}, "Ed"]},
        {"Gus": ["Hal"]},
    ]
    assert forest.unlinked == 1 and forest.landed_at is None
    bo = forest.roots[0].children[0]
    assert (bo.stage, bo.organisation) == ("met", "Beta")


def test_one_contacts_chain(services: Services, chains: dict[str, int]) -> None:
    forest = services.network.referrals(chains["Di"])
    assert forest.focus == chains["Di"]
    assert [r.name for r in forest.roots] == ["Amy"]
    alone = services.network.referrals(chains["Flo"])
    assert [shape(r) for r in alone.roots] == ["Flo"]
    with pytest.raises(NotFound):
        services.network.referrals(999)


def test_the_chain_that_led_to_the_job(
    services: Services, clock: FakeClock, chains: dict[str, int]
) -> None:
    with services.transaction() as s:
        s.add(Landing(organisation="gamma ", recorded_at=clock.now()))
    forest = services.network.referrals()
    # Cy (met, at Gamma) led there; Di at Gamma was never met; Flo is in no chain.
    assert shape(forest.roots[0]) == {"Amy*": [{"Bo*": ["Cy*", "Di"]}, "Ed"]}
    assert forest.landed_at == "gamma "
    with services.transaction() as s:
        s.add(Landing(organisation="Eta", recorded_at=clock.now() + timedelta(days=1)))
    forest = services.network.referrals()
    # Nobody met at Eta except the root Gus: the latest landing counts.
    assert [shape(r) for r in forest.roots] == [
        {"Gus*": ["Hal"]},
        {"Amy": [{"Bo": ["Cy", "Di"]}, "Ed"]},
    ]


def test_a_referral_loop_still_shows(services: Services, chains: dict[str, int]) -> None:
    amy = services.contacts.detail(chains["Amy"]).fields()
    amy.referred_by_id = chains["Cy"]
    services.contacts.update(chains["Amy"], amy)
    forest = services.network.referrals()
    names = [n.name for r in forest.roots for n in r.walk()]
    assert sorted(names) == ["Amy", "Bo", "Cy", "Di", "Ed", "Gus", "Hal"]
    assert services.network.referrals(chains["Di"]).roots[0].name == "Amy"


def test_organisation_detail_target_and_notes(
    services: Services, clock: FakeClock, chains: dict[str, int]
) -> None:
    org_id = services.network.organisation_of(chains["Cy"])
    assert org_id is not None
    with services.transaction() as s:
        s.add(
            Meeting(
                contact_id=chains["Cy"],
                started_at=clock.now() - timedelta(days=3),
                state="ended",
                duration_seconds=21 * 60,
                promised_minutes=20,
                created_at=clock.now(),
            )
        )
    services.contacts.add(ContactFields(name="Ivy", organisation="GAMMA"), on_board=False)
    services.network.set_target(org_id, True)
    services.network.set_notes(org_id, "Maps for cities.\nAsk about the grant.  \n")
    services.network.set_website(org_id, "gamma.example")

    detail = services.network.organisation(org_id)

    assert (detail.name, detail.is_target, detail.website) == ("Gamma", True, "gamma.example")
    assert detail.notes == "Maps for cities.\nAsk about the grant."
    assert [(p.name, p.stage, p.on_board) for p in detail.people] == [
        ("Cy", "met", True),
        ("Di", "identified", True),
        ("Flo", "identified", True),
        ("Ivy", "identified", False),
    ]
    assert detail.stage_counts()["identified"] == 2
    assert [(m.contact, m.minutes, m.state) for m in detail.meetings] == [("Cy", 21, "ended")]
    assert services.network.organisations()[0].name == "Gamma"  # targets first
    with pytest.raises(ServiceError, match="does not look like a web address"):
        services.network.set_website(org_id, "not a site")
    with pytest.raises(NotFound):
        services.network.organisation(999)


def test_address_book_search_and_put_on_board(services: Services) -> None:
    ids = [
        services.contacts.add(ContactFields(name=n, organisation=o, title=t), on_board=False)
        for n, o, t in [
            ("Zed Zulu", "Acme", "Engineer"),
            ("Ann Able", "100% Ltd", "Designer"),
            ("Bea Bright", "Acme", "Analyst"),
        ]
    ]
    rows, total = services.network.address_book()
    assert total == 3 and [r.name for r in rows] == ["Ann Able", "Bea Bright", "Zed Zulu"]
    assert [r.name for r in services.network.address_book("acme")[0]] == ["Bea Bright", "Zed Zulu"]
    assert [r.name for r in services.network.address_book("100%")[0]] == ["Ann Able"]
    assert services.network.address_book("analyst", limit=5)[1] == 1
    assert services.network.address_book(limit=1) == (rows[:1], 3)

    assert services.network.put_on_board([ids[0], ids[2], ids[2]]) == 2

    assert sorted(r.name for r in services.contacts.rows()) == ["Bea Bright", "Zed Zulu"]
    assert services.network.address_book()[1] == 1
    assert services.contacts.undo() is not None  # undo puts the last one back in the book
    assert services.network.address_book()[1] == 2
