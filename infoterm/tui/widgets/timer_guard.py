"""A floor under every Textual timer's delay, so no timer can freeze the app.

Textual 8.2.8 spins at 100% CPU forever when a timer is set with a negative delay (its
timer loop keeps skipping ticks that are already past without ever awaiting), and a
delay of exactly 0 dies on a division by zero, so the callback never runs. A toast sets
its timer to ``notification.time_left``, which comes out slightly negative when the
notification expires between Textual's "has it expired?" check and the toast's
creation: the app then ignores every key until it is killed.

Every timer in Textual, ours, the toasts' and Textual's own, is made by
``MessagePump.set_timer`` or ``MessagePump.set_interval`` (App, Screen and every widget
are message pumps), so :func:`install` wraps those two methods once, raising a delay
below :data:`MIN_DELAY` to it. Nothing else changes: the same public methods, the same
arguments, the same Timer returned.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from textual.message_pump import MessagePump

MIN_DELAY = 0.001  # seconds; 0 itself breaks Textual's timer loop (ZeroDivisionError)

_GUARDED = "_infoterm_delay_guard"


def safe_delay(delay: float) -> float:
    """``delay``, or :data:`MIN_DELAY` if it is smaller (negative, zero, NaN)."""
    return delay if delay >= MIN_DELAY else MIN_DELAY


def install() -> None:
    """Guard ``set_timer`` and ``set_interval`` for every message pump (idempotent)."""
    for name in ("set_timer", "set_interval"):
        original = getattr(MessagePump, name)
        if getattr(original, _GUARDED, False):
            continue
        setattr(MessagePump, name, _guarded(original))


def _guarded(original: Any) -> Any:
    @wraps(original)
    def method(self: MessagePump, delay: float, *args: Any, **kwargs: Any) -> Any:
        return original(self, safe_delay(delay), *args, **kwargs)

    setattr(method, _GUARDED, True)
    return method
