"""Each role reaches only its loan pages (the same table as tests/accounts/test_roles.py)."""

import pytest

from reintegration.accounts.models import Role

PAGES = {
    "/loans/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/new-business": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/review": {Role.UNION_REVIEWER},
    "/admin/loan-rules/": {Role.ADMIN},
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("path", list(PAGES))
def test_role_reaches_only_its_loan_pages(client, auth, make_user, role, path):
    auth.login(make_user(role=role))
    expected = 200 if role in PAGES[path] else 403
    assert client.get(path).status_code == expected


@pytest.mark.parametrize("path", list(PAGES))
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMMITTEE_VIEWER])
def test_roles_without_loan_files_never_reach_one(client, auth, make_user, role):
    auth.login(make_user(role=role))
    for path in ("/loans/1", "/loans/1/summary.pdf", "/loans/form01.pdf?commune=4"):
        assert client.get(path).status_code == 403, path
    assert client.post("/loans/1/submit").status_code == 403
    assert client.post("/loans/1/take").status_code == 403
