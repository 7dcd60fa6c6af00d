"""The audit log of a loan's life reads in words: the kind of borrower, the statuses of
each step, the eligibility checks and their results, the kind of a document, the fields
changed and the rule added, as their labels; amounts in đồng."""

import io
import re
from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from markupsafe import escape

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.loans.models import BorrowerKind, DocumentKind, LoanStatus, RuleKey
from reintegration.loans.services import applications as drafting
from reintegration.loans.services import rules, workflow
from reintegration.loans.services.eligibility import CheckStatus
from tests.loans.conftest import TODAY, advance, application_data, new_application, user

CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def a_loan_s_life(app, client, auth, loan_people) -> int:
    """A draft not yet checked against Form 01, a certificate uploaded, the amount changed,
    submitted, returned, submitted again, and on to the disbursement; a new interest rate."""
    with app.app_context():
        application = new_application(loan_people, form01_listed=None)
        db.session.commit()
        application_id = application.id
    auth.login(loan_people.hanoi.caseworker_x)
    uploaded = client.post(
        f"/loans/{application_id}/documents",
        data={
            "kind": DocumentKind.CERTIFICATE.value,
            "file": (io.BytesIO(PDF_BYTES), "giay-chung-nhan.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    with app.app_context():
        application = db.session.get(type(application), application_id)
        caseworker, reviewer = (
            user(loan_people.hanoi.caseworker_x),
            user(loan_people.womens_reviewer),
        )
        drafting.update_application(
            application,
            application_data(amount_requested=60_000_000, form01_listed=None),
            caseworker,
        )
        advance(application, loan_people, "take")
        workflow.return_for_changes(application, reviewer, "Bổ sung xác nhận")
        workflow.resubmit(application, caseworker, today=TODAY)
        workflow.take_under_review(application, reviewer)
        workflow.endorse(application, reviewer, today=TODAY)
        rules.add_rule(
            RuleKey.INTEREST_RATE,
            Decimal("6.9"),
            date(2027, 1, 1),
            "Quyết định 05/QĐ-HĐQT",
            caseworker,
        )
        db.session.commit()
    assert client.get(f"/loans/{application_id}").status_code == 200
    return application_id


def log_table(client) -> str:
    page = client.get("/admin/audit?per_page=100").get_data(as_text=True)
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def test_a_loan_s_life_reads_in_words(app, client, auth, make_user, loan_people):
    a_loan_s_life(app, client, auth, loan_people)
    auth.logout()
    auth.login(make_user(role=Role.ADMIN, username="quantri"))
    for locale in ("vi", "en"):
        client.post("/language", data={"locale": locale, "next": "/"})
        table = log_table(client)
        assert not CODE.search(table), CODE.search(table)
        if locale == "vi":  # English words are not codes in an English page
            for code in (
                "individual",
                "draft",
                "submitted",
                "returned",
                "endorsed",
                "met",
                "certificate",
                "form01",
                "ceiling",
                "vbsp_debt",
                "interest_rate",
            ):
                assert not re.search(rf"(?<![\w/.-]){code}(?![\w/.-])", table), code
            assert "Số tiền đề nghị vay: 50.000.000 ₫" in table  # in đồng
        with app.test_request_context(), force_locale(locale):
            expected = [
                BorrowerKind.INDIVIDUAL.label,
                LoanStatus.RETURNED.label,
                LoanStatus.UNDER_REVIEW.label,
                CheckStatus.NEEDS_DECISION.label,
                CheckStatus.MET.label,
                DocumentKind.CERTIFICATE.label,
                RuleKey.INTEREST_RATE.label,
            ]
        for label in expected:
            assert str(escape(label)) in table, (locale, label)
