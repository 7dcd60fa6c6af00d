"""Each role reaches only its pages, and its menu shows only those."""

import pytest

from reintegration.accounts.models import Role

# path → roles that may open it; every other role gets 403.
PAGES = {
    "/": set(Role),
    "/account/password": set(Role),
    "/admin/users/": {Role.ADMIN},
    "/admin/users/new": {Role.ADMIN},
    "/admin/audit": {Role.ADMIN},
    "/geo/provinces": {Role.ADMIN, Role.PROVINCE_OFFICER},
    "/geo/convert": {Role.ADMIN, Role.PROVINCE_OFFICER, Role.CASEWORKER},
    "/admin/holidays/": {Role.ADMIN},
    "/admin/amnesty-decisions": {Role.ADMIN},
    "/people/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/people/new": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/new-business": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/review": {Role.UNION_REVIEWER},
    "/admin/loan-rules/": {Role.ADMIN},
    "/transfers/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/work/overdue": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/follow-up-rules/": {Role.ADMIN},
    "/account/api-tokens": set(Role),
    "/reports/": {Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER},
    "/reports/snapshots": {Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER},
    "/training/providers": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/training/courses": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/training/providers/new": {Role.PROVINCE_OFFICER},
    "/admin/training-support/": {Role.ADMIN, Role.PROVINCE_OFFICER},
    "/jobs/employers/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/jobs/employers/new": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/jobs/openings/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
}

MENU_LINKS = {
    "/people/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/people/new": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/holidays/": {Role.ADMIN},
    "/admin/users/": {Role.ADMIN},
    "/admin/audit": {Role.ADMIN},
    "/geo/provinces": {Role.ADMIN, Role.PROVINCE_OFFICER},
    "/loans/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/loans/review": {Role.UNION_REVIEWER},
    "/admin/loan-rules/": {Role.ADMIN},
    "/transfers/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/follow-up-rules/": {Role.ADMIN},
    "/training/courses": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/training-support/": {Role.ADMIN, Role.PROVINCE_OFFICER},
    "/jobs/employers/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/jobs/openings/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("path", list(PAGES))
def test_role_reaches_only_its_pages(client, auth, make_user, role, path):
    auth.login(make_user(role=role))
    expected = 200 if role in PAGES[path] else 403
    assert client.get(path).status_code == expected


@pytest.mark.parametrize("path", list(PAGES))
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_menu_shows_the_role_its_pages(client, auth, make_user, role):
    auth.login(make_user(role=role))
    page = client.get("/").get_data(as_text=True)
    for link, roles in MENU_LINKS.items():
        assert (f'href="{link}"' in page) == (role in roles), link
