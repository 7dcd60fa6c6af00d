"""Roles without loan files never reach one (who may open each loan page is in
tests/security/authorization_table.py with every other route)."""

import pytest

from reintegration.accounts.models import Role


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMMITTEE_VIEWER])
def test_roles_without_loan_files_never_reach_one(client, auth, make_user, role):
    auth.login(make_user(role=role))
    for path in ("/loans/1", "/loans/1/summary.pdf", "/loans/form01.pdf?commune=4"):
        assert client.get(path).status_code == 403, path
    assert client.post("/loans/1/submit").status_code == 403
    assert client.post("/loans/1/take").status_code == 403
