"""Command: targets (the LAMP list: organisations ranked, the active five marked)."""

from __future__ import annotations

import argparse
from typing import Any

from infoterm.cli.common import Context, print_json, run_service

ABBREVIATIONS = {"identified": "id", "requested": "req", "met": "met", "thanked": "thx"}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "targets",
        help="your target employers ranked (Dalton's LAMP list), the active five marked",
        description="Organisations ranked by motivation (0-3), then posting (1-3), then "
        "advocacy (yes first). The first five rated ones not yet exhausted are active. "
        "Set the values with: infoterm org NAME --motivation N --posting N --advocacy yes|no",
    )
    p.add_argument("--json", action="store_true", help="one row per organisation, as JSON")
    p.set_defaults(handler=targets)


def add_lamp_arguments(p: argparse.ArgumentParser) -> None:
    """``org``'s options for the three values."""
    p.add_argument("--motivation", type=int, metavar="N", help="0-3: how much you want it")
    p.add_argument("--posting", type=int, metavar="N", help="1-3: how relevant its openings are")
    p.add_argument("--advocacy", metavar="yes|no", help="an alumni or affinity contact there")


def lamp_values(args: argparse.Namespace) -> dict[str, Any]:
    """``org``'s LAMP options, checked before anything is written (a one-line error)."""
    from infoterm import lamp
    from infoterm.cli.common import fail

    values: dict[str, Any] = {}
    try:
        if args.motivation is not None:
            values["motivation"] = lamp.check_motivation(args.motivation)
        if args.posting is not None:
            values["posting"] = lamp.check_posting(args.posting)
        if args.advocacy is not None:
            values["advocacy"] = lamp.parse_advocacy(args.advocacy)
    except lamp.LampError as exc:
        fail(str(exc))
    return values


def lamp_line(ctx: Context, org_id: int) -> tuple[str, dict[str, Any]]:
    """``org``'s line (and JSON keys) for the values, rank and whether it is active."""
    rows = run_service(ctx.services.targets.rows)
    row = next(r for r in rows if r.id == org_id)
    line = (
        f"  LAMP         motivation {row.motivation} · posting {row.posting}"
        f" · advocacy {'yes' if row.advocacy else 'no'} · rank {row.rank} of {len(rows)}"
        + (" · active" if row.active else "")
        + (" · exhausted" if row.exhausted else "")
    )
    keys = {
        "advocacy": row.advocacy,
        "motivation": row.motivation,
        "posting": row.posting,
        "rank": row.rank,
        "active": row.active,
    }
    return line, keys


def targets(ctx: Context, args: argparse.Namespace) -> int:
    rows = run_service(ctx.services.targets.rows)
    if args.json:
        print_json(
            [
                {
                    "name": r.name,
                    "advocacy": r.advocacy,
                    "motivation": r.motivation,
                    "posting": r.posting,
                    "rank": r.rank,
                    "active": r.active,
                    "exhausted": r.exhausted,
                    "contacts": r.contacts,
                    "stages": r.stages,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("no organisations yet: add a contact with --org NAME")
        return 0
    print("rank  M P A  active   people  stages (id/req/met/thx)  organisation")
    for r in rows:
        mark = "active" if r.active else ("spent" if r.exhausted else "")
        stages = "/".join(str(r.stages.get(stage, 0)) for stage in ABBREVIATIONS)
        print(
            f"{r.rank:>4}  {r.motivation} {r.posting} {'y' if r.advocacy else '-'}  {mark:<7}"
            f"  {r.contacts:>6}  {stages:<23}  {r.name}"
        )
    active = sum(r.active for r in rows)
    if not active:
        print("no active employers: rate motivation 1-3 with infoterm org NAME --motivation N")
    return 0
