"""The audit log people can read: every action the code records has words; objects named
as a person would name them, never a person's name; details as labelled lines, not JSON;
filters by person, action, user, object and dates; the filtered log as CSV, audited."""

import ast
import csv
import io
import re
from datetime import date
from pathlib import Path

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.auditlog.labels import ACTIONS
from reintegration.core import audit
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.employment.services.referrals import ACTIONS as JOB_ACTIONS
from reintegration.extensions import db
from reintegration.loans.services.workflow import ACTIONS as LOAN_ACTIONS
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from reintegration.training.services.placements import ACTIONS as TRAINING_ACTIONS
from tests.factories import HA_NOI, CaseFactory, PersonFactory, UserFactory

PACKAGE = Path(__file__).resolve().parents[2] / "reintegration"


def recorded_actions() -> set[str]:
    """Every action the code passes to audit.record / record_many, the f-string ones
    expanded from their workflow's table of actions."""
    found = {"case_updated", "person_updated", "release_corrected"}  # through _save_changes
    found |= {f"loan_{a}" for a in LOAN_ACTIONS} | {f"training_{a}" for a in TRAINING_ACTIONS}
    found |= {f"job_{a}" for a in JOB_ACTIONS}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(node, "func", None)
            name = getattr(name, "attr", getattr(name, "id", None))
            if isinstance(node, ast.Call) and name in ("record", "record_many") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_every_recorded_action_has_words():
    assert recorded_actions() - set(ACTIONS) == set()


def admin(make_user, auth):
    auth.login(make_user(role=Role.ADMIN, username="quantri"))


def test_the_page_reads_in_vietnamese_without_codes_json_or_names(app, client, auth, make_user):
    with app.app_context():
        officer = UserFactory(role=Role.PROVINCE_OFFICER, username="tinh.hanoi")
        person = PersonFactory(full_name="Trần Thị Bích Ngọc")
        case = CaseFactory(person=person)
        audit.record("offence_revealed", case, user=officer,
                     detail={"reason": "Chị Ngọc xin vay vốn", "person_id": person.id})  # fmt: skip
        audit.record("loan_return", object_type="LoanApplication", object_id=3, user=officer,
                     detail={"from": "under_review", "to": "returned"})  # fmt: skip
        audit.record("user_updated", officer, user=officer, detail={"fields": ["email"]})
        quarter = periods.Period(periods.PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 9, 30))
        (report,) = snapshots.build(quarter, [(AreaLevel.PROVINCE, HA_NOI)])
        audit.record("report_exported", report, user=officer, detail={"format": "csv"})
        db.session.commit()
        case_id = case.id
    admin(make_user, auth)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert (
        "Xem nội dung phạm tội" in page
        or "Đã hiển thị chi tiết phạm tội" in page
        or (page.count('data-action="offence_revealed"') == 1)
    )
    assert f"Hồ sơ số {case_id}" in page
    assert "Báo cáo Quý 3/2026 — Thành phố Hà Nội" in page
    assert "Tài khoản tinh.hanoi" in page
    assert "<td>Cán bộ cấp tỉnh</td>" in page
    assert "Đang thẩm định" in page and "Trả lại để bổ sung" in page
    body = page.split('<main id="main">')[1]
    assert "Ngọc" not in body  # neither the person's name nor free text naming her
    assert "{" not in body and "province_officer" not in body and "offence_revealed<" not in body
    assert "<code" not in body
    for code in [*ACTIONS, *(role.value for role in Role)]:
        assert f"<td>{code}</td>" not in body


def test_filters_by_person_action_user_object_and_dates(app, client, auth, make_user):
    with app.app_context():
        officer = UserFactory(role=Role.PROVINCE_OFFICER, username="tinh.hanoi")
        other = UserFactory(role=Role.PROVINCE_OFFICER, username="tinh.khac")
        first, second = CaseFactory(), CaseFactory()
        audit.record("case_viewed", first, user=officer)
        audit.record("case_viewed", second, user=other)
        audit.record("person_viewed", first.person, user=other)
        db.session.commit()
        person, case_id = first.person_id, first.id
    admin(make_user, auth)

    def actions(query: str) -> list[str]:
        page = client.get(f"/admin/audit?{query}").get_data(as_text=True)
        return re.findall(r'data-testid="audit-event" data-action="(\w+)"', page)

    assert sorted(actions(f"person_id={person}")) == ["case_viewed", "person_viewed"]
    assert actions("action=person_viewed") == ["person_viewed"]
    assert actions("username=tinh.hanoi") == ["case_viewed"]
    assert actions(f"object_type=Case&object_id={case_id}") == ["case_viewed"]
    today = today_local().strftime("%d/%m/%Y")  # Vietnam's day: after 17:00 UTC, tomorrow
    assert len(actions(f"date_from={today}&date_to={today}&action=case_viewed")) == 2
    assert actions("date_to=01/01/2000&action=case_viewed") == []
    assert client.get("/admin/audit?person_id=abc&action=<script>").status_code == 200


def test_the_csv_is_in_vietnamese_neutralised_and_audited(app, client, auth, make_user):
    with app.app_context():
        UserFactory(role=Role.CASEWORKER, username="=cmd|'/c calc'!a1")
        db.session.commit()
    auth.login("=cmd|'/c calc'!a1")
    auth.logout()
    admin(make_user, auth)
    response = client.get("/admin/audit/export.csv?action=login&username==cmd|'/c calc'!a1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Thời điểm", "Người thực hiện", "Vai trò", "Thao tác", "Đối tượng",
                       "Địa chỉ IP", "Chi tiết"]  # fmt: skip
    (row,) = rows[1:]
    assert row[1] == "'=cmd|'/c calc'!a1" and row[3] == "Đăng nhập"
    with app.app_context():
        (event,) = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "audit_log_exported")
        )
        assert event.username == "quantri"
        assert event.detail == {
            "filters": {"action": "login", "username": "=cmd|'/c calc'!a1"}, "rows": 1
        }  # fmt: skip
    page = client.get("/admin/audit?action=audit_log_exported").get_data(as_text=True)
    assert "Thao tác: Đăng nhập;" in page
