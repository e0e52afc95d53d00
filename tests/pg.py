"""A throwaway PostgreSQL cluster for the test session, and a fresh database per test.

The machine's PostgreSQL binaries (``pg_config --bindir``, or ``initdb`` on PATH) make a
cluster in a temporary folder that listens on a unix socket in that folder only: no port
to collide with, trust authentication, fsync off. initdb refuses to run as root, so as
root the cluster is made and run by the ``postgres`` account. Tests share one
database, emptied by truncation before each (``shared_database``); a test that needs a
database of its own (an empty one, an old schema) asks ``new_database``, a copy of a
template that already holds the schema (about 0.4 s).

Where the binaries or psycopg are missing the PostgreSQL tests skip with the reason;
with ``INFOTERM_REQUIRE_POSTGRES=1`` (scripts/check sets it) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

TEMPLATE = "infoterm_template"


class Unavailable(Exception):
    """Why there is no PostgreSQL server for the tests."""


def _bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        folder = Path(out.stdout.strip())
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    raise Unavailable("PostgreSQL's initdb and pg_ctl were not found (install postgresql)")


class Cluster:
    def __init__(self) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise Unavailable("psycopg is not installed: pip install -e '.[dev]'") from exc
        self.bindir = _bindir()
        self.user: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as exc:
                raise Unavailable("running as root, and there is no postgres account") from exc
            self.user = "postgres"
        self.folder = Path(tempfile.mkdtemp(prefix="infoterm-pg-"))
        if self.user:
            try:
                shutil.chown(self.folder, self.user)
            except OSError as exc:
                shutil.rmtree(self.folder, ignore_errors=True)
                raise Unavailable(f"cannot give {self.folder} to {self.user}: {exc}") from exc
        self.data = self.folder / "data"
        self.names = count(1)
        self.admin: Any = None
        self.shared: str | None = None  # see shared_database

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            cwd=self.folder,
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user else None,
        )
        if done.returncode != 0:
            raise Unavailable(f"{args[0]} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def start(self) -> Cluster:
        if not self.data.exists():
            self._run(
                "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
        options = (
            f"-k {self.folder} -c listen_addresses='' -p 5432 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                  "-o", options, "start")  # fmt: skip
        import psycopg

        self.admin = psycopg.connect(self.conninfo("postgres"), autocommit=True)
        return self

    def stop(self, mode: str = "fast", *, if_running: bool = False) -> None:
        """Stop the server; ``if_running``: a server already stopped (by a test that
        failed in the middle of an outage) is no error."""
        if self.admin is not None:
            with contextlib.suppress(Exception):
                self.admin.close()
            self.admin = None
        if if_running and not self.running():
            return
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        """pg_ctl status: 0 running, 3 not running (4: no data folder)."""
        if not self.data.exists():
            return False
        done = subprocess.run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            cwd=self.folder,
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user else None,
        )
        return done.returncode == 0

    def restart(self) -> None:
        """What a server restart does to the apps on it: every connection is dropped."""
        self.stop()
        self.start()

    def destroy(self) -> None:
        """Stop the server if it runs, and remove the folder whatever happened."""
        try:
            self.stop("immediate", if_running=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def conninfo(self, name: str) -> str:
        return f"host={self.folder} port=5432 user=postgres dbname={name}"

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@/{name}?host={self.folder}&port=5432"

    def make_template(self) -> None:
        from infoterm.store.database import open_database

        self.admin.execute(f"CREATE DATABASE {TEMPLATE}")
        open_database(self.url(TEMPLATE)).close()

    def new_database(self, *, schema: bool = True) -> str:
        """A new database's URL: with the current schema, or empty (``schema=False``)."""
        name = f"t{next(self.names)}"
        template = f"TEMPLATE {TEMPLATE} STRATEGY file_copy" if schema else ""
        self.admin.execute(f"CREATE DATABASE {name} {template}")
        return self.url(name)

    def shared_database(self) -> str:
        """The session's one working database, emptied for the next test (a few ms, where a
        new database per test costs ~0.4 s): every table truncated, its ids restarted.

        Connections a previous test left open are ended first, so none holds a lock the
        truncation would wait for; a test that changed the schema gets a new database.
        """
        import psycopg

        from infoterm.store.database import SCHEMA_VERSION
        from infoterm.store.migrate import infoterm_tables

        if self.shared is None:
            self.shared = self.new_database()
        name = self.shared.split("/")[3].split("?")[0]
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        with psycopg.connect(self.conninfo(name), autocommit=True) as conn:
            version = conn.execute(
                "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0"
                " ELSE (SELECT max(version) FROM schema_version) END"
            ).fetchone()
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            }
            wanted = infoterm_tables()
            if version is None or version[0] != SCHEMA_VERSION or not wanted <= tables:
                conn.close()
                self.drop(self.shared)
                self.shared = self.new_database()
                return self.shared
            conn.execute(f"TRUNCATE {', '.join(sorted(wanted))} RESTART IDENTITY CASCADE")
            conn.execute("UPDATE infoterm_changes SET counter = 0")
        return self.shared

    def drop(self, url: str) -> None:
        if self.admin is None:
            return
        name = url.split("/")[3].split("?")[0]
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_cluster() -> Cluster:
    """A running cluster with the template database; raises Unavailable. If anything fails
    after the folder was made (initdb, start, the template), the server is stopped and the
    folder removed before the error goes on."""
    cluster = Cluster()
    try:
        cluster.start()
        cluster.make_template()
    except BaseException:
        cluster.destroy()
        raise
    return cluster


@contextlib.contextmanager
def cluster_for_tests() -> Iterator[Cluster]:
    """``start_cluster`` for a fixture: a skip with the reason where PostgreSQL is missing
    (a failure under INFOTERM_REQUIRE_POSTGRES=1), and the cluster destroyed afterwards,
    also when a test left it stopped."""
    import pytest

    try:
        cluster = start_cluster()
    except Unavailable as exc:
        if os.environ.get("INFOTERM_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (INFOTERM_REQUIRE_POSTGRES=1): {exc}")
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    try:
        yield cluster
    finally:
        cluster.destroy()
