"""One-line fields refuse control characters and line breaks on every way in; whatever
is stored reaches a terminal with its controls written out (infoterm.textsafe)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields, validate_contact
from infoterm.services import ServiceError, Services, ValidationFailed
from infoterm.store.database import open_database
from infoterm.textsafe import (
    ONE_LINE_FIELDS,
    for_editor,
    from_editor,
    one_line_problem,
    visible,
    visible_lines,
    visible_output,
)

HOSTILE = {
    "\x1b": "control character U+001B",
    "\x07": "control character U+0007",
    "\x9b": "control character U+009B",
    "\x00": "control character U+0000",
    "\x7f": "control character U+007F",
    "\t": "control character U+0009",
    "\n": "line break U+000A",
    "\r": "line break U+000D",
    "\x85": "line break U+0085",
    "\u2028": "line break U+2028",
    "\u202e": "bidi control U+202E",
    "\u202a": "bidi control U+202A",
    "\u2066": "bidi control U+2066",
    "\u2069": "bidi control U+2069",
    "\u200e": "bidi control U+200E",
    "\u200f": "bidi control U+200F",
    "\u061c": "bidi control U+061C",
    "\u200b": "invisible character U+200B",
    "\u2060": "invisible character U+2060",
    "\ufeff": "invisible character U+FEFF",
}


@pytest.mark.parametrize("char", list(HOSTILE))
def test_one_line_problem_names_the_field_and_the_character(char: str) -> None:
    assert one_line_problem("title", f"Lead{char}Engineer") == (
        f"title: {HOSTILE[char]} is not allowed"
    )
    assert one_line_problem("linkedin_url", char).startswith("LinkedIn URL: ")


@pytest.mark.parametrize(
    "text",
    [
        "Eve",
        "Zoë Ångström",
        "محمد",
        "李小龍",
        "👩🏽‍💻 Dev",
        "e\u0301",
        "[b]x[/b]",
        "Acme [UK",
        "می\u200cخواهم",  # a zero-width non-joiner, as Persian writes it
        "क\u094d\u200dष",  # a zero-width joiner, as Devanagari needs it
    ],
)
def test_ordinary_text_of_any_script_is_allowed_and_shown_as_is(text: str) -> None:
    assert one_line_problem("name", text) is None
    assert visible(text) == text == visible_lines(text)


def test_visible_writes_out_every_control() -> None:
    assert visible("Eve\x1b]0;pwned\x07") == "Eve\\x1b]0;pwned\\x07"
    assert visible("a\nb\tc\x9bd\u2028") == "a\\nb\\tc\\x9bd\\u2028"
    # Notes keep their lines and tabs; a CRLF is a newline; the rest is written out.
    assert visible_lines("one\r\ntwo\tthree\x1b[2J\rfour") == "one\ntwo\tthree\\x1b[2J\\rfour"


def test_bidi_controls_and_invisible_characters_are_written_out_where_one_line_is_shown() -> None:
    # U+202E would reorder the rest of the terminal line; U+200B hides inside a name.
    assert visible("\u202eRTL name") == "\\u202eRTL name"
    assert visible("Zed\u200b\u2066x\u2069\ufeff") == "Zed\\u200b\\u2066x\\u2069\\ufeff"
    # Notes keep their right-to-left marks on screen and in the editor (RTL text needs
    # them); everything the CLI prints writes them out.
    assert visible_lines("\u200fשלום\n") == "\u200fשלום\n"
    assert visible_output("a\u202eb\n\u200fc") == "a\\u202eb\n\\u200fc"


def test_an_editor_shows_controls_written_out_and_an_untouched_value_saves_as_stored() -> None:
    stored = "about \x1b[2J them\nnext\tline"
    shown = for_editor(stored, lines=True)
    assert shown == "about \\x1b[2J them\nnext\tline"
    assert for_editor("Eve\x1b]0;x\x07") == "Eve\\x1b]0;x\\x07"
    assert from_editor(shown, stored, lines=True) == stored  # left as shown: kept as stored
    edited = shown + " more"
    assert from_editor(edited, stored, lines=True) == edited  # typed: saved as it is now
    assert from_editor("Ann", "Ann") == "Ann" and from_editor("Bo", "Ann") == "Bo"


@pytest.mark.parametrize("field", ONE_LINE_FIELDS)
def test_validate_contact_refuses_controls_in_every_one_line_field(field: str) -> None:
    fields = ContactFields(name="Eve")
    setattr(fields, field, "a\x1b]0;pwned\x07b" if field != "name" else "Eve\x1bb")
    errors = validate_contact(fields.cleaned())
    assert errors[field].endswith("control character U+001B is not allowed")


@pytest.mark.parametrize("field", ["name", "organisation", "title", "tags"])
def test_a_line_break_inside_is_refused_not_folded_into_a_space(field: str) -> None:
    fields = ContactFields(name="Eve")
    setattr(fields, field, "Acme\nLtd" if field != "name" else "Eve\r\nSmith")
    errors = validate_contact(fields.cleaned())
    assert "line break" in errors[field]


def test_surrounding_white_space_is_trimmed_not_refused() -> None:
    fields = ContactFields(name="  Eve   Smith \n", organisation="\tAcme\n", tags="a, b\n")
    cleaned = fields.cleaned()
    assert validate_contact(cleaned) == {}
    assert (cleaned.name, cleaned.organisation, cleaned.tags) == ("Eve Smith", "Acme", "a,b")


def test_notes_keep_controls_they_are_only_escaped_when_shown(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Eve", notes="line\n\tindented\x1b[2J"))
    assert services.contacts.detail(cid).notes == "line\n\tindented\x1b[2J"


def test_the_service_refuses_on_add_and_on_edit(services: Services) -> None:
    with pytest.raises(ValidationFailed, match=r"name: control character U\+001B"):
        services.contacts.add(ContactFields(name="Eve\x1b]0;pwned\x07"))
    cid = services.contacts.add(ContactFields(name="Eve"))
    with pytest.raises(ValidationFailed, match=r"organisation: line break U\+000A"):
        services.contacts.update(cid, ContactFields(name="Eve", organisation="Acme\nUK"))
    assert services.contacts.detail(cid).organisation == ""


def test_landing_refuses_controls(services: Services) -> None:
    with pytest.raises(ValidationFailed, match=r"organisation: control character U\+009B"):
        services.followups.land("Acme\x9b2J", "Engineer")


def test_meeting_referral_names_refuse_controls(services: Services) -> None:
    cid = services.contacts.add(ContactFields(name="Ann"))
    view = services.meetings.open_for(cid, 20)
    with pytest.raises(ValidationFailed, match=r"control character U\+001B"):
        services.meetings.add_referrals(view.id, "Bo\x1b[31mChan")


def test_csv_import_refuses_the_row(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        'Name,Title\nEve,"Lead\x1b]52;c;aGk=\x07"\nBo,"two\nlines"\nCy,Ok\n'
        "\u202eDi,CTO\nZed\u200b,CFO\n"
    )
    summary = services.interop.import_csv(path, None)
    assert [r.name for r in summary.added_rows] == ["Cy"]
    assert [str(p.message) for p in summary.problems] == [
        "title: control character U+001B is not allowed",
        "title: line break U+000A is not allowed",
        "name: bidi control U+202E is not allowed",
        "name: invisible character U+200B is not allowed",
    ]


def _export_with(tmp_path: Path, clock: FakeClock, **contact: str) -> Path:
    source = open_database(str(tmp_path / "source.db"))
    try:
        services = Services(source, clock)
        services.contacts.add(ContactFields(name="Eve", organisation="Acme"))
        document = services.interop.export_json(None)
    finally:
        source.close()
    document["tables"]["contacts"][0].update(contact)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("name", "Eve\x1b]0;pwned\x07", "name: control character U+001B"),
        ("title", "CTO\r\nInjected", "title: line break U+000D"),
        ("email", "e@x.org\x9b", "email: control character U+009B"),
        ("linkedin_url", "https://x\n", "linkedin_url: line break U+000A"),
        ("name", "\u202eEve", "name: bidi control U+202E"),
        ("title", "CTO\u200b", "title: invisible character U+200B"),
    ],
)
def test_json_restore_refuses_before_writing(
    tmp_path: Path, clock: FakeClock, column: str, value: str, said: str
) -> None:
    export = _export_with(tmp_path, clock, **{column: value})
    target = open_database(str(tmp_path / "restored.db"))
    try:
        services = Services(target, clock)
        with pytest.raises(ServiceError, match=f"contacts\\[0\\].{said.replace('+', '[+]')}"):
            services.interop.import_json(export, None)
        assert services.contacts.rows() == []
    finally:
        target.close()
