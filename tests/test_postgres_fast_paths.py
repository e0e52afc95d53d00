"""`infoterm due` on PostgreSQL runs on psycopg and the shared SQL: no SQLAlchemy, no UI.

As tests/test_import_hygiene.py does for SQLite, in a fresh interpreter, against a
database of the session's PostgreSQL server (tests/pg.py). (importlib.metadata is not
checked here: psycopg's binary package imports it itself.)
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest

from infoterm.clock import FakeClock
from infoterm.pipeline import ContactFields
from infoterm.services import Services
from infoterm.store.database import open_database

pytestmark = pytest.mark.postgresql


def test_infoterm_due_on_postgresql_imports_no_sqlalchemy(pg: Any, clock: FakeClock) -> None:
    url = pg.new_database()
    db = open_database(url)
    services = Services(db, clock)
    ben = services.contacts.add(ContactFields(name="Ben Okri"), stage="requested")
    services.followups.add(ben, clock.now() - timedelta(days=1), "call about the panel")
    db.close()
    code = (
        "import sys\n"
        "from infoterm.cli import main\n"
        "for args in (['due'], ['due', '--json'], ['due', '--until', 'fri'], ['due', '--count']):\n"
        f"    assert main(['--db', {url!r}, *args]) == 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'textual', 'rich'))\n"
        "print('LOADED', ','.join(bad))\n"
        "print('PSYCOPG', 'psycopg' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "call about the panel" in out.stdout  # it did read the server
    lines = out.stdout.strip().splitlines()
    assert [line.strip() for line in lines[-2:]] == ["LOADED", "PSYCOPG True"]
