"""python -m bench BENCHMARK --size N --database sqlite|postgresql

The SQLite database lives in bench/data/; PostgreSQL's URL comes from
REINTEGRATION_BENCH_POSTGRES_URL (make bench creates an empty database for it).
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from bench import followup_sweep, matching, people_search, release_import, reports
from bench.setup import analyse, bench_app, fresh_schema, make_users

DATA = Path(__file__).with_name("data")
BENCHMARKS = {
    "people_search": people_search,
    "followup_sweep": followup_sweep,
    "matching": matching,
    "reports": reports,
    "release_import": release_import,
}


def database_url(database: str, benchmark: str) -> str:
    if database == "sqlite":
        DATA.mkdir(exist_ok=True)
        # One file per benchmark: two benchmarks never rebuild each other's database.
        name = "bench.db" if benchmark == "people_search" else f"{benchmark}.db"
        return f"sqlite:///{DATA / name}"
    url = os.environ.get("REINTEGRATION_BENCH_POSTGRES_URL")
    if not url:
        sys.exit("Set REINTEGRATION_BENCH_POSTGRES_URL (make bench does it).")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("benchmark", choices=sorted(BENCHMARKS))
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()

    module = BENCHMARKS[args.benchmark]
    app = bench_app(database_url(args.database, args.benchmark), str(DATA / "instance"))
    started = time.perf_counter()
    fresh_schema(app)
    communes = module.build(app, args.size)
    users = make_users(app, communes)
    analyse(app)
    print(f"built {args.size:,} people on {args.database} in {time.perf_counter() - started:.1f} s")
    # A serving worker does not carry the builder's garbage: collect it, then keep the
    # long-lived objects out of later collections, as a warmed-up worker would.
    gc.collect()
    gc.freeze()
    figures = module.measure(app, users, args.database, args.size)
    for name, row in figures.items():
        flag = "" if row["p95_ms"] <= row["target_p95_ms"] else "  (over target)"
        print(f"  {name:<36} p50 {row['p50_ms']:>7.1f} ms   p95 {row['p95_ms']:>7.1f} ms{flag}")


if __name__ == "__main__":
    main()
