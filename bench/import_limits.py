"""Issue 24 (S4): the import worker's memory is bounded by the row limit. A list just under
the limit (IMPORT_MAX_ROWS - 1 rows, the release_import benchmark's list as a detention
facility writes it) is read and checked, as the scheduler's worker would, in a fresh
process: its peak resident size (VmHWM) and private memory are the bound to state.
Beside it, issue 18's reading comparison: one 20,000-row list read with calamine (the
app's reader: measuring, header, old-font detection, rows) and with openpyxl (read-only,
streamed), timed alike.

    python -m bench.import_limits --database sqlite --size 10000 [--rows N]

``--size``: the people already on file (release_import's data); ``--rows``: the list's
length (default: just under the configured row limit).
"""

import argparse
import io
import random
import time

from openpyxl import Workbook, load_workbook

from bench import release_import
from bench.followup_sweep import _AnonymousPeak, _memory_kib, _reset_peak
from bench.harness import record, time_calls
from bench.setup import bench_app
from bench.synthetic import vietnamese_name
from reintegration.config import BaseConfig
from reintegration.extensions import db

READING_ROWS = 20_000


def _analyse(url: str, instance: str, rows: int, queue) -> None:
    """In a fresh process: upload the list, then read and check it (no saving)."""
    from reintegration.imports.models import BatchStatus, ImportBatch
    from reintegration.imports.tasks import run_pending_imports

    app = bench_app(url, instance)
    with app.app_context():
        batch_id, _officer, content = release_import.upload_list(rows, "just-under-the-limit.xlsx")
        del content
        baseline, anonymous = _memory_kib("VmRSS"), _memory_kib("RssAnon")
        _reset_peak()
        with _AnonymousPeak() as sampler:
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = _memory_kib("VmHWM")
        batch = db.session.get(ImportBatch, batch_id)
        if batch.status != BatchStatus.READY:
            raise RuntimeError(f"the preview ended {batch.status}: {batch.error}")
        queue.put({
            "preview_s": elapsed, "cpu_s": cpu, "rows": batch.total_rows,
            "baseline_kib": baseline, "peak_kib": peak, "anon_baseline_kib": anonymous,
            "anon_peak_kib": sampler.peak,
        })  # fmt: skip
        db.session.remove()


def reading_list(rows: int) -> bytes:
    rng = random.Random(release_import.SEED)  # noqa: S311 (repeatable test data)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(release_import.HEADER)
    for number in range(1, rows + 1):
        female = rng.random() < 0.08
        sheet.append([
            number, vietnamese_name(rng, female), f"{rng.randint(1, 28):02d}/03/1985",
            "Nữ" if female else "Nam", f"0790850{number:05d}", "Phường 12", "Quận Gò Vấp",
            "Thành phố Hồ Chí Minh", "02/09/2025", "05/09/2025", "Trại giam Xuân Lộc",
        ])  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _expect(found: int, expected: int) -> None:
    if found != expected:
        raise RuntimeError(f"read {found} rows, not {expected}")


def reading_times(app) -> dict:
    """Milliseconds to read every cell of a 20,000-row list, each reader from the bytes."""
    from reintegration.imports.services.columns import count_known
    from reintegration.imports.services.file_checks import Limits, survey
    from reintegration.imports.services.reading import read_table

    content = reading_list(READING_ROWS)

    def with_calamine() -> None:
        with app.app_context():
            table = read_table(content, count_known)
            _expect(sum(1 for _row in table.rows()), READING_ROWS)

    def measured_first() -> None:
        with app.app_context():
            survey(content, Limits.from_config())

    def with_openpyxl() -> None:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        _expect(rows, READING_ROWS + 1)

    return {
        f"read {READING_ROWS:,} rows: calamine (the app's reader)": time_calls(
            with_calamine, repeat=5, warmup=1
        ),
        f"read {READING_ROWS:,} rows: openpyxl read-only": time_calls(
            with_openpyxl, repeat=5, warmup=1
        ),
        f"measure {READING_ROWS:,} rows before reading (the upload's check)": time_calls(
            measured_first, repeat=5, warmup=1
        ),
        "list_bytes": len(content),
    }


def main(argv: list[str] | None = None) -> None:
    from bench.__main__ import ensure_data
    from bench.datasets import app_for

    parser = argparse.ArgumentParser(prog="python -m bench.import_limits", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=BaseConfig.IMPORT_MAX_ROWS - 1)
    args = parser.parse_args(argv)
    url = ensure_data("release_import", args.size, args.database)
    app = app_for(url)
    reading = reading_times(app)
    outcome = release_import.in_fresh_process(_analyse, url, app.instance_path, args.rows)
    peak_mib = round(outcome["peak_kib"] / 1024, 1)
    measures = {
        f"preview of a list of {outcome['rows']:,} rows (limit {BaseConfig.IMPORT_MAX_ROWS:,})": {
            "p50_ms": round(outcome["preview_s"] * 1000, 1),
            "p95_ms": round(outcome["preview_s"] * 1000, 1),
            "calls": 1,
            "cpu_ms": round(outcome["cpu_s"] * 1000, 1),
            "peak_rss_mib": peak_mib,
            "process_mib_before": round(outcome["baseline_kib"] / 1024, 1),
            "private_peak_mib": round(outcome["anon_peak_kib"] / 1024, 1),
            "private_mib_before": round(outcome["anon_baseline_kib"] / 1024, 1),
        },
        **{name: figures for name, figures in reading.items() if isinstance(figures, dict)},
    }
    record("import_limits", args.database, args.size, measures)
    for name, figures in measures.items():
        print(f"  {name:<60} p50 {figures['p50_ms']:>10.1f} ms")
    print(
        f"  peak RSS {peak_mib} MiB (private {measures[next(iter(measures))]['private_peak_mib']}"
        f" MiB) for {outcome['rows']:,} rows; list of 20,000 rows: {reading['list_bytes']:,} B"
    )


if __name__ == "__main__":
    main()
