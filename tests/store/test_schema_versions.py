"""Schema versions: every frozen schema upgrades to the current one, with its data.

``schema_vN.sql`` files are frozen: never edit one. A fresh database must match the
newest frozen file exactly, so any change to the models fails here until it gets a new
version, an upgrade step in ``migrate.UPGRADES`` and a new frozen file.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from infoterm.store.database import SCHEMA_VERSION as FAST_PATH_VERSION
from infoterm.store.database import open_database
from infoterm.store.migrate import ADDED_IN_V5, UPGRADES
from infoterm.store.reader import BoardQuery
from infoterm.store.schema import SCHEMA_VERSION
from tests.engines import rows

HERE = Path(__file__).parent


def version_of(frozen: Path) -> int:
    """``schema_v3.sql``, ``schema_v3_with_index.sql``, ``pg_schema_v3.sql``: 3."""
    found = re.search(r"schema_v(\d+)", frozen.name)
    assert found, frozen
    return int(found.group(1))


# One file per version (the shape a fresh database of that version had), in order
FROZEN = sorted(
    (p for p in HERE.glob("schema_v*.sql") if re.fullmatch(r"schema_v\d+\.sql", p.name)),
    key=version_of,
)
# Every shape a database of an earlier version can have: a version that changed shape
# after its release (schema_v3 lost its unique index) has a frozen file for each.
EARLIER = sorted(
    (p for p in HERE.glob("schema_v*.sql") if version_of(p) < SCHEMA_VERSION),
    key=lambda p: (version_of(p), p.name),
)
PG_EARLIER = sorted(HERE.glob("pg_schema_v*.sql"), key=lambda p: (version_of(p), p.name))


def dump_schema(conn: sqlite3.Connection) -> str:
    """Tables, then indexes, each sorted by name: the form the frozen files are kept in."""
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index')"
        " ORDER BY type DESC, name"
    ).fetchall()
    return "".join(f"{sql};\n" for (sql,) in rows)


def shape(conn: sqlite3.Connection) -> dict[str, object]:
    """What a schema means, whatever the order of its columns: columns and indexes."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    result: dict[str, object] = {}
    for table in tables:
        columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
        result[table] = sorted(
            (name, kind, notnull, str(default).strip("'"), pk)
            for (_cid, name, kind, notnull, default, pk) in columns
        )
        indexes = conn.execute(f"PRAGMA index_list({table})").fetchall()
        result[f"{table} indexes"] = sorted(
            (
                index[1],
                index[2],
                tuple(col[2] for col in conn.execute(f"PRAGMA index_info({index[1]})")),
            )
            for index in indexes
        )
    return result


def fresh_schema(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "fresh.db"
    open_database(str(path)).close()
    return sqlite3.connect(path)


def test_the_versions_agree() -> None:
    assert FAST_PATH_VERSION == SCHEMA_VERSION
    assert set(UPGRADES) == set(range(1, SCHEMA_VERSION))
    assert [version_of(p) for p in FROZEN] == list(range(1, SCHEMA_VERSION + 1)), (
        "every version has a frozen schema file"
    )
    earlier = {version_of(p) for p in PG_EARLIER}
    assert earlier == set(range(1, SCHEMA_VERSION)), "and a PostgreSQL one, but the newest"


def test_a_fresh_database_matches_the_newest_frozen_schema(tmp_path: Path) -> None:
    """A model change without a new version (and frozen file) fails here."""
    conn = fresh_schema(tmp_path)
    assert dump_schema(conn) == FROZEN[-1].read_text()


SEED = (  # a little of everything every version has had, in SQL both engines take
    "INSERT INTO organisations (id, name, name_key, website, notes, is_target, created_at)"
    " VALUES (1, 'Acme', 'acme', '', 'research', TRUE, '2026-01-01 10:00:00')",
    "INSERT INTO contacts (id, name, organisation_id, title, email, phone, linkedin_url,"
    " source, tags, notes, stage, stage_changed_at, on_board, archive_reason, created_at,"
    " updated_at) VALUES (1, 'Ada', 1, 'CTO', 'ada@example.com', '', '', 'alumni', '',"
    " 'likes tea', 'met', '2026-01-01 10:00:00', TRUE, '', '2026-01-01 10:00:00',"
    " '2026-01-01 10:00:00')",
    "INSERT INTO meetings (id, contact_id, promised_minutes, location, agenda, state,"
    " lead_minutes, paused_seconds, extra_minutes, notes, talk_me_seconds,"
    " talk_them_seconds, checklist, created_at) VALUES (1, 1, 19, '', '', 'ended', 2, 0, 0,"
    " 'great call', 0, 0, '{}', '2026-01-01 10:00:00')",
    "INSERT INTO followups (id, contact_id, kind, due_at, state, reason, note, created_at)"
    " VALUES (1, 1, 'thank-you', '2026-01-02 10:00:00', 'open', 'met Thu 1 Jan',"
    " 'mention the book', '2026-01-01 10:00:00')",
)


def _seed(conn: sqlite3.Connection) -> None:
    for statement in SEED:
        conn.execute(statement)


def _assert_data_kept(found: Any) -> None:
    """``found(sql)``: the rows of a query on the upgraded database."""
    assert found("SELECT notes FROM meetings") == [("great call",)]
    assert found("SELECT notes, stage FROM contacts") == [("likes tea", "met")]
    assert found("SELECT kind, state, note, due_at FROM followups") == [
        ("thank-you", "open", "mention the book", "2026-01-02 10:00:00")
    ]
    # version 5's columns: not rated yet, no request or reply known for a met contact
    assert found("SELECT advocacy, motivation, posting FROM organisations") == [(False, 0, 1)]
    assert found("SELECT requested_at, replied_at, reply_via FROM contacts") == [(None, None, "")]


@pytest.mark.parametrize("frozen", EARLIER, ids=lambda p: p.stem)
def test_every_earlier_version_upgrades_with_its_data(tmp_path: Path, frozen: Path) -> None:
    version = version_of(frozen)
    path = tmp_path / f"{frozen.stem}.db"
    conn = sqlite3.connect(path)
    conn.executescript(frozen.read_text())
    conn.execute(f"PRAGMA user_version={version}")
    _seed(conn)
    conn.commit()
    conn.close()

    db = open_database(str(path))
    assert db.reader.counts(BoardQuery())["met"] == 1
    assert db.backup_made is not None and db.backup_made.exists()
    db.close()

    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert shape(upgraded) == shape(fresh_schema(tmp_path))
    _assert_data_kept(lambda sql: upgraded.execute(sql).fetchall())
    assert upgraded.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    backup = sqlite3.connect(db.backup_made)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version


def test_the_upgrade_to_5_takes_a_waiting_request_s_time_from_its_stage(
    tmp_path: Path,
) -> None:
    """A contact in ``requested`` was asked when it entered the stage; others are unknown."""
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path)
    conn.executescript((HERE / "schema_v4.sql").read_text())
    conn.execute("PRAGMA user_version=4")
    _seed(conn)
    conn.execute(
        "INSERT INTO contacts (id, name, organisation_id, title, email, phone, linkedin_url,"
        " source, tags, notes, stage, stage_changed_at, on_board, archive_reason, created_at,"
        " updated_at) VALUES (2, 'Bo', 1, '', '', '', '', '', '', '', 'requested',"
        " '2026-01-05 09:30:00', TRUE, '', '2026-01-01 10:00:00', '2026-01-05 09:30:00')"
    )
    conn.commit()
    conn.close()

    open_database(str(path)).close()

    upgraded = sqlite3.connect(path)
    assert upgraded.execute("SELECT id, requested_at FROM contacts ORDER BY id").fetchall() == [
        (1, None),
        (2, "2026-01-05 09:30:00"),
    ]


def test_a_version_one_file_that_already_had_the_board_index_upgrades(tmp_path: Path) -> None:
    """Files made between the index's arrival and version 2 have it under version 1."""
    path = tmp_path / "v1-with-index.db"
    conn = sqlite3.connect(path)
    conn.executescript((HERE / "schema_v1.sql").read_text())
    conn.execute(
        "CREATE INDEX ix_contacts_counts ON contacts (stage, on_board, deleted_at, archived_at)"
    )
    conn.execute("PRAGMA user_version=1")
    _seed(conn)
    conn.commit()
    conn.close()
    open_database(str(path)).close()
    assert shape(sqlite3.connect(path)) == shape(fresh_schema(tmp_path))


def test_version_two_rows_carry_a_version_that_updates_bump(tmp_path: Path) -> None:
    from infoterm.store.schema import Contact

    path = tmp_path / "v.db"
    db = open_database(str(path))
    conn = sqlite3.connect(path)
    _seed(conn)
    conn.commit()
    with db.sessions() as session:
        contact = session.get(Contact, 1)
        assert contact is not None and contact.version == 1
        contact.title = "CEO"
        session.commit()
        assert contact.version == 2
    db.close()


DUPLICATES = [  # id, kind, meeting_id, note: three open nudges, two prepares of one meeting
    (1, "nudge", None, ""),
    (2, "nudge", None, "ask about the team"),
    (3, "nudge", None, ""),
    (4, "prepare", 1, ""),
    (5, "prepare", 1, ""),
    (6, "custom", None, "a custom one"),
    (7, "custom", None, "and another"),
]


def _insert_duplicates(execute: Any) -> None:
    for fid, kind, meeting, note in DUPLICATES:
        execute(
            "INSERT INTO followups (id, version, contact_id, kind, due_at, state, reason,"
            " meeting_id, note, created_at) VALUES"
            f" ({fid}, 1, 1, '{kind}', '2026-01-02 09:00:00', 'open', '',"
            f" {meeting if meeting else 'NULL'}, '{note}', '2026-01-01 10:00:00')"
        )


def _open_after_upgrade(rows: list[tuple[Any, ...]]) -> list[int]:
    return sorted(fid for fid, state in rows if state == "open")


def test_the_upgrade_to_4_closes_duplicate_follow_ups_keeping_the_one_with_a_note(
    tmp_path: Path,
) -> None:
    """Of each obligation's open follow-ups, the one with a note stays open, else the
    earliest; the others are dismissed (never deleted). Custom ones are never duplicates."""
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    conn.executescript((HERE / "schema_v3.sql").read_text())
    conn.execute("PRAGMA user_version=3")
    for statement in SEED[:3]:  # not its follow-up: the duplicates take id 1
        conn.execute(statement)
    _insert_duplicates(conn.execute)
    conn.commit()
    conn.close()

    open_database(str(path)).close()

    upgraded = sqlite3.connect(path)
    found = upgraded.execute("SELECT id, state FROM followups ORDER BY id").fetchall()
    assert len(found) == len(DUPLICATES)
    assert _open_after_upgrade(found) == [2, 4, 6, 7]
    assert upgraded.execute(
        "SELECT count(*) FROM followups WHERE state = 'dismissed' AND closed_at IS NOT NULL"
    ).fetchone() == (3,)


@pytest.mark.postgresql
def test_a_postgresql_upgrade_writes_a_json_export_first_then_closes_duplicates(
    pg: Any, tmp_path: Path
) -> None:
    """A version-3 server database: the upgrade names its JSON export, which holds every
    row as it was (the duplicates still open) and restores into an empty SQLite file."""
    import psycopg

    from infoterm.clock import FakeClock
    from infoterm.services import Services
    from tests.conftest import NOW

    url = pg.new_database()
    name = url.split("/")[3].split("?")[0]
    with psycopg.connect(pg.conninfo(name), autocommit=True) as conn:
        conn.execute("DROP INDEX ux_followups_obligation")
        for table, columns in ADDED_IN_V5.items():  # back to version 3's shape
            for column in columns:
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("UPDATE schema_version SET version = 3")
        for statement in SEED[:3]:  # not its follow-up: the duplicates take id 1
            conn.execute(statement)
        _insert_duplicates(conn.execute)

    db = open_database(url, backups_dir=tmp_path / "backups")
    try:
        export = db.backup_made
        assert export is not None and export.parent == tmp_path / "backups"
        assert export.name.startswith(f"infoterm-before-v{SCHEMA_VERSION}-")
        assert oct(export.stat().st_mode & 0o777) == "0o600"
        document = json.loads(export.read_text())
        assert document["schema_version"] == 3
        assert [f["state"] for f in document["tables"]["followups"]] == ["open"] * 7
        found = rows(db, "SELECT id, state FROM followups ORDER BY id")
        assert _open_after_upgrade(found) == [2, 4, 6, 7]
    finally:
        db.close()

    restored = open_database(str(tmp_path / "restored.db"))
    try:
        Services(restored, FakeClock(NOW)).interop.import_json(export)
        assert rows(restored, "SELECT notes FROM meetings") == [("great call",)]
        # the old export's duplicates are closed on the way in, as the upgrade closed them
        found = rows(restored, "SELECT id, state FROM followups ORDER BY id")
        assert len(found) == 7 and _open_after_upgrade(found) == [2, 4, 6, 7]
    finally:
        restored.close()


def _pg_shape(conninfo: str) -> dict[str, object]:
    """What a server schema means: columns (name, type, null, default) and indexes of each
    table, the change counter's triggers, the version."""
    import psycopg

    with psycopg.connect(conninfo) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, character_maximum_length,"
            " is_nullable, column_default FROM information_schema.columns"
            " WHERE table_schema = 'public' ORDER BY table_name, column_name"
        ).fetchall()
        indexes = conn.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = 'public' ORDER BY tablename, indexname"
        ).fetchall()
        triggers = conn.execute(
            "SELECT event_object_table, trigger_name, event_manipulation"
            " FROM information_schema.triggers ORDER BY 1, 2, 3"
        ).fetchall()
        version = conn.execute("SELECT version FROM schema_version").fetchall()
    return {"columns": columns, "indexes": indexes, "triggers": triggers, "version": version}


def _pg_name(url: str) -> str:
    return url.split("/")[3].split("?")[0]


@pytest.mark.postgresql
@pytest.mark.parametrize("frozen", PG_EARLIER, ids=lambda p: p.stem)
def test_every_earlier_postgresql_version_upgrades_with_its_data(
    pg: Any, tmp_path: Path, frozen: Path
) -> None:
    """A server database of each earlier version (and shape), made from its frozen DDL,
    upgrades to exactly the schema a fresh one gets, keeping its rows."""
    import psycopg

    version = version_of(frozen)
    url = pg.new_database(schema=False)
    with psycopg.connect(pg.conninfo(_pg_name(url)), autocommit=True) as conn:
        conn.execute(frozen.read_text().encode())  # no parameters: many statements at once
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute(f"INSERT INTO schema_version VALUES ({version})")
        for statement in SEED:
            conn.execute(statement)

    db = open_database(url, backups_dir=tmp_path / "backups")
    try:
        assert db.backup_made is not None
        assert json.loads(db.backup_made.read_text())["schema_version"] == version
        assert db.reader.counts(BoardQuery())["met"] == 1
        _assert_data_kept(lambda sql: rows(db, sql))
    finally:
        db.close()
    fresh = pg.new_database()
    assert _pg_shape(pg.conninfo(_pg_name(url))) == _pg_shape(pg.conninfo(_pg_name(fresh)))
