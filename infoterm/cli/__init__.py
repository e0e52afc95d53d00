"""The ``infoterm`` command: argparse, headless subcommands, and the TUI launcher.

Import hygiene: this package's modules import only the standard library at the top;
each command imports what it needs when it runs. ``infoterm due`` must stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any

from infoterm.cli import tui
from infoterm.cli.common import CommandError, Context, EscapingStream, fail, not_utf8

# Each module adds its subcommands with register(subparsers); COMMANDS says which module
# adds which, so that a command builds only its own parser (tests/cli/test_cli.py checks it
# against what the modules register).
COMMAND_MODULES = [
    "contacts",
    "meetings",
    "organisations",
    "followup_commands",
    "interop",
    "config",
    "outreach",
    "targets",
]
COMMANDS = {
    **dict.fromkeys(
        ("add", "list", "show", "move", "archive", "delete", "undo", "where"), "contacts"
    ),
    **dict.fromkeys(("request", "reply", "schedule", "meet", "questions"), "meetings"),
    "org": "organisations",
    **dict.fromkeys(
        ("due", "log", "done", "snooze", "dismiss", "land", "followup", "cadence", "review"),
        "followup_commands",
    ),
    **dict.fromkeys(("import", "export", "backup", "stats"), "interop"),
    "config": "config",
    "check-outreach": "outreach",
    "targets": "targets",
}
# Commands that only read: they never take the write lock, and work on a read-only file.
READ_COMMANDS = {
    "list",
    "show",
    "due",
    "stats",
    "export",
    "backup",
    "where",
    "check-outreach",
    "targets",
}


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A dash and a digit start a value, never an option: "--at -3d", "schedule ann -1d"
        # reach the date parser. (argparse's own rule covers plain numbers only, "-3", and
        # has no public switch; no infoterm option starts with a digit.)
        self._negative_number_matcher = re.compile(r"^-\d")

    def error(self, message: str) -> None:  # type: ignore[override]
        fail(f"{self.prog}: {message} (see {self.prog.split()[0]} --help)", code=2)


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; without ``commands``, only what opening the app takes;
    with ``only`` (a name in COMMANDS), the app's options and that one command."""
    parser = _Parser(
        prog="infoterm",
        description="Run an informational-interview campaign from your terminal.",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="database file or SQLAlchemy URL (env: INFOTERM_DB)"
    )
    parser.add_argument("--demo", action="store_true", help="open on a throwaway demo campaign")
    parser.set_defaults(handler=tui.run, command=None)
    if commands:
        sub = parser.add_subparsers(
            title="commands", metavar="COMMAND", parser_class=_Parser, dest="command"
        )
        if only is not None:
            module = importlib.import_module(f"infoterm.cli.{COMMANDS[only]}")
            module.register(_OneCommand(sub, only))
        else:
            for name in COMMAND_MODULES:
                importlib.import_module(f"infoterm.cli.{name}").register(sub)
    return parser


class _OneCommand:
    """The subparsers, as a module's ``register`` sees them when one command is run: that
    command's parser is built, the others' are not (argparse spends about 0.3 ms on each,
    most of it looking up translations)."""

    def __init__(self, sub: Any, name: str) -> None:
        self.sub = sub
        self.name = name

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.sub.add_parser(name, **kwargs) if name == self.name else _NotBuilt()


class _NotBuilt:
    """A parser that is not built: whatever a ``register`` asks of it is ignored."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> _NotBuilt:
        return self


def _first_after_app_options(argv: Sequence[str]) -> str | None:
    """The first argument that is not one of the app's own options (--db PATH, --demo),
    or None when there is none."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo" or arg.startswith("--db="):
            continue
        if arg == "--db" and rest:
            rest.pop(0)
            continue
        return arg
    return None


def command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when only the app's own options come before it (a name
    in COMMANDS); None for anything else: no command, --help, a typo, an option."""
    first = _first_after_app_options(argv)
    return first if first in COMMANDS else None


def opens_the_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds only the app's own options (--db PATH, --demo).

    Then the subcommands' parsers are not built: that is about a tenth of the time before
    the first frame. Anything else (a command, --help, a typo) gets the whole parser, so
    its usage and errors are the same as ever.
    """
    return _first_after_app_options(argv) is None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    problem = not_utf8(argv)
    if problem:
        fail(problem, code=2)
    # Only the parser needed: none of the commands' to open the app, the one command's to
    # run it; anything else (--help, a typo) gets the whole parser, its usage and errors.
    parser = build_parser(commands=not opens_the_app(argv), only=command_of(argv))
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.strip():
        fail("--db needs a database file (it was empty)", code=2)
    if args.demo and args.handler is not tui.run:
        # A command would otherwise run on the user's own database, unasked.
        fail(
            f"--demo opens the app on a throwaway demo campaign; it does not go with "
            f"{args.command} (run `infoterm --demo`)",
            code=2,
        )
    if args.handler is tui.run:
        return _run(args)
    # The headless commands print data: its control characters are written out.
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(stdout), EscapingStream(stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    command = getattr(args, "command", None)
    ctx.write = command not in READ_COMMANDS
    ctx.check = command != "due"  # the fast path: ~60 ms at 10,000 contacts saved
    try:
        return int(args.handler(ctx, args) or 0)
    except CommandError as exc:
        fail(str(exc), code=exc.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a database failing under a command: one line
        message = _database_trouble(ctx, exc)
        if message is None:
            raise
        fail(message)
    finally:
        ctx.close()
    return 0


def _database_trouble(ctx: Context, exc: Exception) -> str | None:
    """The one-line message for a database error that escaped a command, or None."""
    import sqlite3

    from infoterm.store import postgres
    from infoterm.store.errors import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    orig = getattr(exc, "orig", None)
    if postgres.is_postgres(str(ctx.paths.db)) and postgres.is_driver_error(orig or exc):
        # psycopg's (told by its class's module: the SQLite path never imports psycopg)
        return postgres.describe_error(str(ctx.paths.db), exc)
    if not isinstance(exc, sqlite3.Error) and not isinstance(orig, sqlite3.Error):
        return None
    if ctx._db is not None:  # noqa: SLF001
        return ctx._db.describe_error(exc)  # noqa: SLF001
    from infoterm.store.sqlite import describe_sqlite_error

    return describe_sqlite_error(ctx.paths.db, orig or exc)


if __name__ == "__main__":
    sys.exit(main())
