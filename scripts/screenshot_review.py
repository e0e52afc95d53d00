"""Write screenshots/review*.svg from the demo campaign on a fixed clock (Mon 09:00 UTC).

Run: .venv/bin/python scripts/screenshot_review.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ["TZ"] = "UTC"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infoterm.app import InfotermApp  # noqa: E402
from infoterm.clock import FakeClock  # noqa: E402
from infoterm.demo import seed_demo  # noqa: E402
from infoterm.settings import Settings  # noqa: E402
from infoterm.store.database import open_database  # noqa: E402

SHOTS = [
    ("review.svg", (120, 40), []),
    ("review-80x24.svg", (80, 24), []),
    ("review-thank-you-draft.svg", (120, 40), ["j", "j", "j", "w"]),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INFOTERM_HOME"] = str(Path(folder) / "home")
        clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        db = open_database(str(Path(folder) / "demo.db"))
        seed_demo(db, clock)
        app = InfotermApp(db, clock, Settings(ui_start_screen="review"))
        async with app.run_test(size=size) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            app.save_screenshot(name, str(ROOT / "screenshots"))


def main() -> None:
    for name, size, keys in SHOTS:
        asyncio.run(shoot(name, size, keys))
        print(f"screenshots/{name}")


if __name__ == "__main__":
    main()
