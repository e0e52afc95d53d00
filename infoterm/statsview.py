"""Campaign statistics as text: sections of lines with terminal bar charts.

Headless (no textual, no SQLAlchemy): ``infoterm stats`` prints these lines and the
stats screen shows the same sections in panels, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoterm.pipeline import STAGE_TITLES, STAGES
from infoterm.questions import tag_title

if TYPE_CHECKING:
    from infoterm.services.stats import Stats

EIGHTHS = " ▏▎▍▌▋▊▉█"
COLUMN = " ▁▂▃▄▅▆▇█"


@dataclass
class Section:
    title: str
    lines: list[str]


KEY_WIDTH = 16  # a channel or source longer than this is cut with …


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at most, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(min(value / top, 1.0) * width * 8)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + (EIGHTHS[rest] if rest else "")


def pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def minutes_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def funnel(stats: Stats, width: int) -> Section:
    top = max((s.reached for s in stats.funnel), default=0)
    label = max(len(t) for t in STAGE_TITLES.values())
    bar_width = max(8, width - label - 21)
    lines = []
    for step in stats.funnel:
        conversion = "" if step.conversion is None else f"  {pct(step.conversion):>4} of prev"
        lines.append(
            f"{STAGE_TITLES[step.stage]:<{label}} {step.reached:>5} "
            f"{bar(step.reached, top, bar_width):<{bar_width}}{conversion}".rstrip()
        )
    return Section("Funnel: people who reached each stage", lines)


def meetings(stats: Stats, private: bool = False) -> Section:
    talk = "hidden" if private else pct(stats.median_talk_share)
    metered = stats.talk_meetings
    rows = [
        ("Requests answered", f"{pct(stats.answered_share)} of {stats.requests}"),
        ("Request to meeting", f"{number(stats.median_days_to_meeting)} days (median)"),
        ("Meetings held", str(stats.meetings_held)),
        ("Ended on time", f"{pct(stats.on_time_share)} of {stats.meetings_timed} timed"),
        ("Average overtime", f"{minutes_seconds(stats.average_overtime_seconds)} when over"),
        (
            "Your talk share",
            f"{talk} median of {metered} with the meter (aim for about 50%)"
            if metered
            else "— (not measured yet)",
        ),
        (
            "Referrals per meeting",
            f"{number(stats.referrals_per_meeting)} ({stats.referrals} in all)",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    return Section("Meetings", [f"{label:<{width}}  {value}" for label, value in rows])


def sources(stats: Stats) -> Section:
    if not stats.sources:
        return Section("Where people came from", ["no one on the board yet"])
    width = max(len(s.source) for s in stats.sources)
    lines = [f"{'source':<{width}}  people   met   rate"]
    lines += [
        f"{s.source:<{width}}  {s.people:>6}  {s.met:>4}  {pct(s.rate):>5}" for s in stats.sources
    ]
    return Section("Which sources lead to meetings", lines)


def weekly(stats: Stats, height: int = 6) -> Section:
    """Meetings per week as a column chart: week N's bar is 2 cells wide in the cells
    4 + 3N and 5 + 3N of each line, its height in eighths of a cell proportional to its
    count (the busiest week is ``height`` cells tall; any week with a meeting shows at
    least an eighth), and its count under it."""
    top = max((n for _w, n in stats.weeks), default=0)
    lines: list[str] = []
    if top == 0:
        lines.append("no meetings in these weeks yet")
    else:
        levels = [max(round(n / top * height * 8), 1 if n else 0) for _w, n in stats.weeks]
        for row in range(height, 0, -1):
            cells = []
            for level in levels:
                fill = min(max(level - (row - 1) * 8, 0), 8)
                cells.append((COLUMN[fill] * 2) + " ")
            prefix = f"{top:>3} " if row == height else "    "
            lines.append(prefix + "".join(cells).rstrip())
        lines.append("    " + "".join(f"{n:<3}" for _w, n in stats.weeks).rstrip())
    first, last = stats.weeks[0][0], stats.weeks[-1][0]
    lines.append(f"    weeks of {first:%d %b} to {last:%d %b}")
    return Section("Meetings per week", lines)


def benchmark(stats: Stats) -> Section:
    offers = "offer" if stats.offers == 1 else "offers"
    lines = [
        f"You: {stats.meetings_held} meetings, {stats.offers} {offers} (from the jobs you recorded "
        "as landed).",
        f"The often-quoted rate is about 1 offer per {stats.benchmark_per_offer} "
        "informational interviews",
        f"(against roughly 1 in 200 resumes): {stats.meetings_held} meetings would "
        f"usually bring about {stats.benchmark_offers:.1f}.",
        "It is a rough figure for perspective, not a target.",
    ]
    return Section("Meetings to offers", lines)


def tiara(stats: Stats, width: int) -> Section:
    """Questions asked by TIARA tag: which parts of the conversation you actually reach."""
    title = "Questions you ask, by TIARA tag"
    total = sum(stats.asked_by_tag.values())
    if not total:
        return Section(title, ["no questions ticked as asked yet"])
    rows = [(tag_title(tag), n) for tag, n in stats.asked_by_tag.items() if tag or n]
    label = max(len(name) for name, _n in rows)
    bar_width = max(8, width - label - 14)
    top = max(n for _name, n in rows)
    lines = [
        f"{name:<{label}} {n:>4} {pct(n / total):>4} {bar(n, top, bar_width)}".rstrip()
        for name, n in rows
    ]
    never = [tag_title(tag) for tag, n in stats.asked_by_tag.items() if tag and not n]
    if never:
        lines.append(f"Not asked yet: {', '.join(never)}.")
    lines.append("Ask in TIARA order: trends first, assignments last.")
    return Section(title, lines)


def replies(stats: Stats) -> Section:
    """Reply rate and median days to reply, by channel and by source; responder types."""
    title = "Who replies, and how fast"
    asked = sum(stats.responders.values())
    if not asked:
        return Section(title, ["no requests on record yet"])
    groups = (("channel", stats.replies_by_channel), ("source", stats.replies_by_source))
    width = max(len(r.key) for _name, rows in groups for r in rows)
    width = min(max(width, len("by channel")), KEY_WIDTH)
    lines: list[str] = []
    for name, rows in groups:
        lines.append(f"{'by ' + name:<{width}}  asked  replied  rate  days")
        lines += [
            f"{clip(r.key, width):<{width}}  {r.asked:>5}  {r.replied:>7}  {pct(r.rate):>4}"
            f"  {number(r.median_days):>4}"
            for r in rows
        ]
    counts = stats.responders
    lines += [
        "days: the median from the request to the reply.",
        f"Boosters: {pct(stats.booster_share)} of {asked} asked.",
        f"★ {counts.get('booster', 0)} booster  ☆ {counts.get('obligate', 0)} obligate"
        f"  × {counts.get('curmudgeon', 0)} curmudgeon  {counts.get('none', 0)} waiting",
        "Boosters answer within 3 business days.",
    ]
    return Section(title, lines)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def employers(stats: Stats) -> Section:
    """Progress per active employer: its people per stage, identified to landed."""
    title = "Active employers: people per stage"
    if not stats.employers:
        return Section(title, ["none yet: rate organisations (O, then m p a)"])
    heads = ("id", "req", "met", "thk", "sit", "lnd")
    width = max(max(len(e.name) for e in stats.employers), len("employer"))
    lines = [f"{'employer':<{width}}  " + " ".join(f"{h:>3}" for h in heads)]
    for e in stats.employers:
        counts = " ".join(f"{e.stages.get(stage, 0):>3}" for stage in STAGES)
        lines.append(f"{e.name:<{width}}  {counts}")
    return Section(title, lines)


def sections(stats: Stats, width: int = 60, private: bool = False) -> list[Section]:
    return [
        funnel(stats, width),
        meetings(stats, private),
        sources(stats),
        weekly(stats),
        replies(stats),
        employers(stats),
        tiara(stats, width),
        benchmark(stats),
    ]


def stats_lines(stats: Stats, width: int = 60) -> list[str]:
    out: list[str] = []
    for section in sections(stats, width):
        if out:
            out.append("")
        out.append(section.title)
        out += ["  " + line for line in section.lines]
    return out
