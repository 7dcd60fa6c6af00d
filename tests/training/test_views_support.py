"""The support levels page: administrators keep any province's, a province officer their
own; rows are added with the day they take effect, never changed."""

from decimal import Decimal

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.training.models import SupportKind, SupportRate
from tests.factories import HA_NOI, HUE

PATH = "/admin/training-support/"
MEALS = {
    "kind": "meal_per_day",
    "amount": "30.000",
    "effective_from": "01/01/2026",
    "legal_basis": "Quyết định 12/2026/QĐ-UBND",
}


def rates(app) -> list[tuple]:
    with app.app_context():
        return [
            (r.province_code, r.kind, int(r.amount))
            for r in db.session.scalars(select(SupportRate).order_by(SupportRate.id))
        ]


def test_a_province_officer_sets_the_levels_of_their_province(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    page = client.get(PATH)
    assert page.status_code == 200
    assert 'name="province_code"' not in page.get_data(as_text=True)
    assert client.post(PATH, data=MEALS).status_code == 302
    # A province field smuggled in is ignored: the officer's own province is used.
    later = {"effective_from": "01/07/2026", "amount": "35.000", "province_code": str(HUE)}
    assert client.post(PATH, data={**MEALS, **later}).status_code == 302
    assert rates(app) == [
        (HA_NOI, SupportKind.MEAL_PER_DAY, 30_000),
        (HA_NOI, SupportKind.MEAL_PER_DAY, 35_000),
    ]
    page = client.get(PATH).get_data(as_text=True)
    assert page.count('data-testid="rate-row"') == 2
    assert "30.000" in page and "Quyết định 12/2026/QĐ-UBND" in page


def test_an_administrator_chooses_the_province(app, client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN))
    assert client.get(PATH).status_code == 200
    response = client.post(PATH, data={**MEALS, "province_code": str(HUE)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?province={HUE}")
    assert rates(app) == [(HUE, SupportKind.MEAL_PER_DAY, 30_000)]
    page = client.get(f"{PATH}?province={HUE}").get_data(as_text=True)
    assert 'data-testid="rate-row"' in page
    missing = client.post(PATH, data=MEALS)
    assert missing.status_code == 422
    assert 'id="province_code-errors"' in missing.get_data(as_text=True)


def test_a_rejected_level_keeps_what_was_typed(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post(PATH, data={**MEALS, "kind": "fee_reduction_percent", "amount": "150"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="amount-errors"' in page
    assert 'value="150"' in page and 'value="Quyết định 12/2026/QĐ-UBND"' in page
    client.post(PATH, data=MEALS)
    twice = client.post(PATH, data={**MEALS, "amount": "40.000"})
    assert twice.status_code == 422
    assert 'id="effective_from-errors"' in twice.get_data(as_text=True)
    assert rates(app) == [(HA_NOI, SupportKind.MEAL_PER_DAY, 30_000)]


def test_other_roles_get_403(client, auth, make_user):
    for role in (Role.CASEWORKER, Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER):
        auth.login(make_user(role=role))
        assert client.get(PATH).status_code == 403
        assert client.post(PATH, data=MEALS).status_code == 403
        auth.logout()


def test_a_percentage_takes_a_decimal_comma_and_money_takes_dots(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    fee = {**MEALS, "kind": "fee_reduction_percent", "amount": "12,5"}
    assert client.post(PATH, data=fee).status_code == 302
    assert client.post(PATH, data={**MEALS, "amount": "1.250.000"}).status_code == 302
    with app.app_context():
        amounts = {r.kind: r.amount for r in db.session.scalars(select(SupportRate))}
    assert amounts == {
        SupportKind.FEE_REDUCTION_PERCENT: Decimal("12.5"),
        SupportKind.MEAL_PER_DAY: Decimal(1_250_000),
    }
    wrong = client.post(PATH, data={**MEALS, "amount": "ba mươi nghìn"})
    assert wrong.status_code == 422
    assert 'value="ba mươi nghìn"' in wrong.get_data(as_text=True)
