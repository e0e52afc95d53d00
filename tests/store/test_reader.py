"""The hot queries: one SQL definition, the same answers through stdlib and SQLAlchemy."""

from __future__ import annotations

from datetime import timedelta

from infoterm.clock import FakeClock
from infoterm.pipeline import STAGES
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
    assert names("no such person") == set()


def test_pages_and_positions(demo_db: Database) -> None:
    reader = demo_db.reader
    query = BoardQuery()
    everyone = reader.page("identified", query, 0, 100)
    assert reader.page("identified", query, 5, 3) == everyone[5:8]
    for index, card in enumerate(everyone):
        assert reader.position(card.id, query) == ("identified", index)
