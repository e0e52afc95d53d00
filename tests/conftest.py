"""Shared fixtures: a temporary database, a fake clock, services, the demo data, the app."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

# Tests never touch the user's files, and read local times as UTC (tzset: the C
# library's idea of the zone, read at start-up, follows TZ now too).
os.environ["TZ"] = "UTC"
time.tzset()
os.environ.pop("INFOTERM_DB", None)
# Snapshots show the colours whatever the terminal asks for (Textual reads these).
for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM", "COLORTERM", "TEXTUAL_THEME"):
    os.environ.pop(name, None)

from infoterm.clock import FakeClock  # noqa: E402
from infoterm.services import Services  # noqa: E402
from infoterm.settings import Settings  # noqa: E402
from infoterm.store.database import Database, open_database  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday morning


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFOTERM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INFOTERM_DB", raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoterm.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def services(db: Database, clock: FakeClock, settings: Settings) -> Services:
    return Services(db, clock, settings)


@pytest.fixture
def demo_db(db: Database, clock: FakeClock) -> Database:
    from infoterm.demo import seed_demo

    seed_demo(db, clock)
    return db


def make_app(db: Database, clock: FakeClock, settings: Settings | None = None, **options: object):  # type: ignore[no-untyped-def]
    from infoterm.app import InfotermApp

    return InfotermApp(db, clock, settings or Settings(), **options)  # type: ignore[arg-type]


def record_notifications(app: Any) -> list[str]:
    """The messages of every toast the app shows from now on (Textual keeps its own list
    private)."""
    messages: list[str] = []
    notify = app.notify

    def spy(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = spy
    return messages
