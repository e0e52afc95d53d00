"""The test cluster cleans up after itself (tests/pg.py), whatever failed in between."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import pg

pytestmark = pytest.mark.postgresql


def a_cluster() -> pg.Cluster:
    try:
        return pg.Cluster()
    except pg.Unavailable as exc:
        pytest.skip(f"no PostgreSQL for the tests: {exc}")


def test_a_cluster_that_fails_to_start_leaves_no_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Path] = []
    real_init = pg.Cluster.__init__

    def init(self: pg.Cluster) -> None:
        real_init(self)
        made.append(self.folder)

    def initdb_fails(self: pg.Cluster, *args: str) -> None:
        raise pg.Unavailable(f"{args[0]} failed: no space left on device")

    monkeypatch.setattr(pg.Cluster, "__init__", init)
    monkeypatch.setattr(pg.Cluster, "_run", initdb_fails)
    a_cluster().folder.rmdir()  # skips here without the binaries
    with pytest.raises(pg.Unavailable, match="no space left"):
        pg.start_cluster()
    assert len(made) == 2 and not made[1].exists()


def test_a_template_that_fails_stops_the_server_and_a_stopped_one_is_destroyed_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[pg.Cluster] = []
    real_start = pg.Cluster.start

    def start(self: pg.Cluster) -> Any:
        started.append(self)
        return real_start(self)

    def template_fails(self: pg.Cluster) -> None:
        raise RuntimeError("the template could not be made")

    monkeypatch.setattr(pg.Cluster, "start", start)
    monkeypatch.setattr(pg.Cluster, "make_template", template_fails)
    a_cluster().folder.rmdir()
    with pytest.raises(RuntimeError, match="template"):
        pg.start_cluster()
    (cluster,) = started
    assert not cluster.running() and not cluster.folder.exists()

    monkeypatch.undo()
    cluster = pg.start_cluster()
    assert cluster.running()
    cluster.stop()  # as an outage test that failed before starting it again
    cluster.destroy()  # no "is the server running?" error
    cluster.destroy()  # nor a second time
    assert not cluster.folder.exists()
