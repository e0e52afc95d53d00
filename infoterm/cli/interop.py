"""Commands: import, export, backup, stats."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoterm.cli.common import CommandError, Context, print_json, run_service
from infoterm.textsafe import json_visible

if TYPE_CHECKING:
    from infoterm.services.import_summary import ImportSummary

MAX_PROBLEMS_SHOWN = 50


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import people (LinkedIn, any CSV) or restore a JSON export",
        description="Import people from LinkedIn's Connections export or any CSV file "
        "(re-importing the same file adds no one twice), or restore a JSON export.",
    )
    kinds = p.add_subparsers(title="what to import", metavar="KIND", required=True)

    k = kinds.add_parser(
        "linkedin",
        help="LinkedIn's Connections.csv (or the .zip LinkedIn sends)",
        description="Import LinkedIn connections. By default they go to your address book "
        "(press b on the board to pick whom to put on it); --stage puts them on the board.",
    )
    k.add_argument("file", metavar="FILE", type=Path)
    _common(k)
    k.set_defaults(handler=import_linkedin)

    k = kinds.add_parser(
        "csv",
        help="any CSV with a header row (columns matched by name)",
        description="Import people from a CSV file whose columns are matched by header "
        "name: name (or first/last name), organisation/company, title/position, email, "
        "phone, linkedin/url, tags, stage, notes. A stage column puts that row on the board.",
    )
    k.add_argument("file", metavar="FILE", type=Path)
    k.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='read COLUMN as FIELD, e.g. --map "Employer Name=organisation" (repeatable; '
        "FIELD ignore leaves a column out)",
    )
    _common(k)
    k.set_defaults(handler=import_csv)

    k = kinds.add_parser("json", help="restore an `infoterm export json` file (empty database)")
    k.add_argument("file", metavar="FILE", type=Path)
    k.set_defaults(handler=import_json)

    p = sub.add_parser("export", help="export everything as JSON, contacts as CSV, or a calendar")
    p.add_argument(
        "format",
        choices=("json", "csv", "ics"),
        help="json: everything (re-importable); csv: one row per contact; ics: meetings "
        "and open follow-ups for your calendar",
    )
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write here (default: stdout)")
    p.set_defaults(handler=export)

    p = sub.add_parser(
        "backup", help="a consistent copy of the database (safe while infoterm is open)"
    )
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="file or folder, a trailing / makes the folder (default: the backups folder);"
        " a SQLite database is copied (NAME-YYYYMMDD-HHMMSS.db for NAME.db), a server"
        " database exported as JSON (infoterm-YYYYMMDD-HHMMSS.json; a .db FILE is refused: name it .json)",
    )
    p.set_defaults(handler=backup)

    p = sub.add_parser("stats", help="the funnel, meetings, talk share and sources")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=stats)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stage",
        default=None,
        metavar="STAGE",
        help="put the new people on the board in this stage (e.g. identified) instead of "
        "the address book",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be added, updated and skipped"
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")


# -- import ------------------------------------------------------------------------------


def import_linkedin(ctx: Context, args: argparse.Namespace) -> int:
    summary = run_service(
        ctx.services.interop.import_linkedin, args.file, stage=args.stage, dry_run=args.dry_run
    )
    return _report(summary, args)


def import_csv(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.interop.csvimport import parse_map_option
    from infoterm.interop.records import ImportFileError

    try:
        mapping = parse_map_option(args.map)
    except ImportFileError as exc:
        raise CommandError(str(exc)) from exc
    summary = run_service(
        ctx.services.interop.import_csv,
        args.file,
        mapping,
        stage=args.stage,
        dry_run=args.dry_run,
    )
    return _report(summary, args)


def _report(summary: ImportSummary, args: argparse.Namespace) -> int:
    if args.json:
        print_json(summary.to_json())
        return 0
    if args.dry_run:
        print("dry run: nothing was changed")
        for verb, rows in (
            ("add", summary.added_rows),
            ("update", summary.updated_rows),
            ("skip", summary.unchanged_rows),
        ):
            for row in rows:
                org = f" ({row.organisation})" if row.organisation else ""
                detail = f": {row.detail}" if row.detail else ""
                print(f"  {verb:<7} line {row.line:<6} {row.name}{org}{detail}")
        for problem in summary.problems:
            print(f"  skip    line {problem.line:<6} {problem.message}")
    print(summary.describe())
    _problems(summary, show_all=args.dry_run)
    if summary.added and not summary.stage and not summary.on_board and not args.dry_run:
        print("they are in your address book: press b on the board to put people on it")
    return 0


def _problems(summary: ImportSummary, show_all: bool) -> None:
    shown = 0
    for kind, problems in (("warning", summary.warnings), ("skipped", summary.problems)):
        if show_all and kind == "skipped":
            continue  # already listed
        for problem in problems:
            if shown == MAX_PROBLEMS_SHOWN and not show_all:
                break
            print(f"infoterm: {summary.path}: {kind}: {problem}", file=sys.stderr)
            shown += 1
    hidden = len(summary.warnings) + len(summary.problems) - shown
    if hidden > 0 and not show_all:
        print(f"infoterm: ... and {hidden} more (--dry-run lists them all)", file=sys.stderr)


def import_json(ctx: Context, args: argparse.Namespace) -> int:
    result = run_service(ctx.services.interop.import_json, args.file, ctx.paths.config_file)
    print(result.describe())
    return 0


# -- export, backup, stats ---------------------------------------------------------------


def export(ctx: Context, args: argparse.Namespace) -> int:
    interop = ctx.services.interop
    if args.format == "json":
        data = run_service(interop.export_json, ctx.paths.config_file)
        text = json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    elif args.format == "csv":
        text = run_service(interop.export_csv)
    else:
        text = run_service(interop.export_ics)
    if args.output is None:
        out = sys.stdout
        if not out.isatty():  # to a pipe or a file: the exact text (a terminal sees it escaped)
            out = getattr(out, "unescaped", out)
        reconfigure = getattr(out, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(newline="")  # keep CRLFs as written (ics, csv) on every platform
        out.write(text)
        out.flush()
        return 0
    # CSV gets a BOM so spreadsheet programs read it as UTF-8; CRLFs are kept as written.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    from infoterm.atomic import write_atomic

    try:
        write_atomic(args.output, text, encoding=encoding)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def backup(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.services.interop import default_backup_name

    target = args.path
    if target is None:
        suffix = ".db" if ctx.services.db.sqlite_path else ".json"
        source = ctx.services.db.sqlite_path
        target = ctx.paths.backups_dir / default_backup_name(ctx.clock.local_now(), suffix, source)
    result = run_service(ctx.services.interop.backup, target)
    print(f"backed up {result.contacts} contacts to {result.path} ({_size(result.size)})")
    if result.kind == "json":
        print(
            "  a JSON export of the server database (restore: infoterm import json FILE);"
            " for a copy of the whole server use pg_dump",
            file=sys.stderr,
        )
    return 0


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"


def stats(ctx: Context, args: argparse.Namespace) -> int:
    result = run_service(ctx.services.stats.compute)
    if args.json:
        print_json(result.to_json())
        return 0
    from infoterm.statsview import stats_lines

    for line in stats_lines(result, width=60):
        print(line)
    return 0
