"""Timing and the results file shared by every benchmark."""

import json
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULTS_JSON = Path(__file__).with_name("results.json")
RESULTS_MD = Path(__file__).with_name("results.md")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_calls(call: Callable[[], object], repeat: int, warmup: int = 3) -> dict[str, float]:
    """Milliseconds per call: p50, p95, max and mean over ``repeat`` calls."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
        "calls": repeat,
    }


def record(benchmark: str, database: str, size: int, measures: dict[str, dict]) -> None:
    """Merge one run's measures into results.json (keyed by benchmark, database, size)
    and rewrite the table in results.md."""
    results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {"runs": []}
    results["runs"] = [
        run
        for run in results["runs"]
        if (run["benchmark"], run["database"], run["size"]) != (benchmark, database, size)
    ]
    results["runs"].append(
        {
            "benchmark": benchmark,
            "database": database,
            "size": size,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()} {platform.python_implementation()} "
            f"{platform.python_version()}",
            "measures": measures,
        }
    )
    results["runs"].sort(key=lambda r: (r["benchmark"], r["database"], r["size"]))
    RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    write_table(results)


def write_table(results: dict) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench`; the figures are in results.json.",
        "",
        "| benchmark | database | size | measure | p50 ms | p95 ms | target | met |",
        "|---|---|---:|---|---:|---:|---|---|",
    ]
    for run in results["runs"]:
        for name, figures in run["measures"].items():
            target = figures.get("target_p95_ms")
            met = "" if target is None else ("yes" if figures["p95_ms"] <= target else "**no**")
            lines.append(
                f"| {run['benchmark']} | {run['database']} | {run['size']:,} | {name} | "
                f"{figures.get('p50_ms', '')} | {figures.get('p95_ms', '')} | "
                f"{'' if target is None else f'≤ {target}'} | {met} |"
            )
    RESULTS_MD.write_text("\n".join(lines) + "\n")
