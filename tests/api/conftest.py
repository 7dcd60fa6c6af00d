"""API fixtures: ``loan_people`` (a person's case in commune X of Hà Nội, caseworkers X
and Y, the province officer, reviewers), tokens for its users, and a client that sends
them."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts import tokens
from reintegration.accounts.models import ApiToken, User
from reintegration.core.clock import now_utc
from reintegration.extensions import db
from tests.loans.conftest import loan_people  # noqa: F401 (a fixture)


def user_named(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def token_for(app):
    """``token_for(username)`` → a clear token of that user (valid for 30 days, or
    ``days``)."""

    def make(username: str, *, days: int = 30, name: str = "test") -> str:
        with app.app_context():
            user = user_named(username)
            issued = tokens.issue_token(user, name, days, actor=user)
            db.session.commit()
            return issued.clear

    return make


@pytest.fixture
def expire(app):
    """Move a token's expiry into the past."""

    def run(clear: str) -> None:
        with app.app_context():
            token = db.session.scalar(
                select(ApiToken).where(ApiToken.token_hash == tokens.hash_token(clear))
            )
            token.expires_at = now_utc() - timedelta(seconds=1)
            db.session.commit()

    return run


@dataclass
class Api:
    """A test client that sends a bearer token."""

    client: object
    token: str | None = None

    def _headers(self, headers=None, version=None) -> dict:
        result = dict(headers or {})
        if self.token is not None:
            result.setdefault("Authorization", f"Bearer {self.token}")
        if version is not None:
            result["If-Match"] = f'W/"{version}"'
        return result

    def get(self, path, *, headers=None, **kwargs):
        return self.client.get(path, headers=self._headers(headers), **kwargs)

    def post(self, path, json=None, *, version=None, headers=None, **kwargs):
        return self.client.post(path, json=json, headers=self._headers(headers, version), **kwargs)


@pytest.fixture
def api_as(app, token_for):
    """``api_as(username)`` → an Api client acting as that user through a token."""

    def make(username: str) -> Api:
        return Api(app.test_client(), token_for(username))

    return make
