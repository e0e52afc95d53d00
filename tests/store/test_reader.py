"""The hot queries: one SQL definition, the same answers through stdlib and SQLAlchemy."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Services
from infoterm.store.database import Database
from infoterm.store.reader import BoardQuery, sqlalchemy_reader


def test_stdlib_and_sqlalchemy_readers_agree(demo_db: Database, clock: FakeClock) -> None:
    fast = demo_db.reader
    slow = sqlalchemy_reader(demo_db.engine)
    for query in (BoardQuery(), BoardQuery("health"), BoardQuery("", archived=True)):
        assert fast.counts(query) == slow.counts(query)
        for stage in STAGES:
            assert fast.page(stage, query, 0, 100) == slow.page(stage, query, 0, 100)
    assert fast.contact_names() == slow.contact_names()
    until = clock.now() + timedelta(days=30)
    assert fast.due(until) == slow.due(until)


def test_filter_matches_name_organisation_title_and_tags(demo_db: Database) -> None:
    reader = demo_db.reader

    def names(text: str) -> set[str]:
        query = BoardQuery(text)
        return {c.name for s in STAGES for c in reader.page(s, query, 0, 100)}

    assert "Amara Okafor" in names("amara")
    assert names("northwind") >= {"Amara Okafor", "Farah Haddad"}
    assert "Felix Wagner" in names("cto")
    assert "Maya Singh" in names("a11y")
    assert "Amara Okafor" in names("alumni")  # where you found them (their source)
    assert "Dev Patel" not in names("alumni")
    assert names("no such person") == set()


def test_pages_and_positions(demo_db: Database) -> None:
    reader = demo_db.reader
    query = BoardQuery()
    everyone = reader.page("identified", query, 0, 100)
    assert reader.page("identified", query, 5, 3) == everyone[5:8]
    for index, card in enumerate(everyone):
        assert reader.position(card.id, query) == ("identified", index)


def test_urgency_order_puts_the_most_overdue_follow_up_first(
    db: Database, clock: FakeClock
) -> None:
    services = Services(db, clock)
    ids = {}
    for name in ("Early arrival", "Two weeks late", "Nothing due", "Due tomorrow"):
        clock.advance(timedelta(hours=1))
        ids[name] = services.contacts.add(ContactFields(name=name), stage="met")
    with services.transaction() as session:
        from sqlalchemy import update

        from infoterm.store.schema import FollowUp

        session.execute(update(FollowUp).values(state="done"))  # the move's own thank-yous
    now = clock.now()
    services.followups.add(ids["Two weeks late"], now - timedelta(days=14), "thank them")
    services.followups.add(ids["Due tomorrow"], now + timedelta(days=1), "send the article")
    services.followups.add(ids["Early arrival"], now + timedelta(days=3), "check in")
    reader = db.reader
    query = BoardQuery()
    by_arrival = [c.name for c in reader.page("met", query, 0, 10)]
    assert by_arrival == ["Due tomorrow", "Nothing due", "Two weeks late", "Early arrival"]
    urgent = [c.name for c in reader.page("met", query, 0, 10, urgent=True)]
    assert urgent == ["Two weeks late", "Due tomorrow", "Early arrival", "Nothing due"]
    assert [c.name for c in reader.page("met", query, 1, 2, urgent=True)] == urgent[1:3]
    for index, name in enumerate(urgent):
        assert reader.position(ids[name], query, lambda stage: True) == ("met", index)
    slow = sqlalchemy_reader(db.engine)
    assert slow.page("met", query, 0, 10, urgent=True) == reader.page("met", query, 0, 10, True)
