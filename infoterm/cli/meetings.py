"""Commands: request and schedule (from the shell), meet (the meeting screen, straight
from the shell) and questions (the bank)."""

from __future__ import annotations

import argparse
from typing import Any

from infoterm.cli.common import CommandError, Context, print_json, run_service, watches_targets


def _minutes(text: str) -> int:
    from infoterm.meeting import parse_minutes

    try:
        return parse_minutes(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: Any) -> None:
    """Add this module's subcommands."""
    request = sub.add_parser(
        "request",
        help="record that you asked someone for a conversation",
        description="Record the ask (now, or earlier with --at): the card moves to requested "
        "and, unless they answer, a second contact at their organisation is due 3 business "
        "days after the ask and a nudge 7 (Dalton's 3B7; followups.business_days).",
    )
    request.add_argument("contact", metavar="NAME_OR_ID", help="a name, part of a name, or #id")
    request.add_argument("--at", metavar="WHEN", help='when you asked: "yesterday 4pm", "-3d"')
    request.add_argument("--via", default="", metavar="CHANNEL", help="email, LinkedIn, phone…")
    request.add_argument(
        "--minutes", "-m", type=_minutes, metavar="N", help="the length you asked for"
    )
    request.set_defaults(handler=_request)

    reply = sub.add_parser(
        "reply",
        help="record that someone answered your request",
        description="Record their answer (now, or earlier with --at): it closes the second "
        "contact and the nudge, and makes them a booster (within 3 business days of the "
        "request) or an obligate (later).",
    )
    reply.add_argument("contact", metavar="NAME_OR_ID", help="a name, part of a name, or #id")
    reply.add_argument("--at", metavar="WHEN", help='when they answered: "yesterday 4pm", "-2d"')
    reply.add_argument("--via", default="", metavar="CHANNEL", help="email, LinkedIn, phone…")
    reply.set_defaults(handler=_reply)

    schedule = sub.add_parser(
        "schedule",
        help="set (or move) the time of the next meeting with someone",
        description="Create or move the planned meeting. Their answer closes the request's "
        "nudge, and a prepare follow-up is due the day before. --cancel calls it off (and "
        "its prepare goes too). A meeting that already happened: infoterm log NAME met.",
    )
    schedule.add_argument("contact", metavar="NAME_OR_ID", help="a name, part of a name, or #id")
    schedule.add_argument("when", metavar="WHEN", nargs="*", help='"thu 3pm", "1 dec 14:30"')
    schedule.add_argument(
        "--cancel", action="store_true", help="call off the planned meeting (no WHEN)"
    )
    schedule.add_argument("--minutes", "-m", type=_minutes, metavar="N", help="the promised length")
    schedule.add_argument("--where", default=None, metavar="TEXT", help="a place, phone, a link")
    schedule.set_defaults(handler=_schedule)

    meet = sub.add_parser(
        "meet",
        help="open the meeting timer and notes for a contact",
        description="Open the full-screen app on the meeting screen for a contact: their "
        "running meeting, else their next planned one, else a new one.",
    )
    meet.add_argument("contact", metavar="NAME_OR_ID", help="a name, part of a name, or #id")
    meet.add_argument(
        "--minutes",
        "-m",
        type=_minutes,
        metavar="N",
        help="the promised length, 1 to 240 (for a meeting that has not started)",
    )
    meet.set_defaults(handler=_meet)

    questions = sub.add_parser(
        "questions",
        help="list or edit the question bank used in meetings",
        description="The questions offered in meetings, by topic, each with its TIARA tag "
        "(Trends, Insights, Advice, Resources, Assignments: the meeting screen groups them "
        "so). Without an action: list them. Topics: work, path, people, culture, joys, "
        "advice, closing, a tag's name (which sets the tag), or your own.",
    )
    questions.add_argument("--json", action="store_true", help="list as JSON")
    questions.add_argument("--all", action="store_true", help="include removed questions")
    questions.set_defaults(handler=_list_questions)
    actions = questions.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser("add", help="add a question to a topic")
    add.add_argument(
        "topic",
        help="work, path, people, culture, joys, advice, closing, a TIARA tag (trends, "
        "insights, resources, assignments), or new",
    )
    add.add_argument("text", nargs="+", help="the question")
    add.set_defaults(handler=_add_question)
    edit = actions.add_parser("edit", help="reword a question (or move it to another topic)")
    edit.add_argument("id", type=int)
    edit.add_argument("text", nargs="*", help="the new wording (leave out to keep it)")
    edit.add_argument("--topic", help="move it to this topic")
    edit.set_defaults(handler=_edit_question)
    for name, archived, help_text in (
        ("remove", True, "stop offering a question (past meetings keep it)"),
        ("restore", False, "offer a removed question again"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("id", type=int)
        action.set_defaults(handler=_archive_question, archived=archived)


def _request(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.cli.followup_commands import when
    from infoterm.followup_policy import day_time_text
    from infoterm.meeting import minutes_text

    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    at = when(args.at, ctx.clock.local_now(), "--at", past=True) if args.at else None
    minutes = args.minutes or services.meetings.preview_for(contact_id).promised_minutes
    view = run_service(services.meetings.record_request, contact_id, minutes, args.via, at)
    asked = day_time_text(ctx.clock.to_local(at or ctx.clock.now()), ctx.clock.local_now())
    via = f" by {args.via.strip()}" if args.via.strip() else ""
    promised = minutes_text(minutes)
    print(f"Asked {view.contact_name} for {promised}{via} ({asked}); stage: {view.stage}")
    return 0


@watches_targets
def _reply(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.cli.followup_commands import when
    from infoterm.followup_policy import day_time_text

    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    at = when(args.at, ctx.clock.local_now(), "--at", past=True) if args.at else None
    kind = run_service(services.contacts.record_reply, contact_id, at, args.via)
    name = services.contacts.detail(contact_id).name
    replied = day_time_text(ctx.clock.to_local(at or ctx.clock.now()), ctx.clock.local_now())
    via = f" by {args.via.strip()}" if args.via.strip() else ""
    print(f"{name} replied{via} ({replied}): {kind}")
    return 0


def _schedule(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.cli.followup_commands import when
    from infoterm.followup_policy import day_time_text
    from infoterm.meeting import MeetingPlan

    services = ctx.services
    if args.cancel:
        if args.when:
            raise CommandError("--cancel takes no WHEN: it calls off the planned meeting")
        return _cancel(ctx, args)
    if not args.when:
        raise CommandError("say when, e.g. infoterm schedule NAME thu 3pm (or --cancel)")
    contact_id = run_service(services.contacts.resolve, args.contact)
    at = when(" ".join(args.when), ctx.clock.local_now(), "when")
    if at < ctx.clock.now():
        import shlex

        typed = " ".join(args.when)
        raise CommandError(
            f"{day_time_text(ctx.clock.to_local(at), ctx.clock.local_now())} has passed: a meeting is scheduled ahead; "
            f"to record one that happened: infoterm log {shlex.quote(args.contact)} met "
            f"--at {shlex.quote(typed)}"
        )
    current = run_service(services.meetings.preview_for, contact_id)
    plan = MeetingPlan(
        args.minutes or current.promised_minutes,
        at,
        current.location if args.where is None else args.where,
        current.agenda,
    )
    view = run_service(services.meetings.schedule, contact_id, plan)
    where = f" ({view.location})" if view.location else ""
    print(
        f"Meeting with {view.contact_name} {day_time_text(ctx.clock.to_local(at), ctx.clock.local_now())}{where}, "
        f"{view.promised_minutes} minutes promised"
    )
    return 0


def _cancel(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.followup_policy import day_time_text

    services = ctx.services
    contact_id = run_service(services.contacts.resolve, args.contact)
    planned = [
        m
        for m in run_service(services.meetings.history_of, contact_id)
        if m.state == "scheduled" and m.id and m.scheduled_at is not None
    ]
    if not planned:
        raise CommandError("no planned meeting to cancel")
    meeting = planned[0]
    assert meeting.scheduled_at is not None
    name = run_service(services.meetings.cancel, meeting.id)
    day = day_time_text(ctx.clock.to_local(meeting.scheduled_at), ctx.clock.local_now())
    print(f"Cancelled the meeting with {name} ({day}); its prepare follow-up is gone too")
    return 0


def _meet(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.cli import tui

    contact: int | str = args.contact
    if not getattr(args, "demo", False):  # the demo database exists only inside tui.run
        contact = run_service(ctx.services.contacts.resolve, args.contact)
    from infoterm.tui.launch import LaunchOptions

    launch = LaunchOptions(start="meeting", contact=contact, minutes=args.minutes)
    return tui.run(ctx, args, launch)


def _list_questions(ctx: Context, args: argparse.Namespace) -> int:
    rows = run_service(ctx.services.meetings.bank.list, args.all)
    if args.json:
        print_json(
            [
                {"id": q.id, "topic": q.topic, "tag": q.tag or None, "text": q.text}
                | {"removed": q.archived}
                for q in rows
            ]
        )
        return 0
    from infoterm.questions import tag_title

    topic = None
    for question in rows:
        if question.topic != topic:
            if topic is not None:
                print()
            topic = question.topic
            key = f" ({question.topic})" if question.topic != question.topic_title else ""
            print(f"{question.topic_title}{key}")
        removed = "  (removed)" if question.archived else ""
        tag = tag_title(question.tag) if question.tag else "—"
        print(f"  {question.id:>4}  {tag:<11}  {question.text}{removed}")
    return 0


def _add_question(ctx: Context, args: argparse.Namespace) -> int:
    new_id = run_service(ctx.services.meetings.bank.add, args.topic, " ".join(args.text))
    print(f"Added question {new_id}")
    return 0


def _edit_question(ctx: Context, args: argparse.Namespace) -> int:
    text = " ".join(args.text) or None
    if text is None and args.topic is None:
        raise CommandError("say what to change: new wording, --topic, or both")
    run_service(ctx.services.meetings.bank.edit, args.id, text, args.topic)
    print(f"Changed question {args.id}")
    return 0


def _archive_question(ctx: Context, args: argparse.Namespace) -> int:
    text = run_service(ctx.services.meetings.bank.set_archived, args.id, args.archived)
    print(f"{'Removed' if args.archived else 'Restored'}: {text}")
    return 0
