"""Write screenshots/*.svg from the demo campaign with a fixed clock.

    .venv/bin/python scripts/screenshots.py

Each shot is (file name, terminal size, keys pressed after start). The same seeded app
is what the snapshot tests check, so these pictures match what users see.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TZ"] = "UTC"

from infoterm.app import InfotermApp  # noqa: E402
from infoterm.clock import FakeClock  # noqa: E402
from infoterm.demo import seed_demo  # noqa: E402
from infoterm.settings import Settings  # noqa: E402
from infoterm.store.database import open_database  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("board", (120, 40), ["j", "l"]),
    ("board-80x24", (80, 24), ["l", "l"]),
    ("contact", (120, 40), ["l", "l", "l", "l", "enter"]),
    ("contact-form", (120, 40), ["n"]),
    ("help", (120, 40), ["question_mark"]),
    ("review", (120, 40), ["t"]),
    ("review-80x24", (80, 24), ["t", "j", "j", "j"]),
    ("review-thank-you-draft", (120, 40), ["t", "j", "j", "j", "w"]),
    ("address-book", (120, 40), ["b", "space", "down", "down", "space"]),
    ("referral-chains", (120, 40), ["R", "j"]),
    ("organisation", (120, 40), ["l", "l", "l", "l", "o"]),
    ("stats", (120, 40), ["S"]),
    ("stats-80x24", (80, 24), ["S"]),
    ("import", (120, 40), ["i"]),
    ("settings", (120, 40), ["ctrl+s"]),
    ("privacy", (120, 32), ["enter", "asterisk"]),
]
# shots of a brand-new, empty database
FIRST_RUN: list[tuple[str, tuple[int, int], list[str]]] = [("welcome", (100, 32), [])]


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
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(folder))


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INFOTERM_HOME"] = tmp  # note templates are written here, not in yours
        db_file = Path(tmp) / "demo.db"
        seed_demo(open_database(str(db_file)), FakeClock(NOW))
        for name, size, keys in SHOTS:
            asyncio.run(shoot(out, name, size, keys, db_file))
            print(f"screenshots/{name}.svg")
        empty_file = Path(tmp) / "empty.db"
        open_database(str(empty_file)).close()
        for name, size, keys in FIRST_RUN:
            asyncio.run(shoot(out, name, size, keys, empty_file))
            print(f"screenshots/{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
