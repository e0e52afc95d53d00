"""What a meeting is, apart from its timer: the promise's limits, the closing checklist,
the wording of outcomes, and reading the names typed into the referral line.

Headless and stdlib-only: the services, the CLI and the screens all share these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from infoterm.timer import Outcome, format_seconds

MIN_MINUTES = 1
MAX_MINUTES = 240
EXTEND_MINUTES = 5

# The closing checklist: key (stored in meetings.checklist) and what to do.
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("openings", "Ask about current or upcoming openings"),
    ("names", "Ask for two or three people to talk to"),
    ("linkedin", "Ask to connect on LinkedIn"),
    ("resume", 'Offer your resume, "for future reference"'),
    ("thanks", "Thank them for their time"),
)
CHECKLIST_KEYS = tuple(key for key, _text in CHECKLIST)


@dataclass(frozen=True)
class MeetingPlan:
    """What the schedule and request forms send in."""

    promised_minutes: int
    when: datetime | None = None
    location: str = ""
    agenda: str = ""
    channel: str = ""  # how the request was made (email, LinkedIn...), requests only


def parse_minutes(text: str) -> int:
    """A promised length from what was typed ("19", "19m", "20 min"); ValueError says why."""
    cleaned = re.sub(r"\s*(m|min|mins|minutes?)\.?$", "", text.strip().lower())
    if not cleaned:
        raise ValueError("how many minutes did you promise? (1 to 240)")
    if not cleaned.isdigit():
        raise ValueError(f"{text.strip()!r} is not a whole number of minutes (1 to 240)")
    return check_minutes(int(cleaned))


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"a promise is 1 to 240 minutes, not {minutes}")
    return minutes


def minutes_text(minutes: float) -> str:
    """ "1 minute", "19 minutes", "1:30" for a fractional lead."""
    if minutes != int(minutes):
        return format_seconds(round(minutes * 60))
    whole = int(minutes)
    return f"{whole} minute" if whole == 1 else f"{whole} minutes"


def promise_text(promised_minutes: int, extra_minutes: int = 0) -> str:
    """The promise as it stands: "3 min", or "3 + 5 min offered" once they offered more.
    The timer panel, the end dialog, the result and the timeline all say it this way."""
    if extra_minutes:
        return f"{promised_minutes} + {extra_minutes} min offered"
    return f"{promised_minutes} min"


def left_text(remaining: timedelta) -> str:
    """The time actually left, as the clock shows it: "1:59 left", "0:04 left"."""
    return f"{format_seconds(-(-remaining // timedelta(seconds=1)))} left"


def split_names(text: str) -> list[str]:
    """Names typed into the referral line: separated by commas, semicolons or new lines;
    spaces tidied; repeats (any case) dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for raw in re.split(r"[,;\n]+", text):
        name = " ".join(raw.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def share_text(share: float | None) -> str:
    return "" if share is None else f"I talked {round(share * 100)}%"


def describe_outcome(result: Outcome, share: float | None) -> str:
    """One line for the timeline: length against the promise, on time or over, talk share."""
    length = format_seconds(result.duration_seconds)
    promise = f"promised {promise_text(result.promised_minutes, result.extra_minutes)}"
    verdict = (
        "on time"
        if result.ended_on_time
        else f"{format_seconds(result.overtime_seconds)} over time"
    )
    parts = [f"Met for {length} ({promise}): {verdict}"]
    if share is not None:
        parts.append(share_text(share))
    return " · ".join(parts)
