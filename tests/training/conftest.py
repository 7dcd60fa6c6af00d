from tests.employment.conftest import job_partners  # noqa: F401  (the same employer and provider)
