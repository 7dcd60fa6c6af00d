"""The geo pages: who reaches them, and what they show."""

import pytest

from reintegration.accounts.models import Role
from reintegration.extensions import db
from tests.factories import UserFactory


@pytest.fixture
def login(app, auth):
    def login_as(role: Role):
        with app.app_context():
            user = UserFactory(role=role)
            db.session.commit()
            username = user.username
        response = auth.login(username)
        assert response.status_code == 302
        return username

    return login_as


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PROVINCE_OFFICER])
def test_provinces_lists_the_34_with_commune_counts(client, login, role):
    login(role)
    response = client.get("/geo/provinces")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('data-testid="commune-count-') == 34
    assert 'data-testid="commune-count-1">126<' in html  # Hà Nội
    assert 'data-testid="commune-count-46">40<' in html  # Huế
    assert "Thành phố Hà Nội" in html
    assert 'href="/geo/provinces/1"' in html


@pytest.mark.parametrize(
    "path",
    ["/geo/provinces", "/geo/provinces/1", "/geo/provinces/1/communes.json"],
)
@pytest.mark.parametrize("role", [Role.COMMITTEE_VIEWER, Role.UNION_REVIEWER, Role.CASEWORKER])
def test_unit_pages_are_forbidden_to_other_roles(client, login, role, path):
    login(role)
    assert client.get(path).status_code == 403


def test_unit_pages_send_anonymous_users_to_the_login_page(client):
    response = client.get("/geo/provinces")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_province_lists_its_communes(client, login):
    login(Role.PROVINCE_OFFICER)
    response = client.get("/geo/provinces/1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<tr>") == 1 + 126  # header and one row per commune
    assert "Phường Ba Đình" in html
    assert "Xã Sóc Sơn" in html
    assert "Phường Phú Xuân" not in html  # Huế's


@pytest.mark.parametrize("query", ["ba dinh", "BA ĐÌNH", "Ba Đình"])
def test_province_search_matches_folded_names(client, login, query):
    login(Role.ADMIN)
    response = client.get("/geo/provinces/1", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Phường Ba Đình" in html
    assert "Phường Ngọc Hà" not in html
    assert html.count("<tr>") == 2


def test_province_search_treats_like_wildcards_as_text(client, login):
    login(Role.ADMIN)
    html = client.get("/geo/provinces/1", query_string={"q": "%"}).get_data(as_text=True)
    assert "Phường Ba Đình" not in html


def test_unknown_province_is_404(client, login):
    login(Role.ADMIN)
    assert client.get("/geo/provinces/999").status_code == 404
    assert client.get("/geo/provinces/999/communes.json").status_code == 404


def test_communes_json_for_the_admin_user_form(client, login):
    login(Role.ADMIN)
    response = client.get("/geo/provinces/46/communes.json")
    assert response.status_code == 200
    communes = response.get_json()
    assert len(communes) == 40
    assert {"code": 19753, "name": "Phường Phú Xuân"} in communes
    assert all(set(item) == {"code", "name"} for item in communes)
    names = [item["name"] for item in communes]
    assert names[0].startswith("Phường") and names[-1].startswith("Xã")


def test_communes_json_is_admin_only(client, login):
    login(Role.PROVINCE_OFFICER)
    assert client.get("/geo/provinces/1/communes.json").status_code == 403


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PROVINCE_OFFICER, Role.CASEWORKER])
def test_convert_shows_the_new_commune(client, login, role):
    login(role)
    response = client.get(
        "/geo/convert",
        query_string={"province": "ha noi", "district": "soc son", "commune": "xa tan minh"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-testid="conversion-converted"' in html
    assert "Xã Sóc Sơn, Thành phố Hà Nội" in html
    assert "Xã Tân Minh, Huyện Sóc Sơn, Thành phố Hà Nội" in html  # the old commune
    assert 'value="xa tan minh"' in html  # the form keeps what was typed


def test_convert_shows_the_choices_for_a_split_commune(client, login):
    login(Role.CASEWORKER)
    html = client.get(
        "/geo/convert",
        query_string={"province": "Hà Nội", "district": "Đống Đa", "commune": "Quang Trung"},
    ).get_data(as_text=True)
    assert 'data-testid="conversion-split"' in html
    assert "Phường Đống Đa, Thành phố Hà Nội" in html
    assert "Phường Kim Liên, Thành phố Hà Nội" in html


def test_convert_ambiguous_and_not_found(client, login):
    login(Role.CASEWORKER)
    ambiguous = client.get(
        "/geo/convert", query_string={"province": "ha noi", "commune": "tan minh"}
    ).get_data(as_text=True)
    assert 'data-testid="conversion-ambiguous"' in ambiguous
    assert "Xã Thượng Phúc, Thành phố Hà Nội" in ambiguous
    missing = client.get(
        "/geo/convert", query_string={"province": "ha noi", "commune": "khong co xa nay"}
    ).get_data(as_text=True)
    assert 'data-testid="conversion-not_found"' in missing
    assert 'data-testid="candidates"' not in missing


def test_convert_form_without_a_commune(client, login):
    login(Role.CASEWORKER)
    blank = client.get("/geo/convert")
    assert blank.status_code == 200
    assert 'data-testid="conversion-' not in blank.get_data(as_text=True)
    invalid = client.get("/geo/convert", query_string={"province": "ha noi"})
    html = invalid.get_data(as_text=True)
    assert 'id="commune-errors"' in html
    assert 'data-testid="conversion-' not in html


@pytest.mark.parametrize("role", [Role.COMMITTEE_VIEWER, Role.UNION_REVIEWER])
def test_convert_is_forbidden_to_other_roles(client, login, role):
    login(role)
    assert client.get("/geo/convert").status_code == 403
