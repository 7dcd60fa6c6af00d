"""Issue 23: preparing a phone's visits. The demo province (``flask seed-demo``: its
caseworker follows two communes with two years of work) and the pack of the next 7 days
for that caseworker, as ``POST /api/v1/offline/pack`` builds it: the service's time per
call (each call rolled back, so the audit log does not grow), the cases kept and the
size of the JSON the phone receives.

    python -m bench.offline_pack [--people 1500] [--database sqlite|postgresql]
"""

import argparse
import json
import tempfile
from pathlib import Path

from sqlalchemy import select

from bench.__main__ import postgres_url
from bench.harness import record, time_calls
from bench.setup import bench_app, fresh_schema
from reintegration.accounts.models import User
from reintegration.extensions import db
from reintegration.offline.services import pack

CASEWORKER = "canbo.xa"


def measure(app, people: int) -> dict[str, dict]:
    runner = app.test_cli_runner()
    for args in (["seed-demo", "--people", str(people)],):
        result = runner.invoke(args=args, env={"REINTEGRATION_DEMO_PASSWORD": "bench-password"})
        if result.exit_code != 0:
            raise SystemExit(f"{' '.join(args)} failed: {result.output}")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == CASEWORKER))

        def prepare() -> dict:
            result = pack.prepare(user)
            db.session.rollback()
            return result

        built = prepare()
        size = len(json.dumps(built, default=str, ensure_ascii=False).encode())
        timing = time_calls(prepare, repeat=20, warmup=2)
    return {
        "prepare_pack": {
            **timing,
            "cases": len(built["cases"]),
            "json_bytes": size,
        }
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1500)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = postgres_url(args.database) or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = bench_app(url, folder)
        fresh_schema(app)
        measures = measure(app, args.people)
    record("offline_pack", args.database, args.people, measures)
    print(json.dumps(measures, indent=2))


if __name__ == "__main__":
    main()
