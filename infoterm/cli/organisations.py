"""Command: org (show an organisation, or edit its website, research notes, target flag and
LAMP values)."""

from __future__ import annotations

import argparse
from typing import Any

from infoterm.cli import targets
from infoterm.cli.common import Context, print_json, run_service


def register(sub: Any) -> None:
    p = sub.add_parser(
        "org",
        help="show an organisation, or set its website, research notes or target flag",
        description="Without options: the organisation, its people and meetings, and your "
        "research notes. With options: change them first, then show it.",
    )
    p.add_argument("organisation", metavar="NAME_OR_ID", help="a name, part of a name, or #id")
    p.add_argument("--website", metavar="URL", help='its web address ("" clears it)')
    p.add_argument("--notes", metavar="TEXT", help="your research notes (replaces them)")
    target = p.add_mutually_exclusive_group()
    target.add_argument(
        "--target", dest="target", action="store_true", default=None, help="mark as a target"
    )
    target.add_argument("--no-target", dest="target", action="store_false", help="unmark it")
    targets.add_lamp_arguments(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=org)


def org(ctx: Context, args: argparse.Namespace) -> int:
    network = ctx.services.network
    org_id = run_service(network.resolve_organisation, args.organisation)
    lamp = targets.lamp_values(args)
    if args.website is not None:
        run_service(network.set_website, org_id, args.website)
    if args.notes is not None:
        run_service(network.set_notes, org_id, args.notes)
    if args.target is not None:
        run_service(network.set_target, org_id, args.target)
    moved: list[str] = []
    if lamp:
        before = run_service(ctx.services.targets.active_ids)
        run_service(ctx.services.targets.set_lamp, org_id, **lamp)
        after = run_service(ctx.services.targets.active_ids)
        moved = run_service(ctx.services.targets.others_moved, org_id, before, after)
    d = network.organisation(org_id)
    lamp_line, lamp_keys = targets.lamp_line(ctx, org_id)
    local = ctx.clock.to_local
    if args.json:
        print_json(
            {
                "id": d.id,
                "name": d.name,
                "website": d.website,
                "notes": d.notes,
                "target": d.is_target,
                "landed": d.landed,
                **lamp_keys,
                "people": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "title": p.title,
                        "stage": p.stage if p.on_board else "address book",
                        "archived": p.archived,
                    }
                    for p in d.people
                ],
                "meetings": [
                    {
                        "id": m.id,
                        "contact_id": m.contact_id,
                        "contact": m.contact,
                        "when": local(m.when).isoformat() if m.when else None,
                        "state": m.state,
                        "minutes": m.minutes,
                    }
                    for m in d.meetings
                ],
            }
        )
        return 0
    print(f"{d.name}  (#{d.id})" + ("  ★ target" if d.is_target else ""))
    print(lamp_line)
    for line in moved:  # the others whose place the rating changed
        print(f"  {line}")
    if d.website:
        print(f"  website      {d.website}")
    if d.landed:
        print("  you landed here")
    if d.notes:
        print("  notes")
        for line in d.notes.splitlines():
            print(f"    {line}")
    print("people" if d.people else "people: none yet")
    for p in d.people:
        where = p.stage if p.on_board else "address book"
        title = f" · {p.title}" if p.title else ""
        print(f"  {p.name}{title}  ({where}{', archived' if p.archived else ''})")
    if d.meetings:
        print("meetings")
        for m in d.meetings:
            when = f"{local(m.when):%Y-%m-%d %H:%M}" if m.when else "not set"
            print(f"  {when}  {m.contact}  {m.minutes} min  {m.state}")
    return 0
