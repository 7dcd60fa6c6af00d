"""Load test: caseworkers at work on gunicorn + PostgreSQL, on loopback, for a fixed time.

    python -m bench load --users 50 --duration 120   (make load)

The data is the daily jobs' data set (bench.followup_sweep): the people of Hồ Chí Minh City
spread over its 168 communes, each commune with its caseworker (bench.cw001…) and its
cases assigned, follow-ups and contacts; a copy of the cached database is served. Each
simulated caseworker is one of those accounts: it opens the login page, logs in with the
form's CSRF token, then, pausing 1 to 3 s between pages as a person reads, opens its case
list (sometimes searching it) and the case files it finds there (the overview and the
follow-ups tab). Out-of-scope answers would show as failures (404), server errors as 5xx.

gunicorn runs as the README deploys it (4 sync workers) but in the development mode: the
production mode marks the session cookie Secure, which a client on plain http does not
send back (in production TLS ends at the reverse proxy). The driver is locust, used as a
library (``pip install -e '.[bench]'``, which make load does): its gevent users are cheap
enough that 50 of them leave the two cores to the server.
"""

import argparse
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import harness

TARGETS_P95_MS = {"case list": 300, "case page": 300}
WORKERS = 4
PAGE_PAUSE_S = (1.0, 3.0)
SEARCHES = ["nguyen", "tran", "van hung", "thi", "le", "pham"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(size: int) -> str:
    """A copy of the cached daily-jobs data at ``size`` on PostgreSQL; its URL."""
    command = [sys.executable, "-c", (
        "import sys; from bench import datasets; from bench.__main__ import ensure_data; "
        f"print('URL=' + ensure_data('followup_sweep', {size}, 'postgresql', "
        "datasets.PREFIX + '_load'))"
    )]  # fmt: skip
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return next(line[4:] for line in out.splitlines() if line.startswith("URL="))


def start_server(url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "REINTEGRATION_ENV": "development",
        "REINTEGRATION_SECRET_KEY": secrets.token_urlsafe(48),
        "REINTEGRATION_DATABASE_URL": url,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = Path(__file__).with_name("data") / "load-server.log"
    log.parent.mkdir(exist_ok=True)  # a fresh clone has no bench/data yet
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
             "reintegration:create_app()"],
            env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    harness.stop_process_group(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def drive(host: str, users: int, duration: int) -> dict:
    """Run the simulated caseworkers; every request's time and status, by name."""
    import gevent
    from locust import FastHttpUser, between, task
    from locust.env import Environment

    from bench import PASSWORD

    accounts = iter(f"bench.cw{n:03d}" for n in range(1, 169))
    samples: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}

    class Caseworker(FastHttpUser):
        wait_time = between(*PAGE_PAUSE_S)

        def on_start(self) -> None:
            self.username = next(accounts)
            page = self.client.get("/login", name="login page").text
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
            with self.client.post(
                "/login", name="login",
                data={"csrf_token": token, "username": self.username, "password": PASSWORD},
                allow_redirects=False, catch_response=True,
            ) as answer:  # fmt: skip
                if answer.status_code != 302:
                    answer.failure(f"login of {self.username}: HTTP {answer.status_code}")
            self.case_ids: list[int] = []
            self.case_list()

        def _remember(self, html: str) -> None:
            found = [int(i) for i in re.findall(r'href="/cases/(\d+)"', html)]
            if found:
                self.case_ids = found

        @task(3)
        def case_list(self) -> None:
            self._remember(self.client.get("/people/", name="case list").text)

        @task(1)
        def case_list_search(self) -> None:
            search = random.choice(SEARCHES)  # noqa: S311
            self.client.get("/people/", params={"q": search}, name="case list")

        @task(4)
        def case_page(self) -> None:
            if self.case_ids:
                case = random.choice(self.case_ids)  # noqa: S311
                self.client.get(f"/cases/{case}", name="case page")

        @task(1)
        def follow_ups_tab(self) -> None:
            if self.case_ids:
                case = random.choice(self.case_ids)  # noqa: S311
                self.client.get(f"/cases/{case}?tab=follow_ups", name="case page: follow-ups tab")

    environment = Environment(user_classes=[Caseworker], host=host)

    def on_request(name, response_time, response=None, exception=None, **_kw):
        samples.setdefault(name, []).append(response_time)
        code = getattr(response, "status_code", 0) or 0
        statuses[code] = statuses.get(code, 0) + 1

    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(1, users // 10))
    gevent.spawn_later(duration, runner.quit)
    runner.greenlet.join(timeout=duration + 60)
    runner.quit()  # no-op when the timer already stopped it
    failures = sum(entry.num_failures for entry in environment.stats.entries.values())
    return {"samples": samples, "statuses": statuses, "failures": failures}


def summarise(outcome: dict, users: int, duration: int, size: int) -> dict:
    by_name = {}
    for name, times in sorted(outcome["samples"].items()):
        row = {
            "count": len(times),
            "p50_ms": round(harness.percentile(times, 0.50), 1),
            "p95_ms": round(harness.percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
        }
        if name in TARGETS_P95_MS:
            row["target_p95_ms"] = TARGETS_P95_MS[name]
        by_name[name] = row
    server_errors = sum(n for code, n in outcome["statuses"].items() if code >= 500)
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "users": users,
        "duration_s": duration,
        "server": f"gunicorn, {WORKERS} sync workers, PostgreSQL, loopback",
        "workers": WORKERS,
        "size": size,
        "pause_between_pages_s": list(PAGE_PAUSE_S),
        "requests": sum(r["count"] for r in by_name.values()),
        "failures": outcome["failures"],
        "server_errors": server_errors,
        "statuses": {str(k): v for k, v in sorted(outcome["statuses"].items())},
        "requests_by_name": by_name,
        "met": server_errors == 0
        and all(by_name.get(n, {}).get("p95_ms", 1e9) <= t for n, t in TARGETS_P95_MS.items()),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--size", type=int, default=100_000, help="people in the database")
    args = parser.parse_args(argv)
    if args.users > 168:
        sys.exit("There are 168 caseworker accounts (one per commune of the city).")
    url = prepare_database(args.size)
    port = free_port()
    server = start_server(url, port)
    load_before = os.getloadavg()[0]
    try:
        outcome = drive(f"http://127.0.0.1:{port}", args.users, args.duration)
    finally:
        harness.stop_process_group(server)
    figures = summarise(outcome, args.users, args.duration, args.size)
    # The machine is shared: its load says how much of the two cores the server had.
    figures["machine_load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    harness.record_load(figures)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if not figures["met"]:
        print("Load target NOT met (see above).")
