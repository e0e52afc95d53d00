"""User settings with their defaults, each written once: a field's name is its key in
config.toml (the first ``_`` is the dot: ``meeting_bell`` is ``meeting.bell``) and its
metadata says what it means and how a value is checked. (Reading and writing the file:
``config``, whose option table is built from these fields.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from infoterm import setting_checks as check


def setting(
    default: Any,
    help: str,
    checker: Callable[[Any], Any],
    parse: Callable[[str], Any] = check.as_is,
) -> Any:
    """A settings field: its default, its help line, how a value read from TOML is
    checked (clean value or ValueError), and how text typed in a shell becomes one."""
    return field(default=default, metadata={"help": help, "check": checker, "parse": parse})


@dataclass
class Settings:
    theme: str = setting("textual-dark", "Colour theme (any of Textual's themes)", check.theme)
    meeting_default_minutes: int = setting(
        20,
        "Meeting length you promise by default, in minutes",
        # What a meeting accepts: infoterm.meeting.MIN_MINUTES/MAX_MINUTES, not imported
        # because it would bring the timer into start-up (~10 ms); a test keeps them equal.
        check.whole(1, 240, "minutes"),
        check.parse_int,
    )
    meeting_wrapup_lead_minutes: float = setting(
        2.0,
        "Start wrapping up this many minutes before the end",
        check.minutes(0, 30),
        check.parse_number,
    )
    meeting_bell: bool = setting(
        True, "Ring the terminal bell at wrap-up", check.boolean, check.parse_bool
    )
    followups_checkin_weeks: int = setting(
        6, "Stay-in-touch cadence, in weeks", check.whole(1, 52, "weeks"), check.parse_int
    )
    followups_nudge_days: int = setting(
        7,
        "Nudge an unanswered request after this many days",
        check.whole(1, 60, "days"),
        check.parse_int,
    )
    followups_business_days: bool = setting(
        True,
        "Count the nudge (and the second contact's 3 days) in business days; off: calendar days",
        check.boolean,
        check.parse_bool,
    )
    followups_holidays: str = setting(
        "",
        "Country whose public holidays are not business days (US, GB-ENG, DE-BY; empty: none)",
        check.country,
        check.parse_country,
    )
    ui_start_screen: str = setting(
        "board", "Screen to open on: board or review", check.one_of(check.START_SCREENS)
    )
    ui_dates: str = setting(
        "relative",
        "Dates as relative (in 3 days) or absolute (Thu 26 Nov 09:00)",
        check.one_of(check.DATE_STYLES),
    )
    me_name: str = setting("", "Your name, for note templates", check.text(200))
    me_signature: str = setting(
        "", "Your signature, for note templates", check.text(2000, lines=True), check.lines
    )
    # the role or field you are exploring, what you want to learn
    me_goal: str = setting(
        "",
        "What you are exploring and want to learn (shown in the meeting brief)",
        check.text(2000, lines=True),
        check.lines,
    )
    # your details once you have landed (the tell-landed note)
    me_new_email: str = setting(
        "", "Your email after landing, for the tell-landed note", check.email
    )
    me_new_phone: str = setting(
        "", "Your phone after landing, for the tell-landed note", check.text(40)
    )
    me_new_linkedin: str = setting(
        "", "Your LinkedIn address, for the tell-landed note", check.text(500)
    )
    # an outreach note has fewer words than this; infoterm.outreach.DEFAULT_WORD_LIMIT is
    # the default (a test keeps them equal)
    outreach_word_limit: int = setting(
        75,
        "An outreach note must have fewer words than this (infoterm check-outreach)",
        check.whole(10, 500, "words"),
        check.parse_int,
    )
    keys: dict[str, str] = field(default_factory=dict)  # [keys]: binding id -> key
