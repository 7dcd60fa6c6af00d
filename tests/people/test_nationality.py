"""Nationality as a country (ISO 3166 code, named in Vietnamese, Việt Nam by default), a
passport number for foreigners, and the foreigners figure counted by code."""

from datetime import date

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.people.countries import code_for, nationality_code
from reintegration.people.models import Person
from reintegration.reports import definitions
from reintegration.reports.periods import Period, PeriodKind
from tests.factories import CaseFactory, PersonFactory


def test_free_text_is_read_into_a_country():
    for text in ("Việt Nam", "VN", "vn", "Vietnamese", "VIỆT NAM", "Viet Nam"):
        assert code_for(text) == "VN", text
    assert code_for("Lào") == "LA" and code_for("Trung Quốc") == "CN"
    assert nationality_code("") == "VN"
    assert nationality_code("Xứ Lạ") == "ZZ"


def test_a_foreigner_is_registered_with_a_country_and_a_passport(
    app, client, auth, register, hanoi
):
    auth.login(hanoi.caseworker_x)
    page = client.get("/people/new").get_data(as_text=True)
    assert '<option selected value="VN">Việt Nam</option>' in page
    assert register(hanoi.commune_x, nationality="LA", id_number="",
                    passport_number="P1234567").status_code == 302  # fmt: skip
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert (person.nationality, person.passport_number, person.is_foreign) == (
            "LA",
            "P1234567",
            True,
        )
        case_id = person.cases[0].id
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'data-testid="nationality">Lào<' in page and "P1234567" in page


def test_the_foreigners_figure_counts_by_code(app_ctx, hanoi):
    received = date(2026, 1, 10)
    for nationality in ("VN", "VN", "LA", "ZZ"):
        CaseFactory(person=PersonFactory(nationality=nationality), received_on=received,
                    commune_code=hanoi.commune_x)  # fmt: skip
    db.session.flush()
    period = Period(PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31))
    counts = definitions.compute(db.session, period, date(2026, 2, 1))
    assert counts["followed"] == {hanoi.commune_x: 4}
    assert counts["foreigners"] == {hanoi.commune_x: 2}
