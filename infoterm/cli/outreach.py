"""Command: check-outreach, Dalton's rules for a note asking for a conversation.

Exit 0 when the note passes every rule, 1 with one line per failed rule, 2 when the note
cannot be read. No database is opened.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TypeVar

from infoterm.cli.common import CommandError, Context

MAX_BYTES = 100_000  # a note is a few hundred characters; this is not a note


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check-outreach",
        help="check a note asking for a conversation (FILE, or - for stdin)",
        description="Checks a note: fewer words than outreach.word_limit (75), no job-seeking "
        "words, a connection in the first sentence, a question at the end, and more about "
        "them (you, your) than about you (I, my). Exit 0 when it passes, 1 with one line "
        "per failed rule, 2 when the note cannot be read.",
    )
    p.add_argument("file", metavar="FILE", help="the note, or - to read it from stdin")
    p.add_argument(
        "--connection",
        action="append",
        default=[],
        metavar="NAME",
        help="a name that counts as your connection (who referred you, a shared school); "
        "may be given more than once",
    )
    p.set_defaults(handler=check_outreach)


_Text = TypeVar("_Text", str, bytes)


def read_note(name: str) -> str:
    """The note's text, or a CommandError (exit 2) saying why it cannot be read."""
    shown = "stdin" if name == "-" else name
    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text stream put in place of stdin (tests)
                return _checked_size(shown, sys.stdin.read(MAX_BYTES + 1))
            raw: bytes = stream.read(MAX_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        return _checked_size(shown, raw).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"cannot read {shown}: it is not UTF-8 text", code=2) from None
    except OSError as exc:
        raise CommandError(f"cannot read {shown}: {exc.strerror or exc}", code=2) from None


def _checked_size(name: str, data: _Text) -> _Text:
    if len(data) > MAX_BYTES:
        raise CommandError(f"{name} is over {MAX_BYTES:,} bytes: that is not a note", code=2)
    return data


def check_outreach(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import outreach

    text = read_note(args.file)
    results = outreach.check(text, ctx.settings.outreach_word_limit, args.connection)
    failed = [r for r in results if not r.passed]
    for result in failed:
        print(result.reason)
    if not failed:
        words = results[0].reason.partition(":")[0]
        print(f"passes all {len(results)} checks ({words})")
    return 1 if failed else 0
