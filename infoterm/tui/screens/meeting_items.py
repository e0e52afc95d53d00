"""What the meeting screen's tick lists and brief show, built from a meeting read whole."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from infoterm.meeting import CHECKLIST
from infoterm.questions import tag_order
from infoterm.tui.widgets.meeting_brief import BriefContent, EarlierNotes, brief_parts
from infoterm.tui.widgets.tick_list import TickItem

if TYPE_CHECKING:
    from infoterm.clock import Clock
    from infoterm.services.meetings import MeetingView

EARLIER = "Asked at an earlier meeting"


def question_items(view: MeetingView, clock: Clock) -> list[TickItem]:
    """Questions under their TIARA tags, in Dalton's order (Trends, Insights, Advice,
    Resources, Assignments, then the untagged); those asked at an earlier meeting with this
    person (and not again here) come last, under their own heading, so the fresh ones lead."""
    fresh = [q for q in view.questions if q.asked or q.asked_before is None]
    fresh.sort(key=lambda q: tag_order(q.tag))  # stable: the bank's order within a tag
    earlier = [q for q in view.questions if not q.asked and q.asked_before is not None]
    items: list[TickItem] = []
    tag = None
    for question in fresh:
        if question.tag != tag:
            tag = question.tag
            items.append(TickItem(f"t:{tag or 'other'}", question.tag_title, heading=True))
        items.append(TickItem(f"q{question.id}", question.text, question.asked))
    if earlier:
        items.append(TickItem("t:earlier", EARLIER, heading=True))
        for question in earlier:
            assert question.asked_before is not None
            note = f"asked {clock.to_local(question.asked_before):%d %b}"
            items.append(TickItem(f"q{question.id}", question.text, False, note))
    return items


def checklist_items(view: MeetingView) -> list[TickItem]:
    items = []
    for key, text in CHECKLIST:
        note = f"{len(view.referrals)} named" if key == "names" and view.referrals else ""
        items.append(TickItem(key, text, view.checklist.get(key, False), note))
    return items


def brief_content(view: MeetingView, goal: str, clock: Clock) -> BriefContent:
    """The brief beside the timer: who, referrer, research, your goal, agenda, earlier."""
    brief = view.brief
    who = ", ".join(p for p in (view.contact_name, view.title, view.organisation) if p)
    parts = brief_parts(
        who=who,
        referred_by=brief.referred_by if brief else "",
        org_notes=brief.org_notes if brief else "",
        person_notes=brief.person_notes if brief else "",
        goal=goal,
        agenda=view.agenda,
    )
    earlier = tuple(
        EarlierNotes(_earlier_title(m.when, m.minutes, clock), m.notes)
        for m in (brief.earlier if brief else ())
    )
    return BriefContent(parts, earlier)


def _earlier_title(when: datetime | None, minutes: int | None, clock: Clock) -> str:
    day = f"{clock.to_local(when):%a %d %b %Y}" if when is not None else "date not known"
    return f"{day} · {minutes} min" if minutes is not None else day
