"""infoterm config: path, get, set, unset, keys; the same checks as the app, file unchanged on error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infoterm.cli import main


def config_file() -> Path:
    return Path(os.environ["INFOTERM_HOME"]) / "config.toml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_path_get_set_unset(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "path") == (0, f"{config_file()}\n", "")
    assert run(capsys, "config", "get", "meeting.default_minutes")[1] == "20\n"
    assert run(capsys, "config", "set", "meeting.default_minutes", "19")[0] == 0
    assert run(capsys, "config", "set", "meeting.bell", "off")[0] == 0
    assert run(capsys, "config", "set", "theme", "nord")[0] == 0
    assert run(capsys, "config", "get", "meeting.default_minutes")[1] == "19\n"
    assert run(capsys, "config", "get", "meeting.bell")[1] == "false\n"
    assert 'theme = "nord"' in config_file().read_text()
    assert run(capsys, "config", "unset", "meeting.bell")[0] == 0
    assert run(capsys, "config", "get", "meeting.bell")[1] == "true\n"


def test_key_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "get", "keys.new-contact")[1] == "n\n"
    assert run(capsys, "config", "set", "keys.new-contact", "N")[0] == 0
    assert run(capsys, "config", "get", "keys.new-contact")[1] == "N\n"
    code, out, _ = run(capsys, "config", "keys")
    assert code == 0 and "new-contact" in out and "(yours)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("meeting.default_minutes", "twenty"), "meeting.default_minutes: expected a whole number"),
        (("meeting.default_minutes", "500"), "500 is out of range"),
        (("theme", "nrod"), "unknown theme 'nrod' (did you mean nord?)"),
        (("meeting.length", "19"), "unknown setting 'meeting.length'"),
        (
            ("keys.nwe-contact", "N"),
            "no key binding has the id 'nwe-contact' (did you mean new-contact?)",
        ),
        (("keys.new-contact", "ctrl+"), "keys.new-contact: 'ctrl+' is not a key"),
    ],
)
def test_bad_key_or_value_fails_and_leaves_the_file(
    capsys: pytest.CaptureFixture[str], args: tuple[str, str], message: str
) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('# mine\ntheme = "dracula"\n')
    code, out, err = run(capsys, "config", "set", *args)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
    assert config_file().read_text() == '# mine\ntheme = "dracula"\n'


def test_a_broken_file_is_reported_not_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("theme = \n")
    code, _out, err = run(capsys, "config", "set", "theme", "nord")
    assert code == 1 and "is not valid TOML" in err and "left unchanged" in err
    assert config_file().read_text() == "theme = \n"
    code, out, err = run(capsys, "config", "get", "theme")
    assert code == 0 and out == "textual-dark\n" and "is not valid TOML" in err
