"""First paint and `infoterm due` at 10,000 contacts: PostgreSQL against SQLite, one run.

Seeds a SQLite file as benchmarks/bench.py does (10,000 contacts, five events each, open
follow-ups), restores its JSON export into a PostgreSQL database of a throwaway cluster
(tests/pg.py: the machine's PostgreSQL, a unix socket, as the postgres account under
root), then runs each measurement on the two engines alternately and prints medians and
paired ratios.

    .venv/bin/python benchmarks/engines.py            # 8 rounds
    .venv/bin/python benchmarks/engines.py --runs 4
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench import med, paired, seed, top_card  # noqa: E402
from due import command, timed  # noqa: E402
from pty_timing import measure  # noqa: E402

CONTACTS = 10_000


def restore_into(source: Path, url: str, scratch: Path) -> float:
    from infoterm.clock import SystemClock
    from infoterm.services import Services
    from infoterm.store.database import open_database

    started = time.perf_counter()
    db = open_database(str(source))
    export = scratch / "export.json"
    export.write_text(json.dumps(Services(db, SystemClock()).interop.export_json()))
    db.close()
    target = open_database(url)
    Services(target, SystemClock()).interop.import_json(export)
    target.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    from tests.pg import start_cluster

    cluster = start_cluster()
    scratch = Path(tempfile.mkdtemp(prefix="infoterm-engines-"))
    try:
        sqlite_db = scratch / "seed.db"
        seed(sqlite_db, CONTACTS, datetime.now(UTC))
        cluster.admin.execute("CREATE DATABASE bench")
        url = cluster.url("bench")
        print(f"restored {CONTACTS:,} contacts into PostgreSQL in ", end="")
        print(f"{restore_into(sqlite_db, url, scratch):.1f} s")
        cluster.admin.execute("VACUUM ANALYZE")  # as autovacuum would have by now
        import psycopg

        with psycopg.connect(cluster.conninfo("bench"), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        infoterm = command()
        env = dict(os.environ, INFOTERM_HOME=str(scratch / "home"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        expect = ["Identified", "Landed", top_card(sqlite_db), "palette"]
        targets = {"sqlite": str(scratch / "run.db"), "postgresql": url}
        paint: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
        due: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
        for round_ in range(args.runs + 1):  # the first round warms the caches, dropped
            for engine, target in targets.items():
                if engine == "sqlite":
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{target}{suffix}").unlink(missing_ok=True)
                    shutil.copy(sqlite_db, target)
                run = measure([*infoterm, "--db", target], expect, env=env)
                spent = timed([*infoterm, "--db", target, "due"], env)
                if round_:
                    paint[engine].append(run.first_paint)
                    due[engine].append(spent)
        print(f"\n{CONTACTS:,} contacts, medians of {args.runs} alternating rounds")
        for what, values in (("first painted board", paint), ("infoterm due", due)):
            print(
                f"  {what:<20} SQLite {med(values['sqlite']) * 1000:5.0f} ms,"
                f" PostgreSQL {med(values['postgresql']) * 1000:5.0f} ms,"
                f" ratio {paired(values['postgresql'], values['sqlite']):.2f}x"
            )
    finally:
        cluster.destroy()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
