"""How fast is `infoterm due`? Stand-alone: python benchmarks/due.py [--runs N] [--keep DIR]

Seeds a database of 10,000 contacts, 50,000 events and 3,000 open follow-ups (about 1,000
of them due by the end of today) with the stdlib sqlite3 module, then times `infoterm due`
against `python -c pass`, alternately, with this interpreter (run it with the venv's
python), and prints the medians and their ratio. The target is a ratio of at most 4.

    --against /work/main/.venv/bin/python   also times that checkout's `infoterm due` in
                                            the same rounds (before and after, side by side)
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

CONTACTS = 10_000
EVENTS = 50_000
FOLLOWUPS = 3_000
DUE_NOW = 1_000
STAGES = ("identified", "requested", "met", "thanked", "stay-in-touch", "landed")
KINDS = ("nudge", "thank-you", "check-in", "reach-out", "report-back", "custom")
TARGET = 4.0


def db_time(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def seed(path: Path) -> None:
    """An empty infoterm database (created the normal way), then rows straight in."""
    from infoterm.store.database import open_database

    open_database(str(path)).close()
    rng = random.Random(4)
    now = datetime.now(UTC)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO organisations (id, name, name_key, website, notes, is_target, created_at)"
            " VALUES (?, ?, ?, '', '', 0, ?)",
            [(i, f"Organisation {i}", f"organisation {i}", db_time(now)) for i in range(1, 801)],
        )
        contacts = []
        for i in range(1, CONTACTS + 1):
            at = db_time(now - timedelta(minutes=rng.randrange(200_000)))
            contacts.append(
                (i, f"Person {i:05d}", rng.randrange(1, 801), rng.choice(STAGES), at, at, at)
            )
        conn.executemany(
            "INSERT INTO contacts (id, name, organisation_id, title, email, phone, linkedin_url,"
            " source, tags, notes, stage, stage_changed_at, on_board, archive_reason,"
            " created_at, updated_at) VALUES (?, ?, ?, 'Engineer', '', '', '', 'linkedin', '',"
            " '', ?, ?, 1, '', ?, ?)",
            contacts,
        )
        conn.executemany(
            "INSERT INTO events (contact_id, at, kind, summary, payload) VALUES (?, ?, ?, ?, '{}')",
            [
                (
                    rng.randrange(1, CONTACTS + 1),
                    db_time(now - timedelta(minutes=rng.randrange(200_000))),
                    "moved",
                    "Moved someone somewhere",
                )
                for _ in range(EVENTS)
            ],
        )
        followups = []
        owed: set[tuple[int, str]] = set()  # one open follow-up per obligation (schema 4)
        for i in range(FOLLOWUPS):
            if i < DUE_NOW:  # overdue, or due in the next few hours
                due = now - timedelta(minutes=rng.randrange(-180, 30_000))
            else:
                due = now + timedelta(days=2, minutes=rng.randrange(60_000))
            who, kind = rng.randrange(1, CONTACTS + 1), rng.choice(KINDS)
            if (who, kind) in owed:
                kind = "custom"  # a to-do of one's own: any number may be open
            owed.add((who, kind))
            followups.append(
                (
                    who,
                    kind,
                    db_time(due),
                    "a reason to get in touch",
                    db_time(now),
                )
            )
        conn.executemany(
            "INSERT INTO followups (contact_id, kind, due_at, state, reason, note, created_at)"
            " VALUES (?, ?, ?, 'open', ?, '', ?)",
            followups,
        )
    conn.close()


def command(python: str = sys.executable) -> list[str]:
    script = Path(python).with_name("infoterm")
    return [str(script)] if script.exists() else [python, "-m", "infoterm"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", metavar="DIR", help="seed into DIR and keep it")
    parser.add_argument(
        "--against", metavar="PYTHON", help="another venv's python: its infoterm, side by side"
    )
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="infoterm-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.db"
    if not db.exists():
        started = time.perf_counter()
        seed(db)
        print(f"seeded {db} in {time.perf_counter() - started:.1f}s")
    env = dict(os.environ, INFOTERM_HOME=str(folder / "home"), INFOTERM_DB=str(db))
    # Measure what users get: compiled bytecode cached after the first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = {"infoterm due": [*command(), "due"]}
    if args.against:
        runs["--against"] = [*command(args.against), "due"]
    shown = subprocess.run(
        runs["infoterm due"], env=env, capture_output=True, text=True, check=True
    )
    rows = sum(1 for line in shown.stdout.splitlines() if line.lstrip().startswith("#"))
    baseline = [sys.executable, "-c", "pass"]
    for _ in range(3):  # warm the caches (bytecode, page cache)
        timed(baseline, env)
        for argv in runs.values():
            timed(argv, env)
    base_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.runs):
        base_times.append(timed(baseline, env))
        for name, argv in runs.items():
            times[name].append(timed(argv, env))
    base = statistics.median(base_times)
    print(f"`infoterm due` printed {rows} rows ({CONTACTS:,} contacts, {EVENTS:,} events)")
    print(f"python -c pass   median {base * 1000:6.1f} ms")
    if args.against:
        print(f"--against is {' '.join(runs['--against'])}")
    for name, measured in times.items():
        fast = statistics.median(measured)
        ratio = fast / base
        verdict = "ok" if ratio <= TARGET else f"over the target of {TARGET}x"
        print(f"{name:<16} median {fast * 1000:6.1f} ms, ratio {ratio:.2f}x ({verdict})")
    if not args.keep:
        for item in sorted(folder.rglob("*"), reverse=True):
            item.unlink() if item.is_file() else item.rmdir()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
