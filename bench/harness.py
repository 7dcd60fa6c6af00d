"""Timing and the results file shared by every benchmark."""

import fcntl
import json
import os
import platform
import signal
import statistics
import subprocess
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

RESULTS_JSON = Path(__file__).with_name("results.json")
RESULTS_MD = Path(__file__).with_name("results.md")


def stop_process_group(process: subprocess.Popen) -> None:
    """End a process started in a session of its own, and its children: politely, then after
    30 s for good."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_calls(
    call: Callable[[], object], repeat: int, warmup: int = 3, budget_s: float | None = None
) -> dict[str, float]:
    """Milliseconds per call: p50, p95, max and mean over ``repeat`` calls, or fewer (at
    least five) once ``budget_s`` seconds are spent: a floor's naive SQL can take seconds
    a call at a million people, where a few calls say as much as sixty."""
    deadline = None if budget_s is None else time.perf_counter() + budget_s
    for _ in range(warmup):
        call()
        if deadline is not None and time.perf_counter() > deadline:
            break
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
        if deadline is not None and len(timings) >= 5 and time.perf_counter() > deadline:
            break
    return {
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
        "calls": len(timings),
    }


def time_with_layout(
    call: Callable[[], object], layout: Callable[[], object], repeat: int, warmup: int = 3
) -> dict[str, float]:
    """``time_calls`` of a page, with the layout-alone page (``layout``) called right after
    each call and timed too: both see the same load, however the machine's speed swings,
    and the layout's median goes into the page's floor (``attach_floors``)."""
    for _ in range(warmup):
        call()
        layout()
    timings, layouts = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        middle = time.perf_counter()
        layout()
        timings.append((middle - started) * 1000)
        layouts.append((time.perf_counter() - middle) * 1000)
    return {
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
        "calls": len(timings),
        "layout_p50_ms": round(percentile(layouts, 0.50), 2),
    }


def queries_of(app, call: Callable[[], object]) -> int:
    """How many statements one ``call`` (a request) sends to the database: counted on a
    call of its own, not a timed one."""
    from sqlalchemy import event

    from reintegration.extensions import db

    with app.app_context():
        engine = db.engine
    sent = []

    def count(*_args) -> None:
        sent.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


@cache
def cpu_reference_ms() -> float:
    """The best of five timings of a fixed pure-Python workload, kept with every run.
    Machines of one kind differ in speed, and one machine's speed can swing from minute to
    minute with its host's load (on 7 December 2026 this workload took 38 to 78 ms a
    minute apart): a run's reference says how fast the machine was when it ended, and
    the lowest references tell two machines apart."""

    def work() -> list[str]:
        totals: dict[int, int] = {}
        for number in range(300_000):
            totals[number % 1000] = totals.get(number % 1000, 0) + number
        return sorted(str(total) for total in totals.values())

    timings = []
    for _ in range(5):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return round(min(timings), 1)


# The suite measures some benchmarks on more data than their own size says (the release
# import reads a list of a fixed length into a database of any size): their figures are
# filed under the data's size.
_filed_size: dict[str, int] = {}


def file_under(benchmark: str, size: int) -> None:
    _filed_size[benchmark] = size


@contextmanager
def _locked():
    """Runs of the suite may finish at the same time: one writer at a time."""
    lock_file = RESULTS_JSON.with_name("data") / "results.lock"
    lock_file.parent.mkdir(exist_ok=True)
    with lock_file.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _load() -> dict:
    return json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {"runs": []}


def _save(results: dict) -> None:
    results["runs"].sort(key=lambda r: (r["benchmark"], r["database"], r["size"]))
    RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    write_table(results)


def _key(run: dict) -> tuple:
    return run["benchmark"], run["database"], run["size"]


def record(benchmark: str, database: str, size: int, measures: dict[str, dict]) -> None:
    """Merge one run's measures into results.json (keyed by benchmark, database, size)
    and rewrite the table in results.md."""
    run = {"benchmark": benchmark, "database": database, "size": size}
    if benchmark in _filed_size and _filed_size[benchmark] != size:
        run["size"], run["work_size"] = _filed_size[benchmark], size
    with _locked():
        results = _load()
        results["runs"] = [r for r in results["runs"] if _key(r) != _key(run)]
        results["runs"].append(
            {
                **run,
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()} {platform.python_implementation()} "
                f"{platform.python_version()}",
                "cpu_reference_ms": cpu_reference_ms(),
                "measures": measures,
            }
        )
        _save(results)


def attach_floors(benchmark: str, database: str, size: int, floors: dict[str, dict]) -> None:
    """Add each measure's floor and its ratio (median over the floor) to the run."""
    with _locked():
        results = _load()
        for run in results["runs"]:
            if _key(run) != (benchmark, database, size):
                continue
            for name, floor in floors.items():
                figures = run["measures"].get(name)
                if not isinstance(figures, dict) or "p50_ms" not in figures:
                    continue
                if "floor_ms" not in floor:  # a page: its SQL + the layout timed beside it
                    layout = figures["layout_p50_ms"]
                    floor = {**floor, "floor_ms": round(floor["floor_sql_ms"] + layout, 2)}
                figures.update(floor)
                if floor["floor_ms"] > 0:
                    figures["ratio"] = round(figures["p50_ms"] / floor["floor_ms"], 2)
        _save(results)


def record_note(
    benchmark: str, database: str, size: int, note: str, started: datetime | None = None
) -> None:
    """A run that did not finish: say so in place of its figures, or beside them when the
    run wrote them after ``started`` (it failed after measuring, tidying up)."""
    with _locked():
        results = _load()
        key = (benchmark, database, size)
        since = started.isoformat(timespec="seconds") if started else None
        runs = results["runs"]
        kept = [r for r in runs if _key(r) == key and since and r["measured_at"] >= since]
        results["runs"] = [r for r in results["runs"] if _key(r) != key]
        if kept:
            results["runs"].append({**kept[0], "note": note})
        else:
            results["runs"].append(
                {"benchmark": benchmark, "database": database, "size": size,
                 "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                 "measures": {}, "note": note}
            )  # fmt: skip
        _save(results)


def record_load(figures: dict) -> None:
    with _locked():
        results = _load()
        results["load"] = figures
        _save(results)


RATIO_TARGET = 3

READING_THE_RATIOS = [
    "Where ratios pass 3, and why (figures of the runs below):",
    "",
    "- *Pages* (the case list, the report dashboards). Before its own work every page loads",
    "  the user and their scope, checks the session, draws the menu, counts unread notices and",
    "  renders the layout: the password form, a page with no query of its own, takes 4.5-11 ms,",
    "  12-35 times a bare Flask response of its size (the *layout alone* rows). A page whose SQL",
    "  is faster than that cannot come within 3 times its floor: a caseworker's list (two",
    "  communes) is 5-40 times its floor at every size; an officer's searches 5-17 at 10,000",
    "  people, 1.5-9 at 100,000 and 0.1-1.6 at a million; a dashboard (a table of up to 168",
    "  communes with its charts, about 1,500 cells) 7-25.",
    "- *Import preview.* Its floor is only the SQL of the duplicate check (23-206 ms); the",
    "  preview also parses the Excel file (openpyxl, about a third of its time) and checks every",
    "  row, the similar-name check included: 52-359 times its floor. Preview and commit",
    "  together: 3.2-4.6; the commit alone 1.0-1.8.",
    "- *Batch jobs on small data.* Each job runs in a fresh process: compiling its statements",
    "  is a fixed cost that the floor's hand-written SQL does not pay. It shows at 10,000",
    "  people (the sweep's second run on SQLite: 88 ms against a 5 ms floor) and fades by a",
    "  million.",
    "- *The daily sweep's first run* over a backlog (650,000 follow-ups missed at a million",
    "  people) marks them 5,000 to a transaction, so as not to hold a million row locks for a",
    "  minute; the floor is one UPDATE (3.5 on PostgreSQL at a million).",
    "- *The report build* at 10,000 and 100,000 people (6.3-9.4, 1.5 on SQLite at 100,000)",
    "  counts distinct people per commune for 39 figures and writes 35 snapshots; the floor",
    "  counts rows per province. At a million: 0.6 on SQLite, 2.3 on PostgreSQL.",
    "- *Matching.* The floor is the straightforward SQL that scores every candidate; the app",
    "  stops once nobody left can reach the 20th place, so it is faster than its floor.",
]


def write_table(results: dict) -> None:
    references = sorted(r["cpu_reference_ms"] for r in results["runs"] if "cpu_reference_ms" in r)
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` and `make load`; every figure is in results.json. *floor*: the",
        "database's own time for the same work in hand-written SQL (for a page, plus a bare",
        "Flask response); *ratio*: the measure's median over the floor's (target ≤ 3).",
        "",
    ]
    if references:
        lines += [
            f"CPU reference of the runs: {references[0]}-{references[-1]} ms (a fixed",
            "pure-Python workload timed as each run ends, `cpu_reference_ms`; lower is faster).",
            "A wide range means the machine's speed swung with its host's load during the",
            "suite, and every figure carries that noise; the lowest reference compares machines.",
            "",
        ]
    lines += [
        *READING_THE_RATIOS,
        "",
        "| benchmark | database | size | measure | queries | p50 ms | p95 ms | floor ms | ratio "
        "| target |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in results["runs"]:
        if run.get("note"):
            lines.append(
                f"| {run['benchmark']} | {run['database']} | {run['size']:,} | "
                f"*{run['note']}* | | | | | | |"
            )
        for name, figures in run["measures"].items():
            if not isinstance(figures, dict) or "p50_ms" not in figures:
                continue
            target = figures.get("target_p95_ms")
            met = "" if target is None else _met(figures["p95_ms"] <= target)
            ratio = figures.get("ratio")
            shown = (
                "" if ratio is None else (f"{ratio}" if ratio <= RATIO_TARGET else f"**{ratio}**")
            )
            label = name if "work_size" not in run else f"{name} (list of {run['work_size']:,})"
            lines.append(
                f"| {run['benchmark']} | {run['database']} | {run['size']:,} | {label} | "
                f"{figures.get('queries', '')} | {figures['p50_ms']} | "
                f"{figures.get('p95_ms', '')} | "
                f"{figures.get('floor_ms', '')} | {shown} | "
                f"{'' if target is None else f'p95 ≤ {target} {met}'} |"
            )
    load = results.get("load")
    if load:
        lines += [
            "",
            f"## Load: {load['users']} caseworkers, {load['duration_s']} s, gunicorn "
            f"({load['workers']} workers) + PostgreSQL, {load['size']:,} people",
            "",
            f"{load['requests']:,} requests, {load['failures']} failures, "
            f"{load['server_errors']} server errors (5xx).",
            "",
            "| request | count | p50 ms | p95 ms | max ms | p95 target |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for name, row in load["requests_by_name"].items():
            target = row.get("target_p95_ms")
            met = "" if target is None else _met(row["p95_ms"] <= target)
            lines.append(
                f"| {name} | {row['count']:,} | {row['p50_ms']} | {row['p95_ms']} | "
                f"{row['max_ms']} | {'' if target is None else f'≤ {target} {met}'} |"
            )
    RESULTS_MD.write_text("\n".join(lines) + "\n")


def _met(met: bool) -> str:
    return "met" if met else "**not met**"
