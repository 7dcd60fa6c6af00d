from tests.employment.conftest import world  # noqa: F401  (the same world)
