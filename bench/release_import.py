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

Then a national list as a facility writes it (issue 18), in another fresh process:
``NATIONAL_ROWS`` rows of people of every province (a quarter of them in Hồ Chí Minh City,
whose officer uploads it), the residence in one cell in the old units with hamlets, house
numbers and abbreviations ("Thôn 3, X. Cồn Thoi, H. Kim Sơn, T. Ninh Bình"), the sentence
in words ("3 năm 6 tháng", "Chung thân"), the offence, and about 5% messy rows (an ID number
whose leading zero the spreadsheet dropped, a date stored as a serial, a decomposed name,
an address without diacritics, a sentence that cannot be read, a row without its sex).
Its preview (the other provinces' rows handed over included) and the saving of the rows in
scope are timed against 15 s each; the preview's floor is reading the file with calamine
plus the duplicate-check SQL.
"""

import io
import multiprocessing
import random
import time
import unicodedata
from datetime import date, timedelta
from queue import Empty

from flask import Flask
from openpyxl import Workbook
from sqlalchemy import Integer, cast, func, select
from werkzeug.datastructures import FileStorage

from bench.followup_sweep import _AnonymousPeak, _memory_kib, _reset_peak
from bench.harness import record
from bench.setup import HO_CHI_MINH, bench_app
from bench.synthetic import commune_codes
from reintegration.casework.models import FollowUp
from reintegration.core.text import fold
from reintegration.demo.names import vietnamese_name
from reintegration.extensions import db
from reintegration.geo.models import CommuneConversion, LegacyCommune
from reintegration.people.models import AmnestyDecision, Case, Person, ReleaseType, Sex

TARGET_MS = 60_000
TARGET_PEAK_MIB = 500
NATIONAL_ROWS = 20_000
NATIONAL_TARGET_MS = 15_000
NATIONAL_PREVIEW = "national list: preview of {rows:,} rows"
NATIONAL_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Nơi cư trú",
                   "Tội danh", "Mức án", "Số GCN đặc xá", "Trại giam", "Ngày ra trại"]  # fmt: skip
OFFENCES = ("Trộm cắp tài sản", "Đánh bạc", "Cố ý gây thương tích", "Lừa đảo chiếm đoạt tài sản",
            "Tàng trữ trái phép chất ma túy", "Cướp giật tài sản", "Vi phạm quy định về tham gia "
            "giao thông đường bộ", "Tham ô tài sản", "Gây rối trật tự công cộng")  # fmt: skip
SENTENCES = ("15 năm", "3 năm 6 tháng", "2 năm 06 tháng", "36 tháng", "18 tháng tù",
             "Tù chung thân", "Chung thân", "5 năm", "7 năm 3 tháng", "12 năm")  # fmt: skip
FACILITIES = ("Trại giam Xuân Lộc", "Trại giam Ninh Khánh", "Trại giam Thủ Đức",
              "Trại giam Nam Hà", "Trại giam Thanh Xuân", "Trại giam Phú Sơn 4")  # fmt: skip
SHORT = (("Thành phố ", "TP. "), ("Thị trấn ", "TT. "), ("Thị xã ", "TX. "), ("Phường ", "P. "),
         ("Huyện ", "H. "), ("Quận ", "Q. "), ("Tỉnh ", "T. "), ("Xã ", "X. "))  # fmt: skip
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


def conversions() -> tuple[set[int], set[int]]:
    """The old communes that convert to one new commune, and those that were split."""
    rows = db.session.execute(
        select(
            CommuneConversion.legacy_commune_code,
            func.count(),
            func.max(cast(CommuneConversion.partly_merged, Integer)),
        ).group_by(CommuneConversion.legacy_commune_code)
    ).all()
    whole = {code for code, count, partly in rows if count == 1 and not partly}
    return whole, {code for code, count, _partly in rows if count > 1}


def legacy_wards() -> tuple[list[LegacyCommune], list[LegacyCommune]]:
    """Old wards of the city that convert to one new ward, and those that were split."""
    whole, split = conversions()
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


def national_communes() -> list[tuple[int, str, str, str]]:
    """Old communes that convert to one new commune, the country over: (old province code,
    commune, district, province), as the old papers name them."""
    whole, _split = conversions()
    olds = db.session.scalars(select(LegacyCommune).order_by(LegacyCommune.code)).all()
    return [
        (o.province_code, o.name, o.district.name, o.province.name) for o in olds if o.code in whole
    ]


def _short(name: str) -> str:
    for long, short in SHORT:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def written_residence(rng: random.Random, commune: str, district: str, province: str) -> str:
    """A residence as release papers write it: a hamlet or a house, the old units written
    out or abbreviated, separated by commas or dashes."""
    form = rng.randrange(4)
    place = f"Thôn {rng.randint(1, 12)}" if commune.startswith("Xã") else (
        f"Số {rng.randint(1, 300)} đường {rng.choice(('Lê Lợi', 'Trần Phú', 'Nguyễn Trãi'))}"
    )  # fmt: skip
    if form == 0:
        return f"{place}, {commune}, {district}, {province}"
    if form == 1:
        return f"{place}, {_short(commune)}, {_short(district)}, {_short(province)}"
    if form == 2:
        return f"{commune} - {district} - {province}"
    return f"{place} {_short(commune)} - {_short(district)} - {province}"


def national_file(size: int, today: date) -> tuple[bytes, int]:
    """The national list (see the module's docstring), and how many of its rows are Hồ Chí
    Minh City's."""
    rng = random.Random(SEED + 1)  # noqa: S311 (repeatable test data)
    communes = national_communes()
    home = [c for c in communes if c[0] == LEGACY_HCMC]
    others = [c for c in communes if c[0] != LEGACY_HCMC]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH PHẠM NHÂN ĐƯỢC ĐẶC XÁ NĂM 2025 (ĐỢT 2) - TOÀN QUỐC"])
    sheet.append(NATIONAL_HEADER)
    released = today - timedelta(days=2)
    in_scope = 0
    for number in range(1, size + 1):
        female = rng.random() < 0.08
        year = rng.randint(1960, 2005)
        born = date(year, rng.randint(1, 12), rng.randint(1, 28))
        mine = rng.random() < 0.25
        in_scope += mine
        province_code, commune, district, province = rng.choice(home if mine else others)
        century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
        id_number: object = f"{province_code:03d}{century_sex}{year % 100:02d}{number:06d}"
        name = vietnamese_name(rng, female)
        birth: object = born.strftime("%d/%m/%Y")
        residence = written_residence(rng, commune, district, province)
        sentence = rng.choice(SENTENCES)
        sex = "Nữ" if female else "Nam"
        mess = number % 20  # about 5% of the rows: one kind of mess each
        if mess == 1 and number % 40 == 1:
            id_number = int(id_number)  # the leading zeros lost to a number cell
        elif mess == 1:
            birth = (born - date(1899, 12, 30)).days  # a date stored as its serial
        elif mess == 2 and number % 40 == 2:
            name = unicodedata.normalize("NFD", name)
        elif mess == 2:
            residence = fold(residence)  # typed without diacritics
        elif mess == 3 and number % 60 == 3:
            sentence = "mười năm"  # cannot be read: a warning
        elif mess == 3 and number % 60 == 23:
            sex = ""  # invalid
        elif mess == 3:
            residence = residence.upper()
        sheet.append([
            number, name, birth, sex, id_number, residence, rng.choice(OFFENCES), sentence,
            f"{number}/GCN-ĐX", rng.choice(FACILITIES), released.strftime("%d/%m/%Y"),
        ])  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), in_scope


def upload_list(
    size: int, filename: str = "dac-xa-2025-dot-2.xlsx", content: bytes | None = None
) -> tuple[int, int, bytes]:
    """The list uploaded by the province officer, as the worker finds it: the batch's id,
    the officer's, and the file (by default ``list_file``)."""
    from reintegration.accounts.models import User
    from reintegration.imports.services import batches

    today = date.today()
    officer = db.session.scalar(select(User).where(User.username == "bench.officer"))
    decision = db.session.scalar(select(AmnestyDecision.id).order_by(AmnestyDecision.id))
    content = content if content is not None else list_file(size, today)
    batch = batches.create_batch(
        FileStorage(io.BytesIO(content), filename=filename),
        # Notified before the rows were received (three days ago), as the checks want.
        batches.ImportOptions(
            ReleaseType.AMNESTY, today - timedelta(days=5), amnesty_decision_id=decision
        ),
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


def _run_national(url: str, instance: str, size: int, queue) -> None:
    """In a fresh process: the national list uploaded, previewed (its other provinces' rows
    handed over) and its rows in scope saved, timed and measured."""
    from reintegration.accounts.models import User
    from reintegration.imports.models import BatchStatus, ImportBatch, RowStatus
    from reintegration.imports.services import batches
    from reintegration.imports.tasks import run_pending_imports

    app = bench_app(url, instance)
    with app.app_context():
        content, in_scope = national_file(size, date.today())
        batch_id, officer_id, content = upload_list(size, "dac-xa-toan-quoc.xlsx", content)
        baseline = _memory_kib("VmRSS")
        _reset_peak()
        steps, cpu_seconds = {}, {}
        with _AnonymousPeak() as sampler:
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            steps["preview"] = time.perf_counter() - started
            cpu_seconds["preview"] = time.process_time() - cpu
            batch = db.session.get(ImportBatch, batch_id)
            if batch.status != BatchStatus.READY:
                raise RuntimeError(f"preview ended {batch.status}: {batch.error}")
            counts = dict(batch.counts)
            handed = db.session.scalar(
                select(func.count())
                .select_from(ImportBatch)
                .where(ImportBatch.parent_id == batch_id)
            )
            batches.confirm(batch, db.session.get(User, officer_id))
            db.session.commit()
            started, cpu = time.perf_counter(), time.process_time()
            run_pending_imports()
            steps["commit"] = time.perf_counter() - started
            cpu_seconds["commit"] = time.process_time() - cpu
        peak = _memory_kib("VmHWM")
        batch = db.session.get(ImportBatch, batch_id)
        if batch.status != BatchStatus.COMMITTED:
            raise RuntimeError(f"commit ended {batch.status}: {batch.error}")
        outcome = {
            "steps": steps, "cpu": cpu_seconds, "counts": counts, "in_scope": in_scope,
            "provinces_handed": handed, "imported": batch.count(RowStatus.IMPORTED),
            "bytes": len(content), "baseline_kib": baseline, "peak_kib": peak,
            "anon_peak_kib": sampler.peak,
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
    national = in_fresh_process(_run_national, url, app.instance_path, NATIONAL_ROWS)
    figures.update(national_figures(national))
    print(
        f"  {outcome['bytes'] / 1e6:.1f} MB list; rows {outcome['counts']}; imported "
        f"{outcome['imported']:,}; {cases:,} cases and {follow_ups:,} follow-ups on file; peak "
        f"RSS {peak_mib} MiB (private {memory['private_peak_mib']} MiB); CPU "
        f"{sum(outcome['cpu'].values()):.1f} s"
    )
    print(
        f"  national list: {national['bytes'] / 1e6:.1f} MB; rows {national['counts']}; "
        f"{national['in_scope']:,} in scope, {national['provinces_handed']} provinces handed "
        f"their rows; imported {national['imported']:,}; peak RSS "
        f"{round(national['peak_kib'] / 1024, 1)} MiB"
    )
    record("release_import", database, size, {
        **figures,
        "data": {"rows": outcome["counts"], "imported": outcome["imported"],
                 "cases_on_file": cases, "follow_ups_on_file": follow_ups,
                 "national_rows": national["counts"], "national_in_scope": national["in_scope"],
                 "national_imported": national["imported"],
                 "national_provinces_handed": national["provinces_handed"]},
    })  # fmt: skip
    return figures


def national_figures(outcome: dict) -> dict[str, dict]:
    """The national list's measures: the preview and the saving each against 15 s, the
    process's peak against 500 MiB."""
    peak_mib = round(outcome["peak_kib"] / 1024, 1)
    memory = {
        "peak_rss_mib": peak_mib, "target_peak_mib": TARGET_PEAK_MIB,
        "peak_met": peak_mib <= TARGET_PEAK_MIB,
        "private_peak_mib": round(outcome["anon_peak_kib"] / 1024, 1),
    }  # fmt: skip
    names = {
        "preview": NATIONAL_PREVIEW.format(rows=NATIONAL_ROWS),
        "commit": f"national list: saving the {outcome['imported']:,} rows in scope",
    }
    return {
        names[step]: {
            "p50_ms": round(seconds * 1000, 1), "p95_ms": round(seconds * 1000, 1), "calls": 1,
            "cpu_ms": round(outcome["cpu"][step] * 1000, 1),
            "target_p95_ms": NATIONAL_TARGET_MS, **memory,
        }
        for step, seconds in outcome["steps"].items()
    }  # fmt: skip
