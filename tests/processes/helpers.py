"""Real ``infoterm`` processes for the tests of this folder.

``start_together`` starts many processes that each import the CLI, say they are ready,
then wait on their stdin: when every one is ready, the test lets them all go at the same
moment (a barrier without sleeps), and collects what each printed and its exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# A child: import the command line (and what a write loads), say "ready", wait for the go,
# then run it. Loading first makes the processes meet at the database, not at the imports.
CHILD = """
import sys
from infoterm.cli import main
import infoterm.services, infoterm.store.migrate  # loaded before the go: they race at the file
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.readline()
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
sys.exit(code)
"""


@dataclass
class Outcome:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["INFOTERM_HOME"] = str(home)
    env.pop("INFOTERM_DB", None)
    env["TZ"] = "UTC"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def start_together(
    commands: Sequence[Sequence[str]], home: Path, timeout: float = 300
) -> list[Outcome]:
    """Run each ``infoterm`` argv in its own process, all released at the same moment."""
    env = child_env(home)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for argv in commands
    ]
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line == "ready\n", (line, child.stderr.read() if child.stderr else "")
        for child in children:  # the go: one short write each, a few microseconds apart
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = []
        for argv, child in zip(commands, children, strict=True):
            out, err = child.communicate(timeout=timeout)
            outcomes.append(Outcome(list(argv), child.returncode, out, err))
        return outcomes
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
