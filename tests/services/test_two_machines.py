"""Two machines, one campaign: the same action from both at the same moment has one result.

Each test runs on SQLite and on PostgreSQL (conftest). Two ``Database`` objects stand for
the two machines: their own connections and sessions. Threads meet at a barrier so the
two writes overlap for real on PostgreSQL (SQLite takes them in turn: BEGIN IMMEDIATE).
Where overlap by timing could miss the window, a test replays the losing machine's stale
read deterministically instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import partial
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ChangedElsewhere, ServiceError, Services
from infoterm.store.database import Database
from infoterm.store.schema import FollowUp
from tests.engines import rows, second_window


@pytest.fixture
def machines(services: Services, db: Database, clock: FakeClock) -> Iterator[list[Services]]:
    other = second_window(db, clock)
    yield [services, other]
    other.db.close()


def at_once(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; each one's result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = actions[i]()
        except Exception as exc:  # the test looks at what each machine got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_the_same_new_organisation_from_two_machines_at_once_is_one_row(
    machines: list[Services], db: Database
) -> None:
    a, b = machines
    for round_ in range(5):  # five chances for the two inserts to overlap
        org = f"Kestrel Labs {round_}"
        got = at_once(
            partial(a.contacts.add, ContactFields(name=f"Ann of {org}", organisation=org)),
            partial(b.contacts.add, ContactFields(name=f"Bo of {org}", organisation=org.upper())),
        )
        assert all(isinstance(r, int) for r in got), got
        linked = rows(
            db,
            "SELECT o.name, count(*) FROM contacts c JOIN organisations o"
            " ON o.id = c.organisation_id WHERE o.name_key = :k GROUP BY o.name",
            k=org.lower(),
        )
        assert len(linked) == 1 and linked[0][1] == 2, linked


def test_an_obligation_another_machine_opened_meanwhile_stays_one_follow_up(
    machines: list[Services], db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Machine A looked (no thank-you open), then B opened one and committed, then A
    inserts: the unique index refuses A's row, and A takes B's: one open follow-up."""
    a, b = machines
    cid = a.contacts.add(ContactFields(name="Ann Lee"))
    due = clock.now() + timedelta(days=1)
    with b.transaction() as session:
        theirs, made = b.followup_effects.ensure(session, cid, "thank-you", due, "B's", clock.now())
    assert made
    real = a.followup_effects.find_open
    looks: list[int] = []

    def stale_first_look(*args: Any, **kwargs: Any) -> FollowUp | None:
        looks.append(1)
        return None if len(looks) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(a.followup_effects, "find_open", stale_first_look)
    with a.transaction() as session:
        mine, made = a.followup_effects.ensure(session, cid, "thank-you", due, "A's", clock.now())
        assert (mine.id, made) == (theirs.id, False)
    assert rows(
        db, "SELECT count(*) FROM followups WHERE state = 'open' AND kind = 'thank-you'"
    ) == [(1,)]


def test_the_database_refuses_a_second_open_follow_up_for_one_obligation(
    services: Services, db: Database, clock: FakeClock
) -> None:
    cid = services.contacts.add(ContactFields(name="Ann Lee"))
    now = clock.now()
    with (
        pytest.raises(ServiceError, match="ux_followups_obligation"),
        services.transaction() as session,
    ):
        for _ in range(2):
            session.add(
                FollowUp(contact_id=cid, kind="nudge", due_at=now, state="open", created_at=now)
            )
            session.flush()
    with services.transaction() as session:  # closed ones and custom ones may repeat
        for state, kind in (("done", "nudge"), ("done", "nudge"), ("open", "custom")) * 2:
            session.add(
                FollowUp(contact_id=cid, kind=kind, due_at=now, state=state, created_at=now)
            )


def test_the_same_follow_up_done_from_two_machines_at_once_is_done_once(
    machines: list[Services], db: Database, clock: FakeClock
) -> None:
    a, b = machines
    cid = a.contacts.add(ContactFields(name="Ann Lee"))
    fid = a.followups.add(cid, clock.now() + timedelta(hours=2), "send the article")
    version = next(r.version for r in db.reader.due(clock.now() + timedelta(days=9)) if r.id == fid)

    got = at_once(lambda: a.followups.done(fid, version), lambda: b.followups.done(fid, version))

    refused = [r for r in got if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ServiceError), got
    assert "already done" in str(refused[0])
    assert rows(db, "SELECT state, version FROM followups WHERE id = :f", f=fid) == [("done", 2)]
    assert rows(db, "SELECT count(*) FROM events WHERE kind = 'followup-done'") == [(1,)]


def test_the_same_contact_saved_from_two_machines_at_once_keeps_one_and_reports_the_other(
    machines: list[Services], db: Database
) -> None:
    a, b = machines
    cid = a.contacts.add(ContactFields(name="Ann Lee", title="Analyst"))
    loaded = a.contacts.detail(cid)
    mine, theirs = loaded.fields(), loaded.fields()
    mine.title, theirs.title = "Lead analyst", "Head of data"

    got = at_once(
        lambda: a.contacts.update(cid, mine, version=loaded.version, loaded=loaded.fields()),
        lambda: b.contacts.update(cid, theirs, version=loaded.version, loaded=loaded.fields()),
    )

    refused = [r for r in got if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ChangedElsewhere), got
    winner = "Lead analyst" if got[0] is None else "Head of data"
    assert rows(db, "SELECT title, version FROM contacts WHERE id = :c", c=cid) == [(winner, 2)]
    assert (refused[0].loaded, refused[0].found) == (1, 2)


LOSERS: dict[str, Callable[[Services, int, int], Any]] = {
    "done": lambda s, fid, version: s.followups.done(fid, version),
    "snooze": lambda s, fid, version: s.followups.snooze_for(fid, timedelta(days=1), version),
    "dismiss": lambda s, fid, version: s.followups.dismiss(fid, version),
}


CLOSING = {"d": "followup-done", "s": "followup-snoozed", "x": "followup-dismissed"}


@pytest.mark.parametrize("action", sorted(LOSERS))
def test_a_follow_up_finished_elsewhere_while_this_machine_saved_it_says_already_done(
    machines: list[Services],
    db: Database,
    clock: FakeClock,
    engine: str,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    """The race of the test above, replayed in order: A has read the follow-up (open, at
    its version), B marks it done and commits, then A writes. A's version-checked UPDATE
    matches no row; A reads again and says what B did, not "changed while it was saved"."""
    if engine == "sqlite":
        pytest.skip("SQLite takes the two writes in turn (BEGIN IMMEDIATE): none loses at commit")
    a, b = machines
    cid = a.contacts.add(ContactFields(name="Ann Lee"))
    fid = a.followups.add(cid, clock.now() + timedelta(hours=2), "send the article")
    version = next(r.version for r in db.reader.due(clock.now() + timedelta(days=9)) if r.id == fid)
    assert version is not None
    read_open = a.followups._get_open

    def then_b_finishes_it(*args: Any, **kwargs: Any) -> Any:
        found = read_open(*args, **kwargs)  # A holds the open row, as read
        b.followups.done(fid, version)  # and B gets there first
        return found

    monkeypatch.setattr(a.followups, "_get_open", then_b_finishes_it)

    with pytest.raises(ChangedElsewhere) as lost:
        LOSERS[action](a, fid, version)

    assert str(lost.value) == (
        "This follow-up (to do for Ann Lee) was already done elsewhere at 09:00;"
        " nothing was changed"
    )
    assert (lost.value.loaded, lost.value.found) == (version, version + 1)
    assert rows(db, "SELECT state, version FROM followups WHERE id = :f", f=fid) == [("done", 2)]
    assert rows(db, "SELECT kind FROM events WHERE kind IN (:d, :s, :x)", **CLOSING) == [
        ("followup-done",)
    ]


def test_the_same_next_stage_key_on_two_machines_moves_the_card_once(
    machines: list[Services],
) -> None:
    """Both boards show Ann in requested and both press L: one move, to met; the second
    is told the card moved elsewhere (before, it went on to thanked)."""
    a, b = machines
    ann = a.contacts.add(ContactFields(name="Ann Lee", organisation="Acme"), stage="requested")
    assert a.contacts.step(ann, 1, "requested") == "met"
    with pytest.raises(ServiceError, match="Ann Lee was moved to Met elsewhere meanwhile"):
        b.contacts.step(ann, 1, "requested")
    assert b.contacts.detail(ann).stage == "met"
    got = at_once(
        partial(a.contacts.step, ann, -1, "met"), partial(b.contacts.step, ann, 1, "met")
    )  # one back, one on, from the same sight: one wins, the other is refused
    assert sorted(type(r).__name__ for r in got).count("str") == 1, got
    assert b.contacts.detail(ann).stage in ("requested", "thanked")
