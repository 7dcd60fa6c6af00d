"""Every benchmark at every size on every database, each in its own process and bounded in
time; a run that fails or overruns is written down as such, and the suite goes on.

    python -m bench suite --sizes 10000 100000 --databases sqlite postgresql
"""

import argparse
import os
import subprocess
import sys
import time
from collections import deque
from datetime import UTC, datetime

from bench import harness

SIZES = [10_000, 100_000, 1_000_000]
DATABASES = ["sqlite", "postgresql"]


def run_one(name: str, size: int, database: str, limit_s: float, import_rows: int) -> str:
    command = [sys.executable, "-m", "bench", name, "--size", str(size),
               "--database", database, "--import-rows", str(import_rows)]  # fmt: skip
    print(f"$ {' '.join(command[1:])}  (at most {limit_s / 60:.0f} min)", flush=True)
    started_at = datetime.now(UTC)
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (our own module)
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    tail: deque[str] = deque(maxlen=8)
    deadline = started + limit_s
    os.set_blocking(process.stdout.fileno(), False)
    while process.poll() is None:
        line = process.stdout.readline()
        if line:
            print("  " + line.rstrip(), flush=True)
            tail.append(line.rstrip())
            continue
        if time.monotonic() > deadline:
            harness.stop_process_group(process)
            note = f"stopped after {limit_s / 60:.0f} min (the suite's time limit for this run)"
            harness.record_note(name, database, size, note, started_at)
            return note
        time.sleep(0.2)
    # What the run wrote last, line by line: the pipe is non-blocking, and a process the
    # run started may still hold it open, so read() could find nothing yet and fail.
    for line in iter(process.stdout.readline, ""):
        print("  " + line.rstrip(), flush=True)
        tail.append(line.rstrip())
    elapsed = time.monotonic() - started
    if process.returncode != 0:
        note = f"failed: {tail[-1] if tail else 'exit code ' + str(process.returncode)}"
        harness.record_note(name, database, size, note[:300], started_at)
        return note
    return f"done in {elapsed / 60:.1f} min"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench suite", description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=DATABASES)
    parser.add_argument("--benchmarks", nargs="+", default=None)
    parser.add_argument("--minutes-per-run", type=float, default=30,
                        help="a run's time limit below a million people")  # fmt: skip
    parser.add_argument("--minutes-at-a-million", type=float, default=90,
                        help="time for all runs of a database at a million people")  # fmt: skip
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args(" ".join(argv).split())
    from bench.__main__ import BENCHMARKS

    chosen = args.benchmarks or BENCHMARKS
    summary = []
    for size in sorted(args.sizes):
        for database in args.databases:
            budget_end = time.monotonic() + args.minutes_at_a_million * 60
            for name in chosen:
                limit = args.minutes_per_run * 60
                if size >= 1_000_000:
                    limit = budget_end - time.monotonic()
                    if limit < 60:
                        note = "not run: the time for a million people was used up"
                        harness.record_note(name, database, size, note)
                        summary.append((name, size, database, note))
                        continue
                outcome = run_one(name, size, database, limit, args.import_rows)
                summary.append((name, size, database, outcome))
    print("\nSummary:")
    for name, size, database, outcome in summary:
        print(f"  {name:<16} {size:>9,} {database:<11} {outcome}")
