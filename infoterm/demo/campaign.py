"""The demo's hands: each method does what one of the user's keys or commands does, by
calling the same service, at the time the diary (``demo_diary``) says.

Nothing here touches the database but through ``Services``' public calls, and follow-ups
are found the way the review finds them (the read-only ``db.reader``): the demo can only
act on a follow-up that the app's rules made. ``tests/services/test_demo.py`` checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from infoterm.clock import FakeClock
from infoterm.demo import ADDRESS_BOOK, NOTES_ON, PEOPLE, TARGETS
from infoterm.interop.records import ImportRecord
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import ContactFields
from infoterm.services import Services

PERSON = {person[0]: person for person in PEOPLE}


@dataclass(frozen=True)
class Held:
    """A meeting run on the timer, as the meeting screen records it.

    ``talk``: who spoke and for how many minutes, in turn ("me 2, them 6"); "pause 3" is a
    three-minute pause, "+5" their offer of five more minutes. ``asked``: the positions of
    the questions ticked in the bank; ``ticks``: the closing checklist ticked; ``names``:
    the names typed at the checklist. Then the debrief: ``learned``, ``actions``,
    ``referrals`` (skipped when all are empty)."""

    talk: str
    notes: str
    asked: tuple[int, ...] = ()
    ticks: tuple[str, ...] = ("openings", "linkedin", "thanks")
    names: str = ""
    learned: str = ""
    actions: str = ""
    referrals: str = ""


class Campaign:
    def __init__(self, services: Services, clock: FakeClock, now: datetime) -> None:
        self.services = services
        self.clock = clock
        self.now = now
        self.today = clock.to_local(now).date()
        self.ids: dict[str, int] = {}
        self.meetings: dict[str, int] = {}  # name -> their latest meeting

    # -- time ----------------------------------------------------------------------------

    def day(self, workdays_ago: int) -> date:
        """The working day (Monday to Friday) ``workdays_ago`` working days before today:
        1 is the last one before today, -1 the next one after; 0 is today, whatever day."""
        day, left = self.today, abs(workdays_ago)
        step = timedelta(days=-1 if workdays_ago > 0 else 1)
        while left:
            day += step
            left -= day.weekday() < 5
        return day

    def when(self, workdays_ago: int, hhmm: str) -> datetime:
        """A local time on that working day ("14:30")."""
        hours, minutes = (int(part) for part in hhmm.split(":"))
        zone = self.clock.local_now().tzinfo
        return datetime.combine(self.day(workdays_ago), time(hours, minutes), tzinfo=zone)

    def later_today(self, hhmm: str) -> datetime:
        """Today at ``hhmm``; once that is past, two hours from now on the hour if that is
        still a working afternoon; else (a weekend, a late evening) the next working day."""
        at = self.when(0, hhmm)
        soonest = self.clock.to_local(self.now).replace(minute=0, second=0) + timedelta(hours=2)
        if self.today.weekday() < 5:
            if at >= soonest:
                return at
            if soonest.date() == self.today and soonest.hour < 18:
                return soonest
        return self.when(-1, hhmm)

    def on(self, workdays_ago: int, hhmm: str) -> None:
        """The diary turns a page: the clock moves forward to that time, never back."""
        at = self.when(workdays_ago, hhmm)
        if at < self.clock.now() or at > self.now:
            raise ValueError(f"the diary goes back in time or past now at {at:%d %b %H:%M}")
        self.clock.set(at)

    def wait(self, minutes: float) -> None:
        self.clock.advance(timedelta(minutes=minutes))

    # -- people --------------------------------------------------------------------------

    def add(self, *names: str) -> None:
        """Type each into the new-contact form, a minute or two apart."""
        for name in names:
            self.ids[name] = self.services.contacts.add(self._fields(name))
            self.wait(2)

    def introduce(self, name: str, by: str) -> None:
        """A new contact with "referred by" filled in."""
        fields = self._fields(name)
        fields.referred_by_id = self.ids[by]
        self.ids[name] = self.services.contacts.add(fields)

    def fill_in(self, name: str) -> None:
        """Edit someone added from a referral name: their title, email and tags."""
        contact_id = self.ids[name]
        detail = self.services.contacts.detail(contact_id)
        fields, filled = detail.fields(), self._fields(name)
        fields.title, fields.email, fields.tags = filled.title, filled.email, filled.tags
        self.services.contacts.update(contact_id, fields, version=detail.version)
        self.wait(3)

    def _fields(self, name: str) -> ContactFields:
        _name, org, title, source, tags = PERSON[name]
        return ContactFields(
            name=name,
            organisation=org,
            title=title,
            source=source,
            tags=tags,
            email=f"{name.split()[0].lower()}@{org.split()[0].lower()}.example",
            notes=NOTES_ON.get(name, ""),
        )

    def move(self, name: str, stage: str) -> None:
        self.services.contacts.move(self.ids[name], stage)

    def import_connections(self) -> None:
        """The LinkedIn export, read into the address book."""
        records = [
            ImportRecord(
                line=5 + index,
                name=name,
                organisation=org,
                title=title,
                linkedin_url="https://www.linkedin.com/in/" + name.lower().replace(" ", "-"),
                connected_on=date.fromisoformat(day),
            )
            for index, (name, org, title, day) in enumerate(ADDRESS_BOOK)
        ]
        self.services.interop.import_records(records)

    def research(self, organisation: str) -> None:
        """On the organisation's screen: mark it a target, note its website and research."""
        network = self.services.network
        org_id = network.resolve_organisation(organisation)
        network.set_target(org_id, True)
        website, notes = TARGETS[organisation]
        network.save_research(org_id, website, notes)

    # -- asking and meeting --------------------------------------------------------------

    def ask(self, name: str, minutes: int, via: str) -> None:
        self.services.meetings.record_request(self.ids[name], minutes, via)
        self.wait(5)

    def schedule(self, name: str, at: datetime, minutes: int, where: str) -> None:
        view = self.services.meetings.schedule(self.ids[name], MeetingPlan(minutes, at, where))
        self.meetings[name] = view.id
        self.wait(5)

    def hold(self, name: str, meeting: Held) -> None:
        """Open the meeting screen on their planned meeting and run it on the timer."""
        meetings = self.services.meetings
        view = meetings.preview_for(self.ids[name])
        mid = view.id
        meetings.start(mid)
        for number, step in enumerate(part.split() for part in meeting.talk.split(",")):
            if step[0] == "+5":
                meetings.extend(mid)
                continue
            minutes = float(step[1])
            if step[0] == "pause":
                meetings.toggle_pause(mid)
                self.wait(minutes)
                meetings.toggle_pause(mid)
                continue
            meetings.talk_switch(mid, "me" if step[0] == "me" else "them")
            if number == 1:  # questions are ticked as they come
                for index in meeting.asked:
                    meetings.tick_question(mid, view.questions[index].id)
            self.wait(minutes)
        meetings.save_notes(mid, meeting.notes)
        if meeting.names:
            meetings.add_referrals(mid, meeting.names)
        for key in meeting.ticks:
            meetings.tick_checklist(mid, key, True)
        meetings.end(mid)
        self.meetings[name] = mid
        if meeting.learned or meeting.actions or meeting.referrals:
            self.wait(4)
            self.services.debrief.record(mid, meeting.learned, meeting.actions, meeting.referrals)
        self.note_referrals(meeting.names + "," + meeting.referrals)

    def log_met(self, name: str, started: datetime, minutes: int, notes: str) -> None:
        """A meeting held without the timer, logged afterwards with its notes."""
        mid, _thanks = self.services.followups.log_met(self.ids[name], started, minutes)
        self.services.meetings.save_notes(mid, notes)
        self.meetings[name] = mid
        self.wait(3)

    def note_referrals(self, text: str) -> None:
        """Remember the ids of people just added from names they gave."""
        for raw in text.split(","):
            name = raw.partition("@")[0].strip()
            if name and name not in self.ids:
                self.ids[name] = self.services.contacts.resolve(name)

    # -- follow-ups, as in the review ----------------------------------------------------

    def _open(self, name: str, kind: str) -> tuple[int, int | None]:
        for row in self.services.db.reader.open_followups(self.ids[name]):
            if row.kind == kind:
                return row.id, row.version
        raise LookupError(f"{name} has no open {kind} follow-up to act on")

    def done(self, name: str, kind: str) -> None:
        self.services.followups.done(*self._open(name, kind))
        self.wait(4)

    def snooze(self, name: str, kind: str, until: datetime) -> None:
        followup_id, version = self._open(name, kind)
        self.services.followups.snooze(followup_id, until, version)
        self.wait(1)

    def dismiss(self, name: str, kind: str) -> None:
        self.services.followups.dismiss(*self._open(name, kind))
        self.wait(1)

    def touch(self, name: str, note: str) -> None:
        self.services.followups.log_touch(self.ids[name], note)
        self.wait(2)

    def todo(self, name: str, due: datetime, note: str) -> None:
        self.services.followups.add(self.ids[name], due, note)
        self.wait(1)
