"""Loan amounts are whole đồng, written 100.000.000 or 100000000: anything else is refused
with the form kept, never read as another number ("1.5" once became 15 ₫)."""

import pytest
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.loans.models import LoanApplication
from tests.loans.test_pages import FORM


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("100.000.000", 100_000_000),
        ("100000000", 100_000_000),
        ("30.000.000 ₫", 30_000_000),
        ("1.500", 1_500),
        (" 2500000 đồng ", 2_500_000),
    ],
)
def test_whole_dong_in_either_writing_is_taken(app, client, auth, loan_people, typed, stored):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        f"/loans/new?case={loan_people.case_id}", data={**FORM, "amount_requested": typed}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(LoanApplication.amount_requested)) == stored


@pytest.mark.parametrize(
    "typed",
    ["1.5", "1,5", "1,500,000", "100.000.00", "1.5 triệu", "12.5000", "-5000", "1e6", "٣٠٠"],
)
def test_anything_else_is_refused_not_reinterpreted(app, client, auth, loan_people, typed):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        f"/loans/new?case={loan_people.case_id}", data={**FORM, "amount_requested": typed}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "100.000.000 hoặc 100000000" in page
    assert f'value="{typed}"' in page
    with app.app_context():
        assert db.session.scalar(select(LoanApplication.id)) is None


def test_an_english_edit_form_offers_the_amount_as_it_reads_it_back(app, client, auth, loan_people):
    """English groups thousands with commas; the form shows the đồng written with dots so
    that saving it unchanged keeps the amount instead of refusing it."""
    auth.login(loan_people.hanoi.caseworker_x)
    client.post("/language", data={"locale": "en", "next": "/"})
    created = client.post(
        f"/loans/new?case={loan_people.case_id}", data={**FORM, "amount_requested": "80000000"}
    )
    edit_url = created.headers["Location"] + "/edit"
    assert 'value="80.000.000"' in client.get(edit_url).get_data(as_text=True)

    saved = client.post(edit_url, data={**FORM, "amount_requested": "80.000.000"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(LoanApplication.amount_requested)) == 80_000_000
