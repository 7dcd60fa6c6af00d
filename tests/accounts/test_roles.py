"""Each role's menu links to its pages and to no other (the menu groups them in
drop-downs; the links are in the page either way). Who may open each page, and each object
in or out of scope, is the authorization matrix's: tests/security/authorization_table.py."""

import pytest

from reintegration.accounts.models import Role

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
    "/imports/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/follow-up-rules/": {Role.ADMIN},
    "/admin/amnesty-decisions": {Role.ADMIN},
    "/reports/": {Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER},
    "/training/courses": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/admin/training-support/": {Role.ADMIN, Role.PROVINCE_OFFICER},
    "/jobs/employers/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
    "/jobs/openings/": {Role.CASEWORKER, Role.PROVINCE_OFFICER},
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_menu_shows_the_role_its_pages(client, auth, make_user, role):
    auth.login(make_user(role=role))
    page = client.get("/").get_data(as_text=True)
    for link, roles in MENU_LINKS.items():
        assert (f'href="{link}"' in page) == (role in roles), link
