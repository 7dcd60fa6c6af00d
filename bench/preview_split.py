"""Where the national list's preview spends its CPU (issue 18), without a profiler's cost:

    python -m bench.preview_split sqlite|postgresql [--size 100000]

On a working copy of the kept release_import data (built by ``python -m bench
release_import``), the national list of ``release_import.NATIONAL_ROWS`` rows is uploaded
and previewed once, in this process, with each step's CPU (``time.process_time``) and the
garbage collector's printed. Records nothing: to compare two versions of the code, run it
in each checkout one after the other (the machine's load changes by the minute).
"""

import argparse
import gc
import time
from collections import defaultdict
from datetime import date

from bench import datasets
from bench.__main__ import postgres_url
from bench.release_import import NATIONAL_ROWS, national_file, upload_list

STEPS = (
    ("read_table", "the file read"),
    ("RowReader.read", "the rows' checks"),
    ("RowReader._place", "  of which the addresses"),
    ("check_request", "  of which the registration checks"),
    ("_write", "the rows written (own and handed over)"),
    ("to_json", "  of which their registrations as JSON"),
    ("_mark_known", "the ID numbers on file"),
    ("_mark_similar", "the similar people on file"),
    ("_hand_over", "the other provinces' lists (their writing included)"),
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.preview_split")
    parser.add_argument("database", choices=["sqlite", "postgresql"])
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    from reintegration.extensions import db
    from reintegration.imports.models import ImportBatch
    from reintegration.imports.services import analysis
    from reintegration.imports.tasks import run_pending_imports

    store = datasets.Store(args.database, postgres_url(args.database))
    name, work = datasets.pristine_name("release_import", args.size), "preview_split"
    if store.key_of(name) is None:
        raise SystemExit(f"No kept data {name}: run python -m bench release_import first.")
    work = datasets.working_name(work, args.size)
    store.copy(name, work)
    spent: dict[str, float] = defaultdict(float)
    for dotted, label in STEPS:
        owner, attribute = analysis, dotted
        if "." in dotted:
            klass, attribute = dotted.split(".")
            owner = getattr(analysis, klass)
        setattr(owner, attribute, _timed(getattr(owner, attribute), label, spent))
    collecting = {"started": 0.0, "spent": 0.0, "full": 0}

    def collector(phase: str, info: dict) -> None:
        if phase == "start":
            collecting["started"] = time.process_time()
        else:
            collecting["spent"] += time.process_time() - collecting["started"]
            collecting["full"] += info["generation"] == 2

    try:
        app = datasets.app_for(store.url(work))
        with app.app_context():
            content, _in_scope = national_file(NATIONAL_ROWS, date.today())
            batch_id, _officer, _content = upload_list(NATIONAL_ROWS, "toan-quoc.xlsx", content)
            gc.callbacks.append(collector)
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            gc.callbacks.remove(collector)
            batch = db.session.get(ImportBatch, batch_id)
            print(f"preview of {NATIONAL_ROWS:,} rows ({args.database}): {wall:.1f} s wall, "
                  f"{cpu:.1f} s CPU, {batch.status}; rows {dict(batch.counts)}")  # fmt: skip
            print(f"  {collecting['spent']:6.2f} s  garbage collection ({collecting['full']} full)")
            for _dotted, label in STEPS:
                print(f"  {spent[label]:6.2f} s  {label}")
            db.session.remove()
            db.engine.dispose()
    finally:
        store.drop(work)


def _timed(function, label: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return timed


if __name__ == "__main__":
    main()
