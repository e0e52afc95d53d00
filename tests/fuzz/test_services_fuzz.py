"""The services under random calls (issue 9, item 15): what the screens and the CLI call.

Each example draws a time zone and a few calls of ContactService, FollowUpService and
MeetingService with random text, instants (any year, any zone), spans, minutes, stages and
ids (existing, missing, negative, the largest a database holds), on its own copy of a small
campaign. Whatever the calls, only a :class:`ServiceError` (or a subclass: NotFound,
ValidationFailed, ChangedElsewhere...) escapes; afterwards the file passes
``PRAGMA integrity_check`` and its foreign keys hold, it can still be read, and its JSON
export passes the restore's checks (what the services store, an export gives back).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoterm.clock import FakeClock
from infoterm.meeting import MeetingPlan
from infoterm.pipeline import STAGES, ContactFields
from infoterm.services import Services, jsondump
from infoterm.services.errors import ServiceError
from infoterm.store.database import open_database

from .harness import ZONES
from .strategies import hostile_text

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Ids are the database's integers (a caller checks text first: textsafe.as_row_id)
ids = st.one_of(
    *[st.integers(1, 5)] * 4,  # mostly rows that exist
    st.integers(-2, 0),
    st.sampled_from([7, 10**6, 2**31, 2**63 - 1, -(2**63)]),
)
# Mostly ordinary words (so that calls get past validation and change things), else hostile
text = st.one_of(
    st.sampled_from(["Ada", "Ada Lovelace", "Grace", "Engines", "CTO", "cafe", "", "notes\nmore"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
    hostile_text,
)
zones = st.sampled_from(ZONES).map(ZoneInfo)
instants = st.one_of(
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=zones),
    st.integers(-40_000, 40_000).map(lambda m: NOW + timedelta(minutes=m)),
    st.sampled_from([datetime(1899, 12, 31, 23, 0, tzinfo=UTC), datetime(2201, 1, 1, tzinfo=UTC)]),
)
days = st.dates(date(1, 1, 1), date(9999, 12, 31))
spans = st.one_of(
    st.timedeltas(timedelta(days=-400), timedelta(days=400)),
    st.sampled_from(
        [timedelta(days=1), timedelta(0), timedelta(days=10**5), timedelta(days=-(10**5))]
    ),
)
minutes = (
    st.integers(1, 120) | st.integers(-5, 2_000) | st.sampled_from([0, 1, 19, 600, 601, 10**9])
)
stages = st.sampled_from(STAGES) | text
maybe = st.none() | ids
fields = st.builds(
    ContactFields,
    name=text,
    organisation=text,
    title=text,
    email=text,
    source=text,
    referred_by_id=maybe,
    tags=text,
    notes=text,
)
plans = st.builds(
    MeetingPlan,
    promised_minutes=minutes,
    when=st.none() | instants,
    location=text,
    agenda=text,
    channel=text,
)

Call = Callable[[Services], Any]
CALLS: list[st.SearchStrategy[Call]] = [
    st.builds(lambda f, s: lambda sv: sv.contacts.add(f, s), fields, stages),
    st.builds(lambda i, f, v: lambda sv: sv.contacts.update(i, f, version=v), ids, fields, maybe),
    st.builds(lambda i, s: lambda sv: sv.contacts.move(i, s), ids, stages),
    st.builds(lambda i, d: lambda sv: sv.contacts.step(i, d), ids, st.integers(-3, 3)),
    st.builds(
        lambda i, a, r: lambda sv: sv.contacts.set_archived(i, a, r), ids, st.booleans(), text
    ),
    st.builds(lambda i: lambda sv: sv.contacts.delete(i), ids),
    st.builds(lambda i: lambda sv: sv.contacts.undo(i), maybe),
    st.builds(lambda t: lambda sv: sv.contacts.resolve(t), text),
    st.builds(lambda i: lambda sv: sv.contacts.detail(i), ids),
    st.builds(lambda i, w, n: lambda sv: sv.followups.add(i, w, n), ids, instants, text),
    st.builds(lambda i, v: lambda sv: sv.followups.done(i, v), ids, maybe),
    st.builds(lambda i, w, v: lambda sv: sv.followups.snooze(i, w, v), ids, instants, maybe),
    st.builds(lambda i, d: lambda sv: sv.followups.snooze_for(i, d), ids, spans),
    st.builds(lambda i: lambda sv: sv.followups.dismiss(i), ids),
    st.builds(lambda i, w: lambda sv: sv.followups.reopen(i, w), ids, st.none() | instants),
    st.builds(
        lambda i, n, w: lambda sv: sv.followups.log_touch(i, n, w), ids, text, st.none() | instants
    ),
    st.builds(
        lambda i, w, m: lambda sv: sv.followups.log_met(i, w, m),
        ids,
        st.none() | instants,
        st.none() | minutes,
    ),  # fmt: skip
    st.builds(lambda o, t, d: lambda sv: sv.followups.land(o, t, d), text, text, st.none() | days),
    st.builds(
        lambda i, w: lambda sv: sv.followups.set_cadence(i, w),
        ids,
        st.none() | st.integers(-3, 200),
    ),
    st.builds(lambda i: lambda sv: sv.followups.draft(i), ids),
    st.builds(lambda i, p: lambda sv: sv.meetings.schedule(i, p), ids, plans),
    st.builds(
        lambda i, m, c, w: lambda sv: sv.meetings.record_request(i, m, c, w),
        ids,
        minutes,
        text,
        st.none() | instants,
    ),  # fmt: skip
    st.builds(lambda i, m: lambda sv: sv.meetings.open_for(i, m), ids, st.none() | minutes),
    st.builds(lambda i: lambda sv: sv.meetings.start(i), ids),
    st.builds(lambda i: lambda sv: sv.meetings.toggle_pause(i), ids),
    st.builds(lambda i, m: lambda sv: sv.meetings.extend(i, m), ids, minutes),
    st.builds(lambda i, t, v: lambda sv: sv.meetings.save_notes(i, t, version=v), ids, text, maybe),
    st.builds(lambda i, t: lambda sv: sv.meetings.add_referrals(i, t), ids, text),
    st.builds(lambda i, k: lambda sv: sv.meetings.tick_checklist(i, k), ids, text),
    st.builds(lambda i: lambda sv: sv.meetings.end(i), ids),
    st.builds(lambda i: lambda sv: sv.meetings.cancel(i), ids),
]

_template: list[Path] = []


def _seeded() -> Path:
    """A small campaign made once: people at each step, a planned and a running meeting."""
    if not _template:
        path = Path(tempfile.mkdtemp(prefix="infoterm-sfuzz-")) / "seed.db"
        db = open_database(str(path))
        sv = Services(db, FakeClock(NOW))
        ada = sv.contacts.add(ContactFields(name="Ada Lovelace", organisation="Engines"))
        grace = sv.contacts.add(ContactFields(name="Grace Hopper", referred_by_id=ada), "requested")
        alan = sv.contacts.add(ContactFields(name="Alan Turing", organisation="Engines"), "met")
        sv.meetings.schedule(ada, MeetingPlan(19, NOW + timedelta(days=2), "cafe"))
        sv.meetings.start(sv.meetings.open_for(grace).id)
        sv.followups.add(alan, NOW + timedelta(days=1), "send the paper")
        db.close()
        _template.append(path)
    return _template[0]


@contextmanager
def campaign(zone: str) -> Iterator[Services]:
    with tempfile.TemporaryDirectory(prefix="infoterm-sfuzz-") as folder:
        path = Path(folder) / "campaign.db"
        shutil.copyfile(_seeded(), path)
        db = open_database(str(path))
        try:
            yield Services(db, FakeClock(NOW, tz=ZoneInfo(zone)))
        finally:
            db.close()
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()


@FUZZ
@given(
    zone=st.sampled_from(ZONES),
    calls=st.lists(st.one_of(CALLS), min_size=1, max_size=6),
    later=st.lists(st.integers(0, 10**6), max_size=6),
)
def test_only_service_errors_escape_and_the_file_stays_whole(
    zone: str, calls: list[Call], later: list[int]
) -> None:
    with campaign(zone) as services:
        clock = services.clock
        assert isinstance(clock, FakeClock)
        for call, seconds in zip(calls, [*later, *[0] * len(calls)], strict=False):
            with suppress(ServiceError):  # anything else fails the example
                call(services)
            clock.advance(seconds)
        # what is stored can be read, and restored from its export
        services.contacts.rows(include_archived=True)
        services.db.reader.due(NOW + timedelta(days=400))
        services.followups.loose_ends()
        document = services.interop.export_json()
        jsondump.check(document, "export")
