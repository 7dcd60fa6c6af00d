"""Fixtures the security tests borrow: API clients acting through a token, and the
training and jobs world."""

from tests.api.conftest import api_as, token_for  # noqa: F401 (fixtures)
from tests.employment.conftest import world  # noqa: F401 (a fixture)
