"""A JSON export is checked value by value before anything of it is restored."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.services import Services
from infoterm.services.errors import ServiceError
from infoterm.store.database import Database, open_database
from tests.conftest import NOW


@pytest.fixture
def export(demo_db: Database, clock: FakeClock, tmp_path: Path) -> dict[str, Any]:
    document = Services(demo_db, clock).interop.export_json()
    assert document["tables"]["contacts"] and document["tables"]["meetings"]
    return document


def restore(tmp_path: Path, clock: FakeClock, document: Any, name: str = "x") -> Services:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    target = open_database(str(tmp_path / f"{name}.db"))
    services = Services(target, clock)
    services.interop.import_json(path, tmp_path / "home" / "config.toml")
    return services


BAD = [
    ("contacts", 3, "stage", "nonsense", 'contacts[3].stage: "nonsense" is not a stage'),
    (
        "meetings",
        0,
        "promised_minutes",
        "twenty",
        'meetings[0].promised_minutes: "twenty" is not a whole number',
    ),
    (
        "meetings",
        0,
        "promised_minutes",
        100000,
        "meetings[0].promised_minutes: 100000 is out of range",
    ),
    ("contacts", 0, "id", 2**70, "contacts[0].id: 1180591620717411303424 is not an id"),
    ("contacts", 0, "id", -4, "contacts[0].id: -4 is not an id"),
    ("contacts", 1, "name", ["a"], 'contacts[1].name: ["a"] is not text'),
    ("contacts", 1, "name", None, "contacts[1].name: is missing"),
    ("contacts", 2, "on_board", "yes", 'contacts[2].on_board: "yes" is not true or false'),
    (
        "contacts",
        2,
        "created_at",
        "0999-06-01 09:00:00",
        'contacts[2].created_at: "0999-06-01 09:00:00" is out of range',
    ),
    (
        "contacts",
        2,
        "connected_on",
        "2026-02-30",
        'contacts[2].connected_on: "2026-02-30" is not a date',
    ),
    ("followups", 0, "kind", "bribe", 'followups[0].kind: "bribe" is not a follow-up kind'),
    ("followups", 0, "state", 7, "followups[0].state: 7 is not text"),
    ("meetings", 0, "state", "lost", 'meetings[0].state: "lost" is not a meeting state'),
    ("meetings", 0, "lead_minutes", 1e308, "meetings[0].lead_minutes: 1e+308 is out of range"),
    ("meetings", 0, "checklist", "[[[", 'meetings[0].checklist: "[[[" is not a JSON object'),
    ("contacts", 0, "notes", {"a": {"b": 1}}, 'contacts[0].notes: {"a": {"b": 1}} is not text'),
    (
        "organisations",
        0,
        "motivation",
        4,
        "organisations[0].motivation: 4 is out of range: use 0 to 3",
    ),
    ("organisations", 1, "posting", 0, "organisations[1].posting: 0 is out of range: use 1 to 3"),
    ("organisations", 1, "advocacy", "y", 'organisations[1].advocacy: "y" is not true or false'),
    ("contacts", 0, "replied_at", "soon", 'contacts[0].replied_at: "soon" is not a time'),
    ("contacts", 0, "version", -1, "contacts[0].version: -1 is not a row version (1 or more)"),
    ("meetings", 0, "version", 0, "meetings[0].version: 0 is not a row version (1 or more)"),
]


@pytest.mark.parametrize(("table", "index", "column", "value", "message"), BAD)
def test_the_first_bad_value_is_named_by_its_path_and_nothing_is_written(
    export: dict[str, Any],
    tmp_path: Path,
    clock: FakeClock,
    table: str,
    index: int,
    column: str,
    value: Any,
    message: str,
) -> None:
    export["tables"][table][index][column] = value
    with pytest.raises(ServiceError, match=re.escape(message)):
        restore(tmp_path, clock, export)
    target = open_database(str(tmp_path / "x.db"))
    assert Services(target, clock).contacts.rows() == []
    assert not (tmp_path / "home" / "config.toml").exists()


def test_a_good_export_still_restores(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock
) -> None:
    services = restore(tmp_path, clock, export)
    assert len(services.contacts.rows()) > 3


def test_deep_or_huge_json_is_refused_with_a_message(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(ServiceError, match="nested too deeply"):
        restore(tmp_path, clock, "[" * 100_000 + "]" * 100_000, "deep")
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, '{"format_version": 1' + "0" * 100_000 + "}", "long")
    assert str(caught.value) == f"{tmp_path / 'long.json'}: is not JSON (a number is too long)"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('meeting = "x"', "config: meeting: expected a table"),
        (
            "[meeting]\ndefault_minutes = 9999",
            "config: meeting.default_minutes: 9999 is out of range",
        ),
        ("not toml [", "config: is not valid TOML"),
        (42, "config: is not the text of a config.toml"),
    ],
)
def test_the_exports_config_is_checked_like_config_toml(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, config: Any, message: str
) -> None:
    export["config"] = config
    if not isinstance(config, str):
        with pytest.raises(ServiceError, match=message):
            restore(tmp_path, clock, export)
        target = open_database(str(tmp_path / "x.db"))
        assert Services(target, clock).contacts.rows() == []
        return
    path = tmp_path / "x.json"
    path.write_text(json.dumps(export))
    services = Services(open_database(str(tmp_path / "x.db")), clock)
    result = services.interop.import_json(path, tmp_path / "home" / "config.toml")
    assert message in result.config and "not restored" in result.config
    assert not (tmp_path / "home" / "config.toml").exists()  # never installed unchecked
    assert (tmp_path / "home" / "config.toml.from-export").read_text() == config


@pytest.mark.parametrize(
    ("zone", "typed"),
    [("America/New_York", "2200-12-31 23:30"), ("Asia/Tokyo", "1900-01-01 00:30")],
)
def test_a_time_typed_at_the_edge_of_the_range_exports_and_restores(
    db: Database, tmp_path: Path, zone: str, typed: str
) -> None:
    """A local time at the very edge is stored in UTC a year outside the typed range
    (2201-01-01 04:30, 1899-12-31 15:30); the export of it restores (one bound for both)."""
    from zoneinfo import ZoneInfo

    from infoterm.dates import parse_when
    from infoterm.pipeline import ContactFields

    clock = FakeClock(NOW, tz=ZoneInfo(zone))
    services = Services(db, clock)
    ann = services.contacts.add(ContactFields(name="Ann"))
    far = services.followups.add(ann, parse_when(typed, clock.local_now()), "the far one")
    document = services.interop.export_json()
    (due,) = [f["due_at"] for f in document["tables"]["followups"] if f["id"] == far]
    assert due[:4] in ("2201", "1899")

    restored = restore(tmp_path, clock, document)
    local = clock.to_local(restored.followups.get(far).due)
    assert f"{local:%Y-%m-%d %H:%M}" == typed


def _edit(document: dict[str, Any], how: str) -> None:
    """Spoil an export the way ``how`` says (see CROSS_ROW)."""
    tables = document["tables"]
    if how == "duplicate contact id":
        tables["contacts"][4]["id"] = tables["contacts"][1]["id"]
    elif how == "duplicate organisation name":
        tables["organisations"][2]["name_key"] = tables["organisations"][0]["name_key"]
    elif how == "follow-up of no contact":
        tables["followups"][3]["contact_id"] = 99999
    elif how == "contact of no organisation":
        tables["contacts"][0]["organisation_id"] = 4242
    elif how == "referrer who is not there":
        tables["contacts"][5]["referred_by_id"] = 777
    elif how == "meeting questions twice":
        tables["questions"] = [{"id": 1, "topic": "t", "text": "why?", "position": 1}]
        row = {"meeting_id": tables["meetings"][0]["id"], "question_id": 1, "asked_at": None}
        tables["meeting_questions"] = [row, dict(row)]
    elif how == "meeting question of no question":
        row = {"meeting_id": tables["meetings"][0]["id"], "question_id": 9999, "asked_at": None}
        tables["meeting_questions"] = [row]


CROSS_ROW = [
    ("duplicate contact id", "contacts[4].id: 2 is also the id of contacts[1]"),
    (
        "duplicate organisation name",
        'organisations[2].name_key: "northwind health" is also the name_key of organisations[0]',
    ),
    ("follow-up of no contact", "followups[3].contact_id: 99999 is the id of no row of contacts"),
    (
        "contact of no organisation",
        "contacts[0].organisation_id: 4242 is the id of no row of organisations",
    ),
    (
        "referrer who is not there",
        "contacts[5].referred_by_id: 777 is the id of no row of contacts",
    ),
    (
        "meeting questions twice",
        "meeting_questions[1]: meeting_id 1, question_id 1 is also meeting_questions[0]",
    ),
    (
        "meeting question of no question",
        "meeting_questions[0].question_id: 9999 is the id of no row of questions",
    ),
]


@pytest.mark.parametrize(("how", "message"), CROSS_ROW, ids=[c[0] for c in CROSS_ROW])
def test_duplicates_and_dangling_references_are_named_before_anything_is_written(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, how: str, message: str
) -> None:
    _edit(export, how)
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, export)
    assert str(caught.value) == f"{tmp_path / 'x.json'}: {message}"
    target = open_database(str(tmp_path / "x.db"))
    assert Services(target, clock).contacts.rows() == []


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("name", "organisations[0].name: contains an unpaired surrogate (\\ud800)"),
        ("notes", "contacts[0].notes: contains an unpaired surrogate (\\udc80)"),
        ("config", "config: contains an unpaired surrogate (\\ud800)"),
        ("nul", "contacts[0].notes: control character U+0000 is not allowed"),
    ],
)
def test_text_no_database_holds_is_refused_before_anything_is_written(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, where: str, message: str
) -> None:
    """JSON may spell a lone surrogate ("\\ud800"), which no UTF-8 database or file
    holds, or a NUL ("\\u0000"), which PostgreSQL's text refuses and nobody types."""
    if where == "name":
        export["tables"]["organisations"][0]["name"] = "\ud800"
    elif where == "notes":
        export["tables"]["contacts"][0]["notes"] = "A\udc80B"
    elif where == "nul":
        export["tables"]["contacts"][0]["notes"] = "A\x00B"
    else:
        export["config"] = "# \ud800\n"
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, export)
    assert str(caught.value) == f"{tmp_path / 'x.json'}: {message}"
    assert Services(open_database(str(tmp_path / "x.db")), clock).contacts.rows() == []
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (-1, "schema_version: -1 is not a schema version (1 to 5)"),
        (0, "schema_version: 0 is not a schema version (1 to 5)"),
        ("5", 'schema_version: "5" is not a schema version (1 to 5)'),
        (True, "schema_version: true is not a schema version (1 to 5)"),
        (None, "schema_version: is missing"),
        (6, "schema_version: 6 is newer than this infoterm knows (5): it was exported by"),
    ],
)
def test_the_schema_version_is_checked(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, version: Any, message: str
) -> None:
    export["schema_version"] = version
    if version is None:
        del export["schema_version"]
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, export)
    assert str(caught.value).startswith(f"{tmp_path / 'x.json'}: {message}")


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (
            99,
            "format_version: 99 is newer than this infoterm knows (1): it was exported by a"
            " newer infoterm; upgrade infoterm to restore it",
        ),
        (0, "format_version: 0 is not a format version (1 to 1)"),
        ("1", 'format_version: "1" is not a format version (1 to 1)'),
        (None, "format_version: is missing"),
    ],
)
def test_the_format_version_is_checked(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, version: Any, message: str
) -> None:
    export["format_version"] = version
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, export)
    assert str(caught.value) == f"{tmp_path / 'x.json'}: {message}"
    assert Services(open_database(str(tmp_path / "x.db")), clock).contacts.rows() == []
    del export["format_version"]  # a hand-made document without one reads as format 1
    assert restore(tmp_path, clock, export, "y").contacts.rows()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda t: t.update(frobs=[]), "frobs: is not a table of infoterm (a newer export?)"),
        (lambda t: t.update(contacts={}), "contacts: is not a list of rows"),
        (lambda t: t["contacts"].__setitem__(2, [1]), "contacts[2]: is not a row (an object)"),
        (
            lambda t: t["contacts"][3].update(colour="red"),
            "contacts[3].colour: is not a column of contacts",
        ),
        (
            lambda t: t["contacts"][1].update(name="Eve\x1b]0;x\x07"),
            "contacts[1].name: control character U+001B is not allowed",
        ),
        (
            lambda t: t["organisations"][0].update(name="A\nB"),
            "organisations[0].name: line break U+000A is not allowed",
        ),
    ],
)
def test_every_message_names_its_path_the_same_way(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock, spoil: Any, message: str
) -> None:
    spoil(export["tables"])
    with pytest.raises(ServiceError) as caught:
        restore(tmp_path, clock, export)
    assert str(caught.value) == f"{tmp_path / 'x.json'}: {message}"


def test_an_export_from_before_schema_5_restores_with_unrated_organisations(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock
) -> None:
    """An older export has no LAMP or reply columns: they take their defaults."""
    export["schema_version"] = 4
    for row in export["tables"]["organisations"]:
        for column in ("advocacy", "motivation", "posting"):
            del row[column]
    for row in export["tables"]["contacts"]:
        for column in ("requested_at", "replied_at", "reply_via"):
            del row[column]
    services = restore(tmp_path, clock, export)
    again = services.interop.export_json()["tables"]
    assert {(o["advocacy"], o["motivation"], o["posting"]) for o in again["organisations"]} == {
        (False, 0, 1)
    }
    assert {(c["replied_at"], c["reply_via"]) for c in again["contacts"]} == {(None, "")}


def test_lamp_values_and_replies_survive_an_export_and_restore(
    export: dict[str, Any], tmp_path: Path, clock: FakeClock
) -> None:
    first = export["tables"]["organisations"][0]
    first.update(advocacy=True, motivation=3, posting=2)
    export["tables"]["contacts"][0].update(
        requested_at="2026-11-20 09:00:00", replied_at="2026-11-23 14:00:00", reply_via="email"
    )
    services = restore(tmp_path, clock, export)
    again = services.interop.export_json()["tables"]
    found = next(o for o in again["organisations"] if o["id"] == first["id"])
    assert (found["advocacy"], found["motivation"], found["posting"]) == (True, 3, 2)
    contact = next(c for c in again["contacts"] if c["id"] == export["tables"]["contacts"][0]["id"])
    assert (contact["requested_at"], contact["replied_at"], contact["reply_via"]) == (
        "2026-11-20 09:00:00",
        "2026-11-23 14:00:00",
        "email",
    )
