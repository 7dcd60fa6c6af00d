"""Tests marked ``postgres_only`` need PostgreSQL (the scheduler's advisory lock); on SQLite
they are skipped, saying why."""

import pytest


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_sqlite(request):
    if request.node.get_closest_marker("postgres_only") is None:
        return
    if not request.getfixturevalue("is_postgres"):
        pytest.skip("needs PostgreSQL: the suite runs on SQLite (REINTEGRATION_DATABASE_URL unset)")
