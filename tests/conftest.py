"""Shared fixtures: a temporary database, a fake clock, services, the demo data, the app.

Two engines: the tests of tests/store, tests/services and tests/cli (and any marked
``two_engines``) that use the database run twice, on a SQLite file and on a database of
a PostgreSQL server that the session starts (tests/pg.py). ``sqlite_only`` marks those
about the file itself (permissions, WAL, damaged files, the file backup).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from infoterm.paths import Paths
    from infoterm.tui.app import InfotermApp

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


TWO_ENGINE_DIRS = ("store", "services", "cli")
ENGINES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "two_engines: run on SQLite and on PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file; SQLite only")
    config.addinivalue_line("markers", "postgresql: needs the PostgreSQL server")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_target" not in metafunc.fixturenames:
        return
    node = metafunc.definition
    folder = Path(str(node.path)).parent.name
    wanted = folder in TWO_ENGINE_DIRS or node.get_closest_marker("two_engines") is not None
    if wanted and node.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("db_target", ENGINES, indirect=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    from tests.pg import cluster_for_tests

    with cluster_for_tests() as cluster:
        yield cluster


@pytest.fixture
def pg(pg_cluster: Any) -> Iterator[Any]:
    """The cluster, and every database a test made on it dropped afterwards."""
    made: list[str] = []
    new = pg_cluster.new_database

    def tracked(**options: Any) -> str:
        url = new(**options)
        made.append(url)
        return url

    pg_cluster.new_database = tracked
    yield pg_cluster
    pg_cluster.new_database = new
    for url in made:
        pg_cluster.drop(url)


@pytest.fixture
def db_target(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where the test's database is: a SQLite file, or the URL of the session's PostgreSQL
    database, emptied for this test (tests/pg.py)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("pg_cluster").shared_database())


@pytest.fixture
def other_target(request: pytest.FixtureRequest, db_target: str, tmp_path: Path) -> str:
    """A second, empty database on the test's engine (a restore's target)."""
    if not db_target.startswith("postgresql"):
        return str(tmp_path / "other" / "infoterm.db")
    return str(request.getfixturevalue("pg").new_database(schema=False))


@pytest.fixture
def engine(db_target: str) -> str:
    return "postgresql" if db_target.startswith("postgresql") else "sqlite"


@pytest.fixture
def db(db_target: str) -> Iterator[Database]:
    database = open_database(db_target)
    yield database
    database.close()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def services(db: Database, clock: FakeClock, settings: Settings) -> Services:
    return Services(db, clock, settings)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo campaign at NOW, seeded once (it replays eight weeks through the services,
    about a second) for ``demo_db`` to copy."""
    from infoterm.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(str(path))
    seed_demo(database, FakeClock(NOW))
    database.close()
    return path


@pytest.fixture
def demo_db(db: Database, clock: FakeClock, request: pytest.FixtureRequest) -> Database:
    """The test's database holding the demo campaign: on SQLite a page-for-page copy of
    the session's seeded one (the demo is the same for the same now), else seeded here."""
    if db.sqlite_path is None or clock.now() != NOW:
        from infoterm.demo import seed_demo

        seed_demo(db, clock)
        return db
    import sqlite3

    template: Path = request.getfixturevalue("demo_template")
    source, target = sqlite3.connect(template), sqlite3.connect(db.sqlite_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return db


def make_app(
    db: Database,
    clock: FakeClock,
    settings: Settings | None = None,
    *,
    paths: Paths | None = None,
    **launch: Any,
) -> InfotermApp:
    """The app as the CLI builds it (cli.tui.build_app): ``launch`` are LaunchOptions'
    fields."""
    from infoterm.tui.app import InfotermApp
    from infoterm.tui.launch import LaunchOptions

    return InfotermApp(
        db, clock, settings or Settings(), paths=paths, launch=LaunchOptions(**launch)
    )


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
