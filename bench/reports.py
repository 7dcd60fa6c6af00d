"""Issue 7: a national quarterly report over 200,000 people and their activity builds in
under 10 s; a dashboard page answers in under 300 ms p95 from the stored snapshot.

The data: ``size`` people in every commune of the country (bench.synthetic), 4 follow-ups
per case around the third quarter of 2025 (past ones mostly done), a loan application for
one case in ten at various stages with a 12-month schedule when disbursed, and a payment for
most instalments due. The build measured is the scheduler's: the quarter for the nation and
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
from bench.synthetic import build_people, commune_codes
from reintegration.accounts import services as accounts
from reintegration.accounts.models import Role
from reintegration.casework.models.follow_up import FollowUp
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanInstalment, LoanPayment
from reintegration.people.models import Case
from reintegration.reports import definitions as d
from reintegration.reports.services import snapshots

SEED = 20250707
BATCH = 20_000
QUARTER = d.period_containing(d.PeriodKind.QUARTER, date(2025, 7, 1))
TODAY = date(2025, 10, 15)
BUILD_TARGET_MS = 10_000
DASHBOARD_TARGET_P95_MS = 300
REPEAT = 40


def build(app: Flask, size: int) -> list[int]:
    with app.app_context():
        build_people(size)
        rng = random.Random(SEED)  # noqa: S311 (repeatable test data)
        cases = db.session.execute(select(Case.id, Case.commune_code, Case.received_on)).all()
        _follow_ups(cases, rng)
        _loans(cases, rng)
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


def measure(app: Flask, users: dict[str, str], database: str, size: int) -> dict:
    figures = {}
    with app.app_context():
        accounts.create_user(
            username="bench.national", full_name="Ủy ban toàn quốc", role=Role.COMMITTEE_VIEWER,
            password=PASSWORD, scope=accounts.Scope(province_code=None),
        )  # fmt: skip
        db.session.commit()
        for period in (d.previous_period(QUARTER), d.same_period_last_year(QUARTER)):
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
        client = app.test_client()
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"login failed for {username}"  # noqa: S101

        def call(client=client, name=name):
            response = client.get("/reports/", query_string={"kind": "quarter"})
            if response.status_code != 200 or b"report-chart" not in response.data:
                raise RuntimeError(f"{name}: HTTP {response.status_code}")

        figures[name] = {**time_calls(call, REPEAT), "target_p95_ms": DASHBOARD_TARGET_P95_MS}
    with app.app_context():
        db.session.remove()
    record("reports", database, size, figures)
    return figures
