"""Commands: due, log, done, snooze, dismiss, land, followup add, cadence, review.

``infoterm due`` is what people put in a shell prompt or a status bar: it reads with the
standard library only (``store.reader``) and imports neither SQLAlchemy nor the UI. The
other commands change things through the services.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from infoterm.cli.common import CommandError, Context, print_json, run_service, watches_targets
from infoterm.textsafe import as_row_id

if TYPE_CHECKING:
    from infoterm.store.reader import DueRow


def register(sub: Any) -> None:
    p = sub.add_parser(
        "due",
        help="what is due: overdue and today's follow-ups, one line each",
        description="Overdue and today's follow-ups, grouped. Exit status 0 either way.",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help='what will be due by then: "fri", "+3d", "1 dec", YYYY-MM-DD',
    )
    p.add_argument("--json", action="store_true", help="a JSON array instead of text")
    p.add_argument("--count", action="store_true", help="print just the number")
    p.set_defaults(handler=due)

    p = sub.add_parser("log", help="log a meeting held without the timer, or a touch")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.add_argument("what", choices=["met", "touch"], help="met: a meeting; touch: any contact")
    p.add_argument(
        "--at",
        metavar="DATE",
        help='when it started: "2 days ago 3pm", "last mon 14:00" (default: it just ended)',
    )
    p.add_argument("--minutes", type=int, help="how long the meeting lasted")
    p.add_argument("--note", default="", help="what the touch was (a touch only)")
    p.set_defaults(handler=log)

    p = sub.add_parser("done", help="mark a follow-up done (ids as shown by infoterm due)")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.set_defaults(handler=done)

    p = sub.add_parser("snooze", help="snooze a follow-up to a date")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("when", metavar="DATE", nargs="+", help='"tomorrow", "fri 3pm", "+3d"')
    p.set_defaults(handler=snooze)

    p = sub.add_parser("dismiss", help="dismiss a follow-up (nothing more to do)")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.set_defaults(handler=dismiss)

    p = sub.add_parser("land", help="record the job you landed; tell everyone who helped")
    p.add_argument("name", metavar="ORG", nargs="?", help="the organisation (or --org)")
    p.add_argument("--org", help="the organisation")
    p.add_argument("--title", required=True, help="your new title")
    p.add_argument("--start", metavar="DATE", help="your start date")
    p.add_argument("--email", help="your new email, for the tell-landed notes (saved)")
    p.add_argument("--phone", help="your new phone, for the tell-landed notes (saved)")
    p.add_argument("--linkedin", help="your LinkedIn address, for the notes (saved)")
    loose = p.add_mutually_exclusive_group()
    loose.add_argument(
        "--dismiss-open",
        action="store_true",
        help="dismiss the nudges and reach-outs still open (asked when interactive)",
    )
    loose.add_argument("--keep-open", action="store_true", help="leave them open")
    p.add_argument(
        "--close-thanks",
        action="store_true",
        help="dismiss open thank-yous too (asked when interactive; kept otherwise)",
    )
    p.set_defaults(handler=land)

    p = sub.add_parser("followup", help="add your own follow-up")
    fsub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    a = fsub.add_parser("add", help="a follow-up for a contact, due when you say")
    a.add_argument("contact", metavar="NAME_OR_ID")
    a.add_argument("--due", required=True, metavar="DATE", help='"fri", "+2w", "1 dec", YYYY-MM-DD')
    a.add_argument("--note", required=True, help="what is to be done")
    a.set_defaults(handler=add_followup)

    p = sub.add_parser("cadence", help="how often to check in with a contact")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.add_argument("weeks", help='a number of weeks, or "default"')
    p.set_defaults(handler=cadence)

    p = sub.add_parser("review", help="open the app on the daily review")
    p.set_defaults(handler=review)


# -- due (the fast path) -------------------------------------------------------------------


def due(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import followup_policy as policy
    from infoterm.store.timefmt import is_unreadable

    now_local = ctx.clock.local_now()
    until = (
        when(args.until, now_local, "--until", end_of_day=True)
        if args.until
        else policy.end_of_today(now_local)
    )
    rows = _due_rows(ctx, until)
    if args.count:
        print(len(rows))
        return 0
    if args.json:
        to_local = ctx.clock.to_local
        group_of = policy.grouper(now_local)
        print_json(
            [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "contact_id": r.contact_id,
                    "contact_name": r.contact,
                    "organisation": r.organisation,
                    # a stored time that cannot be read: listed, without a time
                    "due": None if is_unreadable(r.due) else to_local(r.due).isoformat(),
                    "overdue": policy.is_overdue(r.due, now_local),
                    "group": group_of(r.due),
                    "snoozed": r.snoozed,
                    "reason": r.reason,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(
            f"Nothing due by {policy.day_time_text(until, now_local)}."
            if args.until
            else "Nothing due today."
        )
        return 0
    print("\n".join(format_due(rows, now_local)))
    return 0


def format_due(rows: list[DueRow], now_local: datetime) -> list[str]:
    """Plain text, one line a follow-up, under a title per group."""
    from infoterm import followup_policy as policy
    from infoterm.dates import describe_due

    group_of = policy.grouper(now_local)
    groups: dict[str, list[tuple[DueRow, str]]] = {}
    for r in rows:
        how = describe_due(r.due, now_local)
        groups.setdefault(group_of(r.due), []).append((r, how))
    id_width = max(len(str(r.id)) for r in rows) + 1
    due_width = max(len(how) for found in groups.values() for _r, how in found)
    label_width = max(len(policy.LABELS.get(r.kind, r.kind)) for r in rows)
    lines: list[str] = []
    for group in policy.GROUPS:
        found = groups.get(group)
        if not found:
            continue
        lines.append(f"{policy.GROUP_TITLES[group]} ({len(found)})")
        for r, how in found:
            label = policy.LABELS.get(r.kind, r.kind)
            who = f"{r.contact} ({r.organisation})" if r.organisation else r.contact
            why = f": {r.reason}" if r.reason else ""
            snoozed = "  (snoozed)" if r.snoozed else ""
            lines.append(
                f"  {'#' + str(r.id):>{id_width}}  {how:<{due_width}}  {label:<{label_width}}  "
                f"{who}{why}{snoozed}"
            )
    return lines


def _due_rows(ctx: Context, until: datetime) -> list[DueRow]:
    path = ctx.paths.sqlite_path
    if path is not None and not path.exists():
        ctx.no_new_database_for_a_read()  # a mistyped --db says so
        return []  # no campaign yet: nothing is due (and nothing is created)
    return ctx.database().reader.due(until)


def when(
    text: str, now_local: datetime, option: str, *, end_of_day: bool = False, past: bool = False
) -> datetime:
    """A natural date from the command line, or a one-line error naming the option.

    ``past`` reads it for a command about the past ("mon" is the Monday just gone). A
    time skipped or repeated by a clock change is said on stderr, with the one chosen."""
    from infoterm.dates import DateError, parse_when_explained

    default = time(23, 59, 59) if end_of_day else time(9, 0)
    try:
        instant, note = parse_when_explained(text, now_local, default_time=default, past=past)
    except DateError as exc:
        raise CommandError(f"{option}: {exc}") from exc
    if note:
        print(f"{option}: {note}", file=sys.stderr)
    return instant


# -- changing things -------------------------------------------------------------------------


def followup_id(text: str) -> int:
    row_id = as_row_id(text.strip().lstrip("#"))
    if row_id is None:
        raise CommandError(f"{text!r} is not a follow-up id; infoterm due shows them (#12)")
    return row_id


@watches_targets
def log(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import day_time_text

    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    now_local = ctx.clock.local_now()
    at = when(args.at, now_local, "--at", past=True) if args.at else None
    if args.what == "touch":
        if args.minutes is not None:
            raise CommandError("--minutes is for a meeting: infoterm log NAME met --minutes N")
        next_checkin = run_service(services.followups.log_touch, contact_id, args.note, at)
        name = services.contacts.detail(contact_id).name
        if next_checkin > (at or ctx.clock.now()):
            print(
                f"Logged a touch with {name}; next check-in "
                f"{day_time_text(ctx.clock.to_local(next_checkin), now_local)}"
            )
        else:
            print(f"Logged a touch with {name}")
        return 0
    if args.note:
        raise CommandError("--note is for a touch; meeting notes go in the meeting screen")
    planned = _planned(services, contact_id)
    meeting_id, thanks = run_service(services.followups.log_met, contact_id, at, args.minutes)
    name = services.contacts.detail(contact_id).name
    held = f" ({day_time_text(ctx.clock.to_local(at), now_local)})" if at is not None else ""
    print(
        f"Logged a meeting with {name}{held}; thank-you due "
        f"{day_time_text(ctx.clock.to_local(thanks), now_local)}"
    )
    # Which planned meeting this was, or that one is still to come (said, not guessed).
    for m in planned:
        day = day_time_text(ctx.clock.to_local(m.scheduled_at), now_local)
        if m.id == meeting_id:
            print(f"It was the meeting planned for {day}.")
        else:
            print(
                f"The meeting planned for {day} is still planned "
                f'(infoterm schedule "{name}" --cancel removes it).'
            )
    return 0


def _planned(services: Any, contact_id: int) -> list[Any]:
    """Their meetings set for a time and not yet held."""
    return [
        m
        for m in run_service(services.meetings.history_of, contact_id)
        if not m.started and m.scheduled_at is not None
    ]


@watches_targets
def done(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import LABELS, day_time_text
    from infoterm.pipeline import STAGE_TITLES

    outcome = run_service(ctx.services.followups.done, followup_id(args.id))
    parts = [outcome.summary]
    if outcome.moved_to:
        parts.append(f"moved to {STAGE_TITLES[outcome.moved_to]}")
    if outcome.archived:
        parts.append("archived as went cold (infoterm undo brings them back)")
    if outcome.next_kind and outcome.next_due:
        local = ctx.clock.to_local(outcome.next_due)
        when = day_time_text(local, ctx.clock.local_now())
        parts.append(f"next {LABELS[outcome.next_kind]} {when}")
    print("; ".join(parts))
    return 0


def snooze(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import LABELS, day_time_text

    fid = followup_id(args.id)
    now_local = ctx.clock.local_now()
    target = when(" ".join(args.when), now_local, "snooze")
    services = ctx.services
    until = run_service(services.followups.snooze, fid, target)
    view = services.followups.get(fid)
    print(
        f"Snoozed {LABELS[view.kind]} for {view.contact} until "
        f"{day_time_text(ctx.clock.to_local(until), now_local)}"
    )
    return 0


def dismiss(ctx: Context, args: argparse.Namespace) -> int:
    print(run_service(ctx.services.followups.dismiss, followup_id(args.id)))
    return 0


def land(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import LABELS
    from infoterm.services.followups import LOOSE_ENDS
    from infoterm.textsafe import visible

    org = args.org or args.name
    if not org or (args.org and args.name and args.org != args.name):
        raise CommandError("say where you landed once: infoterm land ORG --title TITLE")
    start = when(args.start, ctx.clock.local_now(), "--start").date() if args.start else None
    services = ctx.services
    _landing, people = run_service(services.followups.land, org, args.title, start)
    _store_details(ctx, args)
    print(f"Congratulations! Recorded {visible(args.title)} at {visible(org)}.")
    if people:
        who = "person" if people == 1 else "people"
        print(f"{people} {who} to tell where you landed: see infoterm due --until +2d")
    else:
        print("No one in met, thanked or stay in touch to tell.")
    open_items = run_service(services.followups.loose_ends)
    chasing = [f for f in open_items if f.kind in LOOSE_ENDS]
    thanks = [f for f in open_items if f.kind == "thank-you"]
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if chasing:
        print(f"Still open, chasing the search ({len(chasing)}):")
        for f in chasing:
            print(f"  #{f.id}  {LABELS[f.kind]} for {visible(f.contact)}")
        dismiss = args.dismiss_open or (
            not args.keep_open and interactive and _ask("Dismiss them? [y/N] ")
        )
        if dismiss:
            count = run_service(services.followups.dismiss_open, LOOSE_ENDS)
            print(f"Dismissed {count}.")
        else:
            print("Left open (infoterm land ... --dismiss-open, or infoterm dismiss ID).")
    if thanks:
        print(f"Thank-yous still owed ({len(thanks)}): they are worth sending anyway.")
        for f in thanks:
            print(f"  #{f.id}  thank-you for {visible(f.contact)}")
        close = args.close_thanks or (interactive and _ask("Close them without sending? [y/N] "))
        if close:
            count = run_service(services.followups.dismiss_open, ("thank-you",))
            print(f"Closed {count} thank-you{'s' if count != 1 else ''}.")
        else:
            print("Kept open.")
    return 0


def _ask(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _store_details(ctx: Context, args: argparse.Namespace) -> None:
    """--email/--phone/--linkedin: saved as me.new_* for every tell-landed note."""
    from infoterm import config

    values = {
        key: value.strip()
        for key, value in (
            ("me.new_email", args.email),
            ("me.new_phone", args.phone),
            ("me.new_linkedin", args.linkedin),
        )
        if value is not None
    }
    if not values:
        return
    try:
        config.set_values(ctx.paths.config_file, values)
        for key, value in values.items():
            config.apply(ctx.settings, key, value)
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None


def add_followup(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import day_time_text

    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    now_local = ctx.clock.local_now()
    due_at = when(args.due, now_local, "--due")
    fid = run_service(services.followups.add, contact_id, due_at, args.note)
    print(f"#{fid}  due {day_time_text(due_at, now_local)}")
    return 0


def cadence(ctx: Context, args: argparse.Namespace) -> int:
    text = args.weeks.strip().lower()
    if text == "default":
        weeks = None
    elif text.isascii() and text.isdigit() and len(text) <= 4:
        weeks = int(text)
    else:
        raise CommandError(f'{args.weeks!r}: give a number of weeks (e.g. 8) or "default"')
    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    now_weeks = run_service(services.followups.set_cadence, contact_id, weeks)
    print(f"Check in every {now_weeks} weeks")
    return 0


def review(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.cli import tui
    from infoterm.tui.launch import LaunchOptions

    return tui.run(ctx, args, LaunchOptions(start="review"))
