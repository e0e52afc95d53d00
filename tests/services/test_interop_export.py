"""Export (JSON round trip, CSV safety, iCalendar by two parsers) and online backup."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from sqlalchemy import update

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import ServiceError, Services
from infoterm.store.database import Database, open_database
from infoterm.store.schema import FollowUp, Landing, Meeting, MeetingQuestion, Question
from tests.engines import table_rows

T0 = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)


def add_campaign_rows(services: Services, ids: dict[str, int]) -> dict[str, int]:
    """Meetings (notes, talk shares), questions, follow-ups and a landing, written directly."""
    with services.transaction() as s:
        q = Question(topic="the work", text="What does a typical week look like?", position=1)
        s.add(q)
        held = Meeting(
            contact_id=ids["Ben Whitaker"],
            scheduled_at=T0,
            promised_minutes=19,
            location="Café Nero, 12 High St; table by the window",
            agenda="Ask about the data team, hiring; and on-call",
            state="ended",
            started_at=T0,
            ended_at=T0 + timedelta(minutes=21),
            duration_seconds=21 * 60,
            overtime_seconds=120,
            ended_on_time=False,
            notes="Long notes, with commas; semicolons\nand a second line " + "x" * 120,
            talk_me_seconds=500.5,
            talk_them_seconds=759.5,
            checklist='{"openings": true}',
            created_at=T0 - timedelta(days=3),
        )
        upcoming = Meeting(
            contact_id=ids["Dev Patel"],
            scheduled_at=T0 + timedelta(days=5),
            promised_minutes=90,
            location="Video call",
            state="scheduled",
            created_at=T0,
        )
        s.add_all([held, upcoming])
        s.flush()
        s.add(MeetingQuestion(meeting_id=held.id, question_id=q.id, asked_at=T0))
        # the demo's own thank-you for Ben is closed: one open per obligation (schema 4)
        s.execute(
            update(FollowUp)
            .where(FollowUp.contact_id == ids["Ben Whitaker"], FollowUp.state == "open")
            .where(FollowUp.kind == "thank-you")
            .values(state="done", closed_at=T0)
        )
        thanks = FollowUp(
            contact_id=ids["Ben Whitaker"],
            kind="thank-you",
            due_at=T0 + timedelta(days=1),
            reason="You met Ben, send a thank-you note",
            meeting_id=held.id,
            created_at=T0,
        )
        s.add(thanks)
        s.add(
            FollowUp(
                contact_id=ids["Dev Patel"],
                kind="nudge",
                due_at=T0 - timedelta(days=1),
                state="done",
                created_at=T0 - timedelta(days=8),
                closed_at=T0,
            )
        )
        s.add(
            Landing(
                organisation="Civic Maps",
                title="Researcher",
                start_date=date(2027, 1, 4),
                recorded_at=T0,
            )
        )
        s.flush()
        return {"held": held.id, "upcoming": upcoming.id, "thanks": thanks.id}


@pytest.fixture
def campaign(demo_db: Database, clock: FakeClock) -> Services:
    services = Services(demo_db, clock)
    ids = {name: cid for cid, name, _o, _s in demo_db.reader.contact_names()}
    services.made = add_campaign_rows(services, ids)
    # a referrer stored after the person they referred
    fields = services.contacts.detail(ids["Ben Whitaker"]).fields()
    fields.referred_by_id = ids["Noah Fischer"]
    services.contacts.update(ids["Ben Whitaker"], fields)
    return services


def restore_elsewhere(campaign: Services, source: Database, target: str, tmp_path: Path) -> None:
    """Export ``source`` to JSON, restore it into the empty database ``target``: every
    table holds the same rows (ids included), and a new export of it is the same."""
    config = tmp_path / "home" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "nord"\n')
    export = tmp_path / "export.json"
    export.write_text(json.dumps(campaign.interop.export_json(config)), encoding="utf-8")

    restored_db = open_database(target)
    restored_config = tmp_path / "other-home" / "config.toml"
    try:
        restored = Services(restored_db, campaign.clock)
        result = restored.interop.import_json(export, restored_config)
        again = restored.interop.export_json(restored_config)
        original = table_rows(source)
        copy = table_rows(restored_db)
        assert list(copy) == list(original)
        for table in original:
            assert copy[table] == original[table], table
        assert all(original[t] for t in ("meetings", "followups", "landings", "meeting_questions"))
        assert result.rows["contacts"] == 52 and result.rows["meetings"] == len(
            original["meetings"]
        )
        assert restored_config.read_text() == 'theme = "nord"\n'
        first = json.loads(export.read_text())
        assert again["tables"] == first["tables"] and again["config"] == first["config"]
        # the ids go on after the restored ones (PostgreSQL: the sequences were set)
        added = restored.contacts.add(ContactFields(name="After Restore"))
        assert added == max(row[0] for row in original["contacts"]) + 1
    finally:
        restored_db.close()


def test_json_export_restores_into_an_empty_database_exactly(
    campaign: Services, demo_db: Database, other_target: str, tmp_path: Path
) -> None:
    restore_elsewhere(campaign, demo_db, other_target, tmp_path)


@pytest.mark.postgresql
@pytest.mark.parametrize("direction", ["sqlite to postgresql", "postgresql to sqlite"])
def test_json_export_restores_losslessly_into_the_other_engine(
    direction: str, clock: FakeClock, tmp_path: Path, pg_cluster: Any
) -> None:
    from infoterm.demo import seed_demo

    targets = {"sqlite": str(tmp_path / "a.db"), "postgresql": pg_cluster.new_database()}
    source_engine, _, target_engine = direction.split()
    source = open_database(targets[source_engine])
    try:
        seed_demo(source, clock)
        services = Services(source, clock)
        ids = {name: cid for cid, name, _o, _s in source.reader.contact_names()}
        services.made = add_campaign_rows(services, ids)
        restore_elsewhere(services, source, targets[target_engine], tmp_path)
    finally:
        source.close()
        pg_cluster.drop(targets["postgresql"])


def test_import_json_refuses_a_database_in_use(campaign: Services, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps(campaign.interop.export_json()))
    with pytest.raises(ServiceError, match="restores into an empty database, and this one has"):
        campaign.interop.import_json(export)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON (line 1, column 2"),
        ('{"tables": {}}', "is not an infoterm JSON export"),
        (
            '{"format": "infoterm-export", "schema_version": 99, "tables": {}}',
            "schema_version: 99 is newer than this infoterm knows",
        ),
        (
            '{"format": "infoterm-export", "schema_version": 1, "tables": {"contacts": [{"x": 1}]}}',
            "contacts[0].x: is not a column of contacts",
        ),
        (
            '{"format": "infoterm-export", "schema_version": 1, "tables": {"organisations": '
            '[{"id": 1, "name": "A", "name_key": "a", "created_at": "yesterday"}]}}',
            'organisations[0].created_at: "yesterday" is not a time',
        ),
    ],
)
def test_bad_json_files_get_clear_messages(
    services: Services, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ServiceError, match=re.escape(message)):
        services.interop.import_json(path)


def test_csv_export_is_spreadsheet_safe_and_reimports(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    services.contacts.add(
        ContactFields(
            name='=HYPERLINK("http://evil.example","x")',
            organisation="+Plus, Ltd",
            title="-1",
            phone="+44 20 7946 0000",
            notes="@cmd line one\nline two",
            tags="a,b",
        ),
        on_board=False,
    )
    services.contacts.add(ContactFields(name="Plain Person", organisation="Acme"), stage="met")
    text = services.interop.export_csv()

    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:4] == ["id", "name", "organisation", "title"]
    evil = dict(zip(rows[0], rows[1], strict=True))
    assert evil["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert evil["organisation"] == "'+Plus, Ltd"
    assert evil["title"] == "'-1" and evil["phone"] == "'+44 20 7946 0000"
    assert evil["notes"] == "'@cmd line one\nline two"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8-sig", newline="")
    same = services.interop.import_csv(path)
    assert (same.added, same.updated, len(same.unchanged_rows)) == (0, 0, 2)
    fresh = open_database(str(tmp_path / "fresh.db"))
    try:
        copy = Services(fresh, clock)
        summary = copy.interop.import_csv(path)
        assert summary.added == 2 and not summary.problems
        names = {r.name: r for r in copy.contacts.rows()}
        assert list(names) == ["Plain Person"]  # the stage column put them on the board
        book, _ = copy.network.address_book()
        assert book[0].name == '=HYPERLINK("http://evil.example","x")'
        assert book[0].organisation == "+Plus, Ltd"
    finally:
        fresh.close()


def test_ics_is_accepted_by_two_parsers(campaign: Services, demo_db: Database) -> None:
    text = campaign.interop.export_ics()

    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "LOCATION:Café Nero\\, 12 High St\\; table by the window" in text.replace("\r\n ", "")

    made = campaign.made
    held_uid, upcoming_uid = (
        f"meeting-{made['held']}@infoterm",
        f"meeting-{made['upcoming']}@infoterm",
    )
    thanks_uid = f"followup-{made['thanks']}@infoterm"
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    held = events[held_uid]
    assert held.decoded("DTSTART") == T0
    assert held.decoded("DURATION") == timedelta(minutes=19)
    assert str(held["LOCATION"]) == "Café Nero, 12 High St; table by the window"
    assert str(held["SUMMARY"]) == "Meet Ben Whitaker · Lumen Analytics"
    assert events[upcoming_uid].decoded("DURATION") == timedelta(minutes=90)
    todos = {str(t["UID"]): t for t in calendar.walk("VTODO")}
    assert str(todos[thanks_uid]["SUMMARY"]) == "Thank Ben Whitaker"
    assert todos[thanks_uid].decoded("DUE") == date(2026, 11, 21)
    with campaign.read() as session:
        open_followups = session.query(FollowUp).filter(FollowUp.state == "open").count()
        meetings = session.query(Meeting).count()
    assert len(todos) == open_followups and len(events) == meetings

    parsed = vobject.readOne(text)
    assert {e.uid.value for e in parsed.vevent_list} == set(events)
    by_uid = {e.uid.value: e for e in parsed.vevent_list}
    assert by_uid[held_uid].location.value == "Café Nero, 12 High St; table by the window"
    assert {t.uid.value for t in parsed.vtodo_list} == set(todos)

    # stable UIDs: a second export names the same entries
    assert [
        e["UID"] for e in icalendar.Calendar.from_ical(campaign.interop.export_ics()).walk("VEVENT")
    ] == [e["UID"] for e in calendar.walk("VEVENT")]


@pytest.mark.sqlite_only
def test_backup_while_another_connection_writes(
    demo_db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    services = Services(demo_db, clock)
    path = demo_db.sqlite_path
    assert path is not None
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        conn = sqlite3.connect(path, timeout=10)
        try:
            i = 0
            while not stop.is_set() and i < 2000:
                conn.execute(
                    "INSERT INTO events (contact_id, at, kind, summary, payload) "
                    "VALUES (NULL, '2026-11-23 09:00:00', 'note', ?, '{}')",
                    (f"write {i}",),
                )
                conn.commit()
                written.append(i)
                i += 1
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50:
            stop.wait(0.01)
        (tmp_path / "backups").mkdir()
        results = []
        for _ in range(3):
            results.append(services.interop.backup(tmp_path / "backups"))
            clock.advance(1)  # the next backup gets its own name
    finally:
        stop.set()
        thread.join()

    for result in results:
        assert result.contacts == 52  # 40 on the board, 12 in the address book
        conn = sqlite3.connect(result.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM events WHERE kind = 'note'").fetchone()[0]
        finally:
            conn.close()
        assert 50 <= count <= len(written)
        assert oct(result.path.stat().st_mode & 0o777) == "0o600"
    assert not list((tmp_path / "backups").glob(".*partial"))


@pytest.mark.sqlite_only
def test_backup_never_overwrites(services: Services, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    services.interop.backup(target)
    with pytest.raises(ServiceError, match="already exists"):
        services.interop.backup(target)


@pytest.mark.parametrize(
    ("sqlite_says", "again"),
    [("unable to open database file", False), ("database is locked", True)],
)
def test_a_failed_backup_says_try_again_only_when_it_may_work_later(
    db_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sqlite_says: str,
    again: bool,
) -> None:
    from infoterm.atomic import CopyError

    def failing(*_args: Any, **_kwargs: Any) -> Any:
        raise CopyError(sqlite_says)

    monkeypatch.setattr("infoterm.services.interop.copy_database", failing)
    db = open_database(str(db_path))
    with pytest.raises(ServiceError) as raised:
        Services(db, clock).interop.backup(tmp_path / "copy.db")
    db.close()
    assert str(raised.value).startswith(f"backup to {tmp_path / 'copy.db'} failed: {sqlite_says}")
    assert ("try again" in str(raised.value)) is again
