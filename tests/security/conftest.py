"""Fixtures the security tests borrow: API clients acting through a token, and the
training and jobs job_partners."""

from tests.api.conftest import api_as, token_for  # noqa: F401 (fixtures)
from tests.employment.conftest import job_partners  # noqa: F401 (a fixture)
