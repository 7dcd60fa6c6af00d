"""The OpenAPI document, the documentation page, and a property-based run of Schemathesis
over the document: whatever a program sends, the API answers without a server error and
with a response its own document describes."""

import zlib
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import reintegration
from reintegration import create_app
from reintegration.accounts.models import Role
from reintegration.api.views import SWAGGER_UI
from reintegration.casework.models import FollowUp, FollowUpKind
from reintegration.casework.services.transfers import request_transfer
from reintegration.core.clock import today_local
from reintegration.employment.models import Opening
from reintegration.employment.services import referrals
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.reports import periods as report_periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from reintegration.training.models import Course
from reintegration.training.services import placements
from tests.api.factories import make_course, make_opening, user
from tests.factories import HA_NOI
from tests.loans.conftest import advance, new_application

STATIC = Path(reintegration.__file__).resolve().parent.parent / "static"


def test_the_document_describes_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/v1/me",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/addresses/read",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/classification",
        "/api/v1/cases/{case_id}/reveal-offence",
        "/api/v1/loan-applications",
        "/api/v1/loan-applications/{application_id}",
        "/api/v1/loan-applications/{application_id}/endorse",
        "/api/v1/transfers",
        "/api/v1/transfers/{transfer_id}/accept",
        "/api/v1/cases/{case_id}/transfers",
        "/api/v1/courses",
        "/api/v1/cases/{case_id}/training-placements",
        "/api/v1/cases/{case_id}/training-placements/{placement_id}/complete",
        "/api/v1/job-openings/{opening_id}",
        "/api/v1/cases/{case_id}/job-referrals",
        "/api/v1/cases/{case_id}/job-referrals/{referral_id}/job-lost",
        "/api/v1/report-snapshots",
        "/api/v1/report-snapshots/{snapshot_id}",
    ):
        assert path in paths, path
    write = paths["/api/v1/cases/{case_id}/classification"]["post"]
    assert any(p["name"] == "If-Match" and p["required"] for p in write["parameters"])
    assert "ETag" in write["responses"]["200"]["headers"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["errors"]


def test_the_documentation_page_runs_only_vendored_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in page  # no inline script
    assert "http://" not in page and "https://" not in page  # no CDN
    assert 'data-spec-url="/api/v1/openapi.json"' in page
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert (STATIC / SWAGGER_UI / name).is_file(), name
        if name != "LICENSE":
            assert f"/static/{SWAGGER_UI}/{name}" in page
    for asset in (f"{SWAGGER_UI}/swagger-ui-bundle.js", "js/api-docs.js"):
        with client.get(f"/static/{asset}") as served:
            assert served.status_code == 200


# --- Schemathesis -------------------------------------------------------------------------
# Schemathesis' own pytest plugin (``from_fixture``/``parametrize``) does not run under pytest
# 9 yet, so each operation's Hypothesis strategy is driven here: one test per operation and
# mode (data that fits the document, and data that does not), a bounded number of examples
# each, derandomised so that CI sees the same run every time.

MAX_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def operations() -> list:
    """(method, path) of every operation, read from a throwaway app's document."""
    app = create_app({"MODE": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context():
        spec = app.extensions["reintegration_api"].spec.to_dict()
    return [
        pytest.param(method.upper(), path, id=f"{method.upper()} {path}")
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


@pytest.fixture
def known_ids(app, loan_people) -> dict[str, int]:
    """Records that exist, for half of the ids Hypothesis draws: on the loan applicant's case, a
    follow-up, a training placement, a job referral and a transfer waiting for commune Y;
    a loan application under review; a report of Hà Nội."""
    hanoi = loan_people.hanoi
    with app.app_context():
        application = new_application(loan_people)
        taken = new_application(loan_people)
        advance(taken, loan_people, "take")
        follow_up = FollowUp(
            case_id=loan_people.case_id,
            due_on=today_local(),
            kind=FollowUpKind.HOME_VISIT,
            generated=False,
        )
        db.session.add(follow_up)
        case = db.session.get(Case, loan_people.case_id)
        caseworker = user(hanoi.caseworker_x)
        # The placement and referral are on a course and an opening of their own, so that
        # the ones named in bodies are still free to refer the case to.
        course, placed_on = (
            db.session.get(Course, make_course(hanoi.officer, hanoi.commune_x)) for _ in range(2)
        )
        placement = placements.refer(case, placed_on, caseworker)
        opening, referred_to = (
            db.session.get(Opening, make_opening(hanoi.officer, hanoi.commune_x)) for _ in range(2)
        )
        referral = referrals.refer(case, referred_to, caseworker)
        transfer = request_transfer(case, hanoi.commune_y, "Chuyển về ở với gia đình", caseworker)
        period = report_periods.period_containing(report_periods.PeriodKind.MONTH, today_local())
        report = snapshots.build(period, [(AreaLevel.PROVINCE, HA_NOI)])[0]
        db.session.commit()
        return {
            "case_id": loan_people.case_id,
            "person_id": application.case.person_id,
            "application_id": taken.id,
            "follow_up_id": follow_up.id,
            "course_id": course.id,
            "placement_id": placement.id,
            "opening_id": opening.id,
            "referral_id": referral.id,
            "transfer_id": transfer.id,
            "snapshot_id": report.id,
        }


def even(value) -> bool:
    """A stable coin (Python's str hash changes with every run)."""
    return zlib.crc32(repr(value).encode()) % 2 == 0


RECORD_OF = {"case_id": "/api/v1/cases/{}", "application_id": "/api/v1/loan-applications/{}"}
REVIEWER_STEPS = ("/take", "/return", "/reject", "/endorse")
BODY_IDS = ("course_id", "opening_id")
RECEIVER_STEPS = ("/transfers/{transfer_id}/accept", "/transfers/{transfer_id}/refuse")


def caller_for(path: str, loan_people, make_user) -> str:
    """Who calls ``path``: the one whose step or page it is, else caseworker X."""
    if path.endswith(REVIEWER_STEPS):
        return loan_people.womens_reviewer
    if path.endswith(RECEIVER_STEPS):
        return loan_people.hanoi.caseworker_y
    if path.startswith("/api/v1/report-snapshots"):
        return make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI)
    return loan_people.hanoi.caseworker_x


def make_realistic(case, *, known_ids, client, bearer, commune_code) -> None:
    """Point half of what Hypothesis draws at things that exist, so that the happy paths
    run too: ids of real records (every id of the path at once, for half of the cases: a
    placement is reached through its own case), the record's current version in If-Match,
    the ids a body names, today in a step's date, and a registration in the caller's
    commune without an ID number to check."""
    params = case.path_parameters or {}
    all_real = even(sorted(params.items()))
    for name, value in known_ids.items():
        if isinstance(params.get(name), int) and (all_real or even(params[name])):
            params[name] = value
    headers = case.headers or {}
    if "If-Match" in headers and even(headers["If-Match"]):
        for name, template in RECORD_OF.items():
            if isinstance(params.get(name), int):
                current = client.get(template.format(params[name]), headers=bearer)
                if current.status_code == 200:
                    headers["If-Match"] = current.headers["ETag"]
    body = case.body
    if isinstance(body, dict) and "commune_code" in body and even(body):
        body.update(
            commune_code=commune_code,
            residence_commune_code=commune_code,
            id_number=None,
            old_id_number=None,
            birth_date=None,
            release_type="sentence_completed",
            status="notified",
        )
    if isinstance(body, dict):
        for name in BODY_IDS:
            if isinstance(body.get(name), int) and even(body[name]):
                body[name] = known_ids[name]
        if "on" in body and even(body):
            body["on"] = today_local().isoformat()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), operations())
def test_no_server_error_and_every_response_matches_the_document(
    app, loan_people, known_ids, token_for, make_user, method, path, mode
):
    """As a caseworker with a token (the organisation's reviewer for the reviewer's steps,
    the receiving commune's caseworker for its decisions, a committee viewer for the
    reports), whatever the request: no 5xx, and the answer is one the document describes
    (status, content type, headers, body)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]
    caller = caller_for(path, loan_people, make_user)
    bearer = {"Authorization": f"Bearer {token_for(caller)}"}
    client = app.test_client()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if mode == GenerationMode.POSITIVE:
            make_realistic(
                case,
                known_ids=known_ids,
                client=client,
                bearer=bearer,
                commune_code=loan_people.hanoi.commune_x,
            )
        response = case.call(headers=bearer)
        case.validate_response(response, checks=CHECKS, headers=bearer)

    run()
