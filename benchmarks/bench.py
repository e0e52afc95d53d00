"""What users feel, measured: first painted board, key -> repaint, memory, `infoterm due`.

Seeds databases of realistic size (1,000 and 10,000 contacts spread over the stages,
five events each, open follow-ups), then runs infoterm and a floor app (a Static and a
Footer) alternately in a real pseudo-terminal and prints medians and paired ratios,
which hold on a noisy machine.

    .venv/bin/python benchmarks/bench.py            # full run (about two minutes)
    .venv/bin/python benchmarks/bench.py --quick    # fewer runs
    .venv/bin/python benchmarks/bench.py --against /work/main/.venv/bin/python
        # also that checkout's infoterm, in the same rounds (before and after)
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from pty_timing import measure  # noqa: E402

from infoterm.pipeline import STAGES  # noqa: E402
from infoterm.store.database import open_database  # noqa: E402
from infoterm.store.timefmt import to_db  # noqa: E402

FIRST = [
    "Ada",
    "Ben",
    "Chloé",
    "Dev",
    "Elena",
    "Farah",
    "George",
    "Hana",
    "Isaac",
    "Julia",
    "Kwame",
    "Laura",
    "Mateo",
    "Nadia",
    "Oliver",
    "Priya",
]
LAST = [
    "Okafor",
    "Whitaker",
    "Martin",
    "Patel",
    "Rossi",
    "Haddad",
    "Lindqvist",
    "Suzuki",
    "Mensah",
    "Novak",
    "Asante",
    "Chen",
    "García",
]
ORGS = [
    "Northwind",
    "Lumen",
    "Civic",
    "Harbour",
    "Greenfield",
    "Kestrel",
    "Atlas",
    "Bright",
    "Open",
    "Meridian",
]
KINDS = [
    "nudge",
    "thank-you",
    "check-in",
    "reach-out",
    "report-back",
    "prepare",
]  # followup_policy.KINDS


def seed(path: Path, contacts: int, now: datetime) -> None:
    """A database of ``contacts`` people, written directly with sqlite3 for speed."""
    open_database(str(path)).close()
    rng = random.Random(contacts)
    conn = sqlite3.connect(path)
    orgs = [(i + 1, f"{ORGS[i % len(ORGS)]} {i // len(ORGS) + 1}") for i in range(contacts // 10)]
    conn.executemany(
        "INSERT INTO organisations (id, name, name_key, website, notes, is_target, created_at)"
        " VALUES (?, ?, lower(?), '', '', 0, ?)",
        [(i, n, n, to_db(now)) for i, n in orgs],
    )
    # a target list: a dozen rated, so the board marks the active employers' cards
    conn.execute("UPDATE organisations SET motivation = 1 + id % 3, posting = 2 WHERE id <= 12")
    weights = [40, 20, 12, 10, 15, 3]
    rows, events, followups = [], [], []
    for cid in range(1, contacts + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {cid}"
        stage = rng.choices(STAGES, weights)[0]
        changed = now - timedelta(minutes=rng.randrange(60 * 24 * 90))
        rows.append(
            (cid, name, rng.randrange(len(orgs)) + 1, "Engineer", stage, to_db(changed), to_db(now))
        )
        for k in range(5):
            at = to_db(changed - timedelta(days=k))
            events.append((cid, at, "moved", f"Moved {name}", "{}"))
        if rng.random() < 0.1:
            due = now + timedelta(hours=rng.randrange(-24 * 14, 24 * 14))
            followups.append((cid, rng.choice(KINDS), to_db(due), to_db(now)))
    conn.executemany(
        "INSERT INTO contacts (id, name, organisation_id, title, email, phone, linkedin_url, source,"
        " tags, notes, stage, stage_changed_at, on_board, archive_reason, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, '', '', '', 'linkedin', '', '', ?, ?, 1, '', ?, ?)",
        [(*r, r[-1]) for r in rows],
    )
    conn.executemany(
        "INSERT INTO events (contact_id, at, kind, summary, payload) VALUES (?, ?, ?, ?, ?)", events
    )
    conn.executemany(
        "INSERT INTO followups (contact_id, kind, due_at, state, reason, note, created_at)"
        " VALUES (?, ?, ?, 'open', 'benchmark', '', ?)",
        followups,
    )
    conn.commit()
    conn.close()


def top_card(path: Path) -> str:
    conn = sqlite3.connect(path)
    row = conn.execute(
        "SELECT name FROM contacts WHERE stage='identified' ORDER BY stage_changed_at DESC, id DESC"
    ).fetchone()
    conn.close()
    return str(row[0])


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def paired(a: list[float], b: list[float]) -> float:
    return med([x / y for x, y in zip(a, b, strict=False)])


def first_paint(
    dbs: dict[int, Path], scratch: Path, runs: int, against: str | None = None
) -> dict[str, list[float]]:
    """Each round runs every database size and the floor, one after the other (and
    ``against``'s infoterm on the 10,000, as "other")."""
    python = sys.executable
    infoterm = str(Path(python).with_name("infoterm"))
    env = {"INFOTERM_HOME": str(scratch / "home")}
    out: dict[str, list[float]] = {"floor": [], "floor_mem": [], "other": []}
    for size in dbs:
        out[f"app{size}"], out[f"mem{size}"] = [], []
    for i in range(runs + 1):  # the first round warms the disk cache and is dropped
        if against:
            copy = scratch / "other.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copy(dbs[10_000], copy)
            other = measure(
                [str(Path(against).with_name("infoterm")), "--db", str(copy)],
                ["Identified", "Landed", top_card(dbs[10_000]), "palette"],
                env=env,
            )
            if i:
                out["other"].append(other.first_paint)
        for size, db in dbs.items():
            copy = scratch / "run.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copy(db, copy)
            app = measure(
                [infoterm, "--db", str(copy)],
                ["Identified", "Landed", top_card(db), "palette"],
                env=env,
            )
            if i:
                out[f"app{size}"].append(app.first_paint)
                out[f"mem{size}"].append(app.peak_rss_mib)
        floor = measure([python, str(HERE / "floor_app.py")], ["hello from the floor", "Quit"])
        if i:
            out["floor"].append(floor.first_paint)
            out["floor_mem"].append(floor.peak_rss_mib)
    return out


def key_latency(
    db: Path, scratch: Path, keys: list[str], python: str = sys.executable
) -> list[float]:
    copy = scratch / "keys.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copy(db, copy)
    infoterm = str(Path(python).with_name("infoterm"))
    run = measure(
        [infoterm, "--db", str(copy)],
        ["Identified", "palette"],
        keys=keys,
        env={"INFOTERM_HOME": str(scratch / "home")},
    )
    return run.keys


def floor_keys(presses: int) -> list[float]:
    run = measure(
        [sys.executable, str(HERE / "floor_app.py")], ["hello", "Quit"], keys=["j"] * presses
    )
    return run.keys


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--keep", metavar="DIR", help="keep the seeded databases in DIR")
    parser.add_argument(
        "--against", metavar="PYTHON", help="another venv's python: its infoterm, side by side"
    )
    args = parser.parse_args()
    runs = 5 if args.quick else 12
    now = datetime.now(UTC)
    scratch = Path(args.keep or tempfile.mkdtemp(prefix="infoterm-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    dbs = {}
    for size in (1_000, 10_000):
        dbs[size] = scratch / f"seed-{size}.db"
        if not dbs[size].exists():
            start = time.perf_counter()
            seed(dbs[size], size, now)
            print(f"seeded {size:,} contacts in {time.perf_counter() - start:.1f} s")

    print(f"\nfirst painted board, 120x40, medians of {runs} alternating runs")
    r = first_paint(dbs, scratch, runs, args.against)
    for size in dbs:
        print(
            f"  {size:>6,} contacts: board {med(r[f'app{size}']) * 1000:4.0f} ms, floor "
            f"{med(r['floor']) * 1000:4.0f} ms, ratio {paired(r[f'app{size}'], r['floor']):.2f}x"
            f" (target <= 1.3x); peak memory {med(r[f'mem{size}']):.0f} MiB"
            f" (floor {med(r['floor_mem']):.0f}, target <= 60)"
        )
    if args.against:
        print(
            f"  --against, 10,000: board {med(r['other']) * 1000:4.0f} ms, ratio"
            f" {paired(r['other'], r['floor']):.2f}x"
        )
    growth = med([b - a for a, b in zip(r["app1000"], r["app10000"], strict=True)]) * 1000
    print(f"  1,000 -> 10,000 contacts adds {growth:.0f} ms, paired median (target <= 30 ms)")

    presses = 10 if args.quick else 20
    print(f"\nkey -> screen change, 10,000 contacts, medians of {presses} presses")
    pythons = (
        {"": sys.executable, " (--against)": args.against} if args.against else {"": sys.executable}
    )
    moves: dict[str, list[float]] = {name: [] for name in pythons}
    cursors: dict[str, list[float]] = {name: [] for name in pythons}
    for _ in range(2):  # alternately: each checkout twice
        for name, python in pythons.items():
            cursors[name] += key_latency(dbs[10_000], scratch, ["down"] * (presses // 2), python)
            # from the requested column: moving into requested first asks for the promised length
            keys = ["l"] + ["L", "H"] * (presses // 4)
            moves[name] += key_latency(dbs[10_000], scratch, keys, python)[1:]
    floor = floor_keys(presses)
    for name in pythons:
        print(f"  cursor down{name:14} {med(cursors[name]) * 1000:5.1f} ms (target <= 10 ms)")
        print(f"  move card (L, H){name:9} {med(moves[name]) * 1000:5.1f} ms (target <= 16 ms)")
    print(f"  floor app key             {med(floor) * 1000:5.1f} ms")

    print("\n`infoterm due` (benchmarks/due.py)")
    due_runs = "10" if args.quick else "30"
    due = [sys.executable, str(HERE / "due.py"), "--runs", due_runs]
    subprocess.run(due + (["--against", args.against] if args.against else []), check=False)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
