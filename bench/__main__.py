"""python -m bench BENCHMARK --size N --database sqlite|postgresql
python -m bench suite [--sizes 10000 100000 1000000] [--databases sqlite postgresql]
python -m bench build [--sizes 10000 100000 1000000] [--databases sqlite postgresql]
python -m bench load [--users 50] [--duration 120]

A benchmark's data is built once per size and database and kept (bench.datasets): SQLite
files in bench/data/cache/, PostgreSQL databases on the cluster of
REINTEGRATION_BENCH_POSTGRES_URL (make bench sets it). Each measure gets its floor
(bench.floors) measured in the same run.
"""

import argparse
import gc
import importlib
import os
import sys
import time

BENCHMARKS = ["people_search", "followup_sweep", "reports", "release_import", "matching"]
# The import reads a list of this many rows whatever the number of people on file: a list
# as long as the whole database would take hours at a million (20,000 rows take minutes).
IMPORT_ROWS = 10_000


def postgres_url(database: str) -> str | None:
    if database == "sqlite":
        return None
    url = os.environ.get("REINTEGRATION_BENCH_POSTGRES_URL")
    if not url:
        sys.exit("Set REINTEGRATION_BENCH_POSTGRES_URL (make bench does it).")
    return url


def ensure_data(
    name: str, size: int, database: str, target: str | None = None, working_copy: bool = True
) -> str:
    """The URL of a database with ``name``'s data at ``size`` (built now unless cached)."""
    from bench import datasets
    from bench.setup import analyse, make_users
    from reintegration.extensions import db

    module = importlib.import_module(f"bench.{name}")

    def build(url: str) -> None:
        app = datasets.app_for(url)
        make_users(app, module.build(app, size))
        analyse(app)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

    started = time.perf_counter()
    store = datasets.Store(database, postgres_url(database))
    url, built = datasets.prepare(store, name, size, build, target, working_copy)
    how = "built" if built else "from the cache"
    print(f"{name}: {size:,} people on {database}, {how} in {time.perf_counter() - started:.1f} s")
    return url


def run_benchmark(name: str, size: int, database: str, import_rows: int) -> None:
    from bench import datasets, floors, harness
    from reintegration.accounts.models import User
    from reintegration.extensions import db

    module = importlib.import_module(f"bench.{name}")
    store = datasets.Store(database, postgres_url(database))
    url = ensure_data(name, size, database)
    app = datasets.app_for(url)
    with app.app_context():
        names = ("bench.officer", "bench.caseworker")
        users = {
            u.role.value: u.username
            for u in db.session.query(User).filter(User.username.in_(names))
        }
        db.session.remove()
    # A serving worker does not carry the builder's garbage: collect it, then keep the
    # long-lived objects out of later collections, as a warmed-up worker would.
    gc.collect()
    gc.freeze()
    work_size = size
    if name == "release_import":
        work_size = min(size, import_rows)
        harness.file_under(name, size)
    floor = getattr(floors, name)
    before = {}
    if name in floors.BEFORE:
        before = floor(app, size, work_size) if name == "release_import" else floor(app, size)
    figures = module.measure(app, users, database, work_size)
    after = before or floor(app, size)
    harness.attach_floors(name, database, size, after)
    for measure, row in figures.items():
        if not isinstance(row, dict) or "p50_ms" not in row:
            continue
        floor = after.get(measure, {})
        floor_ms = floor.get("floor_ms")
        if floor_ms is None and "floor_sql_ms" in floor:  # a page: its SQL + the layout
            floor_ms = floor["floor_sql_ms"] + row["layout_p50_ms"]
        ratio = (
            f"  floor {floor_ms:>9.1f} ms  ratio {row['p50_ms'] / floor_ms:5.1f}"
            if floor_ms
            else ""
        )
        print(f"  {measure:<48} p50 {row['p50_ms']:>9.1f} ms  p95 {row['p95_ms']:>9.1f} ms{ratio}")
    if name not in datasets.READ_ONLY:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        store.drop(datasets.working_name(name, size))


def build_only(argv: list[str]) -> None:
    """Build (or find kept) every benchmark's data without measuring: the long part of a
    first run at a million people, which can go ahead while nothing is being timed."""
    from bench.suite import DATABASES, SIZES

    parser = argparse.ArgumentParser(prog="python -m bench build")
    parser.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=DATABASES)
    parser.add_argument("--benchmarks", nargs="+", choices=BENCHMARKS, default=BENCHMARKS)
    args = parser.parse_args(argv)
    for size in sorted(args.sizes):
        for database in args.databases:
            for name in args.benchmarks:
                ensure_data(name, size, database, working_copy=False)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "load":
        from bench import load

        load.main(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        build_only(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "suite":
        from bench import suite

        suite.main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("benchmark", choices=BENCHMARKS)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--import-rows", type=int, default=IMPORT_ROWS)
    args = parser.parse_args()
    run_benchmark(args.benchmark, args.size, args.database, args.import_rows)


if __name__ == "__main__":
    main()
