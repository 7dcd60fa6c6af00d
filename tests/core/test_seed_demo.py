"""`flask seed-demo`: one account per role, created once, each able to log in."""

import re

from sqlalchemy import func, select

from reintegration.accounts.models import Role, User
from reintegration.casework.models import FollowUp, FollowUpStatus, Transfer
from reintegration.core.clock import add_months, today_local
from reintegration.demo.seed import DEMO_ACCOUNTS
from reintegration.employment.models import Opening, RetentionCheck
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.loans.models import LoanApplication, LoanStatus
from reintegration.loans.models.repayment import LoanPayment
from reintegration.people.models import Case, CloseReason, Person
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel, ReportSnapshot
from reintegration.reports.services import snapshots
from reintegration.training.models import Placement
from tests.conftest import empty_tables

ROLE_LABELS_VI = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.PROVINCE_OFFICER: "Cán bộ cấp tỉnh",
    Role.CASEWORKER: "Cán bộ phụ trách xã",
    Role.UNION_REVIEWER: "Cán bộ thẩm định của hội, đoàn thể",
    Role.COMMITTEE_VIEWER: "Lãnh đạo Ủy ban (xem báo cáo)",
}
EXPECTED_MENU = {
    Role.ADMIN: ["Người dùng", "Nhật ký truy cập", "Đơn vị hành chính"],
    Role.PROVINCE_OFFICER: ["Đơn vị hành chính"],
    Role.CASEWORKER: [],
    Role.UNION_REVIEWER: [],
    Role.COMMITTEE_VIEWER: [],
}


def accounts_from(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\S+)\s+(\S+)\s", output, flags=re.MULTILINE))


def test_seed_demo_once_and_every_account_logs_in(app, runner):
    first = runner.invoke(args=["seed-demo", "--people", "0"])
    assert first.exit_code == 0, first.output
    passwords = accounts_from(first.output)
    assert set(passwords) == {a.username for a in DEMO_ACCOUNTS}

    second = runner.invoke(args=["seed-demo", "--people", "0"])
    assert "Demo data exists already." in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == len(DEMO_ACCOUNTS)

    for account in DEMO_ACCOUNTS:
        client = app.test_client()
        login = client.post(
            "/login", data={"username": account.username, "password": passwords[account.username]}
        )
        assert login.status_code == 302, account.username
        home = client.get("/").get_data(as_text=True)
        assert ROLE_LABELS_VI[account.role] in home
        # The administrator's name is the role's: the menu says it once.
        assert "Quản trị hệ thống · Quản trị hệ thống" not in home
        for label in EXPECTED_MENU[account.role]:
            assert f">{label}</a>" in home, (account.username, label)


def test_seed_demo_with_a_fixed_password(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-password-1", "--people", "0"])
    assert result.exit_code == 0
    client = app.test_client()
    response = client.post("/login", data={"username": "canbo.xa", "password": "demo-password-1"})
    assert response.status_code == 302


def test_the_demo_has_courses_and_openings_that_fit_its_people(app, runner):
    seeded = runner.invoke(args=["seed-demo", "--password", "demo-password-1", "--people", "0"])
    assert seeded.exit_code == 0
    with app.app_context():
        welder = db.session.scalar(
            select(Case.id).join(Case.person).where(Person.full_name == "Nguyễn Văn An")
        )
        opening = db.session.scalar(select(Opening.id).where(Opening.trade_code == "welding"))
    client = app.test_client()
    client.post("/login", data={"username": "canbo.xa", "password": "demo-password-1"})
    courses = client.get(f"/training/cases/{welder}/courses?trade=welding").get_data(as_text=True)
    assert "Hàn điện cơ bản" in courses
    candidates = client.get(f"/jobs/openings/{opening}/candidates").get_data(as_text=True)
    assert candidates.index("Nguyễn Văn An") < candidates.index("Trần Thị Bình")


def log_in(app, username: str):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": "demo-password-1"})
    assert response.status_code == 302
    return client


def test_the_demo_province_has_two_years_of_work_and_its_reports(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-password-1", "--people", "300"])
    assert result.exit_code == 0, result.output
    today = today_local()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 306
        statuses = set(db.session.scalars(select(LoanApplication.status).distinct()))
        assert {LoanStatus.SUBMITTED, LoanStatus.REPAYING, LoanStatus.REJECTED} <= statuses
        assert db.session.scalar(select(func.count()).select_from(LoanPayment)) > 0
        assert db.session.scalar(
            select(func.count()).where(Case.close_reason == CloseReason.DETAINED_AGAIN)
        )
        kinds = {f.status for f in db.session.scalars(select(FollowUp))}
        assert {FollowUpStatus.DONE, FollowUpStatus.DUE, FollowUpStatus.MISSED} <= kinds
        assert db.session.scalar(select(func.count()).select_from(RetentionCheck)) > 0
        assert db.session.scalar(
            select(func.count()).where(Placement.certificate_number.is_not(None))
        )
        assert db.session.scalar(select(func.count()).select_from(Transfer))
        # Every month that ended in the two years has its province report; the last
        # quarter's is approved.
        province = db.session.scalar(select(Province.code).where(Province.name == "Tỉnh Ninh Bình"))
        months = db.session.scalar(
            select(func.count()).where(
                ReportSnapshot.area_level == AreaLevel.PROVINCE,
                ReportSnapshot.area_code == province,
                ReportSnapshot.period_kind == "month",
            )
        )
        assert months >= 24
        quarter = periods.last_ended_period(periods.PeriodKind.QUARTER, today)
        last = snapshots.latest_version(quarter, AreaLevel.PROVINCE, province)
        assert last.is_approved
        assert snapshots.values_of(last.id)[("received", 0)] > 0
    viewer = log_in(app, "lanhdao.tinh")
    page = viewer.get("/reports/?kind=quarter").get_data(as_text=True)
    assert "Số người được tiếp nhận" in page or "Người được tiếp nhận" in page
    caseworker = log_in(app, "canbo.xa")
    assert caseworker.get("/people/").status_code == 200
    # A loan's rules are dated by the day they took effect, not the day they were applied.
    with app.app_context():
        loan = db.session.scalar(
            select(LoanApplication.id).where(LoanApplication.rules_date.is_not(None)).limit(1)
        )
    officer = log_in(app, "tinh.ninhbinh")
    page = officer.get(f"/loans/{loan}").get_data(as_text=True)
    assert "có hiệu lực từ ngày 10/10/2023" in page


def test_demo_cases_carry_their_expungement_day_and_follow_up_stops_there(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-password-1", "--people", "120"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        cases = [c for c in db.session.scalars(select(Case)) if c.release.sentence_months]
        assert len(cases) >= 120
        for case in cases:
            # Prison terms: 2 years or more after the sentence was served (Art. 70(2)).
            assert case.expungement_on is not None, case.id
            assert case.expungement_on >= add_months(case.release.release_date, 24)
            after = select(func.count()).where(
                FollowUp.case_id == case.id, FollowUp.due_on >= case.expungement_on
            )
            assert db.session.scalar(after) == 0, case.id
        assert (
            db.session.scalar(
                select(func.count()).where(Case.close_reason == CloseReason.RECORD_EXPUNGED)
            )
            == 0
        )


def test_the_demo_is_the_same_each_time(app, runner):
    def names() -> list[str]:
        with app.app_context():
            return list(db.session.scalars(select(Person.full_name).order_by(Person.id)))

    assert (
        runner.invoke(
            args=["seed-demo", "--password", "demo-password-1", "--people", "40"]
        ).exit_code
        == 0
    )
    first = names()
    empty_tables(app)
    assert (
        runner.invoke(
            args=["seed-demo", "--password", "demo-password-1", "--people", "40"]
        ).exit_code
        == 0
    )
    assert names() == first


def test_never_in_production(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "MODE", "production")
    result = runner.invoke(args=["seed-demo", "--people", "10"])
    assert result.exit_code != 0
    assert "never" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0
