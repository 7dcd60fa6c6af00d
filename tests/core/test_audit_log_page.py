"""The audit log people can read: every action the code records has words; objects named
as a person would name them, never a person's name; details as labelled lines, not JSON;
filters by person, action, user, object and dates; the filtered log as CSV, audited."""

import ast
import csv
import io
import re
from dataclasses import fields
from datetime import date
from pathlib import Path

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.api.cases import AUDIT_SECTION
from reintegration.auditlog.labels import (
    ACTIONS,
    CASE_FILE_PARTS,
    DETAILS,
    ELIGIBILITY_CHECKS,
    RECORDS,
)
from reintegration.auditlog.services import Filters
from reintegration.core import audit
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.core.personal_data import declarations
from reintegration.employment.services.referrals import ACTIONS as JOB_ACTIONS
from reintegration.extensions import db
from reintegration.loans.services.workflow import ACTIONS as LOAN_ACTIONS
from reintegration.people.models import CaseStatus
from reintegration.people.views.case_file import TABS
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from reintegration.training.services.placements import ACTIONS as TRAINING_ACTIONS
from tests.factories import HA_NOI, CaseFactory, PersonFactory, UserFactory

PACKAGE = Path(__file__).resolve().parents[2] / "reintegration"


def callee(node: ast.Call) -> str | None:
    return getattr(node.func, "attr", getattr(node.func, "id", None))


def calls(path: Path, name: str):
    return (
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and callee(node) == name
    )


def constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def recorded_actions() -> set[str]:
    """Every action the code passes to audit.record / record_many (or to the case editing
    helpers that record), the f-string ones expanded from their table of actions."""
    found = {f"loan_{a}" for a in LOAN_ACTIONS} | {f"training_{a}" for a in TRAINING_ACTIONS}
    found |= {f"job_{a}" for a in JOB_ACTIONS}
    for path in PACKAGE.rglob("*.py"):
        for name, index in (("record", 0), ("record_many", 0), ("_save_changes", 3)):
            for node in calls(path, name):
                if len(node.args) > index and constant(node.args[index]):
                    found.add(node.args[index].value)
        for node in calls(path, "_transition"):  # f"case_{new.value}"
            if len(node.args) > 2 and isinstance(node.args[2], ast.Attribute):
                found.add(f"case_{CaseStatus[node.args[2].attr].value}")
    return found


def test_every_recorded_action_has_words():
    actions = recorded_actions()
    assert {"case_closed", "classification_changed", "release_corrected"} <= actions
    assert actions - set(ACTIONS) == set()


def recorded_detail_keys() -> set[str]:
    """Every key the code puts in an event's details: of the dicts given as ``detail`` (or
    ``…_detail``) or assigned to such a name, or to record_many; of the dicts the helpers
    they call return; and the extra keyword arguments of a helper that passes ``**detail``."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        functions = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        passing = {
            name: {a.arg for a in (*f.args.args, *f.args.kwonlyargs)}
            for name, f in functions.items()
            if f.args.kwarg is not None and f.args.kwarg.arg == "detail"
        }
        sources: list[ast.AST] = []
        for node in ast.walk(tree):
            given = isinstance(node, ast.keyword) and (node.arg or "").endswith("detail")
            named = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith("detail") for t in node.targets
            )
            if given or named:
                sources.append(node.value)
            elif isinstance(node, ast.Call) and callee(node) == "record_many":
                sources.extend(node.args[1:])
            elif isinstance(node, ast.Call) and callee(node) in passing:
                params = passing[callee(node)]
                keys |= {k.arg for k in node.keywords if k.arg and k.arg not in params}
        for source in sources:
            for inner in ast.walk(source):
                helper = functions.get(callee(inner)) if isinstance(inner, ast.Call) else None
                dicts = [inner] if isinstance(inner, ast.Dict) else []
                if helper is not None:
                    dicts += [
                        r.value
                        for r in ast.walk(helper)
                        if isinstance(r, ast.Return) and isinstance(r.value, ast.Dict)
                    ]
                for found in dicts:
                    keys |= {constant(k) for k in found.keys if k is not None and constant(k)}
    return keys


def test_every_recorded_detail_has_words():
    keys = recorded_detail_keys() | {f.name for f in fields(Filters)}  # an export's filters
    # One of each way a key gets there: a literal, a helper's dict, a **detail keyword,
    # a variable, record_many's items, a helper's return.
    assert {
        "borrower_kind",
        "from_month",
        "start_on",
        "old",
        "because",
        "start",
        "import_id",
        "role",
        "eligibility",
    } <= keys
    assert keys - set(DETAILS) == set()


def test_every_eligibility_check_part_read_and_kind_of_record_has_words(app):
    eligibility = PACKAGE / "loans/services/eligibility.py"
    checks = {constant(n.args[0]) for n in calls(eligibility, "Check")}
    assert {"certificate", "security"} <= checks
    assert checks - set(ELIGIBILITY_CHECKS) == set()

    parts = set(TABS)
    # The section read: record_case_view's third argument, or case_rows' fourth (the API's
    # lists of a case's rows).
    for path in PACKAGE.rglob("*.py"):
        for name, at in (("record_case_view", 2), ("case_rows", 3)):
            parts |= {constant(n.args[at]) for n in calls(path, name) if len(n.args) > at}
    parts = {p.removeprefix("api:") for p in parts if p} - {AUDIT_SECTION}
    assert {"overview", "training_placement", "transfers"} <= parts
    assert parts - set(CASE_FILE_PARTS) == set()

    # The access report's sections and anonymisation's counts: the domains' declarations.
    records = {d.key for d in declarations()} | {d.erase_key for d in declarations()}
    records.discard(None)
    assert {"person", "audit_trail", "work_profiles", "loan_documents"} <= records
    assert records - set(RECORDS) == set()


def admin(make_user, auth):
    auth.login(make_user(role=Role.ADMIN, username="quantri"))


def test_the_page_reads_in_vietnamese_without_codes_json_or_names(app, client, auth, make_user):
    with app.app_context():
        officer = UserFactory(role=Role.PROVINCE_OFFICER, username="tinh.hanoi")
        person = PersonFactory(full_name="Trần Thị Bích Ngọc")
        case = CaseFactory(person=person)
        audit.record(
            "offence_revealed",
            case,
            user=officer,
            detail={"reason": "Chị Ngọc xin vay vốn", "person_id": person.id},
        )
        audit.record(
            "loan_return",
            object_type="LoanApplication",
            object_id=3,
            user=officer,
            detail={"from": "under_review", "to": "returned"},
        )
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


def test_codes_and_keys_no_table_knows_read_as_words(app, client, auth, make_user):
    """An event older than a renamed code, or a key added without words: never snake_case,
    never a catch-all of raw values."""
    with app.app_context():
        audit.record("loan_submit", object_type="LoanApplication", object_id=9, detail={
            "from": "waiting_for_bank", "eligibility": {"new_rule": "needs_decision"},
            "borrower_mood": "very_happy", "kind": "odd_kind",
        })  # fmt: skip
        audit.record("some_new_action", detail={"fields": ["odd_field"]})
        db.session.commit()
    admin(make_user, auth)
    page = client.get("/admin/audit").get_data(as_text=True)
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("<tbody>")[1]))
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table), table
    for shown in ("Trước: Waiting for bank", "New rule: Cần người có thẩm quyền xem xét",
                  "Borrower mood: Very happy", "Hình thức: Odd kind", "Odd field"):  # fmt: skip
        assert shown in table, shown
    assert "Chi tiết khác" not in table


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
    assert rows[0] == [
        "Thời điểm",
        "Người thực hiện",
        "Vai trò",
        "Thao tác",
        "Đối tượng",
        "Địa chỉ IP",
        "Chi tiết",
    ]
    (row,) = rows[1:]
    assert row[1] == "'=cmd|'/c calc'!a1" and row[3] == "Đăng nhập"
    with app.app_context():
        (event,) = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "audit_log_exported")
        )
        assert event.username == "quantri"
        assert event.detail == {
            "filters": {"action": "login", "username": "=cmd|'/c calc'!a1"},
            "rows": 1,
        }
    page = client.get("/admin/audit?action=audit_log_exported").get_data(as_text=True)
    assert "Thao tác: Đăng nhập;" in page
