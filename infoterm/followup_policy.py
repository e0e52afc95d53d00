"""Follow-up rules: what each event makes due, when, and how the review groups it.

Headless and stdlib-only (``infoterm due`` imports this). Nothing here reads the clock or
the database: every function takes the instants it needs, so each rule is tested at its
boundaries with a fake clock. The services apply these rules inside their transactions.

Kinds, and what creates them (PRODUCT.md, "Follow-ups"):

* ``nudge`` — moved to requested (or a request recorded); due ``nudge_days`` (7) business
  days later (``followups.business_days``, default on; off: calendar days, as before
  issue 13); closed by any reply (``infoterm reply``, a meeting scheduled, held or the
  contact archived).
* ``second-contact`` — the other half of Dalton's 3B7: made with the nudge, due 3 business
  days after the request (calendar days with ``followups.business_days`` off): no reply
  yet, write to a second person at the same organisation (the reason names those still
  identified there). Only for a contact with an organisation; closed by a reply like a nudge.
* ``let-go`` — a nudge was done and another ``nudge_days`` passed with no reply: the
  review suggests archiving them as "went cold". Closed by a reply like a nudge.
* ``prepare`` — a meeting was scheduled; due at 09:00 the day before (when that has come,
  later today before the meeting, never overdue when made): research the organisation.
* ``thank-you`` — a meeting ended or was logged (or the card moved to met); due 24 hours
  after the meeting's end. Done moves the card from met to thanked.
* ``reach-out`` — a contact added with "referred by"; due 3 days later.
* ``report-back`` — you met someone X referred you to; for X, due 2 days after.
* ``check-in`` — thanked or stay in touch; due every cadence (default 6 weeks) after the
  last logged touch; any touch resets it, done starts the next one.
* ``tell-landed`` — you recorded where you landed; for everyone met, thanked or in stay
  in touch; done moves the card to landed.
* ``custom`` — anything you add, with its own date.

There is one open follow-up per obligation (see :func:`obligation`); a rule that fires
again updates the open one instead of adding another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo

from infoterm.dates import describe_due, resolve_wall

KINDS: tuple[str, ...] = (
    "nudge",
    "second-contact",
    "let-go",
    "prepare",
    "thank-you",
    "reach-out",
    "report-back",
    "check-in",
    "tell-landed",
    "custom",
)
LABELS: dict[str, str] = {
    "nudge": "nudge",
    "second-contact": "2nd contact",
    "let-go": "let go?",
    "prepare": "prepare",
    "thank-you": "thank-you",
    "reach-out": "reach out",
    "report-back": "report back",
    "check-in": "check-in",
    "tell-landed": "tell landed",
    "custom": "to do",
}
# What "done" means for each kind, in the words of the timeline and the toasts.
DONE_WORDS: dict[str, str] = {
    "nudge": "Sent a nudge",
    "second-contact": "Wrote to a second person",
    "let-go": "Let go",
    "prepare": "Prepared for the meeting",
    "thank-you": "Sent a thank-you note",
    "reach-out": "Reached out",
    "report-back": "Reported back",
    "check-in": "Checked in",
    "tell-landed": "Told them where you landed",
    "custom": "Done",
}

# States. "closed" means a rule closed it (a reply came, the card moved, it was archived);
# "done" and "dismissed" are what the user did.
OPEN, DONE, DISMISSED, CLOSED = "open", "done", "dismissed", "closed"
STATES: tuple[str, ...] = (OPEN, DONE, DISMISSED, CLOSED)

THANK_YOU_WITHIN = timedelta(hours=24)
REACH_OUT_AFTER = timedelta(days=3)
REPORT_BACK_AFTER = timedelta(days=2)
TELL_LANDED_WITHIN = timedelta(days=2)
PREPARE_AT = time(9, 0)
DEFAULT_NUDGE_DAYS = 7
SECOND_CONTACT_DAYS = 3  # Dalton's 3B7: a second person after 3 business days, a nudge after 7
SUGGEST_AT_MOST = 3  # names the second-contact's reason suggests
DEFAULT_CHECKIN_WEEKS = 6
MAX_CHECKIN_WEEKS = 104

# Kinds a reply from the contact makes moot.
REPLY_CLOSES = frozenset({"nudge", "second-contact", "let-go", "reach-out"})
# Kinds whose "done" is a contact with the person (it resets the check-in cadence).
TOUCHING = frozenset(
    {"nudge", "thank-you", "reach-out", "report-back", "check-in", "tell-landed", "custom"}
)
# Kinds with a note to write (a template in the data folder).
WRITABLE: tuple[str, ...] = (
    "thank-you",
    "nudge",
    "check-in",
    "report-back",
    "tell-landed",
    "reach-out",
    "second-contact",
)

GROUPS: tuple[str, ...] = ("overdue", "today", "week", "later")
GROUP_TITLES: dict[str, str] = {
    "overdue": "Overdue",
    "today": "Today",
    "week": "Next 7 days",
    "later": "Later",
}
REVIEW_DAYS = 7


class SnoozeError(ValueError):
    """A snooze that makes no sense (to a time already past); the message says why."""


# -- due times ---------------------------------------------------------------------------
#
# Deadlines counted in days (and weeks) are calendar days in the user's zone ``tz``: a
# nudge asked at 09:00 is due at 09:00 a week later even if the clocks change in between.
# Those counted in hours (the thank-you's 24) are real time.


def add_days(instant: datetime, days: int, tz: tzinfo) -> datetime:
    """``days`` calendar days after ``instant`` at the same local time in ``tz``, in UTC.

    A local time the clocks skip that day moves forward by the gap (02:30 is 03:30), one
    that happens twice is the first, as when a date is typed (``infoterm.dates``)."""
    local = instant.astimezone(tz)
    wall = datetime.combine(local.date() + timedelta(days=days), local.time())
    return resolve_wall(wall, tz)[0].astimezone(UTC)


def nudge_due(asked_at: datetime, days: int = DEFAULT_NUDGE_DAYS, *, tz: tzinfo) -> datetime:
    return add_days(asked_at, days, tz)


def add_business_days_at(
    instant: datetime, days: int, *, tz: tzinfo, country: str | None = None
) -> datetime:
    """``days`` business days after ``instant`` (weekends and the public holidays of
    ``country`` skipped, :mod:`infoterm.business_days`) at the same local time in ``tz``.
    A request on a weekend or a holiday counts from the next business day as day 0 too."""
    from infoterm.business_days import add_business_days  # holidays only when a country is set

    local = instant.astimezone(tz)
    day = add_business_days(local.date(), days, country or None)
    return resolve_wall(datetime.combine(day, local.time()), tz)[0].astimezone(UTC)


def request_due(
    asked_at: datetime,
    days: int,
    *,
    tz: tzinfo,
    business: bool = True,
    country: str | None = None,
) -> datetime:
    """The nudge's (``days`` = nudge_days) or the second contact's (3) due time: business
    days (the default) or, with ``business`` off, calendar days."""
    if business:
        return add_business_days_at(asked_at, days, tz=tz, country=country)
    return add_days(asked_at, days, tz)


def let_go_due(nudged_at: datetime, days: int = DEFAULT_NUDGE_DAYS, *, tz: tzinfo) -> datetime:
    return add_days(nudged_at, days, tz)


def prepare_due(meeting_at: datetime, now: datetime, tz: tzinfo) -> datetime | None:
    """09:00 (local) the day before the meeting; None for a meeting that has already
    started (nothing left to prepare).

    When that 09:00 has already come (a meeting less than a day or so ahead), it is due
    today, before the meeting: at the end of today or the meeting's start, whichever is
    sooner. Never ``now`` itself, which would be overdue a moment after it was made."""
    if meeting_at <= now:
        return None
    local = meeting_at.astimezone(tz)
    day_before = resolve_wall(datetime.combine(local.date() - timedelta(days=1), PREPARE_AT), tz)[0]
    if day_before > now:
        return day_before
    return min(meeting_at, end_of_today(now.astimezone(tz)))


def thank_you_due(ended_at: datetime) -> datetime:
    return ended_at + THANK_YOU_WITHIN


def reach_out_due(referred_at: datetime, *, tz: tzinfo) -> datetime:
    return add_days(referred_at, REACH_OUT_AFTER.days, tz)


def report_back_due(met_at: datetime, *, tz: tzinfo) -> datetime:
    return add_days(met_at, REPORT_BACK_AFTER.days, tz)


def checkin_due(
    last_touch_at: datetime, weeks: int = DEFAULT_CHECKIN_WEEKS, *, tz: tzinfo
) -> datetime:
    return add_days(last_touch_at, 7 * weeks, tz)


def tell_landed_due(recorded_at: datetime, *, tz: tzinfo) -> datetime:
    return add_days(recorded_at, TELL_LANDED_WITHIN.days, tz)


def cadence_weeks(per_contact: int | None, default: int = DEFAULT_CHECKIN_WEEKS) -> int:
    return per_contact if per_contact else default


def check_cadence(weeks: int) -> int:
    if not 1 <= weeks <= MAX_CHECKIN_WEEKS:
        raise ValueError(f"a check-in cadence runs from 1 to {MAX_CHECKIN_WEEKS} weeks")
    return weeks


# -- snoozing and touches ----------------------------------------------------------------


# The effective due time is written here once for Python and once for SQL, side by side;
# every caller uses one of the two (tests/store/test_effective_due.py checks they agree).


def effective_due(due_at: datetime, snoozed_until: datetime | None) -> datetime:
    """When it shows: a snooze replaces the due time."""
    return snoozed_until if snoozed_until is not None else due_at


def effective_due_sql(table: str = "f") -> str:
    """:func:`effective_due` as an SQL expression over the follow-ups table aliased
    ``table`` (portable: SQLite and PostgreSQL)."""
    return f"COALESCE({table}.snoozed_until, {table}.due_at)"


def is_overdue(due: datetime, now: datetime) -> bool:
    """Past its time. Exactly at its time it is due "now", not yet overdue."""
    return due < now


def snooze_for(due: datetime, now: datetime, delta: timedelta, *, tz: tzinfo) -> datetime:
    """Snooze by a span: from now for something overdue, from its due time otherwise
    (snoozing never brings a follow-up closer). Whole days are calendar days in ``tz``."""
    start = max(due, now)
    if delta and delta % timedelta(days=1) == timedelta(0):
        return add_days(start, delta.days, tz)
    return start + delta


def snooze_to(target: datetime, now: datetime) -> datetime:
    if target <= now:
        raise SnoozeError("that time has already passed; snooze to a time in the future")
    return target


def after_touch(
    snoozed_until: datetime | None, touched_at: datetime, weeks: int, *, tz: tzinfo
) -> tuple[datetime, datetime | None]:
    """A check-in after a touch: due a cadence after it. A snooze later than that stays
    (the user asked not to be reminded before then); an earlier one is dropped."""
    new_due = checkin_due(touched_at, weeks, tz=tz)
    keep = snoozed_until if snoozed_until is not None and snoozed_until > new_due else None
    return new_due, keep


# -- what a move through the pipeline does ------------------------------------------------


@dataclass(frozen=True)
class MovePlan:
    """Follow-ups a stage change creates, closes (kind -> new state), and whether it
    counts as a touch (moving on from met means the thank-you went out)."""

    create: tuple[str, ...] = ()
    close: dict[str, str] = field(default_factory=dict)
    touch: bool = False


# What each move causes, one row per ordered pair of stages (PRODUCT.md, "The pipeline"
# and "Follow-ups"). Read a row as: entering requested makes a second-contact and a nudge
# (3B7); leaving requested (a reply, or a correction back) closes them and let-go; going on past requested is a
# reply (the reach-out closes too); reaching met from before it makes the thank-you and
# the report back; going on past met by hand means the thank-you went out (done, and a
# touch when leaving met itself); thanked and stay in touch have a check-in; going back
# before met closes the thank-you and tell landed, back before thanked the check-in;
# landed closes the check-in and tell landed. A move to the same stage causes nothing.
MOVES: dict[tuple[str, str], MovePlan] = {
    # from identified
    ("identified", "requested"): MovePlan(
        create=("second-contact", "nudge"), close={"reach-out": CLOSED}
    ),
    ("identified", "met"): MovePlan(
        create=("thank-you", "report-back"),
        close={"nudge": CLOSED, "second-contact": CLOSED, "let-go": CLOSED, "reach-out": CLOSED},
    ),
    ("identified", "thanked"): MovePlan(
        create=("check-in",),
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
        },
    ),
    ("identified", "stay-in-touch"): MovePlan(
        create=("check-in",),
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
        },
    ),
    ("identified", "landed"): MovePlan(
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
            "check-in": CLOSED,
            "tell-landed": CLOSED,
        }
    ),
    # from requested
    ("requested", "identified"): MovePlan(
        close={"nudge": CLOSED, "second-contact": CLOSED, "let-go": CLOSED}
    ),
    ("requested", "met"): MovePlan(
        create=("thank-you", "report-back"),
        close={"nudge": CLOSED, "second-contact": CLOSED, "let-go": CLOSED, "reach-out": CLOSED},
    ),
    ("requested", "thanked"): MovePlan(
        create=("check-in",),
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
        },
    ),
    ("requested", "stay-in-touch"): MovePlan(
        create=("check-in",),
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
        },
    ),
    ("requested", "landed"): MovePlan(
        close={
            "nudge": CLOSED,
            "second-contact": CLOSED,
            "let-go": CLOSED,
            "reach-out": CLOSED,
            "thank-you": DONE,
            "check-in": CLOSED,
            "tell-landed": CLOSED,
        }
    ),
    # from met
    ("met", "identified"): MovePlan(close={"thank-you": CLOSED, "tell-landed": CLOSED}),
    ("met", "requested"): MovePlan(
        create=("second-contact", "nudge"), close={"thank-you": CLOSED, "tell-landed": CLOSED}
    ),
    ("met", "thanked"): MovePlan(create=("check-in",), close={"thank-you": DONE}, touch=True),
    ("met", "stay-in-touch"): MovePlan(create=("check-in",), close={"thank-you": DONE}, touch=True),
    ("met", "landed"): MovePlan(
        close={"thank-you": DONE, "check-in": CLOSED, "tell-landed": CLOSED}, touch=True
    ),
    # from thanked
    ("thanked", "identified"): MovePlan(
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED}
    ),
    ("thanked", "requested"): MovePlan(
        create=("second-contact", "nudge"),
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED},
    ),
    ("thanked", "met"): MovePlan(close={"check-in": CLOSED}),
    ("thanked", "stay-in-touch"): MovePlan(create=("check-in",)),
    ("thanked", "landed"): MovePlan(close={"check-in": CLOSED, "tell-landed": CLOSED}),
    # from stay-in-touch
    ("stay-in-touch", "identified"): MovePlan(
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED}
    ),
    ("stay-in-touch", "requested"): MovePlan(
        create=("second-contact", "nudge"),
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED},
    ),
    ("stay-in-touch", "met"): MovePlan(close={"check-in": CLOSED}),
    ("stay-in-touch", "thanked"): MovePlan(create=("check-in",)),
    ("stay-in-touch", "landed"): MovePlan(close={"check-in": CLOSED, "tell-landed": CLOSED}),
    # from landed
    ("landed", "identified"): MovePlan(
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED}
    ),
    ("landed", "requested"): MovePlan(
        create=("second-contact", "nudge"),
        close={"thank-you": CLOSED, "check-in": CLOSED, "tell-landed": CLOSED},
    ),
    ("landed", "met"): MovePlan(close={"check-in": CLOSED}),
    ("landed", "thanked"): MovePlan(create=("check-in",)),
    ("landed", "stay-in-touch"): MovePlan(create=("check-in",)),
}


def plan_move(old: str, new: str) -> MovePlan:
    """What moving a card from ``old`` to ``new`` causes (see :data:`MOVES`)."""
    if old == new:
        return MovePlan()
    return MOVES[(old, new)]


def done_moves_to(kind: str, stage: str) -> str | None:
    """The stage marking ``kind`` done moves a card in ``stage`` to, if any."""
    if kind == "thank-you" and stage == "met":
        return "thanked"
    if kind == "tell-landed" and stage != "landed":
        return "landed"
    if kind == "reach-out" and stage == "identified":
        return "requested"
    return None


def obligation(
    kind: str, contact_id: int, meeting_id: int | None, about_contact_id: int | None
) -> tuple[object, ...] | None:
    """What makes two follow-ups the same obligation (None: custom ones never merge)."""
    if kind == "custom":
        return None
    if kind == "prepare":
        return (kind, contact_id, meeting_id)
    if kind == "report-back":
        return (kind, contact_id, about_contact_id)
    return (kind, contact_id)


# -- grouping for the review and `infoterm due` -------------------------------------------


def start_of_day(local: datetime, days: int = 0) -> datetime:
    """Midnight ``days`` after the local day of ``local`` (same zone)."""
    day = local.date() + timedelta(days=days)
    return datetime.combine(day, time(0), tzinfo=local.tzinfo)


def review_until(now_local: datetime) -> datetime:
    """The end of the review's horizon: the end of the 7th day after today."""
    return start_of_day(now_local, REVIEW_DAYS + 1) - timedelta(seconds=1)


def end_of_today(now_local: datetime) -> datetime:
    return start_of_day(now_local, 1) - timedelta(seconds=1)


def group_of(due: datetime, now_local: datetime) -> str:
    """overdue (past), today (the rest of today), week (the next 7 days) or later."""
    return grouper(now_local)(due)


def grouper(now_local: datetime) -> Callable[[datetime], str]:
    """:func:`group_of` for many due times against one ``now`` (its bounds worked out once)."""
    tomorrow = start_of_day(now_local, 1)
    horizon = start_of_day(now_local, REVIEW_DAYS + 1)

    def group(due: datetime) -> str:
        if is_overdue(due, now_local):
            return "overdue"
        if due < tomorrow:
            return "today"
        return "week" if due < horizon else "later"

    return group


# -- wording -----------------------------------------------------------------------------


def day_text(instant: datetime, now: datetime | None = None) -> str:
    """'Mon 23 Nov' for an instant already in the user's zone; 'Mon 23 Nov 2027' when
    ``now`` is given and the year is not its year."""
    year = f" {instant.year}" if now is not None and instant.year != now.year else ""
    return f"{instant:%a} {instant.day} {instant:%b}{year}"


def day_time_text(instant: datetime, now: datetime | None = None) -> str:
    return f"{day_text(instant, now)} {instant:%H:%M}"


def reason(kind: str, **facts: str) -> str:
    """Why a follow-up exists, in a few words (stored with it, shown on its row)."""
    f = facts
    if kind == "nudge":
        return f"asked {f['asked']}, no reply yet — a short, friendly nudge"
    if kind == "second-contact":
        org = f.get("organisation") or "their organisation"
        names = f.get("suggest", "")
        tail = f" — still identified there: {names}" if names else " — add someone there"
        return f"no reply from {f.get('name', 'them')} yet: write to a second person at {org}{tail}"
    if kind == "let-go":
        return f"nudged {f['nudged']}, still no reply — archive as went cold?"
    if kind == "prepare":
        org = f.get("organisation") or "them"
        return f"meeting {f['meeting']} — research {org} and pick your questions"
    if kind == "thank-you":
        return f"met {f['met']} — send a note within 24 hours"
    if kind == "reach-out":
        return f"referred by {f['referrer']} on {f['on']} — ask for a short conversation"
    if kind == "report-back":
        return f"you met {f['about']} ({f['met']}), whom they referred — tell them how it went"
    if kind == "check-in":
        return f"last touch {f['touched']} · every {f['weeks']} weeks"
    if kind == "tell-landed":
        return f"you landed: {f['job']} — share the news and your new details"
    return f.get("note", "")


def suggest_text(names: list[str]) -> str:
    """The second contact's suggestions: at most :data:`SUGGEST_AT_MOST` names, and how
    many more ('Bo Li, Cy Wu, Di Ng +2')."""
    shown = ", ".join(names[:SUGGEST_AT_MOST])
    more = len(names) - SUGGEST_AT_MOST
    return f"{shown} +{more}" if more > 0 else shown


def card_hint(kind: str, due: datetime, now: datetime) -> tuple[str, str]:
    """A card's line: 'thank-you in 5h', 'check-in 3d overdue', 'nudge due now'; and its
    level: 'late' (overdue), 'soon' (within 48 hours) or ''. The wording is
    :func:`infoterm.dates.describe_due`'s compact form, so it agrees with the review."""
    label = LABELS.get(kind, kind)
    when = describe_due(due, now, compact=True)
    if is_overdue(due, now):
        return f"{label} {when}", "late"
    if when == "now":
        return f"{label} due now", "soon"
    return f"{label} {when}", "soon" if (due - now).total_seconds() < 48 * 3600 else ""


REDRAW_AT_MOST = 60.0  # seconds: "due in 5h" and "3m overdue" move on by the minute


def next_redraw(dues: Iterable[datetime], now: datetime) -> float:
    """Seconds until the board's relative times should be drawn again: at the latest a
    minute from now, sooner when a card on screen falls due before then (its "due now"
    becomes "overdue" at that instant, as the review's does). Never under a second."""
    soonest = REDRAW_AT_MOST
    for due in dues:
        ahead = (due - now).total_seconds()
        if 0 < ahead < soonest:
            soonest = ahead
    return max(soonest, 1.0)
