"""The meeting timer and talk/listen meter: pure functions over clock readings."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoterm.clock import FakeClock
from infoterm.timer import (
    Reading,
    TalkState,
    TimerState,
    end,
    extend,
    format_seconds,
    my_share,
    outcome,
    pause,
    phase_changed,
    read,
    resume,
    start,
    talk_resume,
    talk_seconds,
    talk_stop,
    talk_switch,
    toggle_pause,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def started(promised: int = 20, **kwargs: object) -> TimerState:
    return start(TimerState(promised_minutes=promised, **kwargs), T0)  # type: ignore[arg-type]


# -- phases and boundaries ---------------------------------------------------------------


def test_ready_timer_shows_the_promise() -> None:
    r = read(TimerState(promised_minutes=20), at(5))
    assert r.phase == "ready"
    assert not r.paused
    assert r.elapsed == timedelta(0)
    assert r.display == "20:00"
    assert r.progress == 0.0


@pytest.mark.parametrize("promised", [1, 2, 19, 20, 240])
def test_boundaries_are_exact(promised: int) -> None:
    state = started(promised)
    budget = timedelta(minutes=promised)
    wrapup = max(timedelta(0), budget - timedelta(minutes=2))
    assert read(state, T0).wrapup_at == wrapup
    if wrapup > timedelta(0):
        assert read(state, T0).phase == "running"
        assert read(state, T0 + wrapup - TICK).phase == "running"
    else:  # a promise no longer than the lead is in wrap-up from the start
        assert read(state, T0).phase == "wrapup"
    assert read(state, T0 + wrapup).phase == "wrapup"
    assert read(state, T0 + budget - TICK).phase == "wrapup"
    r = read(state, T0 + budget)
    assert r.phase == "overtime"
    assert r.overtime == timedelta(0)
    assert r.remaining == timedelta(0)
    assert r.display == "+0:00"
    assert read(state, T0 + budget + timedelta(hours=3)).phase == "overtime"


def test_nineteen_minute_meeting_wraps_up_at_seventeen() -> None:
    state = started(19)
    assert read(state, at(16, 59.999)).phase == "running"
    assert read(state, at(17)).phase == "wrapup"
    assert read(state, at(19)).phase == "overtime"


def test_lead_is_a_setting() -> None:
    state = started(20, lead_minutes=3)
    assert read(state, at(17) - TICK).phase == "running"
    assert read(state, at(17)).phase == "wrapup"
    assert read(state, at(17)).until_wrapup == timedelta(0)
    assert read(state, at(10)).until_wrapup == timedelta(minutes=7)
    assert read(state, at(20)).phase == "overtime"


def test_zero_lead_goes_straight_to_overtime() -> None:
    state = started(20, lead_minutes=0)
    assert read(state, at(20) - TICK).phase == "running"
    assert read(state, at(20)).phase == "overtime"


def test_fractional_lead() -> None:
    state = started(20, lead_minutes=1.5)
    assert read(state, at(18, 29)).phase == "running"
    assert read(state, at(18, 30)).phase == "wrapup"


def test_figures_while_running() -> None:
    r = read(started(20), at(5))
    assert r.elapsed == timedelta(minutes=5)
    assert r.budget == timedelta(minutes=20)
    assert r.remaining == timedelta(minutes=15)
    assert r.overtime == timedelta(0)
    assert r.progress == 0.25
    assert r.display == "15:00"
    r = read(started(20), at(30))
    assert r.overtime == timedelta(minutes=10)
    assert r.progress == 1.0


# -- pause -------------------------------------------------------------------------------


def test_pause_freezes_and_shifts_both_boundaries() -> None:
    clock = FakeClock(T0)
    state = start(TimerState(promised_minutes=20), clock.now())
    clock.advance(timedelta(minutes=10))
    state = pause(state, clock.now())
    clock.advance(timedelta(minutes=5))
    r = read(state, clock.now())
    assert r.paused and r.phase == "running"
    assert r.elapsed == timedelta(minutes=10)
    assert r.paused_total == timedelta(minutes=5)
    state = resume(state, clock.now())
    assert state.paused_seconds == 300
    assert read(state, at(23) - TICK).phase == "running"
    assert read(state, at(23)).phase == "wrapup"
    assert read(state, at(25) - TICK).phase == "wrapup"
    assert read(state, at(25)).phase == "overtime"


def test_paused_meeting_keeps_its_phase() -> None:
    state = pause(started(20), at(18))
    assert read(state, at(60)).phase == "wrapup"
    assert read(state, at(60)).display == "2:00"
    state = pause(started(20), at(21))
    assert read(state, at(60)).phase == "overtime"
    assert read(state, at(60)).display == "+1:00"


def test_pause_and_resume_are_idempotent() -> None:
    state = pause(started(20), at(5))
    assert pause(state, at(7)) == state
    running = started(20)
    assert resume(running, at(7)) == running


def test_toggle_pause() -> None:
    state = toggle_pause(started(20), at(5))
    assert state.paused_at == at(5)
    state = toggle_pause(state, at(8))
    assert state.paused_at is None and state.paused_seconds == 180
    assert read(state, at(10)).elapsed == timedelta(minutes=7)


def test_several_pauses_add_up() -> None:
    state = started(20)
    for minute in (2, 6, 10):
        state = resume(pause(state, at(minute)), at(minute + 1))
    assert state.paused_seconds == 180
    assert read(state, at(20)).elapsed == timedelta(minutes=17)


def test_invalid_transitions_raise() -> None:
    ready = TimerState(promised_minutes=20)
    for action in (pause, resume, toggle_pause, end):
        with pytest.raises(ValueError):
            action(ready, T0)
    with pytest.raises(ValueError):
        start(started(20), at(1))
    done = end(started(20), at(20))
    for action in (start, pause, resume, toggle_pause, end):
        with pytest.raises(ValueError):
            action(done, at(21))
    with pytest.raises(ValueError):
        extend(done)
    with pytest.raises(ValueError):
        extend(started(20), 0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"promised_minutes": 0},
        {"promised_minutes": 241},
        {"promised_minutes": 20, "lead_minutes": -1},
        {"promised_minutes": 20, "extra_minutes": -5},
        {"promised_minutes": 20, "paused_seconds": -1.0},
    ],
)
def test_state_is_validated(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        TimerState(**kwargs)  # type: ignore[arg-type]


def test_clock_set_back_is_clamped() -> None:
    state = started(20)
    assert read(state, at(-5)).elapsed == timedelta(0)
    state = pause(state, at(10))
    state = resume(state, at(9))  # clock went back during the pause
    assert state.paused_seconds == 0


# -- +5 min ------------------------------------------------------------------------------


def test_extend_shifts_both_boundaries() -> None:
    state = extend(started(20))
    assert state.extra_minutes == 5
    assert read(state, at(23) - TICK).phase == "running"
    assert read(state, at(23)).phase == "wrapup"
    assert read(state, at(25)).phase == "overtime"
    assert read(state, at(0)).budget == timedelta(minutes=25)


def test_extend_can_leave_overtime() -> None:
    state = started(20)
    before = read(state, at(24))
    assert before.phase == "overtime"
    state = extend(state)
    after = read(state, at(24))
    assert after.phase == "wrapup"
    assert after.display == "1:00"
    assert phase_changed(before, after)
    assert read(extend(state, 10), at(24)).phase == "running"
    assert extend(state, 10).extra_minutes == 15


def test_extend_before_start_raises_the_promise_shown() -> None:
    state = extend(TimerState(promised_minutes=20))
    assert read(state, T0).display == "25:00"


# -- resuming after a restart ------------------------------------------------------------


def _reload(state: TimerState) -> TimerState:
    """What the database does: store the fields, build a new state from them."""
    row = dataclasses.asdict(state)
    # the database hands instants back naive (in UTC)
    row = {k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in row.items()}
    return TimerState(**row)


def test_resume_after_restart() -> None:
    clock = FakeClock(T0)
    state = start(TimerState(promised_minutes=19, lead_minutes=3), clock.now())
    clock.advance(timedelta(minutes=4))
    state = pause(state, clock.now())
    clock.advance(timedelta(minutes=2))
    state = resume(state, clock.now())
    state = extend(state)
    # the process dies here; a new one loads the row 15 minutes later
    clock.advance(timedelta(minutes=15))
    reloaded = _reload(state)
    r = read(reloaded, clock.now())
    assert r == read(state, clock.now())
    assert r.elapsed == timedelta(minutes=19)
    assert r.phase == "running"  # budget 24, wrap-up from 21
    clock.advance(timedelta(minutes=2))
    assert read(reloaded, clock.now()).phase == "wrapup"
    clock.advance(timedelta(minutes=3))
    assert read(reloaded, clock.now()).phase == "overtime"
    assert read(reloaded, clock.now()).display == "+0:00"


def test_restart_while_paused() -> None:
    state = _reload(pause(started(20), at(18)))
    r = read(state, at(90))
    assert r.paused and r.phase == "wrapup" and r.elapsed == timedelta(minutes=18)
    state = resume(state, at(90))
    assert read(state, at(92)).phase == "overtime"


# -- display -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "display"),
    [
        (timedelta(0), "20:00"),
        (timedelta(seconds=0.5), "20:00"),
        (timedelta(seconds=1), "19:59"),
        (timedelta(minutes=1, seconds=18), "18:42"),
        (timedelta(minutes=20) - timedelta(seconds=1), "0:01"),
        (timedelta(minutes=20) - TICK, "0:01"),
        (timedelta(minutes=20), "+0:00"),
        (timedelta(minutes=20, seconds=0.999), "+0:00"),
        (timedelta(minutes=20, seconds=30), "+0:30"),
        (timedelta(minutes=21, seconds=5), "+1:05"),
        (timedelta(minutes=79, seconds=59), "+59:59"),
        (timedelta(minutes=80), "+1:00:00"),
        (timedelta(minutes=85), "+1:05:00"),
    ],
)
def test_display(offset: timedelta, display: str) -> None:
    assert read(started(20), T0 + offset).display == display


def test_countdown_never_shows_zero_in_wrapup() -> None:
    state = started(20)
    for ms in range(0, 120_000, 7):
        r = read(state, at(18) + timedelta(milliseconds=ms))
        if r.phase == "wrapup":
            assert r.display != "0:00"


def test_long_countdowns_use_hours() -> None:
    assert read(TimerState(promised_minutes=240), T0).display == "4:00:00"
    assert read(TimerState(promised_minutes=60), T0).display == "1:00:00"
    assert read(started(60), at(0, 1)).display == "59:59"
    assert format_seconds(3661) == "1:01:01"
    assert format_seconds(0) == "0:00"


# -- ending and outcome ------------------------------------------------------------------


def test_end_on_time() -> None:
    state = end(started(20), at(18, 30))
    r = read(state, at(50))
    assert r.phase == "ended" and not r.paused
    assert r.elapsed == timedelta(minutes=18, seconds=30)
    o = outcome(state)
    assert o.started_at == T0 and o.ended_at == at(18, 30)
    assert o.duration_seconds == 1110
    assert o.overtime_seconds == 0
    assert o.ended_on_time
    assert (o.promised_minutes, o.extra_minutes) == (20, 0)


def test_end_exactly_at_the_promise_is_on_time() -> None:
    o = outcome(end(started(20), at(20)))
    assert o.ended_on_time and o.overtime_seconds == 0 and o.duration_seconds == 1200


def test_no_grace_for_a_fraction_of_a_second() -> None:
    o = outcome(end(started(20), at(20, 0.2)))
    assert not o.ended_on_time
    assert o.overtime_seconds == 1
    assert o.duration_seconds == 1201


def test_outcome_with_pause_extension_and_overtime() -> None:
    state = started(19)
    state = resume(pause(state, at(5)), at(8))
    state = extend(state)
    o = outcome(end(state, at(30, 15)))  # active 27:15, budget 24
    assert o.duration_seconds == 27 * 60 + 15
    assert o.overtime_seconds == 3 * 60 + 15
    assert not o.ended_on_time
    assert (o.promised_minutes, o.extra_minutes) == (19, 5)


def test_ending_while_paused_closes_the_pause() -> None:
    state = pause(started(20), at(10))
    state = end(state, at(25))
    assert state.paused_at is None
    assert state.paused_seconds == 15 * 60
    assert state.ended_at == at(25)
    r = read(state, at(99))
    assert r.phase == "ended" and not r.paused
    assert r.elapsed == timedelta(minutes=10)
    o = outcome(state)
    assert o.duration_seconds == 600 and o.ended_on_time


def test_outcome_needs_an_ended_meeting() -> None:
    with pytest.raises(ValueError):
        outcome(TimerState(promised_minutes=20))
    with pytest.raises(ValueError):
        outcome(started(20))


def test_outcome_survives_reload() -> None:
    state = end(started(20), at(22))
    assert outcome(_reload(state)) == outcome(state)


# -- ringing the bell once ---------------------------------------------------------------


def test_phase_changed_fires_once_per_boundary() -> None:
    state = started(20)
    previous: Reading = read(state, T0)
    changes = []
    for second in range(0, 22 * 60, 1):
        current = read(state, at(0, second))
        if phase_changed(previous, current):
            changes.append((second, current.phase))
        previous = current
    assert changes == [(18 * 60, "wrapup"), (20 * 60, "overtime")]


# -- property: time adds up --------------------------------------------------------------

_ops = st.lists(
    st.tuples(
        st.sampled_from(["pause", "resume", "toggle", "extend", "read", "reload"]),
        st.integers(min_value=0, max_value=10**10),  # microseconds to the next step
    ),
    max_size=40,
)


@given(ops=_ops, promised=st.integers(1, 240), lead=st.sampled_from([0, 1.5, 2.0, 3.0]))
def test_elapsed_never_decreases_and_time_adds_up(
    ops: list[tuple[str, int]], promised: int, lead: float
) -> None:
    now = T0
    state = start(TimerState(promised_minutes=promised, lead_minutes=lead), now)
    last = timedelta(0)
    for op, step in ops:
        now += timedelta(microseconds=step)
        if op == "pause":
            state = pause(state, now)
        elif op == "resume":
            state = resume(state, now)
        elif op == "toggle":
            state = toggle_pause(state, now)
        elif op == "extend":
            state = extend(state)
        elif op == "reload":
            state = _reload(state)
        r = read(state, now)
        assert r.elapsed >= last
        assert r.elapsed + r.paused_total == now - T0
        assert r.remaining - r.overtime == r.budget - r.elapsed
        if r.phase == "overtime":
            assert r.elapsed >= r.budget
        elif r.phase == "wrapup":
            assert r.wrapup_at <= r.elapsed < r.budget
        else:
            assert r.phase == "running" and r.elapsed < r.wrapup_at
        last = r.elapsed
    done = read(end(state, now), now + timedelta(hours=5))
    assert done.elapsed == last


# -- talk/listen meter -------------------------------------------------------------------


def test_talk_meter_starts_silent() -> None:
    assert my_share(TalkState(), at(5)) is None
    state = talk_switch(TalkState(), at(1))
    assert state.speaker == "me" and state.since == at(1)
    assert my_share(state, at(1)) is None  # nobody has talked for any time yet


def test_talk_switches_share_the_time() -> None:
    state = talk_switch(TalkState(), at(0))  # me
    state = talk_switch(state, at(1))  # them
    assert state.speaker == "them" and state.me_seconds == 60
    assert my_share(state, at(4)) == 0.25  # me 1, them 3, running stretch included
    state = talk_switch(state, at(4))  # me again
    assert talk_seconds(state, at(6)) == (180, 180)
    assert my_share(state, at(6)) == 0.5


def test_talk_switch_to_a_named_speaker() -> None:
    state = talk_switch(TalkState(), at(0), to="them")
    assert state.speaker == "them"
    state = talk_switch(state, at(2), to="them")
    assert state.speaker == "them" and state.them_seconds == 120
    assert my_share(state, at(3)) == 0.0


def test_talk_meter_stops_and_resumes_with_the_meeting() -> None:
    state = talk_switch(TalkState(), at(0))
    state = talk_stop(state, at(2))  # meeting paused
    assert state.since is None and state.me_seconds == 120
    assert talk_seconds(state, at(10)) == (120, 0)
    assert talk_stop(state, at(11)) == state
    state = talk_resume(state, at(10))
    assert state.since == at(10) and state.speaker == "me"
    assert talk_resume(state, at(11)) == state
    state = talk_switch(state, at(11))  # them
    assert talk_seconds(state, at(13)) == (180, 120)
    assert my_share(state, at(13)) == pytest.approx(0.6)


def test_switch_on_a_stopped_meter_changes_speaker_only() -> None:
    state = talk_stop(talk_switch(TalkState(), at(0)), at(1))
    state = talk_switch(state, at(5))
    assert state.speaker == "them" and state.since is None
    assert talk_seconds(state, at(9)) == (60, 0)
    state = talk_resume(state, at(9))
    assert talk_seconds(state, at(10)) == (60, 60)


def test_talk_resume_before_anyone_spoke_does_nothing() -> None:
    assert talk_resume(TalkState(), at(3)) == TalkState()
    assert talk_stop(TalkState(), at(3)) == TalkState()


def test_talk_state_survives_reload() -> None:
    state = talk_switch(talk_switch(TalkState(), at(0)), at(3))
    row = dataclasses.asdict(state)
    row["since"] = row["since"].replace(tzinfo=None)
    reloaded = TalkState(**row)
    assert my_share(reloaded, at(4)) == my_share(state, at(4)) == 0.75
