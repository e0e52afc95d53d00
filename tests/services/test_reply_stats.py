"""Statistics that teach (issue 13, item 6): replies by channel and source, boosters,
progress per active employer. Fake clock: Mon 23 Nov 2026 09:00 UTC."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.services.stats import ReplyRow, reply_rows
from infoterm.statsview import stats_lines
from infoterm.store.schema import FollowUp

DAY = timedelta(days=1)


def test_reply_rows_rate_and_median() -> None:
    rows = reply_rows({"email": [1.0, None, 3.0, 2.0], "phone": [None]})
    assert rows == [ReplyRow("email", 4, 3, 2.0), ReplyRow("phone", 1, 0, None)]
    assert rows[0].rate == 0.75 and rows[1].rate == 0.0


def test_replies_by_channel_and_source_boosters_and_employers(
    services: Services, clock: FakeClock
) -> None:
    def person(name: str, org: str, source: str) -> int:
        return services.contacts.add(ContactFields(name=name, organisation=org, source=source))

    ann = person("Ann Lee", "Acme", "alumni")
    bo = person("Bo Li", "Acme", "alumni")
    cy = person("Cy Wu", "Zeta", "LinkedIn")
    person("Di Ng", "Zeta", "LinkedIn")  # never asked: not counted in replies
    start = clock.now()
    services.meetings.record_request(ann, 20, "email", at=start - 10 * DAY)  # Fri 13 Nov
    services.meetings.record_request(bo, 20, "email", at=start - 10 * DAY)
    services.meetings.record_request(cy, 20, "LinkedIn", at=start - 10 * DAY)
    services.contacts.record_reply(ann, at=start - 9 * DAY)  # next day: booster
    services.contacts.record_reply(bo, at=start - 4 * DAY)  # 6 days: obligate
    with services.read() as session:
        nudge = session.scalars(
            select(FollowUp.id).where(FollowUp.contact_id == cy, FollowUp.kind == "nudge")
        ).one()
    services.followups.dismiss(nudge)  # no reply and the nudge over: a curmudgeon
    for org in ("Acme", "Zeta"):
        services.targets.set_lamp(services.network.resolve_organisation(org), motivation=2)

    stats = services.stats.compute()
    assert stats.replies_by_channel == [ReplyRow("email", 2, 2, 3.5), ReplyRow("LinkedIn", 1, 0)]
    assert stats.replies_by_source == [ReplyRow("alumni", 2, 2, 3.5), ReplyRow("linkedin", 1, 0)]
    assert stats.responders == {"booster": 1, "obligate": 1, "curmudgeon": 1, "none": 0}
    assert stats.booster_share == 1 / 3
    assert [(e.name, e.stages["identified"], e.stages["requested"]) for e in stats.employers] == [
        ("Acme", 0, 2),
        ("Zeta", 1, 1),
    ]
    data = stats.to_json()
    assert data["replies_by_channel"][0] == {
        "key": "email",
        "asked": 2,
        "replied": 2,
        "median_days": 3.5,
        "rate": 1.0,
    }
    assert data["booster_share"] == 1 / 3
    assert data["employers"][0] == {
        "name": "Acme",
        "stages": {
            "identified": 0,
            "requested": 2,
            "met": 0,
            "thanked": 0,
            "stay-in-touch": 0,
            "landed": 0,
        },
    }
    text = "\n".join(stats_lines(stats))
    assert "  Boosters: 33% of 3 asked." in text
    assert "  ★ 1 booster  ☆ 1 obligate  × 1 curmudgeon  0 waiting" in text
    assert "  by channel  asked  replied  rate  days" in text
    assert "  email           2        2  100%   3.5" in text
    assert "  Acme        0   2   0   0   0   0" in text
