# ruff: noqa: F811  (the cli fixture is imported, then named by the tests)
"""The CLI never prints a control character from the data raw, refuses them in one-line
fields, and says one line about an argument that is not UTF-8."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infoterm.store.database import Database
from tests.cli.test_followups_cli import cli, db_args  # noqa: F401  (the fixture)
from tests.engines import execute

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
NAME = "Eve\x1b]0;pwned\x07\x1b[2J"
ORG = "Lumen\x9b2J\x1b]52;c;aGk=\x07"


def _poison(db: Database) -> None:
    """Data written before one-line fields were checked: controls straight in the file."""
    execute(
        db,
        "UPDATE contacts SET name = :n, notes = :notes WHERE name = 'Ben Whitaker'",
        n=NAME,
        notes="a\x1bb\n\tc",
    )
    execute(db, "UPDATE organisations SET name = :n WHERE name = 'Lumen Analytics'", n=ORG)


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--archived"],
        ["show", "Eve"],
        ["due"],
        ["due", "--until", "+30d"],
        ["stats"],
    ],
)
def test_stored_controls_are_printed_escaped(cli, demo_db: Database, command: list[str]) -> None:
    _poison(demo_db)
    code, out, err = cli(*db_args(demo_db), *command)
    assert code == 0, err
    assert not RAW_CONTROL.search(out + err)
    if command[0] in ("list", "show", "due"):
        assert "Eve\\x1b]0;pwned\\x07\\x1b[2J" in out


def test_show_keeps_the_notes_lines_and_tabs(cli, demo_db: Database) -> None:
    _poison(demo_db)
    _code, out, _err = cli(*db_args(demo_db), "show", "Eve")
    assert "    a\\x1bb\n    \tc\n" in out


@pytest.mark.parametrize(
    "command", [["list", "--json"], ["show", "Eve", "--json"], ["export", "json"]]
)
def test_json_output_escapes_c1_too_and_stays_the_same_json(
    cli, demo_db: Database, command: list[str]
) -> None:
    _poison(demo_db)
    code, out, _err = cli(*db_args(demo_db), *command)
    assert code == 0
    assert not RAW_CONTROL.search(out)
    assert json.dumps(NAME)[1:-1] in json.dumps(json.loads(out))  # the same text, parsed


def test_add_refuses_a_control_in_any_one_line_field(cli, db: Database) -> None:
    code, out, err = cli(*db_args(db), "add", "Eve", "--title", "CTO\x1b]0;x\x07")
    assert code == 1 and out == ""
    assert err == "infoterm: title: control character U+001B is not allowed\n"
    code, _out, err = cli(*db_args(db), "add", "Eve\r\nSmith")
    assert err == "infoterm: name: line break U+000D is not allowed\n"


def test_an_argument_that_is_not_utf8_gets_one_line(cli, db: Database) -> None:
    # Python hands a byte that is not UTF-8 over as a lone surrogate (surrogateescape).
    code, out, err = cli(*db_args(db), "add", "Eve\udcff")
    assert code == 2 and out == ""
    assert err == "infoterm: argument 4 is not valid UTF-8: b'Eve\\xff'\n"


def test_a_real_non_utf8_argument_from_the_shell(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infoterm", "--db", str(tmp_path / "x.db"), "add", b"\xff"],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == b"infoterm: argument 4 is not valid UTF-8: b'\\xff'\n"
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("key", ["#99999999999999999999", "²", "#٣"])
def test_an_id_too_big_or_not_ascii_is_no_contact_not_a_traceback(
    cli, db: Database, key: str
) -> None:
    # The fuzz suite found "#99999999999999999999": OverflowError from SQLite's integer.
    code, out, err = cli(*db_args(db), "show", key)
    assert code == 1 and out == ""
    assert err.startswith("infoterm: ") and err.count("\n") == 1
    assert "Traceback" not in err
    code, _out, err = cli(*db_args(db), "followup", "done", "#99999999999999999999")
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("terminal", [True, False])
def test_export_csv_is_escaped_on_a_terminal_and_exact_in_a_pipe(
    cli, demo_db: Database, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    _poison(demo_db)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal)
    code, out, _err = cli(*db_args(demo_db), "export", "csv")
    assert code == 0
    if terminal:  # ESC, BEL and the CSI shown as on every screen; CSV's newlines kept
        assert not RAW_CONTROL.search(out.replace("\r\n", "\n"))
        assert "Eve\\x1b]0;pwned\\x07\\x1b[2J" in out and '"a\\x1bb\n\tc"' in out
    else:  # data for a file or a program: the exact text, round-trippable
        assert NAME in out and '"a\x1bb\n\tc"' in out


def test_add_refuses_bidi_and_invisible_characters_and_list_writes_stored_ones_out(
    cli, db: Database
) -> None:
    code, out, err = cli(*db_args(db), "add", "\u202eRTL name")
    assert (code, out, err) == (1, "", "infoterm: name: bidi control U+202E is not allowed\n")
    code, _out, err = cli(*db_args(db), "add", "Zed\u200b")
    assert err == "infoterm: name: invisible character U+200B is not allowed\n"
    code, _out, err = cli(*db_args(db), "add", "Ann", "--org", "Acme\u2066")
    assert err == "infoterm: organisation: bidi control U+2066 is not allowed\n"
    code, _out, err = cli(*db_args(db), "add", "Dev 👩🏽\u200d💻")  # a joiner is fine
    assert code == 0, err
    execute(db, "UPDATE contacts SET name = :n", n="\u202eEve evil")  # an older version's
    code, out, _err = cli(*db_args(db), "list")
    assert "\\u202eEve evil" in out and "\u202e" not in out
