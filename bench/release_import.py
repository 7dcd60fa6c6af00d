"""Issue 8: a release list of ``size`` rows imported in Hồ Chí Minh City, preview plus commit
(every person with a release, a case, its arrival deadline and a year of follow-ups), each
database under 60 s, peak memory under 500 MB.

The data: ``size`` people already on file (the synthetic set, so the duplicate and similar
name checks have work), and an XLSX list of ``size`` rows as a detention facility sends it:
pre-2025 addresses (ward, district, city) converted by the official table, 1 in 200 in a
split ward (left for a decision), 1 in 100 already registered, 1 in 200 with an impossible
date; every row received at the commune three days ago, so each case gets its schedule.

Both steps run in one fresh process, as the scheduler's worker would (the file already
uploaded): the figures are each step's wall time, the process's peak resident size
(VmHWM, which on SQLite also counts the database pages it maps) and its private memory.
"""

import io
import multiprocessing
import random
import time
from datetime import date, timedelta
from queue import Empty

from flask import Flask
from openpyxl import Workbook
from sqlalchemy import Integer, cast, func, select
from werkzeug.datastructures import FileStorage

from bench.followup_sweep import _AnonymousPeak, _memory_kib, _reset_peak
from bench.harness import record
from bench.setup import HO_CHI_MINH, bench_app
from bench.synthetic import commune_codes, vietnamese_name
from reintegration.casework.models import FollowUp
from reintegration.extensions import db
from reintegration.geo.models import CommuneConversion, LegacyCommune
from reintegration.people.models import AmnestyDecision, Case, Person, ReleaseType, Sex

TARGET_MS = 60_000
TARGET_PEAK_MIB = 500
SEED = 20250829
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân",
          "Phường/Xã", "Quận/Huyện", "Tỉnh/Thành phố", "Ngày ra trại", "Ngày tiếp nhận",
          "Trại giam"]  # fmt: skip
LEGACY_HCMC = 79


# The people, releases and cases this benchmark's data starts from (bench.datasets):
# everyone spread over the whole country (None) or all in one province.
POPULATION: int | None = HO_CHI_MINH


def build(app: Flask, size: int) -> list[int]:
    with app.app_context():
        return commune_codes(HO_CHI_MINH)


def legacy_wards() -> tuple[list[LegacyCommune], list[LegacyCommune]]:
    """Old wards of the city that convert to one new ward, and those that were split."""
    rows = db.session.execute(
        select(
            CommuneConversion.legacy_commune_code,
            func.count(),
            func.max(cast(CommuneConversion.partly_merged, Integer)),
        ).group_by(CommuneConversion.legacy_commune_code)
    ).all()
    whole = {code for code, count, partly in rows if count == 1 and not partly}
    split = {code for code, count, _partly in rows if count > 1}
    olds = db.session.scalars(
        select(LegacyCommune).where(LegacyCommune.province_code == LEGACY_HCMC)
    ).all()
    return [o for o in olds if o.code in whole], [o for o in olds if o.code in split]


def list_file(size: int, today: date) -> bytes:
    rng = random.Random(SEED)  # noqa: S311 (repeatable test data)
    whole, split = legacy_wards()
    # People on file listed again, as they are on file (a list with another birth or sex
    # for the same ID number would be an invalid row, not a known one).
    known = db.session.execute(
        select(Person.full_name, Person.birth_date, Person.sex, Person.id_number)
        .where(Person.id_number.is_not(None), Person.birth_date.is_not(None))
        .order_by(Person.id)
        .limit(max(1, size // 100))
    ).all()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH PHẠM NHÂN ĐƯỢC ĐẶC XÁ NĂM 2025 (ĐỢT 2)"])
    sheet.append(HEADER)
    received = (today - timedelta(days=3)).strftime("%d/%m/%Y")
    for number in range(1, size + 1):
        female = rng.random() < 0.08
        year = rng.randint(1960, 2005)
        born = date(year, rng.randint(1, 12), rng.randint(1, 28))
        century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
        id_number = f"079{century_sex}{year % 100:02d}{number:06d}"
        name = vietnamese_name(rng, female)
        if number % 100 == 0 and known:
            name, born, sex, id_number = known.pop()
            female, year = sex == Sex.FEMALE, born.year
        ward = rng.choice(split if number % 200 == 7 and split else whole)
        birth = born.strftime("%d/%m/%Y") if number % 200 != 3 else f"31/02/{year}"
        sheet.append([
            number, name, birth, "Nữ" if female else "Nam", id_number,
            ward.name, ward.district.name, "Thành phố Hồ Chí Minh", "02/09/2025", received,
            "Trại giam Xuân Lộc",
        ])  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload_list(size: int, filename: str = "dac-xa-2025-dot-2.xlsx") -> tuple[int, int, bytes]:
    """The list uploaded by the province officer, as the worker finds it: the batch's id,
    the officer's, and the file."""
    from reintegration.accounts.models import User
    from reintegration.imports.services import batches

    today = date.today()
    officer = db.session.scalar(select(User).where(User.username == "bench.officer"))
    decision = db.session.scalar(select(AmnestyDecision.id).order_by(AmnestyDecision.id))
    content = list_file(size, today)
    batch = batches.create_batch(
        FileStorage(io.BytesIO(content), filename=filename),
        batches.ImportOptions(ReleaseType.AMNESTY, today, amnesty_decision_id=decision),
        officer,
    )
    db.session.commit()
    batch_id, officer_id = batch.id, officer.id
    db.session.remove()
    return batch_id, officer_id, content


def _run(url: str, instance: str, size: int, queue) -> None:
    """In a fresh process: upload the list, then preview and commit it, timed and measured."""
    from reintegration.accounts.models import User
    from reintegration.imports.models import BatchStatus, RowStatus
    from reintegration.imports.services import batches
    from reintegration.imports.tasks import run_pending_imports

    app = bench_app(url, instance)
    with app.app_context():
        batch_id, officer_id, content = upload_list(size)
        baseline, anonymous = _memory_kib("VmRSS"), _memory_kib("RssAnon")
        _reset_peak()
        steps, cpu_seconds = {}, {}
        with _AnonymousPeak() as sampler:
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            steps["preview"] = time.perf_counter() - started
            cpu_seconds["preview"] = time.process_time() - cpu
            batch = db.session.get(batches.ImportBatch, batch_id)
            if batch.status != BatchStatus.READY:
                raise RuntimeError(f"preview ended {batch.status}: {batch.error}")
            counts = dict(batch.counts)
            batches.confirm(batch, db.session.get(User, officer_id))
            db.session.commit()
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            steps["commit"] = time.perf_counter() - started
            cpu_seconds["commit"] = time.process_time() - cpu
        peak = _memory_kib("VmHWM")
        batch = db.session.get(batches.ImportBatch, batch_id)
        if batch.status != BatchStatus.COMMITTED:
            raise RuntimeError(f"commit ended {batch.status}: {batch.error}")
        outcome = {
            "steps": steps, "cpu": cpu_seconds, "counts": counts,
            "imported": batch.count(RowStatus.IMPORTED),
            "bytes": len(content), "baseline_kib": baseline, "peak_kib": peak,
            "anon_baseline_kib": anonymous, "anon_peak_kib": sampler.peak,
        }  # fmt: skip
        db.session.remove()
    queue.put(outcome)


def in_fresh_process(target, *args) -> dict:
    """``target(*args, queue)`` in a spawned process (the worker's memory alone): what it
    put on the queue."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    outcome = None
    while outcome is None:
        try:
            outcome = queue.get(timeout=5)
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"the import ended with exit code {process.exitcode}") from None
    process.join(60)
    if process.exitcode != 0:
        raise RuntimeError(f"the import ended with exit code {process.exitcode}")
    return outcome


def measure(app: Flask, users: dict[str, str], database: str, size: int) -> dict:
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    outcome = in_fresh_process(_run, url, app.instance_path, size)
    with app.app_context():
        cases = db.session.scalar(select(func.count()).select_from(Case))
        follow_ups = db.session.scalar(select(func.count()).select_from(FollowUp))
        db.session.remove()
    total = sum(outcome["steps"].values())
    peak_mib = round(outcome["peak_kib"] / 1024, 1)
    memory = {
        "peak_rss_mib": peak_mib,
        "target_peak_mib": TARGET_PEAK_MIB,
        "peak_met": peak_mib <= TARGET_PEAK_MIB,
        "process_mib_before": round(outcome["baseline_kib"] / 1024, 1),
        "private_peak_mib": round(outcome["anon_peak_kib"] / 1024, 1),
    }
    figures = {
        f"{name} of {size:,} rows": {
            "p50_ms": round(seconds * 1000, 1), "p95_ms": round(seconds * 1000, 1), "calls": 1,
            "cpu_ms": round(outcome["cpu"][name] * 1000, 1),
        }
        for name, seconds in outcome["steps"].items()
    }  # fmt: skip
    figures["preview + commit (schedules included)"] = {
        "p50_ms": round(total * 1000, 1),
        "p95_ms": round(total * 1000, 1),
        "calls": 1,
        "cpu_ms": round(sum(outcome["cpu"].values()) * 1000, 1),
        "target_p95_ms": TARGET_MS,
        **memory,
    }
    for row in figures.values():
        row.setdefault("target_p95_ms", TARGET_MS)
    print(
        f"  {outcome['bytes'] / 1e6:.1f} MB list; rows {outcome['counts']}; imported "
        f"{outcome['imported']:,}; {cases:,} cases and {follow_ups:,} follow-ups on file; peak "
        f"RSS {peak_mib} MiB (private {memory['private_peak_mib']} MiB); CPU "
        f"{sum(outcome['cpu'].values()):.1f} s"
    )
    record("release_import", database, size, {
        **figures,
        "data": {"rows": outcome["counts"], "imported": outcome["imported"],
                 "cases_on_file": cases, "follow_ups_on_file": follow_ups},
    })  # fmt: skip
    return figures
