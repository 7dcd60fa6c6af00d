"""The caseworkers' pages: a new application from the case file, editing while a draft,
the list within scope, and the whole path through the pages down to a payment."""

import re

from sqlalchemy import select

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.loans.models import BorrowerKind, LoanApplication, LoanStatus

FORM = {
    "organisation": "womens_union",
    "savings_group_name": "Tổ TK&VV thôn Đông",
    "purpose": "production_business",
    "amount_requested": "30.000.000",
    "term_months": "24",
    "use_of_funds": "Mở quán sửa xe máy",
    "household_head_name": "Nguyễn Văn Bảy",
    "household_relationship": "con",
    "household_members": "4",
    "form01_listed": "yes",
    "outstanding_vbsp_debt": "no",
}


def only_application(app) -> LoanApplication:
    with app.app_context():
        return db.session.scalars(select(LoanApplication)).one()


def test_a_caseworker_applies_for_a_person_from_the_case(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    page = client.get(f"/loans/new?case={loan_people.case_id}")
    assert page.status_code == 200
    assert loan_people.person_name in page.get_data(as_text=True)
    response = client.post(f"/loans/new?case={loan_people.case_id}", data=FORM)
    assert response.status_code == 302
    application = only_application(app)
    assert (application.amount_requested, application.term_months) == (30_000_000, 24)
    assert application.borrower_kind == BorrowerKind.INDIVIDUAL
    assert (application.form01_listed, application.outstanding_vbsp_debt) == (True, False)
    assert application.status == LoanStatus.DRAFT
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="eligibility-overall" data-status="met"' in page
    assert 'data-action="submit"' in page


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        f"/loans/new?case={loan_people.case_id}",
        data={**FORM, "amount_requested": "ba mươi triệu", "purpose": "vocational_training"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="ba mươi triệu"' in page
    assert 'id="amount_requested-errors"' in page
    with app.app_context():
        assert db.session.scalar(select(LoanApplication.id)) is None


def test_training_needs_the_length_of_the_course(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        f"/loans/new?case={loan_people.case_id}", data={**FORM, "purpose": "vocational_training"}
    )
    assert response.status_code == 422
    assert 'id="course_months-errors"' in response.get_data(as_text=True)


def test_a_case_outside_ones_communes_gets_404(client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_y)
    assert client.get(f"/loans/new?case={loan_people.case_id}").status_code == 404
    assert client.post(f"/loans/new?case={loan_people.case_id}", data=FORM).status_code == 404


def test_lists_are_limited_to_the_users_communes(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    client.post(f"/loans/new?case={loan_people.case_id}", data=FORM)
    application_id = only_application(app).id
    assert f'data-id="{application_id}"' in client.get("/loans/").get_data(as_text=True)
    listed = client.get(f"/loans/?case={loan_people.case_id}").get_data(as_text=True)
    assert f'data-id="{application_id}"' in listed
    auth.logout()
    auth.login(loan_people.hanoi.officer)  # the province sees it
    assert f'data-id="{application_id}"' in client.get("/loans/").get_data(as_text=True)
    auth.logout()
    auth.login(loan_people.hanoi.caseworker_y)  # the other commune does not
    assert f'data-id="{application_id}"' not in client.get("/loans/").get_data(as_text=True)
    assert client.get(f"/loans/{application_id}").status_code == 404
    assert client.post(f"/loans/{application_id}/submit").status_code == 404


def test_editing_only_while_a_draft(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    client.post(f"/loans/new?case={loan_people.case_id}", data=FORM)
    application_id = only_application(app).id
    typed = {**FORM, "amount_requested": "1,5", "use_of_funds": "Mở tiệm may"}
    refused = client.post(f"/loans/{application_id}/edit", data=typed)
    assert refused.status_code == 422
    assert 'value="1,5"' in refused.get_data(as_text=True)
    assert "Mở tiệm may" in refused.get_data(as_text=True)
    edited = client.post(
        f"/loans/{application_id}/edit", data={**FORM, "amount_requested": "40000000"}
    )
    assert edited.status_code == 302
    assert only_application(app).amount_requested == 40_000_000
    assert client.post(f"/loans/{application_id}/submit").status_code == 302
    assert client.get(f"/loans/{application_id}/edit").status_code == 302  # back to the page
    refused = client.post(f"/loans/{application_id}/edit", data=FORM)
    assert refused.status_code == 422
    assert only_application(app).amount_requested == 40_000_000


def test_a_business_application(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        "/loans/new-business",
        data={
            **FORM,
            "commune_code": str(loan_people.hanoi.commune_x),
            "business_name": "HTX Mây tre đan Phú Vinh",
            "business_kind": "cooperative",
            "business_address": "Thôn Phú Vinh",
            "total_workers": "20",
            "eligible_workers": "4",
            "amount_requested": "400.000.000",
            "term_months": "60",
        },
    )
    assert response.status_code == 302
    application = only_application(app)
    assert application.borrower_kind == BorrowerKind.BUSINESS
    assert application.case_id is None and application.household_head_name is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "HTX Mây tre đan Phú Vinh" in page
    assert 'data-check="workers" data-status="met"' in page
    assert 'data-check="security" data-status="needs_decision"' in page
    # A business outside the caseworker's communes is refused.
    refused = client.post(
        "/loans/new-business",
        data={**FORM, "commune_code": str(loan_people.hanoi.commune_y),
              "business_name": "Xưởng mộc Đông Anh", "business_kind": "sme",
              "total_workers": "10", "eligible_workers": "1"},
    )  # fmt: skip
    assert refused.status_code == 422
    assert 'value="Xưởng mộc Đông Anh"' in refused.get_data(as_text=True)


def day(value) -> str:
    return value.strftime("%d/%m/%Y")


def step_data(action: str, **fields) -> dict:
    """A step's form as the page posts it: each step's fields carry the step as prefix."""
    return {f"{action}-{name}": value for name, value in fields.items()}


def test_the_whole_path_through_the_pages(app, client, auth, loan_people):
    today = day(today_local())
    auth.login(loan_people.hanoi.caseworker_x)
    client.post(
        f"/loans/new?case={loan_people.case_id}", data={**FORM, "amount_requested": "12000000"}
    )
    application_id = only_application(app).id
    base = f"/loans/{application_id}"
    assert client.post(f"{base}/submit").status_code == 302
    auth.logout()
    auth.login(loan_people.womens_reviewer)
    assert client.post(f"{base}/take").status_code == 302
    assert (
        client.post(
            f"{base}/endorse", data=step_data("endorse", comment="Đủ điều kiện")
        ).status_code
        == 302
    )
    auth.logout()
    auth.login(loan_people.hanoi.caseworker_x)
    assert (
        client.post(
            f"{base}/certify", data=step_data("certify", on=today, reference="45/UBND")
        ).status_code
        == 302
    )
    assert client.post(f"{base}/send", data=step_data("send", on=today)).status_code == 302
    approval = step_data("approve", on=today, amount="12.000.000", term_months="12", rate="6,6")
    assert client.post(f"{base}/approve", data=approval).status_code == 302
    assert client.post(f"{base}/disburse", data=step_data("disburse", on=today)).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert page.count('data-testid="instalment-row"') == 12
    assert 'data-status="disbursed"' in page
    first_id = re.search(r'<option selected value="(\d+)"', page) or re.search(
        r'name="instalment_id"[^>]*>\s*<option[^>]*value="(\d+)"', page
    )
    payment = {"instalment_id": first_id.group(1), "amount": "1.066.000", "paid_on": today}
    refused = client.post(f"{base}/payments", data={**payment, "amount": "1,066"})
    assert refused.status_code == 422
    assert 'value="1,066"' in refused.get_data(as_text=True)
    assert client.post(f"{base}/payments", data=payment).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert 'data-status="repaying"' in page
    with app.app_context():
        application = db.session.get(LoanApplication, application_id)
        assert [t.action for t in application.transitions] == [
            "create", "submit", "take", "endorse", "certify", "send", "approve", "disburse",
            "start_repayment",
        ]  # fmt: skip
        assert application.instalments[0].paid == 1_066_000
