"""Issue 7: a national quarterly report over 200,000 people and their activity builds in
under 10 s; a dashboard page answers in under 300 ms p95 from the stored snapshot.

The data: ``size`` people in every commune of the country (bench.synthetic), 4 follow-ups
per case around the third quarter of 2025 (past ones mostly done), a loan application for
one case in ten at various stages with a 12-month schedule when disbursed, and a payment for
most instalments due; a training placement for one case in eight (enrolled, completed with a
certificate or dropped) on a course of its province, and a job referral for one case in
eight (most hired, with the 1, 3 and 6 month retention checks a hire schedules; some jobs
lost). The build measured is the scheduler's: the quarter for the nation and
its 34 provinces at once (a superset of "the national report"), timed three times (each a
new version). The dashboards: the national committee viewer's and Hồ Chí Minh City's
province officer's, the quarter against the previous one and last year's (all built).
"""

import random
import time
from datetime import UTC, date, datetime, timedelta

from flask import Flask
from sqlalchemy import insert, select

from bench.harness import record, time_calls
from bench.setup import HO_CHI_MINH, PASSWORD
from bench.synthetic import commune_codes
from reintegration.accounts import services as accounts
from reintegration.accounts.models import Role
from reintegration.casework.models.follow_up import FollowUp
from reintegration.core.clock import add_months
from reintegration.employment.models import Employer, Opening, Referral, RetentionCheck
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models import LoanApplication, LoanInstalment, LoanPayment
from reintegration.people.models import Case
from reintegration.reports import periods
from reintegration.reports.services import snapshots
from reintegration.training.models import Course, Placement, TrainingProvider

SEED = 20250707
BATCH = 20_000
QUARTER = periods.period_containing(periods.PeriodKind.QUARTER, date(2025, 7, 1))
TODAY = date(2025, 10, 15)
BUILD_TARGET_MS = 10_000
DASHBOARD_TARGET_P95_MS = 300
REPEAT = 40


# The people, releases and cases this benchmark's data starts from (bench.datasets):
# everyone spread over the whole country (None) or all in one province.
POPULATION: int | None = None


def build(app: Flask, size: int) -> list[int]:
    with app.app_context():
        rng = random.Random(SEED)  # noqa: S311 (repeatable test data)
        cases = db.session.execute(select(Case.id, Case.commune_code, Case.received_on)).all()
        _follow_ups(cases, rng)
        _loans(cases, rng)
        _training(cases, rng)
        _employment(cases, rng)
        db.session.commit()
        return commune_codes(HO_CHI_MINH)


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start : start + BATCH])
    db.session.commit()


def _follow_ups(cases, rng: random.Random) -> None:
    now = datetime.now(UTC)
    rows = []
    for case_id, _commune, received in cases:
        if received is None:
            continue
        for n in range(4):
            due = received + timedelta(days=30 * (n + 1))
            done = due <= TODAY and rng.random() < 0.8
            rows.append(
                {"case_id": case_id, "due_on": due, "kind": "home_visit",
                 "status": "done" if done else "due", "generated": True,
                 "done_on": due if done else None, "created_at": now, "updated_at": now}
            )  # fmt: skip
    _insert(FollowUp.__table__, rows)


def _loans(cases, rng: random.Random) -> None:
    now = datetime.now(UTC)
    loans, disbursed = [], []
    for case_id, commune, received in cases[::10]:
        if received is None:
            continue
        submitted = received + timedelta(days=rng.randint(10, 120))
        stage = rng.choice(["submitted", "approved", "declined", "disbursed", "repaying"])
        decided = submitted + timedelta(days=30) if stage != "submitted" else None
        paid_out = decided + timedelta(days=10) if stage in ("disbursed", "repaying") else None
        loans.append(
            {"id": len(loans) + 1, "borrower_kind": "individual", "case_id": case_id,
             "commune_code": commune, "organisation": "womens_union",
             "savings_group_name": "Tổ TK&VV", "status": stage, "purpose": "production_business",
             "amount_requested": 50_000_000, "term_months": 12, "use_of_funds": "Chăn nuôi",
             "submitted_on": submitted, "bank_decided_on": decided,
             "approved_amount": 40_000_000 if stage != "declined" and decided else None,
             "disbursed_on": paid_out, "version": 1, "created_at": now, "updated_at": now}
        )  # fmt: skip
        if paid_out:
            disbursed.append((len(loans), paid_out))
    _insert(LoanApplication.__table__, loans)
    instalments, payments = [], []
    for application_id, paid_out in disbursed:
        for number in range(1, 13):
            instalment_id = len(instalments) + 1
            due = paid_out + timedelta(days=30 * number)
            instalments.append(
                {"id": instalment_id, "application_id": application_id, "number": number,
                 "due_on": due, "principal": 3_333_333, "interest": 300_000,
                 "balance_after": 40_000_000 - 3_333_333 * number}
            )  # fmt: skip
            if due <= TODAY and rng.random() < 0.85:
                payments.append(
                    {"application_id": application_id, "instalment_id": instalment_id,
                     "paid_on": due, "amount": 3_633_333, "recorded_at": now}
                )  # fmt: skip
    _insert(LoanInstalment.__table__, instalments)
    _insert(LoanPayment.__table__, payments)
    if db.engine.dialect.name == "postgresql":
        for table in ("loan_applications", "loan_instalments"):
            db.session.execute(
                db.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
            )
        db.session.commit()


def _one_per_province(table, make) -> dict[int, int]:
    """One row of ``table`` per province (in its first commune); {province: row id}."""
    firsts = db.session.execute(
        select(Commune.province_code, db.func.min(Commune.code)).group_by(Commune.province_code)
    ).all()
    rows = [make(index, province, commune) for index, (province, commune) in enumerate(firsts, 1)]
    _insert(table, rows)
    return {row["province_code"]: row["id"] for row in rows}


def _training(cases, rng: random.Random) -> None:
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    providers = _one_per_province(TrainingProvider.__table__, lambda i, province, _c: {
        "id": i, "name": f"Trường nghề {i}", "kind": "vocational_school",
        "province_code": province, "active": True, **stamps,
    })  # fmt: skip
    courses = _one_per_province(Course.__table__, lambda i, province, commune: {
        "id": i, "provider_id": providers[province], "title": "Hàn điện",
        "trade_code": "welding", "level": "under_3_months", "commune_code": commune,
        "province_code": province, "starts_on": date(2025, 5, 1), "ends_on": date(2025, 12, 31),
        "seats": 100_000, "cost": 0, "fee_support": "none", "meals_support": False,
        "travel_support": False, **stamps,
    })  # fmt: skip
    province_of = dict(db.session.execute(select(Commune.code, Commune.province_code)).all())
    rows = []
    for case_id, commune, received in cases[3::8]:
        if received is None:
            continue
        enrolled = received + timedelta(days=rng.randint(5, 90))
        outcome = rng.choices(["enrolled", "completed", "dropped"], [3, 5, 1])[0]
        finished = enrolled + timedelta(days=rng.randint(30, 90))
        rows.append(
            {"case_id": case_id, "person_id": case_id, "course_id": courses[province_of[commune]],
             "status": outcome, "referred_on": enrolled - timedelta(days=5),
             "enrolled_on": enrolled,
             "completed_on": finished if outcome == "completed" else None,
             "certificate_number": f"CC-{case_id}" if outcome == "completed" else None,
             "dropped_on": finished if outcome == "dropped" else None,
             "drop_reason": "Chuyển nơi ở" if outcome == "dropped" else None,
             "trade_code": "welding", **stamps}
        )  # fmt: skip
    _insert(Placement.__table__, rows)


def _employment(cases, rng: random.Random) -> None:
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    employers = _one_per_province(Employer.__table__, lambda i, province, commune: {
        "id": i, "name": f"Công ty {i}", "tax_code": f"{i:010d}", "province_code": province,
        "commune_code": commune, "accepts_records": True, "active": True, **stamps,
    })  # fmt: skip
    openings = _one_per_province(Opening.__table__, lambda i, province, commune: {
        "id": i, "employer_id": employers[province], "title": "Công nhân", "trade_code":
        "welding", "seats": 100_000, "commune_code": commune, "province_code": province,
        "starts_on": date(2025, 1, 1), "status": "open", "no_work_with_children": False,
        "no_cash_handling": False, **stamps,
    })  # fmt: skip
    province_of = dict(db.session.execute(select(Commune.code, Commune.province_code)).all())
    next_follow_up = (db.session.scalar(select(db.func.max(FollowUp.id))) or 0) + 1
    referrals, follow_ups, checks = [], [], []
    for case_id, commune, received in cases[5::8]:
        if received is None:
            continue
        referred = received + timedelta(days=rng.randint(10, 120))
        outcome = rng.choices(["referred", "not_hired", "hired", "job_lost"], [1, 2, 5, 2])[0]
        hired = referred + timedelta(days=14) if outcome in ("hired", "job_lost") else None
        lost = hired + timedelta(days=rng.randint(20, 200)) if outcome == "job_lost" else None
        referral_id = len(referrals) + 1
        referrals.append(
            {"id": referral_id, "opening_id": openings[province_of[commune]],
             "case_id": case_id, "person_id": case_id, "status": outcome,
             "referred_on": referred, "hired_on": hired, "ended_on": lost,
             "end_reason": "resigned" if lost else None,
             "not_hired_on": referred + timedelta(days=7) if outcome == "not_hired" else None,
             **stamps}
        )  # fmt: skip
        for months in (1, 3, 6) if hired else ():
            due = add_months(hired, months)
            status = "cancelled" if lost and due > lost else "done" if due <= TODAY else "due"
            follow_ups.append(
                {"id": next_follow_up, "case_id": case_id, "due_on": due,
                 "kind": "retention_check", "status": status, "generated": False,
                 "done_on": due if status == "done" else None, **stamps}
            )  # fmt: skip
            checks.append(
                {"referral_id": referral_id, "follow_up_id": next_follow_up, "months": months}
            )
            next_follow_up += 1
    _insert(Referral.__table__, referrals)
    _insert(FollowUp.__table__, follow_ups)
    _insert(RetentionCheck.__table__, checks)
    if db.engine.dialect.name == "postgresql":
        for table in ("training_providers", "courses", "employers", "openings", "referrals",
                      "follow_ups"):  # fmt: skip
            db.session.execute(
                db.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
            )
        db.session.commit()


def measure(app: Flask, users: dict[str, str], database: str, size: int) -> dict:
    from bench.harness import queries_of, time_with_layout
    from bench.people_search import layout_page

    figures, clients = {}, {}
    with app.app_context():
        accounts.create_user(
            username="bench.national", full_name="Ủy ban toàn quốc", role=Role.COMMITTEE_VIEWER,
            password=PASSWORD, scope=accounts.Scope(province_code=None),
        )  # fmt: skip
        db.session.commit()
        for period in (periods.previous_period(QUARTER), periods.same_period_last_year(QUARTER)):
            snapshots.build(period, snapshots.all_areas(), today=TODAY)
            db.session.commit()
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            snapshots.build(QUARTER, snapshots.all_areas(), today=TODAY)
            db.session.commit()
            timings.append((time.perf_counter() - started) * 1000)
        db.session.remove()
    figures["national_quarter_build_nation_and_34_provinces"] = {
        "p50_ms": round(sorted(timings)[1], 1),
        "p95_ms": round(max(timings), 1),
        "max_ms": round(max(timings), 1),
        "calls": len(timings),
        "target_p95_ms": BUILD_TARGET_MS,
    }
    for name, username in (
        ("dashboard_national_viewer", "bench.national"),
        ("dashboard_province_officer_hcmc", users["province_officer"]),
    ):
        client = clients[username] = app.test_client()
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"login failed for {username}"  # noqa: S101

        def call(client=client, name=name):
            response = client.get("/reports/", query_string={"kind": "quarter"})
            if response.status_code != 200 or b"report-chart" not in response.data:
                raise RuntimeError(f"{name}: HTTP {response.status_code}")

        figures[name] = {
            **time_with_layout(call, layout_page(client), REPEAT),
            "queries": queries_of(app, call),
            "target_p95_ms": DASHBOARD_TARGET_P95_MS,
        }
    layout_only = layout_page(clients["bench.national"])
    figures["national viewer: the password form (the layout alone)"] = {
        **time_calls(layout_only, REPEAT),
        "queries": queries_of(app, layout_only),
    }
    with app.app_context():
        db.session.remove()
    record("reports", database, size, figures)
    return figures
