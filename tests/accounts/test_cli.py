"""`flask users create`."""

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.extensions import db
from tests.factories import HA_NOI


def test_users_create_makes_a_province_officer(app, runner):
    result = runner.invoke(
        args=[
            "users", "create", "--username", "Tinh.HaNoi", "--full-name", "Bùi Văn Hải",
            "--role", "province_officer", "--province", str(HA_NOI),
            "--password", "a-long-enough-password",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created tinh.hanoi" in result.output
    with app.app_context():
        user = db.session.scalars(select(User).where(User.username == "tinh.hanoi")).one()
        assert user.role == Role.PROVINCE_OFFICER
        assert user.province_code == HA_NOI


def test_users_create_refuses_a_caseworker_without_communes(app, runner):
    result = runner.invoke(
        args=[
            "users", "create", "--username", "cw", "--full-name", "A", "--role", "caseworker",
            "--province", str(HA_NOI), "--password", "a-long-enough-password",
        ]
    )  # fmt: skip
    assert result.exit_code == 1
    assert "ít nhất một xã" in result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "cw")) is None
