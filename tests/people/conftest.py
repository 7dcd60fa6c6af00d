"""People fixtures: a caseworker of one commune, another of a neighbouring commune, and
a province officer, all in Hà Nội; a helper posting the registration form."""

from dataclasses import dataclass

import pytest

from reintegration.accounts.models import Role
from reintegration.calendar.services import load_holidays
from reintegration.extensions import db
from tests.factories import HA_NOI, communes_of


@dataclass
class Hanoi:
    commune_x: int
    commune_y: int
    caseworker_x: str
    caseworker_y: str
    officer: str


@pytest.fixture
def hanoi(app, make_user) -> Hanoi:
    """Two communes of Hà Nội with a caseworker each, the province officer, and the
    public holidays loaded as the app would have them."""
    with app.app_context():
        x, y = (c.code for c in communes_of(HA_NOI, 2))
        load_holidays()
        db.session.commit()
    return Hanoi(
        commune_x=x,
        commune_y=y,
        caseworker_x=make_user(role=Role.CASEWORKER, username="canbo.x", communes=[x]),
        caseworker_y=make_user(role=Role.CASEWORKER, username="canbo.y", communes=[y]),
        officer=make_user(role=Role.PROVINCE_OFFICER, username="tinh.hanoi"),
    )


def registration_form(commune_code: int, **overrides) -> dict:
    """What a caseworker types for Nguyễn Văn An, a man born 15/03/1985 in Hà Nội."""
    data = {
        "full_name": "Nguyễn Văn An",
        "birth_date": "15/03/1985",
        "birth_year": "1985",
        "sex": "male",
        "id_number": "001085012345",
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "residence_commune_code": str(commune_code),
        "residence_as_written": "Thôn 3, xã Tân Minh, huyện Sóc Sơn, TP Hà Nội",
        "release_type": "sentence_completed",
        "release_date": "01/09/2025",
        "detention_facility": "Trại giam Thanh Xuân",
        "offence_group": "property",
        "sentence_months": "36",
        "served_months": "36",
        "commune_code": str(commune_code),
        "status": "notified",
        "notified_on": "05/09/2025",
        "needs": ["documents", "skills"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def register(client):
    def post(commune_code: int, **overrides):
        return client.post("/people/new", data=registration_form(commune_code, **overrides))

    return post
