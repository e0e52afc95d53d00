"""The demo campaign is built only through the calls a user's actions make, and its data
keeps the rules a user's data keeps (issue 10, item 2)."""

from __future__ import annotations

import ast
import inspect
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from infoterm import followup_policy as policy
from infoterm.clock import FakeClock
from infoterm.demo import seed_demo
from infoterm.pipeline import STAGES
from infoterm.services import Services
from infoterm.services.contacts import ContactService
from infoterm.services.debrief import DebriefService
from infoterm.services.followup_effects import FollowUpEffects
from infoterm.services.followups import FollowUpService
from infoterm.services.interop import InteropService
from infoterm.services.meetings import MeetingService
from infoterm.services.network import NetworkService
from infoterm.store.database import Database, open_database
from infoterm.store.schema import Contact, Event, FollowUp, Meeting
from tests.conftest import NOW
from tests.engines import table_rows

ROOT = Path(__file__).resolve().parents[2]
DEMO_MODULES = ("demo/__init__.py", "demo/campaign.py", "demo/diary.py")
SERVICES = {
    "contacts": ContactService,
    "meetings": MeetingService,
    "followups": FollowUpService,
    "followup_effects": FollowUpEffects,
    "network": NetworkService,
    "debrief": DebriefService,
    "interop": InteropService,
}
IMPORTS = {
    "__future__",
    "dataclasses",
    "datetime",
    "typing",
    "infoterm.clock",
    "infoterm.demo",
    "infoterm.demo.campaign",
    "infoterm.demo.diary",
    "infoterm.interop.records",
    "infoterm.meeting",
    "infoterm.pipeline",
    "infoterm.services",
}
TYPE_ONLY = {"infoterm.store.database"}  # the Database in a signature
READS = {"open_followups", "due"}  # db.reader: how the review lists what is open
FORBIDDEN = {"transaction", "read", "sessions", "engine", "connection", "execute", "flush"}


def _user_call(service: str, method: str) -> str | None:
    """Why ``services.<service>.<method>`` is not something a user's action calls."""
    found = getattr(SERVICES[service], method, None)
    if method.startswith("_") or not callable(found):
        return f"{service}.{method} is not a public call"
    if "session" in inspect.signature(found).parameters:
        return f"{service}.{method} works inside another transaction (a rule's hook)"
    return None


def violations(source: str) -> list[str]:
    """What in this demo module writes underneath the services or reads their insides."""
    tree = ast.parse(source)
    found: list[str] = []
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for n in ast.walk(node)}
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Attribute):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and node.value.attr in SERVICES:
                aliases[target.id] = node.value.attr
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for module in names or [getattr(node, "module", "") or ""]:
                if module in IMPORTS or (module in TYPE_ONLY and id(node) in type_only):
                    continue
                found.append(f"line {node.lineno}: imports {module}")
        if not isinstance(node, ast.Attribute):
            continue
        owner, line = node.value, f"line {node.lineno}"
        service = (
            owner.attr
            if isinstance(owner, ast.Attribute) and owner.attr in SERVICES
            else aliases.get(owner.id)
            if isinstance(owner, ast.Name)
            else None
        )
        if node.attr in FORBIDDEN:
            found.append(f"{line}: .{node.attr}")
        elif node.attr.startswith("_") and not (isinstance(owner, ast.Name) and owner.id == "self"):
            found.append(f"{line}: private .{node.attr}")
        elif service is not None:
            problem = _user_call(service, node.attr)
            if problem:
                found.append(f"{line}: {problem}")
        elif node.attr == "db":
            reader = parents.get(id(node))
            call = parents.get(id(reader))
            if not (
                isinstance(reader, ast.Attribute)
                and reader.attr == "reader"
                and isinstance(call, ast.Attribute)
                and call.attr in READS
            ):
                found.append(f"{line}: the database beyond db.reader.{'/'.join(sorted(READS))}")
    return found


@pytest.mark.parametrize("module", DEMO_MODULES)
def test_the_demo_only_calls_what_a_users_actions_call(module: str) -> None:
    source = (ROOT / "infoterm" / module).read_text(encoding="utf-8")
    assert violations(source) == []


def test_the_check_catches_rows_written_by_hand() -> None:
    # What the demo used to do: a meeting row with a made-up outcome, follow-ups marked done
    # by hand, a rule's hook called directly, a landing added to the session.
    old = """
from sqlalchemy import select
from infoterm.store.schema import FollowUp, Landing, Meeting

def seed(services, ids, end):
    with services.transaction() as session:
        session.add(Meeting(contact_id=1, ended_on_time=True))
        for f in session.scalars(select(FollowUp)):
            f.state = "done"
        services.followup_effects.ensure(session, 1, "prepare", end, "why", end)
        services.contacts.move_in(session, None, "met", end)
    meetings = services.meetings
    meetings._store_timer(None, None)
    services.db.engine.dispose()
    services.db.reader.page(None)
"""
    problems = "\n".join(violations(old))
    for expected in (
        "imports sqlalchemy",
        "imports infoterm.store.schema",
        ".transaction",
        "followup_effects.ensure works inside another transaction",
        "contacts.move_in works inside another transaction",
        "private ._store_timer",
        ".engine",
        "the database beyond db.reader",
    ):
        assert expected in problems


# -- the data keeps a user's rules --------------------------------------------------------


def invariants(db: Database, now: datetime) -> list[str]:
    """What must hold of any campaign the app's rules built, whoever drove them."""
    broken: list[str] = []
    services = Services(db, FakeClock(now))
    with services.read() as session:
        contacts = {c.id: c for c in session.scalars(select(Contact))}
        meetings = list(session.scalars(select(Meeting)))
        followups = list(session.scalars(select(FollowUp)))
        events = list(session.scalars(select(Event).order_by(Event.at, Event.id)))
    open_ = [f for f in followups if f.state == policy.OPEN]
    duties = Counter(
        policy.obligation(f.kind, f.contact_id, f.meeting_id, f.about_contact_id) for f in open_
    )
    broken += [f"two open for {duty}" for duty, n in duties.items() if duty and n > 1]
    held = {m.contact_id for m in meetings if m.ended_at is not None}
    stage = {cid: STAGES.index(c.stage) for cid, c in contacts.items()}
    for cid, c in contacts.items():
        if c.on_board and stage[cid] >= STAGES.index("met") and cid not in held:
            broken.append(f"{c.name} is {c.stage} with no meeting held")
        moves = [
            json.loads(e.payload).get("new")
            for e in events
            if e.contact_id == cid and e.kind == "moved" and e.undone_at is None
        ]
        if moves and moves[-1] != c.stage:
            broken.append(f"{c.name} is {c.stage}, but the history moved them to {moves[-1]}")
        checked_in = any(f.contact_id == cid and f.kind == "check-in" for f in open_)
        if c.stage in ("thanked", "stay-in-touch") and c.archived_at is None and not checked_in:
            broken.append(f"{c.name} is {c.stage} with no check-in")
    for f in open_:
        who = contacts[f.contact_id]
        wrong = (
            (f.kind == "thank-you" and (who.stage != "met" or f.contact_id not in held))
            or (f.kind in ("nudge", "let-go") and who.stage != "requested")
            or (f.kind == "reach-out" and (who.stage != "identified" or not who.referred_by_id))
            or (f.kind == "check-in" and who.stage not in ("thanked", "stay-in-touch"))
            or who.archived_at is not None
            or who.deleted_at is not None
        )
        if f.kind == "prepare":
            meeting = next(m for m in meetings if m.id == f.meeting_id)
            wrong = meeting.started_at is not None or not (meeting.scheduled_at or now) > now
        if wrong:
            broken.append(f"open {f.kind} for {who.name} ({who.stage})")
    for m in meetings:
        if m.ended_at is not None and m.started_at is not None:
            active = (m.ended_at - m.started_at).total_seconds() - (m.paused_seconds or 0)
            if m.ended_at > now or m.duration_seconds is None or m.duration_seconds > active + 1:
                broken.append(f"meeting {m.id}: it lasted {m.duration_seconds}s in {active}s")
            if m.ended_on_time is not None and (m.talk_me_seconds + m.talk_them_seconds) > active:
                broken.append(f"meeting {m.id}: more talk than meeting")
    instants = [e.at for e in events] + [f.created_at for f in followups]
    instants += [f.closed_at for f in followups if f.closed_at] + [
        c.created_at for c in contacts.values()
    ]
    if any(at > now for at in instants):
        broken.append("something happened after now")
    return broken


def test_the_demo_keeps_the_rules_a_users_campaign_keeps(demo_db: Database) -> None:
    assert invariants(demo_db, NOW) == []


def test_the_demo_statistics_are_an_honest_mix(demo_db: Database, clock: FakeClock) -> None:
    stats = Services(demo_db, clock).stats.compute()
    assert 0 < stats.meetings_timed < stats.meetings_held  # some logged by hand
    assert 0 < stats.ended_on_time < stats.meetings_timed  # some ran over
    assert stats.talk_meetings == stats.meetings_timed  # the talk meter ran in each timed one
    assert sum(1 for _week, n in stats.weeks if n) >= 7  # spread over the weeks
    assert stats.offers == 0  # mid-campaign: nobody has landed yet


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("now", "zone"),
    [
        (datetime(2026, 3, 28, 22, 45, tzinfo=UTC), "Europe/Berlin"),  # Saturday, before DST
        (datetime(2027, 1, 3, 5, 20, tzinfo=UTC), "America/New_York"),  # 00:20 on a Sunday
        (datetime(2026, 7, 15, 16, 0, tzinfo=UTC), "UTC"),  # Wednesday, after 15:00
        (datetime(2026, 12, 4, 5, 30, tzinfo=UTC), "Asia/Tokyo"),  # Friday afternoon
        (datetime(2026, 12, 4, 14, 30, tzinfo=UTC), "Asia/Tokyo"),  # Friday, 23:30
    ],
)
def test_the_demo_can_be_made_at_any_time_and_keeps_the_rules(
    tmp_path: Path, now: datetime, zone: str
) -> None:
    db = open_database(str(tmp_path / "demo.db"))
    clock = FakeClock(now, tz=ZoneInfo(zone))
    seed_demo(db, clock)
    assert invariants(db, now) == []
    ahead = db.reader.meetings_between(now, now + timedelta(days=3))
    assert ahead and ahead[0].contact == "Isaac Mensah"  # the next meeting is still to come
    with Services(db, clock).read() as session:
        starts = [m.started_at or m.scheduled_at for m in session.scalars(select(Meeting))]
        days = [clock.to_local(at) for at in starts if at is not None]
    assert len(days) == 19 and all(day.weekday() < 5 for day in days)  # as at work
    db.close()


@pytest.mark.sqlite_only
def test_the_same_now_makes_the_same_demo(tmp_path: Path, demo_db: Database) -> None:
    again = open_database(str(tmp_path / "again.db"))
    seed_demo(again, FakeClock(NOW))
    assert table_rows(again) == table_rows(demo_db)
    again.close()
