"""Dalton's responder types: how someone answered your request for a conversation.

Pure (no database, no clock), on local dates:

* ``booster`` — replied within three business days of the request (weekends and the
  public holidays of ``followups.holidays`` skipped): the people who will help you most;
* ``obligate`` — replied, but later: they answer out of duty;
* ``curmudgeon`` — no reply by the time the seven-day nudge was done or dismissed;
* ``none`` — not asked yet, or still waiting within the nudge.

A reply dated before the latest request answered an earlier one: it does not count.
"""

from __future__ import annotations

from datetime import date

from infoterm.business_days import UnknownCountry
from infoterm.lamp import is_booster

BOOSTER, OBLIGATE, CURMUDGEON, NONE = "booster", "obligate", "curmudgeon", "none"
TYPES: tuple[str, ...] = (BOOSTER, OBLIGATE, CURMUDGEON, NONE)
# The card's one-character marker after the name (README, "Replies and responder types").
MARKS: dict[str, str] = {BOOSTER: "★", OBLIGATE: "☆", CURMUDGEON: "×", NONE: ""}


def responder_type(
    requested_on: date | None,
    replied_on: date | None,
    nudge_over: bool = False,
    country: str | None = None,
) -> str:
    """``nudge_over``: the nudge of this request was done or dismissed."""
    if requested_on is None:
        return NONE
    if replied_on is not None and replied_on >= requested_on:
        try:
            booster = is_booster(requested_on, replied_on, country)
        except UnknownCountry:  # a hand-edited followups.holidays: weekends only, for show
            booster = is_booster(requested_on, replied_on)
        return BOOSTER if booster else OBLIGATE
    return CURMUDGEON if nudge_over else NONE
