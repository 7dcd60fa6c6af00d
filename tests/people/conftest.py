"""People fixtures: a helper posting the registration form (the ``hanoi`` users are in
tests/conftest.py)."""

import pytest


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
