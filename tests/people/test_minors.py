"""People under 18 on the release day (Decree 49/2020 Art. 11): flagged on the case and put
first in the training and job lists."""

from datetime import date

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.people.services.registration import minor_on_release


def test_under_18_on_the_release_day():
    released = date(2025, 9, 1)
    assert minor_on_release(date(2007, 9, 2), 2007, released)  # 17, birthday the next day
    assert not minor_on_release(date(2007, 9, 1), 2007, released)  # 18 that day
    assert minor_on_release(None, 2007, released)  # the year only: in the person's favour
    assert not minor_on_release(None, 2006, released)


def test_the_case_file_flags_a_minor(app, client, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x, birth_date="20/10/2007", birth_year="2007", id_number="")
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        assert case.minor_on_release
        case_id = case.id
    assert 'data-testid="minor"' in client.get(f"/cases/{case_id}").get_data(as_text=True)
