"""Issue 4: the daily follow-up jobs over 200,000 cases and 2 million follow-up rows, each
under 60 s, in bounded memory.

The data: ``size`` people in Hồ Chí Minh City (168 communes, a caseworker each, every case
assigned), 10 follow-ups per case spread around "today" (every 35 days from 120 days
before it, at a phase that differs per case; one case in fifty every 25 days, so its rows
run out sooner and the daily extension tops it up), past ones mostly done, some missed,
one in five still due; and a contact for every other case in the last 120 days. So the
first sweep marks about 140,000 follow-ups missed and sends some 15,000 reminders, and the
escalation tells the province officer of some 20,000 silent cases: the worst day (the
first run after a backlog), not an ordinary one.

Each job runs in a fresh process: the figures are its wall time, and its memory: the peak
of the process's private memory (RssAnon, sampled) above its size once the app is loaded,
and the peak resident size (VmHWM, reset before the job), which on SQLite also counts the
database file's pages mapped by ``PRAGMA mmap_size`` (up to 256 MiB of shared file cache). Each
runs twice; the second run (nothing left to do) shows the cost of an ordinary morning and
that nothing is sent twice.
"""

import multiprocessing
import random
import resource
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from flask import Flask
from sqlalchemy import func, select, text

from bench.harness import record
from bench.setup import HO_CHI_MINH, PASSWORD, bench_app
from bench.synthetic import commune_codes
from reintegration.accounts import services as accounts
from reintegration.accounts.models import Role
from reintegration.casework.models import FollowUp
from reintegration.extensions import db
from reintegration.notifications.models import Notification

TARGET_MS = 60_000
TODAY = date(2025, 12, 1)  # every synthetic release is 1 to 11 months before it
ROWS_PER_CASE = 10
SEED = 20251201
COPY_BATCH = 50_000

# name → the job (called with the benchmark's day)
JOBS = {
    "sweep_follow_ups": "reintegration.casework.tasks:sweep_follow_ups",
    "escalate_silent_cases": "reintegration.casework.tasks:escalate_silent_cases",
    "extend_follow_up_schedules": "reintegration.casework.tasks:extend_follow_up_schedules",
}


# The people, releases and cases this benchmark's data starts from (bench.datasets):
# everyone spread over the whole country (None) or all in one province.
POPULATION: int | None = HO_CHI_MINH


def build(app: Flask, size: int) -> list[int]:
    with app.app_context():
        communes = commune_codes(HO_CHI_MINH)
        caseworkers = make_caseworkers(communes)
        assign_caseworkers()
        rng = random.Random(SEED)  # noqa: S311 (repeatable test data)
        started = time.perf_counter()
        bulk_insert("follow_ups", FOLLOW_UP_COLUMNS, follow_up_rows(size, rng))
        bulk_insert("contacts", CONTACT_COLUMNS, contact_rows(size, caseworkers, rng))
        reset_sequence("follow_ups")
        reset_sequence("contacts")
        print(f"  follow-ups and contacts written in {time.perf_counter() - started:.1f} s")
        return communes


def make_caseworkers(communes: list[int]) -> dict[int, int]:
    """One caseworker per commune: commune code → user id."""
    ids = {}
    for number, code in enumerate(communes, start=1):
        user = accounts.create_user(
            username=f"bench.cw{number:03d}", full_name=f"Cán bộ xã {number}",
            role=Role.CASEWORKER, password=PASSWORD,
            scope=accounts.Scope(province_code=HO_CHI_MINH, commune_codes=(code,)),
        )  # fmt: skip
        ids[code] = user.id
    db.session.commit()
    return ids


def assign_caseworkers() -> None:
    db.session.execute(
        text(
            "UPDATE cases SET caseworker_id = (SELECT min(user_id) FROM user_communes "
            "WHERE user_communes.commune_code = cases.commune_code)"
        )
    )
    db.session.commit()


FOLLOW_UP_COLUMNS = (
    "id", "case_id", "due_on", "kind", "status", "generated", "done_on", "done_by_id",
    "outcome", "created_at", "updated_at",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "case_id", "kind", "contact_on", "participants", "what_happened", "author_id",
    "created_at", "updated_at",
)  # fmt: skip


def follow_up_rows(size: int, rng: random.Random) -> Iterator[tuple]:
    now = datetime.now(UTC)
    number = 0
    for case_id in range(1, size + 1):
        spacing = 25 if case_id % 50 == 0 else 35
        phase = rng.randrange(spacing)
        for k in range(ROWS_PER_CASE):
            due = TODAY + timedelta(days=-120 + k * spacing + phase)
            status, done_on, outcome = "due", None, None
            if due < TODAY:
                roll = rng.random()
                if roll < 0.7:
                    status, done_on, outcome = "done", due, "Gặp tại nhà"
                elif roll < 0.8:
                    status = "missed"
            number += 1
            yield (number, case_id, due, "home_visit", status, True, done_on, None, outcome,
                   now, now)  # fmt: skip


def contact_rows(size: int, caseworkers: dict[int, int], rng: random.Random) -> Iterator[tuple]:
    now = datetime.now(UTC)
    author = next(iter(caseworkers.values()))
    for number, case_id in enumerate(range(1, size + 1, 2), start=1):
        contact_on = TODAY - timedelta(days=rng.randrange(120))
        yield (number, case_id, "phone_call", contact_on, "Người được theo dõi",
               "Gọi điện hỏi thăm", author, now, now)  # fmt: skip


def bulk_insert(table: str, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
    """COPY on PostgreSQL, executemany of plain tuples on SQLite: minutes become seconds."""
    connection = db.session.connection().connection.driver_connection
    names = ", ".join(columns)
    if db.engine.dialect.name == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        db.session.commit()
        return
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (fixed names)
    batch = []
    for row in rows:
        batch.append(tuple(_sqlite_value(value) for value in row))
        if len(batch) == COPY_BATCH:
            connection.executemany(sql, batch)
            batch = []
    if batch:
        connection.executemany(sql, batch)
    db.session.commit()


def _sqlite_value(value):
    """As SQLAlchemy stores them on SQLite: instants as naive UTC text, days as ISO text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


def reset_sequence(table: str) -> None:
    """Rows were written with explicit ids: PostgreSQL's sequence must move past them."""
    if db.engine.dialect.name == "postgresql":
        sql = (
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 (fixed names)
        )
        db.session.execute(text(sql))
        db.session.commit()


def _memory_kib(field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc; ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    """Start the peak (VmHWM) afresh from the present size (Linux 4.0 and later); the
    high-water mark a spawned process inherits through exec would hide the job's own."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass


class _AnonymousPeak:
    """The peak of RssAnon (the process's private memory: Python's objects, the database
    driver's buffers and SQLite's page cache), sampled every 20 ms while the job runs.
    VmHWM also counts the database file's pages SQLite maps (mmap_size, 256 MiB), which
    are the operating system's cache, shared and reclaimable, not the job's memory."""

    def __init__(self) -> None:
        self.peak = _memory_kib("RssAnon")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _memory_kib("RssAnon"))

    def __enter__(self) -> "_AnonymousPeak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _memory_kib("RssAnon"))


def _run_job(url: str, instance: str, dotted: str, queue) -> None:
    """In a fresh process: load the app, then run the job once, timed and measured."""
    from werkzeug.utils import import_string

    app = bench_app(url, instance)
    job = import_string(dotted.replace(":", "."))
    with app.app_context():
        db.session.execute(select(1))  # connect before measuring
        baseline, anonymous = _memory_kib("VmRSS"), _memory_kib("RssAnon")
        _reset_peak()
        with _AnonymousPeak() as sampler:
            started = time.perf_counter()
            result = job(TODAY)
            elapsed = time.perf_counter() - started
        peak = _memory_kib("VmHWM")
        db.session.remove()
    queue.put({"seconds": elapsed, "result": result, "baseline_kib": baseline, "peak_kib": peak,
               "anon_baseline_kib": anonymous, "anon_peak_kib": sampler.peak})  # fmt: skip


def run_in_fresh_process(app: Flask, dotted: str) -> dict:
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run_job, args=(url, app.instance_path, dotted, queue))
    process.start()
    outcome = queue.get(timeout=600)
    process.join(60)
    if process.exitcode != 0:
        raise RuntimeError(f"{dotted} ended with exit code {process.exitcode}")
    return outcome


def measure(app: Flask, users: dict[str, str], database: str, size: int) -> dict:
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(FollowUp))
        db.session.remove()
    print(f"  {rows:,} follow-up rows; jobs run for {TODAY:%d/%m/%Y}")
    figures = {}
    for name, dotted in JOBS.items():
        for attempt in ("first run", "second run"):
            outcome = run_in_fresh_process(app, dotted)
            milliseconds = round(outcome["seconds"] * 1000, 1)
            figures[f"{name}: {attempt}"] = {
                "p50_ms": milliseconds,
                "p95_ms": milliseconds,
                "calls": 1,
                "target_p95_ms": TARGET_MS,
                "result": outcome["result"],
                "process_mib_before": round(outcome["baseline_kib"] / 1024, 1),
                "peak_rss_mib": round(outcome["peak_kib"] / 1024, 1),
                "private_mib_before": round(outcome["anon_baseline_kib"] / 1024, 1),
                "private_peak_mib": round(outcome["anon_peak_kib"] / 1024, 1),
                "job_private_mib": round(
                    (outcome["anon_peak_kib"] - outcome["anon_baseline_kib"]) / 1024, 1
                ),
            }
            row = figures[f"{name}: {attempt}"]
            print(f"  {name} ({attempt}): {outcome['seconds']:.1f} s; private memory "
                  f"+{row['job_private_mib']} MiB (peak {row['private_peak_mib']} MiB), "
                  f"peak RSS with mapped pages {row['peak_rss_mib']} MiB; "
                  f"{outcome['result']}")  # fmt: skip
    with app.app_context():
        notices = db.session.scalar(select(func.count()).select_from(Notification))
        db.session.remove()
    print(f"  {notices:,} notifications after both runs of every job")
    record("followup_sweep", database, size, {
        **figures, "data": {"follow_up_rows": rows, "notifications": notices},
    })  # fmt: skip
    return figures
