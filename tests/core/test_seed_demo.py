"""`flask seed-demo`: one account per role, created once, each able to log in."""

import re

from sqlalchemy import func, select

from reintegration.accounts.models import Role, User
from reintegration.demo.seed import DEMO_ACCOUNTS
from reintegration.employment.models import Opening
from reintegration.extensions import db
from reintegration.people.models import Case, Person

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
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    passwords = accounts_from(first.output)
    assert set(passwords) == {a.username for a in DEMO_ACCOUNTS}

    second = runner.invoke(args=["seed-demo"])
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
        for label in EXPECTED_MENU[account.role]:
            assert f">{label}</a>" in home, (account.username, label)


def test_seed_demo_with_a_fixed_password(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-password-1"])
    assert result.exit_code == 0
    client = app.test_client()
    response = client.post("/login", data={"username": "canbo.xa", "password": "demo-password-1"})
    assert response.status_code == 302


def test_the_demo_has_courses_and_openings_that_fit_its_people(app, runner):
    assert runner.invoke(args=["seed-demo", "--password", "demo-password-1"]).exit_code == 0
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
