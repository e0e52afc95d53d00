"""Write screenshots/*.svg from the demo campaign with a fixed clock.

    .venv/bin/python scripts/screenshots.py [NAME ...]

With names (e.g. ``contact-form meeting-debrief``) only those shots are written.
Each shot is (file name, terminal size, keys pressed after start). The same seeded app
is what the snapshot tests check, so these pictures match what users see. The meeting
shots (meeting-PHASE.svg) run Dev Patel's meeting on the fake clock into each phase, and
check the phase on the screen before the picture is taken.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TZ"] = "UTC"
os.environ.pop("NO_COLOR", None)  # the pictures show the colours users see

from textual.widgets import TextArea  # noqa: E402

from infoterm import timer  # noqa: E402
from infoterm.app import InfotermApp  # noqa: E402
from infoterm.clock import FakeClock  # noqa: E402
from infoterm.demo import seed_demo  # noqa: E402
from infoterm.screens.meeting import MeetingScreen  # noqa: E402
from infoterm.services import Services  # noqa: E402
from infoterm.settings import Settings  # noqa: E402
from infoterm.store.database import open_database  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("board", (120, 40), ["j", "l"]),
    ("board-80x24", (80, 24), ["l", "l"]),
    ("contact", (120, 40), ["l", "l", "l", "l", "enter"]),
    ("contact-form", (120, 40), ["n"]),
    ("past-meeting", (120, 40), ["l", "l", "enter", "tab", "enter"]),
    ("help", (120, 40), ["question_mark"]),
    ("review", (120, 40), ["t"]),
    ("review-80x24", (80, 24), ["t", "j", "j", "j"]),
    ("review-thank-you-draft", (120, 40), ["t", "j", "j", "j", "w"]),
    ("address-book", (120, 40), ["b", "space", "down", "down", "space"]),
    ("referral-chains", (120, 40), ["R", "j"]),
    ("organisation", (120, 40), ["l", "l", "l", "l", "j", "j", "j", "o"]),
    ("stats", (120, 40), ["S"]),
    ("stats-80x24", (80, 24), ["S"]),
    ("import", (120, 40), ["i"]),
    ("settings", (120, 40), ["ctrl+s"]),
    ("privacy", (120, 32), ["enter", "asterisk"]),
]
# Meeting shots: (phase, minutes into the meeting from its promise P and lead L, keys
# pressed then, (the phase shown, paused)). The snapshot tests run the same scenes.
MEETING_NOTES = (
    "Platform team of 12, hiring twice a year.\nFirst year: on-call rota, then a project."
)
When = Callable[[int, float], float]
MEETINGS: list[tuple[str, When, tuple[str, ...], tuple[str, bool]]] = [
    ("ready", lambda p, lead: 0, (), ("ready", False)),
    ("running", lambda p, lead: 8, (), ("running", False)),
    ("wrapup", lambda p, lead: p - lead / 2, (), ("wrapup", False)),
    ("overtime", lambda p, lead: p + 0.5, (), ("overtime", False)),
    ("paused", lambda p, lead: 8, ("escape", "space"), ("running", True)),
    ("ended", lambda p, lead: p - lead, ("escape", "e", "y", "escape"), ("ended", False)),
    (
        "debrief",  # offered once the end is recorded
        lambda p, lead: p - lead,
        ("escape", "e", "y", *"Juniors join the on-call rota after 3 months", "tab")
        + (*"read the SRE book by fri", "enter", *"ask Ann about the platform team", "tab")
        + tuple("Ann Lee @ Acme"),
        ("ended", False),
    ),
]
# shots of a brand-new, empty database
FIRST_RUN: list[tuple[str, tuple[int, int], list[str]]] = [("welcome", (100, 32), [])]


def save_svg(app: InfotermApp, folder: Path, name: str) -> None:
    """The screen as ``folder/name.svg``, its spaces kept by every renderer.

    Textual writes each run of text as an SVG <text> whose spaces are no-break spaces.
    Without ``xml:space="preserve"`` a renderer may drop those at the start of a run:
    librsvg (rsvg-convert, many image viewers) does, which drew the stats screen's bars
    at the left of their panel and the footer's "^p palette" as "^ppalette"."""
    app.save_screenshot(filename=f"{name}.svg", path=str(folder))
    path = folder / f"{name}.svg"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<svg ", '<svg xml:space="preserve" ', 1), encoding="utf-8")


async def shoot(
    folder: Path, name: str, size: tuple[int, int], keys: list[str], db_file: Path
) -> None:
    clock = FakeClock(NOW)
    app = InfotermApp(open_database(str(db_file)), clock, Settings())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
            widget.notify_style_update()  # a TextArea's cache may hold a blinked-out cursor
        await pilot.pause()
        save_svg(app, folder, name)


async def shoot_meeting(
    folder: Path,
    phase: str,
    when: When,
    keys: tuple[str, ...],
    shows: tuple[str, bool],
    db_file: Path,
) -> None:
    clock = FakeClock(NOW)
    db = open_database(str(db_file))
    dev = Services(db, clock).contacts.resolve("Dev Patel")
    app = InfotermApp(db, clock, Settings(), start="meeting", contact=dev)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.view is not None
        notes = screen.query_one("#notes", TextArea)
        notes.cursor_blink = False
        notes.notify_style_update()  # its line cache may hold a blinked-out cursor
        minutes = when(screen.view.promised_minutes, screen.view.timer.lead_minutes)
        if minutes:
            await pilot.press("ctrl+t")  # starts the meeting, me talking
            clock.advance(timedelta(minutes=minutes * 0.4))
            await pilot.press("ctrl+t")
            notes.insert(MEETING_NOTES)
            clock.advance(timedelta(minutes=minutes * 0.6))
            screen.tick()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen.tick()
        app.clear_notifications()
        for widget in app.screen.query("Input, TextArea"):  # the debrief's too
            widget.cursor_blink = False  # type: ignore[attr-defined]
            widget.notify_style_update()
        await pilot.pause()
        reading = timer.read(screen.view.timer, clock.now())
        if (reading.phase, reading.paused) != shows or not screen.has_class(f"-{shows[0]}"):
            raise SystemExit(f"meeting-{phase}: the screen shows {reading.phase}, not {shows}")
        save_svg(app, folder, f"meeting-{phase}")


def main() -> int:
    wanted = set(sys.argv[1:])

    def shot(name: str) -> bool:
        return not wanted or name in wanted

    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INFOTERM_HOME"] = tmp  # note templates are written here, not in yours
        db_file = Path(tmp) / "demo.db"
        seed_demo(open_database(str(db_file)), FakeClock(NOW))
        for name, size, keys in SHOTS:
            if not shot(name):
                continue
            asyncio.run(shoot(out, name, size, keys, db_file))
            print(f"screenshots/{name}.svg")
        for phase, when, presses, shows in MEETINGS:
            if not shot(f"meeting-{phase}"):
                continue
            meeting_file = Path(tmp) / f"meeting-{phase}.db"  # each meeting from the start
            seed_demo(open_database(str(meeting_file)), FakeClock(NOW))
            asyncio.run(shoot_meeting(out, phase, when, presses, shows, meeting_file))
            print(f"screenshots/meeting-{phase}.svg")
        empty_file = Path(tmp) / "empty.db"
        open_database(str(empty_file)).close()
        for name, size, keys in FIRST_RUN:
            if not shot(name):
                continue
            asyncio.run(shoot(out, name, size, keys, empty_file))
            print(f"screenshots/{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
