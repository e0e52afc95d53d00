"""No timer can freeze the app: Textual 8.2.8 spins forever on a negative delay.

Each case runs in a child process under a timeout, because a spinning event loop never
yields: nothing inside the same process could interrupt it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from infoterm.tui.widgets.timer_guard import MIN_DELAY, safe_delay

TIMEOUT = 20  # seconds; each child finishes in well under 2 when nothing spins

# A minimal app; importing infoterm.tui.app is what puts the guard in place.
APP = """
import asyncio, sys
import infoterm.tui.app  # noqa: F401  (installs the guard)
from textual.app import App

class Probe(App[str]):
    def on_mount(self) -> None:
        {mount}

async def main() -> None:
    app = Probe()
    async with app.run_test(notifications=True) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if app.return_value is not None:
                break
    print(app.return_value)

asyncio.run(main())
"""


def run_probe(mount: str, prelude: str = "") -> str:
    code = textwrap.dedent(prelude) + APP.replace("{mount}", mount)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the app froze: no answer in {TIMEOUT} s")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    "call",
    [
        "self.set_timer(-0.0001, lambda: self.exit('fired'))",
        "self.set_timer(0, lambda: self.exit('fired'))",
        "self.set_interval(-1, lambda: self.exit('fired'))",
        "self.screen.set_timer(-5, lambda: self.exit('fired'))",
    ],
)
def test_a_timer_with_no_time_left_fires_at_once(call: str) -> None:
    assert run_probe(call) == "fired"


def test_a_toast_that_expires_as_it_is_shown_does_not_freeze_the_app() -> None:
    # The race as it happens: Textual's toast rack asks whether the notification has
    # expired (not yet), then the toast reads its time left, which has gone negative.
    prelude = """
    from textual.notifications import Notification

    Notification.has_expired = property(lambda self: False)
    Notification.time_left = property(lambda self: -0.0001)
    """
    mount = "self.notify('saved'); self.set_timer(0.2, lambda: self.exit('alive'))"
    assert run_probe(mount, prelude) == "alive"


def test_delays_below_the_floor_are_raised_to_it() -> None:
    assert safe_delay(-0.0001) == MIN_DELAY
    assert safe_delay(0) == MIN_DELAY
    assert safe_delay(float("nan")) == MIN_DELAY
    assert safe_delay(2.5) == 2.5
