"""The database goes away in the middle of a request: a clear 503, and the next request
works. A scheduled job that loses its connection is recorded as failed and the next job
runs. On SQLite and on PostgreSQL (REINTEGRATION_DATABASE_URL)."""

import os
from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.scheduling import jobs
from reintegration.scheduling.jobs import JobSpec
from reintegration.scheduling.models import JobRun, JobRunStatus
from reintegration.scheduling.runner import run_job
from tests.factories import CaseFactory

VIETNAMESE_TITLE = "Hệ thống tạm thời không hoạt động"


def close_the_connection(connection, _cursor) -> None:
    """The connection under the statement is closed: what a restarted server, a dropped
    network or a killed backend leave behind."""
    connection.connection.dbapi_connection.close()


def terminate_the_backend(connection, _cursor) -> None:
    """PostgreSQL kills the backend of this connection, as an administrator would."""
    pid = connection.connection.dbapi_connection.info.backend_pid
    url = os.environ["REINTEGRATION_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.fixture
def break_database(app):
    """``break_database(when, how)``: the first statement whose SQL contains ``when`` meets
    a database gone wrong (``how`` does the damage or raises); the statements after it
    find the database back."""
    armed: list = []

    def before_cursor_execute(connection, cursor, statement, *_args):
        if armed and armed[0][0] in statement:
            _when, how = armed.pop()
            how(connection, cursor)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before_cursor_execute)

    def arm(when: str, how: Callable) -> None:
        armed[:] = [(when, how)]

    yield arm
    event.remove(engine, "before_cursor_execute", before_cursor_execute)


@pytest.fixture
def case_page(app, auth, make_user) -> str:
    username = make_user(role=Role.CASEWORKER)
    with app.app_context():
        case = CaseFactory()
        db.session.commit()
        case_id = case.id
    auth.login(username)
    return f"/cases/{case_id}"


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert VIETNAMESE_TITLE in page
    assert "Chưa có gì được lưu" in page
    assert response.headers["X-Frame-Options"] == "DENY"  # still a page of the app


def test_a_connection_lost_mid_request_gives_503_and_the_next_request_works(
    client, case_page, break_database
):
    break_database("FROM cases", close_the_connection)
    response = client.get(case_page)
    assert_unavailable_page(response)
    assert f'href="{case_page}"' in response.get_data(as_text=True)  # "Try again"
    assert client.get(case_page).status_code == 200  # same session, fresh connection


def test_a_form_sent_when_the_database_fails_saves_nothing(app, client, case_page, break_database):
    break_database("INSERT INTO contacts", close_the_connection)
    response = client.post(
        case_page + "/contacts/new",
        data={
            "kind": "phone_call",
            "contact_on": "01/10/2025",
            "participants": "Anh Bảy",
            "what_happened": "Gọi điện",
        },
        headers={"Referer": "http://localhost" + case_page + "/contacts/new"},
    )
    assert_unavailable_page(response)
    with app.app_context():
        from reintegration.casework.models.contact import Contact

        assert db.session.scalar(select(Contact.id)) is None
    assert client.get(case_page).status_code == 200


def test_a_lost_user_lookup_gives_503_too(client, case_page, break_database):
    """The first statement of a request, loading the signed-in user, fails."""
    break_database("FROM users", close_the_connection)
    assert_unavailable_page(client.get(case_page))
    assert client.get(case_page).status_code == 200


def test_postgresql_killing_the_backend_mid_request(client, case_page, break_database, is_postgres):
    if not is_postgres:
        pytest.skip("PostgreSQL only: kills the server process of the connection")
    break_database("FROM cases", terminate_the_backend)
    assert_unavailable_page(client.get(case_page))
    assert client.get(case_page).status_code == 200


def test_a_pool_with_no_free_connection_gives_503(client, case_page, break_database):
    def exhausted(_connection, _cursor):
        raise PoolTimeout("QueuePool limit of size 5 overflow 10 reached")

    break_database("FROM cases", exhausted)
    assert_unavailable_page(client.get(case_page))


def test_the_page_follows_the_language_chosen_in_the_session(client, case_page, break_database):
    with client.session_transaction() as session:
        session["locale"] = "en"
    break_database("FROM users", close_the_connection)
    page = client.get(case_page).get_data(as_text=True)
    assert "The system is temporarily unavailable" in page


def test_the_api_answers_503_in_its_own_shape(app, client, make_user, break_database):
    from reintegration.accounts import tokens
    from tests.api.conftest import user_named

    username = make_user(role=Role.CASEWORKER)
    with app.app_context():
        user = user_named(username)
        clear = tokens.issue_token(user, "script", 30, actor=user).clear
        db.session.commit()
    headers = {"Authorization": f"Bearer {clear}", "Accept-Language": "vi"}
    break_database("FROM api_tokens", close_the_connection)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 503
    [error] = response.json["errors"]
    assert error["code"] == "service_unavailable"
    assert error["message"].startswith("Hiện không kết nối được cơ sở dữ liệu")
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_other_database_errors_stay_500(client, case_page, break_database):
    def broken_rule(_connection, _cursor):
        raise IntegrityError("SELECT …", {}, Exception("a bug, not an outage"))

    break_database("FROM cases", broken_rule)
    response = client.get(case_page)
    assert response.status_code == 500
    assert "Retry-After" not in response.headers


# --- the scheduler -------------------------------------------------------------------


def lose_the_connection_then_query():
    """A job whose database connection drops while it works."""
    connection = db.session.connection()
    connection.connection.dbapi_connection.close()
    db.session.execute(select(JobRun.id)).all()


def test_a_job_that_loses_the_database_is_recorded_and_the_next_one_runs(app, monkeypatch):
    broken = JobSpec(
        "test.lose_db", f"{__name__}:lose_the_connection_then_query", "loses", every_minutes=1
    )
    monkeypatch.setitem(jobs.JOBS_BY_ID, broken.id, broken)
    assert run_job(app, broken.id) is False
    assert run_job(app, "casework.sweep_follow_ups") is True
    with app.app_context():
        runs = list(db.session.scalars(select(JobRun).order_by(JobRun.id)))
        assert [(r.job_id, r.status) for r in runs] == [
            (broken.id, JobRunStatus.FAILED),
            ("casework.sweep_follow_ups", JobRunStatus.SUCCEEDED),
        ]
        assert "closed" in runs[0].error.lower()
        assert runs[0].finished_at is not None
