"""Fixtures: one schema per run built by the migrations, reference data loaded once,
every other table emptied after each test.

The database is SQLite in a temporary file, or the one REINTEGRATION_DATABASE_URL names
(CI runs the whole suite a second time on PostgreSQL that way).
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from flask_migrate import upgrade
from sqlalchemy import MetaData, text

from reintegration import create_app
from reintegration.accounts.models import Role
from reintegration.extensions import db, limiter
from reintegration.geo.services import REFERENCE_TABLES, load_units
from tests.factories import DEFAULT_PASSWORD, HA_NOI, UserFactory, communes_of

DATABASE_URL_VAR = "REINTEGRATION_DATABASE_URL"
# Rows the migrations seed (the 2025 amnesty decisions): restored after each test.
SEEDED_TABLES = (
    "amnesty_decisions",
    "loan_rules",
    "follow_up_rules",
    "trades",
    "expungement_periods",
    "public_holidays",
    "holiday_years",
)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get(DATABASE_URL_VAR)
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


def drop_everything() -> None:
    """Start from an empty database even when a previous run left tables behind."""
    reflected = MetaData()
    reflected.reflect(bind=db.engine)
    reflected.drop_all(bind=db.engine)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        {
            "MODE": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        }
    )
    with app.app_context():
        drop_everything()
        upgrade()
        load_units()
        db.session.commit()
        app.extensions["seeded_rows"] = {
            name: [
                dict(row._mapping) for row in db.session.execute(db.metadata.tables[name].select())
            ]
            for name in SEEDED_TABLES
        }
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Empty the non-reference tables after each test that used the app, then put back
    the rows the migrations seed."""
    yield
    if "app" not in request.fixturenames:
        return
    empty_tables(request.getfixturevalue("app"))


def empty_tables(app) -> None:
    """Every non-reference table emptied, the rows the migrations seed put back."""
    with app.app_context():
        db.session.remove()
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
        with db.engine.begin() as connection, audit_log_guard_lifted(connection):
            for table in tables:
                connection.execute(table.delete())
            for name, rows in app.extensions["seeded_rows"].items():
                connection.execute(db.metadata.tables[name].insert(), rows)
        limiter.reset()


@contextmanager
def audit_log_guard_lifted(connection):
    """The audit log refuses DELETE (a trigger, see the migration 82e0f011000e): only the
    test cleanup lifts that, as the table's owner, and puts it back as it was."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        yield
        connection.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
        return
    triggers = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
        {"t": "audit_events"},
    ).all()
    for name, _sql in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _name, sql in triggers:
        connection.execute(text(sql))


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def is_postgres(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


@pytest.fixture
def make_user(app):
    """Create a user (UserFactory arguments; communes may be given as codes) and return its
    username. The app context closes again, so requests made afterwards start clean."""

    def make(**kwargs) -> str:
        with app.app_context():
            user = UserFactory(**kwargs)
            db.session.commit()
            return user.username

    return make


@dataclass
class Hanoi:
    commune_x: int
    commune_y: int
    caseworker_x: str
    caseworker_y: str
    officer: str


@pytest.fixture
def hanoi(app, make_user) -> Hanoi:
    """Two communes of Hà Nội with a caseworker each, the province officer, and the
    public holidays as the app has them."""
    with app.app_context():
        x, y = (c.code for c in communes_of(HA_NOI, 2))
    return Hanoi(
        commune_x=x,
        commune_y=y,
        caseworker_x=make_user(role=Role.CASEWORKER, username="canbo.x", communes=[x]),
        caseworker_y=make_user(role=Role.CASEWORKER, username="canbo.y", communes=[y]),
        officer=make_user(role=Role.PROVINCE_OFFICER, username="tinh.hanoi"),
    )


class AuthActions:
    """Log in and out through the real login form."""

    def __init__(self, client):
        self.client = client

    def login(self, username: str, password: str = DEFAULT_PASSWORD, **kwargs):
        return self.client.post(
            "/login", data={"username": username, "password": password}, **kwargs
        )

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
