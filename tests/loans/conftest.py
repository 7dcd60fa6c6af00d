"""Loan fixtures: the Decision 22/2023 rules as the migration seeds them, a person's case in
Hà Nội, reviewers of two organisations (and one in Huế), and helpers that drive an
application through its steps with the services."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role, User
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanPurpose
from reintegration.loans.services import applications as drafting
from reintegration.loans.services import workflow
from reintegration.people.models import Case, Classification, ReleaseType
from tests.conftest import Hanoi
from tests.factories import HUE, CaseFactory, PersonFactory, ReleaseFactory


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch) -> Path:
    """Each test stores its documents in a folder of its own."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder / "loans"


# A day the tests use as "today" in service calls: 3 years after the release of 01/09/2025
# would pass the 5-year rule; the release date below is 01/09/2025.
TODAY = date(2026, 3, 2)
RELEASED = date(2025, 9, 1)
SECRET_NOTE = "Ghi chú nội bộ: hay uống rượu, cần theo dõi sát"


@dataclass
class LoanPeople:
    hanoi: Hanoi
    case_id: int
    person_name: str
    womens_reviewer: str
    farmers_reviewer: str
    hue_reviewer: str


@pytest.fixture
def loan_people(app, hanoi, make_user) -> LoanPeople:
    """A person in commune X of Hà Nội with a completion certificate, followed by caseworker
    X; a reviewer of the Women's Union and one of the Farmers' Union in Hà Nội, and one of
    the Women's Union in Huế."""
    womens = make_user(
        role=Role.UNION_REVIEWER, username="hoi.phunu", organisation=Organisation.WOMENS_UNION
    )
    farmers = make_user(
        role=Role.UNION_REVIEWER, username="hoi.nongdan", organisation=Organisation.FARMERS_UNION
    )
    hue = make_user(
        role=Role.UNION_REVIEWER,
        username="hoi.phunu.hue",
        organisation=Organisation.WOMENS_UNION,
        province_code=HUE,
    )
    with app.app_context():
        person = PersonFactory(full_name="Nguyễn Thị Ánh Tuyết", birth_year=1990)
        release = ReleaseFactory(
            person=person,
            release_type=ReleaseType.SENTENCE_COMPLETED,
            release_date=RELEASED,
            certificate_number="125/GCN-TG",
            detention_facility="Trại giam Ninh Khánh",
        )
        case = CaseFactory(
            person=person,
            release=release,
            commune_code=hanoi.commune_x,
            caseworker=user(hanoi.caseworker_x),
            classification=Classification.C,
            intake_notes=SECRET_NOTE,
        )
        db.session.commit()
        return LoanPeople(hanoi, case.id, person.full_name, womens, farmers, hue)


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def application_data(**overrides) -> drafting.ApplicationData:
    values = {
        "organisation": Organisation.WOMENS_UNION,
        "savings_group_name": "Tổ TK&VV thôn Đông",
        "purpose": LoanPurpose.PRODUCTION_BUSINESS,
        "amount_requested": 50_000_000,
        "term_months": 36,
        "use_of_funds": "Mua hai con bò giống",
        "household_head_name": "Nguyễn Văn Bảy",
        "household_relationship": "con",
        "household_members": 4,
        "form01_listed": True,
        "outstanding_vbsp_debt": False,
    }
    values.update(overrides)
    return drafting.ApplicationData(**values)


def new_application(loan_people: LoanPeople, **overrides) -> LoanApplication:
    """A draft by caseworker X (inside an app context)."""
    case = db.session.get(Case, loan_people.case_id)
    return drafting.create_individual_application(
        case, application_data(**overrides), user(loan_people.hanoi.caseworker_x)
    )


def advance(application: LoanApplication, loan_people: LoanPeople, to: str, *, today=TODAY):
    """Drive ``application`` with the services through the usual path up to step ``to``."""
    caseworker = user(loan_people.hanoi.caseworker_x)
    reviewer = user(loan_people.womens_reviewer)
    steps = [
        ("submit", lambda: workflow.submit(application, caseworker, today=today)),
        ("take", lambda: workflow.take_under_review(application, reviewer)),
        ("endorse", lambda: workflow.endorse(application, reviewer, today=today)),
        (
            "certify",
            lambda: workflow.certify(application, caseworker, today, "12/UBND", today=today),
        ),
        ("send", lambda: workflow.send_to_bank(application, caseworker, today, today=today)),
        (
            "approve",
            lambda: workflow.record_approval(
                application,
                caseworker,
                amount=application.amount_requested,
                term_months=12,
                annual_rate=Decimal("6.6"),
                decided_on=today,
                reference="NHCSXH-01",
                today=today,
            ),
        ),
        (
            "disburse",
            lambda: workflow.record_disbursement(application, caseworker, today, today=today),
        ),
    ]
    for name, step in steps:
        step()
        if name == to:
            return application
    raise ValueError(to)
