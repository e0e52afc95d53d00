"""The debrief after a meeting, read from what you type: action items with natural dates,
and referral names with an optional organisation. Headless and pure: ``now`` is given.

An action item is one line. Its date follows the last " by ", " on ", " before " or
" until " that reads as a date ("read the SRE book by fri" is due Friday at 09:00), or is
the last "in ..." that does ("learn dbt in 2 weeks"); a line with no date is due a week
later. A slashed date ("before 12/20": day or month first?) is an error to fix, not a
silent "no date". ``Ann Lee @ Acme`` names a person at
an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from infoterm.dates import DateError, parse_when

DEFAULT_AFTER = timedelta(days=7)
MARKERS = ("by", "on", "before", "until")
_MARKER = re.compile(r"\s+(?:by|on|before|until)\s+|\s+(?=(?:in|within)\s)", re.IGNORECASE)


@dataclass(frozen=True)
class ActionItem:
    text: str  # what is to be done, without its date
    due: datetime
    dated: bool  # False: no date was given (due a week later)


def parse_action(line: str, now: datetime) -> ActionItem:
    """One action item; raises DateError when its date is in the past."""
    text = " ".join(line.split())
    if not text:
        raise DateError("an action item needs some words")
    for found in reversed(list(_MARKER.finditer(text))):
        head, tail = text[: found.start()].strip(), text[found.end() :].strip()
        if not head or not tail:
            continue
        when = re.sub(r"^within\s", "in ", tail, flags=re.IGNORECASE)
        try:
            due = parse_when(when, now, default_time=time(9, 0))
        except DateError as exc:
            if "/" in tail.split()[0]:  # "before 12/20": a date, meant but unreadable
                raise DateError(f'{exc} (for "{head}")') from None
            continue  # not a date: "working on databases", "work in finance"
        if due <= now:
            raise DateError(f'"{tail}" has already passed: give a later date for "{head}"')
        return ActionItem(head, due, True)
    default = datetime.combine((now + DEFAULT_AFTER).date(), time(9, 0), now.tzinfo)
    return ActionItem(text, default, False)


def parse_actions(text: str, now: datetime) -> list[ActionItem]:
    """Every non-empty line an action item (DateError names the line that is wrong)."""
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(parse_action(line, now))
        except DateError as exc:
            raise DateError(f"line {number}: {exc}") from None
    return items


def split_referral(raw: str) -> tuple[str, str]:
    """``"Ann Lee @ Acme"`` -> ("Ann Lee", "Acme"); no "@": no organisation."""
    name, at, org = raw.partition("@")
    return " ".join(name.split()), " ".join(org.split()) if at else ""


def learned_block(learned: str) -> str:
    """What you learned, as it is appended to the meeting's notes."""
    text = learned.strip()
    return f"Learned:\n{text}" if text else ""


def with_learned(notes: str, learned: str) -> str:
    """The notes with the debrief's "Learned" block at the end."""
    block = learned_block(learned)
    if not block:
        return notes
    return f"{notes.rstrip()}\n\n{block}\n" if notes.strip() else f"{block}\n"
