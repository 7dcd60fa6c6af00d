"""The audit log after a day of casework reads in words: the codes the services record
(kinds of contact and assessment, needs, classifications, roles, organisations, the parts
of a case file read, why a transfer ended, follow-up rules) as their labels, in Vietnamese
and in English."""

import re

from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role
from reintegration.accounts.services import Scope, update_user
from reintegration.casework.models import AssessmentKind, ContactKind, FollowUpKind, IntervalUnit
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.models import Case, Classification, Need
from tests.casework.helpers import user
from tests.factories import HA_NOI, CaseFactory, PersonFactory

CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def day() -> str:
    return today_local().strftime("%d/%m/%Y")


def log_table(client) -> str:
    page = client.get("/admin/audit?per_page=100").get_data(as_text=True)
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def casework_day(app, client, auth, hanoi, admin: str) -> None:
    """Caseworker X reads a case, records a contact and an intake assessment, reclassifies
    the case, asks to move it to commune Y and closes it; the administrator gives Hà Nội
    its own follow-up rules and makes caseworker Y a union reviewer."""
    with app.app_context():
        case = CaseFactory(
            person=PersonFactory(full_name="Đỗ Văn Khải"),
            commune_code=hanoi.commune_x,
            caseworker=user(hanoi.caseworker_x),
        )
        db.session.commit()
        case_id = case.id
    auth.login(hanoi.caseworker_x)
    assert client.get(f"/cases/{case_id}?tab=follow_ups").status_code == 200
    contact = {
        "kind": ContactKind.HOME_VISIT.value,
        "contact_on": day(),
        "participants": "Anh Khải",
        "what_happened": "Anh Khải đã có việc làm.",
    }
    assert client.post(f"/cases/{case_id}/contacts/new", data=contact).status_code == 302
    scores = {f"score_{need.value}": "1" for need in Need}
    assessed = client.post(
        f"/cases/{case_id}/assessments/new", data={"assessed_on": day(), **scores}
    )
    assert assessed.status_code == 302

    def version() -> str:
        with app.app_context():
            return str(db.session.get(Case, case_id).version)

    reclassified = client.post(
        f"/cases/{case_id}/classification",
        data={
            "classification": Classification.A.value,
            "reason": "Chấp hành tốt",
            "version": version(),
        },
    )
    assert reclassified.status_code == 302
    moved = client.post(
        f"/cases/{case_id}/transfer?province={HA_NOI}",
        data={"to_commune_code": str(hanoi.commune_y), "reason": "Về ở với vợ"},
    )
    assert moved.status_code == 302
    closed = client.post(
        f"/cases/{case_id}/status",
        data={
            "action": "close",
            "on": day(),
            "close_reason": "deceased",
            "version": version(),
        },
    )
    assert closed.status_code == 302
    auth.logout()
    auth.login(admin)
    assert client.post(f"/admin/follow-up-rules/{HA_NOI}/copy").status_code == 302
    with app.app_context():
        reviewer = user(hanoi.caseworker_y)
        update_user(
            reviewer,
            full_name=reviewer.full_name,
            email=None,
            role=Role.UNION_REVIEWER,
            scope=Scope(province_code=HA_NOI, organisation=Organisation.WOMENS_UNION),
            active=True,
            actor=user(admin),
        )
        db.session.commit()


def recorded_codes(app) -> set[str]:
    """Every text the events' details hold that is a code, however deep."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value):
            found.add(value)

    with app.app_context():
        for detail in db.session.scalars(select(AuditEvent.detail)):
            walk(detail)
    return found


def labels(app, locale: str) -> list[str]:
    with app.test_request_context(), force_locale(locale):
        return [
            ContactKind.HOME_VISIT.label,
            AssessmentKind.INTAKE.label,
            Need.HOUSING.label,
            Classification.A.label,
            Role.UNION_REVIEWER.label,
            Organisation.WOMENS_UNION.label,
            FollowUpKind.HOME_VISIT.label,
            IntervalUnit.MONTH.label,
        ]


def test_a_day_of_casework_reads_in_words(app, client, auth, make_user, hanoi):
    casework_day(app, client, auth, hanoi, make_user(role=Role.ADMIN, username="quantri"))
    codes = recorded_codes(app)
    assert {"home_visit", "intake", "womens_union", "union_reviewer", "case_closed"} <= codes
    table = log_table(client)
    assert not CODE.search(table), CODE.search(table)
    for code in codes:
        assert not re.search(rf"(?<![\w/.-]){code}(?![\w/.-])", table), code
    for label in [*labels(app, "vi"), "Lý do: Hồ sơ đã kết thúc", "Chuyển từ xã: Phường"]:
        assert label in table, label

    client.post("/language", data={"locale": "en", "next": "/"})
    english = log_table(client)
    assert not CODE.search(english), CODE.search(english)
    for label in [*labels(app, "en"), "Because: The case was closed"]:
        assert escape(label) in english, label
