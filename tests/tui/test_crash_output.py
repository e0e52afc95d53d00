"""A crash prints no local variables: they are the user's data (issue 9, item 6).

A real process runs the app headless with a screen that fails while one of its local
variables holds a value that comes from outside the source code (as a contact's email
would); the crash report on the terminal must show the error, never that value.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import infoterm

SENTINEL = "ann.lee-7f3c@example.org"

SCRIPT = """
import sys
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static


class Broken(Screen):
    def compose(self):
        email = sys.argv[-1]  # data, not source: the report could only show it as a local
        yield Static("x")
        raise RuntimeError("the screen broke")


if sys.argv[1] == "textual":
    class Plain(App):
        def on_mount(self):
            self.push_screen(Broken())

    app = Plain()
else:
    if sys.argv[1] == "infoterm-after-rich":
        import rich.traceback  # already imported when the app starts
    from infoterm.app import InfotermApp
    from infoterm.clock import SystemClock
    from infoterm.store.database import open_database

    app = InfotermApp(open_database(sys.argv[2]), SystemClock(), welcome=False)
    app.call_later(lambda: app.push_screen(Broken()))
app.run(headless=True)
sys.exit(app.return_code)
"""


def _crash(tmp_path: Path, which: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "crash.py"
    script.write_text(SCRIPT)
    return subprocess.run(
        [sys.executable, str(script), which, str(tmp_path / "c.db"), SENTINEL],
        capture_output=True,
        text=True,
        timeout=120,
        env={"INFOTERM_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TZ": "UTC"},
    )


@pytest.mark.parametrize("which", ["infoterm", "infoterm-after-rich"])
def test_a_crash_in_a_screen_prints_the_error_but_no_local_variables(
    tmp_path: Path, which: str
) -> None:
    """rich.traceback imported at the crash (the app's normal case), or before the app."""
    result = _crash(tmp_path, which)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "RuntimeError: the screen broke" in output and "Traceback" in output
    assert SENTINEL not in output


def test_textual_alone_would_print_them(tmp_path: Path) -> None:
    """What the app changes: Textual's own report shows every frame's locals."""
    result = _crash(tmp_path, "textual")
    assert SENTINEL in result.stdout + result.stderr


def test_nothing_turns_on_tracebacks_with_locals() -> None:
    """The CLI's rare unexpected error is Python's own traceback (never locals): nothing
    in the package installs rich's traceback handler or asks for locals."""
    package = Path(infoterm.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text()
        assert "show_locals=True" not in text, path
        assert "traceback.install" not in text, path
