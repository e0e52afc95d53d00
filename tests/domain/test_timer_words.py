"""The meeting's words against a fake clock: time left as the clock shows it, and a
promise that counts the time they offered."""

from __future__ import annotations

from datetime import timedelta

from infoterm import timer
from infoterm.clock import FakeClock
from infoterm.meeting import describe_outcome, left_text, promise_text
from infoterm.tui.widgets.timer_panel import TimerFigures, status_line


def figures(state: timer.TimerState, clock: FakeClock) -> TimerFigures:
    return TimerFigures(
        reading=timer.read(state, clock.now()),
        promised_minutes=state.promised_minutes,
        extra_minutes=state.extra_minutes,
        share=None,
        speaker=None,
        talk_running=False,
    )


def test_the_promise_reads_offered_minutes_once_they_offer_more() -> None:
    assert promise_text(3) == "3 min"
    assert promise_text(3, 5) == "3 + 5 min offered"
    assert promise_text(3, 10) == "3 + 10 min offered"


def test_time_left_is_what_the_clock_shows_not_the_lead() -> None:
    clock = FakeClock()
    state = timer.start(timer.TimerState(promised_minutes=3), clock.now())
    clock.advance(60)
    assert left_text(timer.read(state, clock.now()).remaining) == "2:00 left"
    clock.advance(timedelta(minutes=1, seconds=56))
    assert left_text(timer.read(state, clock.now()).remaining) == "0:04 left"
    clock.advance(0.5)  # 3.5 s left: the clock shows 0:04 until it reaches 0:03
    assert left_text(timer.read(state, clock.now()).remaining) == "0:04 left"


def test_on_time_is_judged_against_promise_plus_offered_time() -> None:
    clock = FakeClock()
    state = timer.extend(timer.start(timer.TimerState(promised_minutes=3), clock.now()))
    clock.advance(timedelta(minutes=3, seconds=33))
    ended = timer.end(state, clock.now())
    result = timer.outcome(ended)
    assert result.ended_on_time and result.overtime_seconds == 0
    assert status_line(figures(ended, clock)) == "3:33 of 3 + 5 min offered · on time"
    assert describe_outcome(result, None) == "Met for 3:33 (promised 3 + 5 min offered): on time"


def test_past_promise_plus_offered_it_is_over_time() -> None:
    clock = FakeClock()
    state = timer.extend(timer.start(timer.TimerState(promised_minutes=3), clock.now()))
    clock.advance(timedelta(minutes=8, seconds=1))
    assert status_line(figures(state, clock)) == "you promised 3 + 5 min offered"
    ended = timer.end(state, clock.now())
    assert not timer.outcome(ended).ended_on_time
    assert status_line(figures(ended, clock)) == "8:01 of 3 + 5 min offered · +0:01 over"
