"""Campaign statistics: the funnel, meetings, talk share, sources, all from the record.

Definitions (the numbers the stats screen and ``infoterm stats`` show):

- people: contacts on the board (not deleted; archived ones count: they took part).
- reached a stage: the furthest stage a person has been in, by their current stage and
  every move recorded in the history (undone moves do not count). A person who reached
  met also reached requested, even if the card skipped it: the funnel is cumulative.
- a meeting held: a meeting that ended; a person moved to met by hand with no meeting
  recorded counts as one meeting, at the time of that move.
- a request answered: the person replied (a reply on record, ``y`` or ``infoterm reply``),
  reached met, has a meeting (scheduled or held), or declined (archived with the reason
  "declined").
- days from request to meeting: from the first move to requested to their first meeting
  (or the move to met); the median over the people who have both.
- overtime: averaged over the meetings that ran over; on time is the share of timed
  meetings that ended within the promise.
- talk share: the user's share of the talking, the median over meetings with a talk meter.
- referrals per meeting: people referred by someone, divided by meetings held.
- offers: jobs landed (``landings``); the benchmark is about 1 offer per 12 interviews.
- replies (issue 13): of the people asked (a request on record, ``requested_at``), those
  who replied to it (``replied_at`` at or after it; scheduling or moving on from requested
  counts); the rate and the median days from request to reply, by the channel of the
  latest request (``request --via``, "not recorded" without one) and by source.
- responder types: booster, obligate, curmudgeon or none (``infoterm.responders``) of
  everyone asked; the booster share is boosters over people asked.
- active employers: the target list's active five, each with its people per stage (on
  the board, not archived).
- questions asked by TIARA tag: every question ticked in a meeting (of a person on the
  board), counted under its tag; the tag is derived from the bank by the question's text
  and topic (``questions.tag_of``), so ticks made before tags existed count too.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from infoterm.pipeline import STAGES
from infoterm.questions import TAGS, UNTAGGED, tag_of
from infoterm.store.schema import (
    Contact,
    Event,
    FollowUp,
    Landing,
    Meeting,
    MeetingQuestion,
    Question,
)

if TYPE_CHECKING:
    from infoterm.services import Services

BENCHMARK_INTERVIEWS_PER_OFFER = 12
WEEKS_SHOWN = 12
MET = STAGES.index("met")
REQUESTED = STAGES.index("requested")
CANCELLED = frozenset({"cancelled", "canceled"})


@dataclass
class FunnelStep:
    stage: str
    reached: int
    conversion: float | None
    """Share of the previous stage's people who reached this one (0..1); None first."""


@dataclass
class SourceRow:
    source: str
    people: int
    met: int

    @property
    def rate(self) -> float | None:
        return self.met / self.people if self.people else None


@dataclass
class ReplyRow:
    """Replies to requests for one channel or source."""

    key: str
    asked: int = 0
    replied: int = 0
    median_days: float | None = None
    """Days from the request to the reply, the median over those who replied."""

    @property
    def rate(self) -> float | None:
        return self.replied / self.asked if self.asked else None


@dataclass
class EmployerProgress:
    name: str
    stages: dict[str, int]


@dataclass
class Stats:
    people: int
    funnel: list[FunnelStep]
    requests: int
    requests_answered: int
    median_days_to_meeting: float | None
    meetings_held: int
    meetings_timed: int
    ended_on_time: int
    average_overtime_seconds: float | None
    median_talk_share: float | None
    """The user's share of the talking, 0..1: the median over the meetings with a talk
    meter (a mean would show 4% and 100% as a healthy 52%)."""
    talk_meetings: int
    referrals: int
    sources: list[SourceRow]
    weeks: list[tuple[date, int]]
    """(Monday, meetings held that week), oldest first, the last WEEKS_SHOWN weeks."""
    offers: int
    benchmark_per_offer: int = BENCHMARK_INTERVIEWS_PER_OFFER
    asked_by_tag: dict[str, int] = field(default_factory=dict)
    """Questions ticked as asked, by TIARA tag in Dalton's order ("" : untagged, last)."""
    replies_by_channel: list[ReplyRow] = field(default_factory=list)
    replies_by_source: list[ReplyRow] = field(default_factory=list)
    responders: dict[str, int] = field(default_factory=dict)
    """People asked, by responder type (booster, obligate, curmudgeon, none)."""
    employers: list[EmployerProgress] = field(default_factory=list)
    """The active employers in rank order, with their people per stage."""

    @property
    def booster_share(self) -> float | None:
        asked = sum(self.responders.values())
        return self.responders.get("booster", 0) / asked if asked else None

    @property
    def answered_share(self) -> float | None:
        return self.requests_answered / self.requests if self.requests else None

    @property
    def on_time_share(self) -> float | None:
        return self.ended_on_time / self.meetings_timed if self.meetings_timed else None

    @property
    def referrals_per_meeting(self) -> float | None:
        return self.referrals / self.meetings_held if self.meetings_held else None

    @property
    def benchmark_offers(self) -> float:
        """Offers the benchmark would expect from this many meetings."""
        return self.meetings_held / self.benchmark_per_offer

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["weeks"] = [{"week": w.isoformat(), "meetings": n} for w, n in self.weeks]
        data["sources"] = [asdict(s) | {"rate": s.rate} for s in self.sources]
        data["asked_by_tag"] = {tag or "other": n for tag, n in self.asked_by_tag.items()}
        for name in ("replies_by_channel", "replies_by_source"):
            data[name] = [asdict(r) | {"rate": r.rate} for r in getattr(self, name)]
        data["booster_share"] = self.booster_share
        data |= {
            "answered_share": self.answered_share,
            "on_time_share": self.on_time_share,
            "referrals_per_meeting": self.referrals_per_meeting,
            "benchmark_offers": round(self.benchmark_offers, 2),
        }
        return data


@dataclass
class _Person:
    id: int
    stage: int
    source: str
    archive_reason: str
    archived: bool
    changed_at: datetime
    requested_at: datetime | None = None
    met_at: datetime | None = None
    meetings: list[datetime] = field(default_factory=list)
    has_meeting: bool = False
    replied: bool = False


class StatsService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def compute(self) -> Stats:
        with self.services.read() as session:
            people = {
                c.id: _Person(
                    c.id,
                    STAGES.index(c.stage),
                    c.source or "",
                    c.archive_reason or "",
                    c.archived_at is not None,
                    c.stage_changed_at,
                    replied=c.replied_at is not None,
                )
                for c in session.scalars(
                    select(Contact).where(Contact.deleted_at.is_(None), Contact.on_board.is_(True))
                )
            }
            moves = session.execute(
                select(Event.contact_id, Event.at, Event.payload)
                .where(Event.kind == "moved", Event.undone_at.is_(None))
                .order_by(Event.at, Event.id)
            ).all()
            meetings = session.scalars(select(Meeting).order_by(Meeting.id)).all()
            referrals = session.execute(
                select(func.count(Contact.id)).where(
                    Contact.deleted_at.is_(None), Contact.referred_by_id.is_not(None)
                )
            ).scalar()
            offers = session.execute(select(func.count(Landing.id))).scalar()
            asked = session.execute(
                select(Question.topic, Question.text, Meeting.contact_id)
                .join(MeetingQuestion, MeetingQuestion.question_id == Question.id)
                .join(Meeting, Meeting.id == MeetingQuestion.meeting_id)
            ).all()
        self._apply_moves(people, moves)
        timed = on_time = talk_n = 0
        overtimes: list[float] = []
        shares: list[float] = []
        for m in meetings:
            person = people.get(m.contact_id)
            if person is None or m.state in CANCELLED:
                continue
            person.has_meeting = True
            if m.ended_at is None:
                continue
            person.meetings.append(m.started_at or m.ended_at)
            person.stage = max(person.stage, MET)
            if m.ended_on_time is not None:
                timed += 1
                on_time += bool(m.ended_on_time)
            if m.overtime_seconds:
                overtimes.append(float(m.overtime_seconds))
            total = (m.talk_me_seconds or 0) + (m.talk_them_seconds or 0)
            if total > 0:
                talk_n += 1
                shares.append((m.talk_me_seconds or 0) / total)
        held = self._held(people)
        return Stats(
            people=len(people),
            funnel=self._funnel(people),
            requests=sum(1 for p in people.values() if p.stage >= REQUESTED),
            requests_answered=sum(1 for p in people.values() if self._answered(p)),
            median_days_to_meeting=self._median_days(people),
            meetings_held=len(held),
            meetings_timed=timed,
            ended_on_time=on_time,
            average_overtime_seconds=statistics.fmean(overtimes) if overtimes else None,
            median_talk_share=statistics.median(shares) if shares else None,
            talk_meetings=talk_n,
            referrals=int(referrals or 0),
            sources=self._sources(people),
            weeks=self._weeks(held),
            offers=int(offers or 0),
            asked_by_tag=self._by_tag(people, asked),
            **self._replies(),
            employers=self._employers(),
        )

    def _replies(self) -> dict[str, Any]:
        """Replies by channel and by source, and responder types, of everyone asked."""
        from infoterm.responders import TYPES, responder_type

        with self.services.read() as session:
            asked = session.execute(
                select(Contact.id, Contact.source, Contact.requested_at, Contact.replied_at).where(
                    Contact.deleted_at.is_(None),
                    Contact.on_board.is_(True),
                    Contact.requested_at.is_not(None),
                )
            ).all()
            channels: dict[int | None, str] = {}
            for contact_id, payload in session.execute(
                select(Event.contact_id, Event.payload)
                .where(Event.kind == "request", Event.undone_at.is_(None))
                .order_by(Event.at, Event.id)
            ):
                channels[contact_id] = str(json.loads(payload or "{}").get("channel") or "")
            nudged: dict[int, datetime] = {}  # the latest nudge done or dismissed
            for contact_id, created in session.execute(
                select(FollowUp.contact_id, FollowUp.created_at).where(
                    FollowUp.kind == "nudge", FollowUp.state.in_(("done", "dismissed"))
                )
            ):
                nudged[contact_id] = max(created, nudged.get(contact_id, created))
        local = self.services.clock.to_local
        country = self.services.settings.followups_holidays or None
        by_channel: dict[str, list[float | None]] = {}
        by_source: dict[str, list[float | None]] = {}
        types = dict.fromkeys(TYPES, 0)
        for contact_id, source, requested, replied in asked:
            assert requested is not None  # the query asks for it
            days = None
            if replied is not None and replied >= requested:
                days = (replied - requested).total_seconds() / 86400
            by_channel.setdefault(channels.get(contact_id) or "not recorded", []).append(days)
            by_source.setdefault(source or "not set", []).append(days)
            nudge = nudged.get(contact_id)
            kind = responder_type(
                local(requested).date(),
                local(replied).date() if days is not None and replied is not None else None,
                nudge is not None and nudge >= requested,
                country,
            )
            types[kind] += 1
        return {
            "replies_by_channel": reply_rows(by_channel),
            "replies_by_source": reply_rows(by_source),
            "responders": types,
        }

    def _employers(self) -> list[EmployerProgress]:
        from infoterm.services.errors import ServiceError

        try:
            rows = self.services.targets.rows()
        except ServiceError:  # a bad followups.holidays: the rest of the stats still show
            return []
        return [EmployerProgress(r.name, dict(r.stages)) for r in rows if r.active]

    @staticmethod
    def _by_tag(people: dict[int, _Person], asked: Any) -> dict[str, int]:
        counts = dict.fromkeys([*TAGS, UNTAGGED], 0)
        for topic, text, contact_id in asked:
            if contact_id in people:
                counts[tag_of(topic, text)] += 1
        return counts

    @staticmethod
    def _apply_moves(people: dict[int, _Person], moves: Any) -> None:
        for contact_id, at, payload in moves:
            person = people.get(contact_id)
            if person is None:
                continue
            try:
                new = json.loads(payload or "{}").get("new")
            except ValueError:
                continue
            if new not in STAGES:
                continue
            index = STAGES.index(new)
            person.stage = max(person.stage, index)
            if index == REQUESTED and person.requested_at is None:
                person.requested_at = at
            if index >= MET and person.met_at is None:
                person.met_at = at

    @staticmethod
    def _held(people: dict[int, _Person]) -> list[datetime]:
        held: list[datetime] = []
        for p in people.values():
            if p.meetings:
                held += p.meetings
            elif p.stage >= MET:
                held.append(p.met_at or p.changed_at)
        return held

    @staticmethod
    def _funnel(people: dict[int, _Person]) -> list[FunnelStep]:
        steps: list[FunnelStep] = []
        previous: int | None = None
        for index, stage in enumerate(STAGES):
            reached = sum(1 for p in people.values() if p.stage >= index)
            conversion = None if previous is None else (reached / previous if previous else None)
            steps.append(FunnelStep(stage, reached, conversion))
            previous = reached
        return steps

    @staticmethod
    def _answered(p: _Person) -> bool:
        if p.stage < REQUESTED:
            return False
        return p.replied or p.stage >= MET or p.has_meeting or p.archive_reason == "declined"

    @staticmethod
    def _median_days(people: dict[int, _Person]) -> float | None:
        days = []
        for p in people.values():
            first = min(p.meetings) if p.meetings else p.met_at
            if p.requested_at is not None and first is not None and first >= p.requested_at:
                days.append((first - p.requested_at).total_seconds() / 86400)
        return round(statistics.median(days), 1) if days else None

    @staticmethod
    def _sources(people: dict[int, _Person]) -> list[SourceRow]:
        rows: dict[str, SourceRow] = {}
        for p in people.values():
            row = rows.setdefault(p.source, SourceRow(p.source or "not set", 0, 0))
            row.people += 1
            row.met += p.stage >= MET
        return sorted(rows.values(), key=lambda r: (-r.met, -r.people, r.source))

    def _weeks(self, held: list[datetime]) -> list[tuple[date, int]]:
        today = self.services.clock.local_now().date()
        monday = today - timedelta(days=today.weekday())
        first = monday - timedelta(weeks=WEEKS_SHOWN - 1)
        counts = dict.fromkeys((first + timedelta(weeks=i) for i in range(WEEKS_SHOWN)), 0)
        for moment in held:
            day = self.services.clock.to_local(moment).date()
            week = day - timedelta(days=day.weekday())
            if week in counts:
                counts[week] += 1
        return list(counts.items())


def reply_rows(groups: dict[str, list[float | None]]) -> list[ReplyRow]:
    """One row per key from each asked person's days to reply (None: no reply), most
    asked first."""
    rows = []
    for key, days in groups.items():
        replied = [d for d in days if d is not None]
        median = round(statistics.median(replied), 1) if replied else None
        rows.append(ReplyRow(key, len(days), len(replied), median))
    return sorted(rows, key=lambda r: (-r.asked, r.key))
