"""The headless commands, run in-process, and their one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infoterm.cli import COMMANDS, main
from infoterm.store.postgres import where
from tests.engines import count


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(db_target: str) -> str:
    """The test's database: a SQLite file, or the PostgreSQL one (see conftest)."""
    return db_target


def test_add_list_show_move(capsys: pytest.CaptureFixture[str], dbfile: str) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        dbfile,
        "add",
        "Ada Lovelace",
        "--org",
        "Engines",
        "--title",
        "Analyst",
        "--tag",
        "math",
        "--tag",
        "history",
    )
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(
        capsys,
        "--db",
        dbfile,
        "add",
        "Charles Babbage",
        "--referred-by",
        "Ada",
        "--stage",
        "requested",
    )
    assert out.strip() == "2"
    code, out, _ = run(capsys, "--db", dbfile, "list")
    assert "Ada Lovelace" in out and "Charles Babbage" in out and "requested" in out
    code, out, _ = run(capsys, "--db", dbfile, "list", "--stage", "req", "--json")
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Charles Babbage"]
    assert run(capsys, "--db", dbfile, "move", "ada", "met")[0] == 0
    code, out, _ = run(capsys, "--db", dbfile, "show", "1", "--json")
    shown = json.loads(out)
    assert shown["stage"] == "met"
    assert shown["tags"] == ["math", "history"]
    assert shown["referrals"] == [{"id": 2, "name": "Charles Babbage", "stage": "requested"}]
    assert [e["kind"] for e in shown["timeline"]] == ["moved", "created"]
    code, out, _ = run(capsys, "--db", dbfile, "show", "Ada")
    assert "Moved Ada Lovelace from identified to met" in out


def test_move_and_archive_confirm_in_one_line(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    run(capsys, "--db", dbfile, "add", "Ada Lovelace")
    code, out, _ = run(capsys, "--db", dbfile, "move", "ada", "met")
    assert code == 0
    assert out == "moved Ada Lovelace from identified to met (infoterm undo moves them back)\n"
    assert run(capsys, "--db", dbfile, "move", "ada", "met")[1] == (
        "Ada Lovelace is already in met; nothing changed\n"
    )
    code, out, _ = run(capsys, "--db", dbfile, "archive", "ada", "--reason", "declined")
    assert out == "archived Ada Lovelace (declined) (infoterm undo brings them back)\n"
    assert run(capsys, "--db", dbfile, "archive", "ada")[1] == (
        "Ada Lovelace is already archived; nothing changed\n"
    )
    assert run(capsys, "--db", dbfile, "archive", "ada", "--undo")[1] == (
        "restored Ada Lovelace from the archive\n"
    )
    code, out, _ = run(capsys, "--db", dbfile, "list", "--json")
    assert json.loads(out)[0]["stage"] == "met"


def test_env_var_selects_the_database(
    capsys: pytest.CaptureFixture[str], dbfile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFOTERM_DB", dbfile)
    run(capsys, "add", "Grace Hopper")
    assert count(dbfile, "contacts") == 1
    code, out, _ = run(capsys, "where")
    assert where(dbfile) in out


def test_infoterm_home_moves_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFOTERM_HOME", str(tmp_path / "elsewhere"))
    run(capsys, "add", "Grace Hopper")
    assert (tmp_path / "elsewhere" / "infoterm.db").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["move", "Nobody", "met"], "no contact matches 'Nobody'"),
        (["move", "Ada", "interviewed"], "unknown stage 'interviewed'"),
        (["show", "A"], "matches 2 contacts"),
        (["add", "X", "--email", "nope"], "email must contain @"),
        (["list", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["add", "Y", "--referred-by", "Zed"], "no contact matches 'Zed'"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], dbfile: str, argv: list[str], message: str
) -> None:
    run(capsys, "--db", dbfile, "add", "Ada Lovelace")
    run(capsys, "--db", dbfile, "add", "Alan Turing")
    code, out, err = run(capsys, "--db", dbfile, *argv)
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_corrupt_file_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "infoterm", "--db", str(bad), "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "INFOTERM_HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"infoterm: {bad} is not an infoterm database (or it is damaged); it was left untouched"
    )
    assert bad.read_bytes() == b"\x00garbage" * 100


@pytest.mark.parametrize("command", ["targets", "list", "add"])
def test_demo_with_a_command_is_refused_and_touches_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    argv = ["--demo", command] + (["Ann Demo"] if command == "add" else [])
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "--demo opens the app on a throwaway demo campaign" in err
    assert f"does not go with {command}" in err
    assert out == ""
    assert not any(p.suffix == ".db" for p in (tmp_path / "home").rglob("*"))  # nothing made


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], True),
        (["--demo"], True),
        (["--db", "x.db"], True),
        (["--db=x.db", "--demo"], True),
        (["--db", "list"], True),  # a database file that happens to be called "list"
        (["list"], False),
        (["--db", "x.db", "due", "--count"], False),
        (["--help"], False),
        (["--dem"], False),  # argparse's abbreviations still work, via the whole parser
        (["--db"], False),  # and so does its error for a missing value
    ],
)
def test_opening_the_app_skips_the_commands_parsers(argv: list[str], opens: bool) -> None:
    from infoterm.cli import build_parser, opens_the_app

    assert opens_the_app(argv) is opens
    if opens:
        # The small parser reads the app's options exactly as the whole one does.
        small = vars(build_parser(commands=False).parse_args(argv))
        assert small == vars(build_parser().parse_args(argv))


def test_the_commands_table_names_what_each_module_registers() -> None:
    """``infoterm.cli.COMMANDS`` (which module to ask for a command's parser) agrees with
    what the modules' ``register`` functions add."""
    import argparse
    import importlib

    from infoterm.cli import COMMAND_MODULES, COMMANDS

    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"infoterm.cli.{module}").register(sub)
        registered |= dict.fromkeys(sub.choices, module)
    assert registered == COMMANDS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_alone_reads_its_arguments_as_the_whole_parser_does(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command builds only its own parser: its help, and its errors, are the same."""
    from infoterm.cli import build_parser, command_of

    assert command_of(["--db", "x.db", command, "--help"]) == command
    shown = []
    for parser in (build_parser(only=command), build_parser()):
        for argv in ([command, "--help"], [command, "--no-such-option"]):
            with pytest.raises(SystemExit) as exit_:
                parser.parse_args(argv)
            out, err = capsys.readouterr()
            shown.append((exit_.value.code, out, err))
    assert shown[:2] == shown[2:]
    assert "usage: infoterm " + command in shown[0][1]


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["-h", "due"], ["dues"], ["--dem", "due"], ["--", "due"], ["--db"]]
)
def test_anything_but_a_plain_command_gets_the_whole_parser(argv: list[str]) -> None:
    from infoterm.cli import command_of

    assert command_of(argv) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql+psycopg2://bob:s3cret@127.0.0.1:1/c",
            "infoterm: postgresql+psycopg2:// needs a driver infoterm does not use: write"
            " postgresql+psycopg://… (pip install 'infoterm[postgres]')",
        ),
        (
            "mysql://bob:s3cret@127.0.0.1:1/c",
            "infoterm works with SQLite and PostgreSQL, not mysql://: give a file path,"
            " or postgresql+psycopg://user@host/database",
        ),
    ],
    ids=["psycopg2", "mysql"],
)
def test_an_engine_or_driver_infoterm_does_not_use_is_one_line(
    capsys: pytest.CaptureFixture[str], url: str, expected: str
) -> None:
    for command in ("list", "add"):
        argv = ["--db", url, command] + (["Ada"] if command == "add" else [])
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (1, "", expected + "\n")


@pytest.mark.parametrize("command", [["list"], ["due"], ["stats"], ["show", "Ann"]])
def test_a_read_on_a_mistyped_database_path_says_so_and_makes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "nofolder" / "sub" / "x.db"
    code, out, err = run(capsys, "--db", str(typo), *command)
    assert code == 1 and out == ""
    assert f"no database at {typo}: check the path" in err
    assert not (tmp_path / "nofolder").exists()  # no folders, no empty database


def test_the_first_read_on_the_default_database_still_works(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "no contacts yet" in out
