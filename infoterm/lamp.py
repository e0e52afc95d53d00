"""Dalton's LAMP list: target employers ranked, the top five worked on at once.

Pure rules (no database, no clock). Each organisation carries Advocacy (an alumni or other
affinity contact there: yes or no), Motivation (0-3: how much you want to work there) and
Posting (1-3: how relevant its openings are). The rank sorts by motivation, then posting,
then advocacy (yes first), then name. The first five that are not exhausted are the
*active* employers; one rated motivation 0 ("not keen", the default of an organisation
nobody rated) is never active, so the list stays quiet until you rate.

An organisation is *exhausted* when it has contacts and every one of them is archived, or
met without becoming a booster: a booster answered the request within three business
days (``business_days``). Then the next one in rank becomes active (the app says so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from infoterm.business_days import add_business_days
from infoterm.pipeline import STAGES

MOTIVATIONS: tuple[int, ...] = (0, 1, 2, 3)
POSTINGS: tuple[int, ...] = (1, 2, 3)
ACTIVE_COUNT = 5
BOOSTER_DAYS = 3  # a reply within this many business days of the request: a booster
MET_STAGES = frozenset(STAGES[STAGES.index("met") :])


class LampError(ValueError):
    """A LAMP value out of range, with a one-line message naming it."""


def check_motivation(value: int) -> int:
    if isinstance(value, bool) or value not in MOTIVATIONS:
        raise LampError(f"motivation {value!r}: use 0 to 3 (3: you most want to work there)")
    return value


def check_posting(value: int) -> int:
    if isinstance(value, bool) or value not in POSTINGS:
        raise LampError(f"posting {value!r}: use 1 to 3 (3: its openings fit you best)")
    return value


def parse_advocacy(text: str) -> bool:
    word = text.strip().lower()
    if word in {"yes", "y", "true", "on", "1"}:
        return True
    if word in {"no", "n", "false", "off", "0"}:
        return False
    raise LampError(f"advocacy {text!r}: use yes or no")


@dataclass(frozen=True)
class Lamp:
    """What ranks an organisation."""

    name: str
    advocacy: bool = False
    motivation: int = 0
    posting: int = 1


def rank_key(lamp: Lamp) -> tuple[int, int, bool, str, str]:
    """Motivation, then posting (both highest first), advocacy yes first, then name."""
    return (-lamp.motivation, -lamp.posting, not lamp.advocacy, lamp.name.casefold(), lamp.name)


T = TypeVar("T")


def ranked(items: Iterable[T], lamp: Callable[[T], Lamp]) -> list[T]:
    return sorted(items, key=lambda item: rank_key(lamp(item)))


@dataclass(frozen=True)
class ContactFacts:
    """What decides whether a contact still counts for its organisation."""

    stage: str
    archived: bool = False
    requested_on: date | None = None  # local dates
    replied_on: date | None = None


def is_booster(
    requested_on: date | None, replied_on: date | None, country: str | None = None
) -> bool:
    """Replied within three business days of the request (holidays of ``country``)."""
    if requested_on is None or replied_on is None:
        return False
    return replied_on <= add_business_days(requested_on, BOOSTER_DAYS, country)


def is_spent(contact: ContactFacts, country: str | None = None) -> bool:
    """Archived, or met without becoming a booster: nothing more to gain there."""
    if contact.archived:
        return True
    return contact.stage in MET_STAGES and not is_booster(
        contact.requested_on, contact.replied_on, country
    )


def is_exhausted(contacts: Sequence[ContactFacts], country: str | None = None) -> bool:
    """Every contact spent; an organisation with no contacts yet is not exhausted."""
    return bool(contacts) and all(is_spent(c, country) for c in contacts)


def active(
    ordered: Iterable[T],
    lamp: Callable[[T], Lamp],
    exhausted: Callable[[T], bool],
    count: int = ACTIVE_COUNT,
) -> list[T]:
    """The first ``count`` of ``ordered`` (ranked) that are rated and not exhausted."""
    found: list[T] = []
    for item in ordered:
        if len(found) >= count:
            break
        if lamp(item).motivation > 0 and not exhausted(item):
            found.append(item)
    return found


def promoted(before: Iterable[T], after: Iterable[T]) -> list[T]:
    """Who became active (in the order of ``after``): the toast's names."""
    was = set(before)
    return [item for item in after if item not in was]


def has_request_out(stages: dict[str, int]) -> bool:
    """Someone at the organisation is in requested or further (counts per stage)."""
    return any(stages.get(stage, 0) for stage in STAGES[STAGES.index("requested") :])
