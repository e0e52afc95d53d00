"""The effective due time (a snooze replaces the due time) is written once in Python and
once in SQL, side by side in ``followup_policy``; here the two agree on sample rows."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from infoterm.followup_policy import effective_due, effective_due_sql
from infoterm.store import sql
from infoterm.store.timefmt import from_db, to_db

DUE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SAMPLES: list[tuple[datetime, datetime | None]] = [
    (DUE, None),  # not snoozed: its due time
    (DUE, DUE + timedelta(days=7)),  # snoozed later
    (DUE, DUE + timedelta(seconds=1)),
    (DUE, DUE),  # snoozed to its own time
    (DUE + timedelta(days=30), DUE),  # a snooze earlier than the due time still replaces it
]


def test_sql_and_python_give_the_same_effective_due_time() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE followups (id INTEGER PRIMARY KEY, due_at TEXT, snoozed_until TEXT)")
    db.executemany(
        "INSERT INTO followups (due_at, snoozed_until) VALUES (?, ?)",
        [(to_db(due), to_db(snoozed)) for due, snoozed in SAMPLES],
    )
    found = [
        from_db(value)
        for (value,) in db.execute(f"SELECT {effective_due_sql('f')} FROM followups f ORDER BY id")
    ]
    assert found == [effective_due(due, snoozed) for due, snoozed in SAMPLES]


def test_the_store_queries_use_the_one_expression() -> None:
    hot = [getattr(sql, name) for name in ("DUE", "CONTACT_OPEN", "BOARD_PAGE", "CARD_URGENCY")]
    assert all(effective_due_sql("f") in text for text in hot)
