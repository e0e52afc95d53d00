"""The meeting timer and the talk/listen meter, as pure state machines.

Nothing counts ticks: a state holds instants and totals, and every figure is worked out
from it and the ``now`` passed in, so a state saved and reloaded by a new process reads
the same. Instants are aware UTC; naive ones (as the database returns them) are UTC.

* ``start`` on a started timer, and pause/resume/end on a ready one, raise
  ``ValueError``; so does every change to an ended timer. ``pause`` on a paused
  timer and ``resume`` on an unpaused one do nothing (a repeated key is harmless).
* Wrap-up begins exactly at budget - lead (from the start when the budget is no longer
  than the lead); overtime begins exactly at the budget (budget = promised + extra).
* A paused meeting keeps its phase; pause time shifts both boundaries.
* No grace: a meeting that ran a microsecond past its budget did not end on time.
* A ``now`` earlier than a stored instant (the clock was set back) is clamped, so
  elapsed time never goes negative and pauses never count negative time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from infoterm.clock import as_utc

Phase = Literal["ready", "running", "wrapup", "overtime", "ended"]
Speaker = Literal["me", "them"]

_ZERO = timedelta(0)
_MICRO = timedelta(microseconds=1)


# -- the meeting timer -----------------------------------------------------------------


@dataclass(frozen=True)
class TimerState:
    promised_minutes: int
    lead_minutes: float = 2.0
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    extra_minutes: int = 0
    ended_at: datetime | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.promised_minutes <= 240:
            raise ValueError(f"promised_minutes must be 1..240, not {self.promised_minutes}")
        if self.lead_minutes < 0:
            raise ValueError("lead_minutes cannot be negative")
        if self.extra_minutes < 0 or self.paused_seconds < 0:
            raise ValueError("extra_minutes and paused_seconds cannot be negative")


def _require_live(state: TimerState, action: str) -> datetime:
    if state.started_at is None:
        raise ValueError(f"cannot {action}: the meeting has not started")
    if state.ended_at is not None:
        raise ValueError(f"cannot {action}: the meeting has ended")
    return as_utc(state.started_at)


def _pause_length(state: TimerState, now: datetime) -> timedelta:
    """Length of the open pause at ``now`` (zero when not paused)."""
    if state.paused_at is None:
        return _ZERO
    return max(_ZERO, now - as_utc(state.paused_at))


def start(state: TimerState, now: datetime) -> TimerState:
    if state.started_at is not None:
        raise ValueError("the meeting has already started")
    return replace(state, started_at=as_utc(now))


def pause(state: TimerState, now: datetime) -> TimerState:
    started = _require_live(state, "pause")
    if state.paused_at is not None:
        return state
    return replace(state, paused_at=max(as_utc(now), started))


def resume(state: TimerState, now: datetime) -> TimerState:
    _require_live(state, "resume")
    if state.paused_at is None:
        return state
    pause_seconds = _pause_length(state, as_utc(now)).total_seconds()
    return replace(state, paused_at=None, paused_seconds=state.paused_seconds + pause_seconds)


def toggle_pause(state: TimerState, now: datetime) -> TimerState:
    return resume(state, now) if state.paused_at is not None else pause(state, now)


def extend(state: TimerState, minutes: int = 5) -> TimerState:
    """Add time to the budget ("they offered more"); allowed before the start too."""
    if minutes <= 0:
        raise ValueError("can only extend by a positive number of minutes")
    if state.ended_at is not None:
        raise ValueError("cannot extend: the meeting has ended")
    return replace(state, extra_minutes=state.extra_minutes + minutes)


def end(state: TimerState, now: datetime) -> TimerState:
    """End the meeting, first closing a pause that is still open."""
    started = _require_live(state, "end")
    now = as_utc(now)
    floor = as_utc(state.paused_at) if state.paused_at is not None else started
    return replace(resume(state, now), ended_at=max(now, floor))


@dataclass(frozen=True)
class Reading:
    phase: Phase
    paused: bool
    elapsed: timedelta  # active (unpaused) time since the start
    budget: timedelta  # promised + extra
    remaining: timedelta  # budget - elapsed, floored at 0
    overtime: timedelta  # elapsed - budget, floored at 0
    wrapup_at: timedelta  # elapsed offset where wrap-up begins
    display: str  # "18:42" counting down, "+0:30" counting up
    progress: float  # elapsed / budget, clamped to 0..1
    paused_total: timedelta  # all pause time so far, the open pause included
    until_wrapup: timedelta  # wrapup_at - elapsed, floored at 0


def _seconds_up(delta: timedelta) -> int:
    """Whole seconds, rounded up, computed exactly in microseconds."""
    return -(-delta // _MICRO // 1_000_000)


def _seconds_down(delta: timedelta) -> int:
    return delta // _MICRO // 1_000_000


def format_seconds(seconds: int) -> str:
    """``m:ss`` up to 59:59, ``h:mm:ss`` above."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _budget(state: TimerState) -> timedelta:
    return timedelta(minutes=state.promised_minutes + state.extra_minutes)


def read(state: TimerState, now: datetime) -> Reading:
    """What the timer shows at ``now``. An ended timer reads as at its end."""
    now = as_utc(now)
    budget = _budget(state)
    wrapup_at = max(_ZERO, budget - timedelta(minutes=state.lead_minutes))
    pause_done = timedelta(seconds=state.paused_seconds)

    if state.started_at is None:
        elapsed, paused_total = _ZERO, _ZERO
    else:
        started = as_utc(state.started_at)
        if state.ended_at is not None:
            stop = as_utc(state.ended_at)
        elif state.paused_at is not None:
            stop = as_utc(state.paused_at)
        else:
            stop = now
        elapsed = max(_ZERO, stop - started - pause_done)
        paused_total = pause_done + _pause_length(state, now)

    phase: Phase
    if state.started_at is None:
        phase = "ready"
    elif state.ended_at is not None:
        phase = "ended"
    elif elapsed >= budget:
        phase = "overtime"
    elif elapsed >= wrapup_at:
        phase = "wrapup"
    else:
        phase = "running"

    remaining = max(_ZERO, budget - elapsed)
    overtime = max(_ZERO, elapsed - budget)
    if elapsed >= budget and state.started_at is not None:
        display = "+" + format_seconds(_seconds_down(overtime))
    else:
        display = format_seconds(_seconds_up(remaining))

    return Reading(
        phase=phase,
        paused=state.paused_at is not None and state.ended_at is None,
        elapsed=elapsed,
        budget=budget,
        remaining=remaining,
        overtime=overtime,
        wrapup_at=wrapup_at,
        display=display,
        progress=min(1.0, elapsed / budget),
        paused_total=paused_total,
        until_wrapup=max(_ZERO, wrapup_at - elapsed),
    )


def phase_changed(before: Reading, after: Reading) -> bool:
    """True when the phase moved: the screen keeps its last reading and rings once when
    this is true and the new phase is "wrapup" or "overtime" (after +5 min, again)."""
    return before.phase != after.phase


@dataclass(frozen=True)
class Outcome:
    """What ending a meeting records.

    Seconds are rounded up, so ``overtime_seconds == max(0, duration_seconds - budget)``
    (the budget being whole minutes) and any overtime at all, even under a second,
    means the meeting did not end on time.
    """

    started_at: datetime
    ended_at: datetime
    duration_seconds: int  # active time, pauses excluded
    overtime_seconds: int
    ended_on_time: bool
    promised_minutes: int
    extra_minutes: int


def outcome(state: TimerState) -> Outcome:
    if state.started_at is None or state.ended_at is None:
        raise ValueError("only an ended meeting has an outcome")
    reading = read(state, state.ended_at)
    overtime_seconds = _seconds_up(reading.overtime)
    return Outcome(
        started_at=as_utc(state.started_at),
        ended_at=as_utc(state.ended_at),
        duration_seconds=_seconds_up(reading.elapsed),
        overtime_seconds=overtime_seconds,
        ended_on_time=overtime_seconds == 0,
        promised_minutes=state.promised_minutes,
        extra_minutes=state.extra_minutes,
    )


# -- the talk/listen meter -------------------------------------------------------------


@dataclass(frozen=True)
class TalkState:
    """Who is speaking and how long each side has talked.

    ``speaker`` is None until the first press; ``since`` is None while the meter is
    stopped (meeting paused or ended), in which case nothing accumulates.
    """

    speaker: Speaker | None = None
    since: datetime | None = None
    me_seconds: float = 0.0
    them_seconds: float = 0.0


def _bank(state: TalkState, now: datetime) -> TalkState:
    """Credit the running stretch to its speaker and stop the meter."""
    if state.speaker is None or state.since is None:
        return replace(state, since=None)
    stretch = max(_ZERO, now - as_utc(state.since)).total_seconds()
    if state.speaker == "me":
        return replace(state, since=None, me_seconds=state.me_seconds + stretch)
    return replace(state, since=None, them_seconds=state.them_seconds + stretch)


def talk_switch(state: TalkState, now: datetime, to: Speaker | None = None) -> TalkState:
    """Hand the floor over (to the other side, or to ``to``).

    The first press means "I am talking" and starts the meter. On a stopped meter a
    press only changes who holds the floor; counting restarts with ``talk_resume``.
    """
    now = as_utc(now)
    if to is None:
        to = "them" if state.speaker == "me" else "me"
    if state.speaker is None:
        return replace(state, speaker=to, since=now)
    running = state.since is not None
    banked = _bank(state, now)
    return replace(banked, speaker=to, since=now if running else None)


def talk_stop(state: TalkState, now: datetime) -> TalkState:
    return _bank(state, as_utc(now))


def talk_resume(state: TalkState, now: datetime) -> TalkState:
    if state.speaker is None or state.since is not None:
        return state
    return replace(state, since=as_utc(now))


def talk_seconds(state: TalkState, now: datetime) -> tuple[float, float]:
    """(mine, theirs) in seconds at ``now``, the running stretch included."""
    banked = _bank(state, as_utc(now))
    return banked.me_seconds, banked.them_seconds


def my_share(state: TalkState, now: datetime) -> float | None:
    """The share of talking time that was mine, 0..1; None while nobody has talked."""
    mine, theirs = talk_seconds(state, now)
    total = mine + theirs
    return None if total <= 0 else mine / total
