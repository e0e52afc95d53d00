"""The timer panel: phase, big digits, what happens next, and the talk meter.

Given a ``timer.Reading`` and the talk figures, it shows them; it never reads a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from infoterm.meeting import minutes_text, promise_text
from infoterm.timer import Reading, format_seconds
from infoterm.tui.widgets.big_clock import BigClock
from infoterm.tui.widgets.talk_meter import TalkMeter

PHASE_TITLES = {
    "ready": "READY",
    "running": "RUNNING",
    "wrapup": "WRAP UP",
    "overtime": "OVERTIME",
    "ended": "ENDED",
}


@dataclass(frozen=True)
class TimerFigures:
    reading: Reading
    promised_minutes: int
    extra_minutes: int
    share: float | None
    speaker: str | None
    talk_running: bool


def _whole(seconds: float) -> str:
    return format_seconds(int(seconds))


def status_line(f: TimerFigures) -> str:
    r = f.reading
    if r.phase == "ready":
        return "space starts the clock, or ctrl+t as the talking starts"
    if r.phase == "ended":
        verdict = "on time" if r.overtime.total_seconds() == 0 else f"{r.display} over"
        promise = promise_text(f.promised_minutes, f.extra_minutes)
        return f"{_whole(r.elapsed.total_seconds())} of {promise} · {verdict}"
    if r.paused:
        return f"paused at {_whole(r.elapsed.total_seconds())} · space resumes"
    if r.phase == "running":
        return f"wrap-up in {format_seconds(math.ceil(r.until_wrapup.total_seconds()))}"
    if r.phase == "wrapup":
        return f"{r.display} left · closing checklist below"
    if f.extra_minutes:
        return f"you promised {promise_text(f.promised_minutes, f.extra_minutes)}"
    return f"you promised {minutes_text(f.promised_minutes)}"


class TimerPanel(Vertical, can_focus=True):
    """Focus here and the meeting keys (space, +, t, e) act; enter goes back to notes."""

    def compose(self) -> ComposeResult:
        yield Static(id="phase-line")
        yield BigClock(id="clock")
        yield Static(id="timer-status")
        yield TalkMeter(id="talk")

    def show(self, f: TimerFigures) -> None:
        r = f.reading
        title = PHASE_TITLES[r.phase] if not r.paused else "PAUSED"
        promise = f"promised {promise_text(f.promised_minutes, f.extra_minutes)}"
        self.query_one("#phase-line", Static).update(
            Content.assemble((title, "bold"), f" · {promise}")
        )
        ended = r.phase == "ended"
        self.query_one(BigClock).text = _whole(r.elapsed.total_seconds()) if ended else r.display
        self.query_one("#timer-status", Static).update(status_line(f))
        meter = self.query_one(TalkMeter)
        meter.share = f.share
        meter.speaker = f.speaker
        meter.talk_running = f.talk_running
