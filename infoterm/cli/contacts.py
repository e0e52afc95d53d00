"""Contact commands: add, list, show, move, archive, delete, undo, where."""

from __future__ import annotations

import argparse
from typing import Any

from infoterm.cli.common import CommandError, Context, print_json, run_service, watches_targets
from infoterm.pipeline import STAGES, ContactFields, UnknownStage, parse_stage


def register(sub: Any) -> None:
    p = sub.add_parser("add", help="add a contact; prints the new id")
    p.add_argument("name")
    p.add_argument("--org", default="", help="organisation (created if new)")
    p.add_argument("--title", default="")
    p.add_argument("--email", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--linkedin", default="", metavar="URL")
    p.add_argument(
        "--source",
        default="",
        help="own network, linkedin, alumni, association, target company, referral, other",
    )
    p.add_argument("--stage", default="identified", help=", ".join(STAGES))
    p.add_argument("--referred-by", default=None, metavar="NAME_OR_ID")
    p.add_argument("--tag", action="append", default=[], help="repeatable")
    p.add_argument("--notes", default="")
    p.set_defaults(handler=add)

    p = sub.add_parser("list", help="list contacts")
    p.add_argument("--stage", default=None)
    p.add_argument("--archived", action="store_true", help="include archived contacts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_contacts)

    p = sub.add_parser("show", help="a contact with its organisation, stage and timeline")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)

    p = sub.add_parser("move", help="move a contact to a stage")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.add_argument("stage")
    p.set_defaults(handler=move)

    p = sub.add_parser("archive", help="archive a contact (declined, went cold...)")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.add_argument("--reason", default="")
    p.add_argument("--undo", action="store_true", help="bring the contact back from the archive")
    p.set_defaults(handler=archive)

    p = sub.add_parser("delete", help="delete a contact (undo brings it back)")
    p.add_argument("contact", metavar="NAME_OR_ID")
    p.set_defaults(handler=delete)

    p = sub.add_parser("undo", help="undo the latest change (move, edit, archive, delete)")
    p.set_defaults(handler=undo)

    p = sub.add_parser("where", help="print the database path and data folder")
    p.set_defaults(handler=where)


def _stage(text: str) -> str:
    try:
        return parse_stage(text)
    except UnknownStage as exc:
        raise CommandError(str(exc)) from exc


def add(ctx: Context, args: argparse.Namespace) -> int:
    stage = _stage(args.stage)
    services = ctx.services
    referred = (
        run_service(services.contacts.resolve, args.referred_by) if args.referred_by else None
    )
    fields = ContactFields(
        name=args.name,
        organisation=args.org,
        title=args.title,
        email=args.email,
        phone=args.phone,
        linkedin_url=args.linkedin,
        source=args.source,
        referred_by_id=referred,
        tags=",".join(args.tag),
        notes=args.notes,
    )
    print(run_service(services.contacts.add, fields, stage=stage))
    return 0


def list_contacts(ctx: Context, args: argparse.Namespace) -> int:
    stage = _stage(args.stage) if args.stage else None
    rows = ctx.services.contacts.rows(stage, include_archived=args.archived)
    if args.json:
        print_json([vars(r) for r in rows])
        return 0
    if not rows:
        print(
            "no contacts"
            + (f" in {stage}" if stage else "")
            + ' yet; add one with: infoterm add "Full Name"'
        )
        return 0
    from infoterm.textsafe import visible

    names = [visible(r.name) for r in rows]  # as printed, controls written out
    orgs = [visible(r.organisation) for r in rows]
    width = max(map(len, names))
    org_width = max(map(len, orgs))
    for r, name, org in zip(rows, names, orgs, strict=True):
        mark = "  (archived)" if r.archived else ""
        print(f"{r.id:>5}  {name:<{width}}  {org:<{org_width}}  {r.stage}{mark}")
    return 0


def show(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services
    detail = services.contacts.detail(run_service(services.contacts.resolve, args.contact))
    meetings = services.meetings.history_of(detail.id)
    local = ctx.clock.to_local
    if args.json:
        data = detail.to_json()
        data["meetings"] = [_meeting_json(m, local) for m in meetings]
        print_json(data)
        return 0
    print(f"{detail.name}  (#{detail.id})")
    for label, value in (
        ("organisation", detail.organisation),
        ("title", detail.title),
        ("stage", detail.stage + ("  (archived)" if detail.archived else "")),
        ("email", detail.email),
        ("phone", detail.phone),
        ("linkedin", detail.linkedin_url),
        ("source", detail.source),
        ("tags", ", ".join(detail.tags)),
        ("referred by", detail.referred_by[1] if detail.referred_by else ""),
        ("referred", ", ".join(name for _, name, _ in detail.referrals)),
        ("replied", _replied(detail, local)),
        ("responder", "" if detail.responder == "none" else detail.responder),
    ):
        if value:
            print(f"  {label:<13}{value}")
    if detail.notes:
        print("  notes")
        for line in detail.notes.splitlines():
            print(f"    {line}")
    if meetings:
        print("meetings")
    for m in meetings:
        print(f"  {_meeting_line(m, local)}")
        for line in m.notes.splitlines():
            print(f"    {line}")
    print("timeline")
    for e in detail.timeline:
        undone = "  (undone)" if e.undone else ""
        print(f"  {local(e.at):%Y-%m-%d %H:%M}  {e.summary}{undone}")
    return 0


def _replied(detail: Any, local: Any) -> str:
    if detail.replied_at is None:
        return ""
    via = f" by {detail.reply_via}" if detail.reply_via else ""
    return f"{local(detail.replied_at):%Y-%m-%d %H:%M}{via}"


def _meeting_json(m: Any, local: Any) -> dict[str, Any]:
    def at(instant: Any) -> str | None:
        return local(instant).isoformat() if instant is not None else None

    return {
        "id": m.id,
        "scheduled_at": at(m.scheduled_at),
        "started_at": at(m.timer.started_at),
        "ended_at": at(m.timer.ended_at),
        "promised_minutes": m.promised_minutes,
        "extra_minutes": m.timer.extra_minutes,  # offered with +
        "minutes": m.minutes,
        "duration_seconds": m.duration_seconds,
        "ended_on_time": m.ended_on_time,
        "state": m.state,
        "location": m.location,
        "agenda": m.agenda,
        "notes": m.notes,
    }


def _meeting_line(m: Any, local: Any) -> str:
    """ "2026-11-20 14:00  held, 22:10 of 19 min · over time" or "2026-12-03 15:00
    planned, 19 min"."""
    when = m.timer.started_at or m.scheduled_at
    day = f"{local(when):%Y-%m-%d %H:%M}" if when is not None else "time not set"
    if m.ended:
        from infoterm.meeting import promise_text
        from infoterm.timer import format_seconds

        took = format_seconds(m.duration_seconds) if m.duration_seconds else f"{m.minutes} min"
        late = " · over time" if m.ended_on_time is False else ""
        promise = promise_text(m.promised_minutes, m.timer.extra_minutes)
        what = f"held, {took} of {promise}{late}"
    elif m.started:
        what = f"running, {m.promised_minutes} min promised"
    else:
        what = f"planned, {m.promised_minutes} min"
    where = f"  ({m.location})" if m.location else ""
    return f"{day}  {what}{where}"


@watches_targets
def move(ctx: Context, args: argparse.Namespace) -> int:
    stage = _stage(args.stage)
    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    before = run_service(services.contacts.detail, contact_id)
    run_service(services.contacts.move, contact_id, stage)
    if before.stage == stage:
        print(f"{before.name} is already in {stage}; nothing changed")
    else:
        print(f"moved {before.name} from {before.stage} to {stage} (infoterm undo moves them back)")
    return 0


@watches_targets
def archive(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    before = run_service(services.contacts.detail, contact_id)
    run_service(services.contacts.set_archived, contact_id, not args.undo, args.reason)
    if before.archived != args.undo:
        state = "archived" if before.archived else "not archived"
        print(f"{before.name} is already {state}; nothing changed")
    elif args.undo:
        print(f"restored {before.name} from the archive")
    else:
        why = f" ({args.reason})" if args.reason else ""
        print(f"archived {before.name}{why} (infoterm undo brings them back)")
    return 0


def delete(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    print(
        f"deleted {run_service(services.contacts.delete, contact_id)} (infoterm undo brings them back)"
    )
    return 0


@watches_targets
def undo(ctx: Context, args: argparse.Namespace) -> int:
    what = run_service(ctx.services.contacts.undo)
    print(f"undid: {what}" if what else "nothing to undo")
    return 0


def where(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.store.postgres import where as shown  # a server's URL: no password

    print(f"database     {ctx.paths.sqlite_path or shown(str(ctx.paths.db))}")
    print(f"data folder  {ctx.paths.data_dir}")
    print(f"config file  {ctx.paths.config_file}")
    return 0
