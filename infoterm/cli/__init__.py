"""The ``infoterm`` command: argparse, headless subcommands, and the TUI launcher.

Import hygiene: this package's modules import only the standard library at the top;
each command imports what it needs when it runs. ``infoterm due`` must stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from infoterm.cli import tui
from infoterm.cli.common import CommandError, Context, fail

# Each module adds its subcommands with register(subparsers).
COMMAND_MODULES = ["contacts", "meetings", "organisations", "followups", "interop", "config"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        fail(f"{self.prog}: {message} (see {self.prog.split()[0]} --help)", code=2)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands``, only what opening the app takes."""
    parser = _Parser(
        prog="infoterm",
        description="Run an informational-interview campaign from your terminal.",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="database file or SQLAlchemy URL (env: INFOTERM_DB)"
    )
    parser.add_argument("--demo", action="store_true", help="open on a throwaway demo campaign")
    parser.set_defaults(handler=tui.run)
    if commands:
        sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
        for name in COMMAND_MODULES:
            importlib.import_module(f"infoterm.cli.{name}").register(sub)
    return parser


def opens_the_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds only the app's own options (--db PATH, --demo).

    Then the subcommands' parsers are not built: that is about a tenth of the time before
    the first frame. Anything else (a command, --help, a typo) gets the whole parser, so
    its usage and errors are the same as ever.
    """
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo" or arg.startswith("--db="):
            continue
        if arg == "--db" and rest:
            rest.pop(0)
            continue
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not opens_the_app(argv))
    args = parser.parse_args(argv)
    ctx = Context.from_args(args)
    try:
        return int(args.handler(ctx, args) or 0)
    except CommandError as exc:
        fail(str(exc), code=exc.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
