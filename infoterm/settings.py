"""User settings with their defaults. (Loading them from config.toml: see ``config``.)"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Settings:
    theme: str = "textual-dark"
    meeting_default_minutes: int = 20
    meeting_wrapup_lead_minutes: float = 2.0
    meeting_bell: bool = True
    followups_checkin_weeks: int = 6
    followups_nudge_days: int = 7
    followups_business_days: bool = True  # 3B7 in business days; off: the calendar-day nudge
    followups_holidays: str = ""  # ISO country code whose public holidays are skipped
    ui_start_screen: str = "board"  # board | review
    ui_dates: str = "relative"  # relative | absolute
    me_name: str = ""
    me_signature: str = ""
    me_goal: str = ""  # the role or field you are exploring, what you want to learn
    me_new_email: str = ""  # your details once you have landed (the tell-landed note)
    me_new_phone: str = ""
    me_new_linkedin: str = ""
    outreach_word_limit: int = 75  # an outreach note has fewer words than this
    keys: dict[str, str] = field(default_factory=dict)
