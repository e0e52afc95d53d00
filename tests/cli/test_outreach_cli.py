"""infoterm check-outreach: exit 0 when the note passes, 1 per failed rule, 2 unreadable."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from infoterm.templates import DEFAULTS
from tests.cli.test_cli import run

BAD = "Hi Ana,\n\nI am looking for a job. I have a great CV and my skills are strong.\n\nSam\n"


def test_the_default_request_template_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(DEFAULTS["reach-out"], encoding="utf-8")
    code, out, err = run(capsys, "check-outreach", str(note))
    assert (code, out, err) == (0, "passes all 5 checks (53 words)\n", "")


def test_a_bad_note_prints_one_line_per_failed_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "check-outreach", str(note))
    assert code == 1
    assert out.splitlines() == [
        'job words "job", "cv": ask for insight and advice, not a job',
        "no connection in the first sentence: say who suggested you write, where you met, "
        "or what you share (fellow, alum, also worked at…)",
        'ends with "…a great CV and my skills are strong.": end by asking a question',
        "0 you, 3 I: write more about them than about you",
    ]


def test_stdin_the_word_limit_setting_and_a_named_connection(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    note = "Priya Nair thought you would be glad to talk. Would you have 20 minutes for me?"
    monkeypatch.setattr(sys, "stdin", io.StringIO(note))
    code, out, _ = run(capsys, "check-outreach", "-")
    assert code == 1 and out.startswith("no connection in the first sentence")
    monkeypatch.setattr(sys, "stdin", io.StringIO(note))
    assert run(capsys, "check-outreach", "-", "--connection", "Priya Nair")[0] == 0
    assert run(capsys, "config", "set", "outreach.word_limit", "10")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(note))
    code, out, _ = run(capsys, "check-outreach", "-", "--connection", "Priya Nair")
    assert (code, out) == (1, "16 words: keep it under 10\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "cannot read {p}: No such file or directory"),
        (lambda p: p, "cannot read {p}: Is a directory"),
        (lambda p: _write(p, b"\xff\xfe\x00oops"), "cannot read {p}: it is not UTF-8 text"),
        (lambda p: _write(p, b"a " * 60_000), "{p} is over 100,000 bytes: that is not a note"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, out, err = run(capsys, "check-outreach", str(path))
    assert (code, out) == (2, "")
    assert err == f"infoterm: {message.format(p=path)}\n"


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "note.txt"
    path.write_bytes(data)
    return path


def test_real_stdin_bytes_that_are_not_utf8_exit_2(tmp_path: Path) -> None:
    env = {"INFOTERM_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "infoterm", "check-outreach", "-"],
        input=b"We met. \xff Would you talk?",
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == b"infoterm: cannot read stdin: it is not UTF-8 text\n"
