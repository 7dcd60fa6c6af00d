"""The providers and courses pages: who reads, who keeps, scope, forms that keep what was
typed, and seats that cannot fall below those taken."""

from decimal import Decimal

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.training.models import Course, FeeSupport, SupportKind, TrainingProvider
from reintegration.training.services import catalogue, placements
from tests.employment.conftest import make_person, user
from tests.training.factories import make_course, upcoming

PROVIDER = {
    "name": "Trung tâm Dịch vụ việc làm Hà Nội",
    "kind": "employment_service_centre",
    "commune_code": "",
    "address": "Số 1 phố Huế",
    "contact": "Chị Lan, 0912 345 678",
    "active": "y",
}


def course_form(job_partners, **overrides) -> dict:
    values = {
        "title": "Nấu ăn cơ bản",
        "trade_code": "cooking",
        "level": "elementary",
        "commune_code": str(job_partners.hanoi.commune_y),
        "starts_on": upcoming(10).strftime("%d/%m/%Y"),
        "ends_on": upcoming(70).strftime("%d/%m/%Y"),
        "seats": "25",
        "cost": "4.500.000",
        "fee_support": "exemption",
        "meals_support": "y",
    }
    values.update(overrides)
    return values


def test_an_officer_adds_a_provider_and_a_course(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post("/training/providers/new", data=PROVIDER)
    assert response.status_code == 302
    with app.app_context():
        provider = db.session.scalar(
            select(TrainingProvider).where(TrainingProvider.name == PROVIDER["name"])
        )
        assert provider.province_code == 1 and provider.contact == PROVIDER["contact"]
        provider_id = provider.id
    assert response.headers["Location"] == f"/training/providers/{provider_id}"
    response = client.post(
        f"/training/providers/{provider_id}/courses/new", data=course_form(job_partners)
    )
    assert response.status_code == 302
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.provider_id == provider_id))
        assert (course.cost, course.seats, course.fee_support) == (
            4_500_000,
            25,
            FeeSupport.EXEMPTION,
        )
        assert course.meals_support and not course.travel_support
        course_id = course.id
    page = client.get(f"/training/providers/{provider_id}").get_data(as_text=True)
    assert "Nấu ăn cơ bản" in page
    assert "4.500.000" in page
    # Exemption covers the whole fee; meals have no level yet in the province.
    assert "Miễn học phí: 4.500.000" in page
    course_page = client.get(f"/training/courses/{course_id}").get_data(as_text=True)
    assert 'data-testid="seats-left">25<' in course_page


def test_the_course_list_shows_seats_left_and_the_support_in_force(app, client, auth, job_partners):
    with app.app_context():
        officer = user(job_partners.hanoi.officer)
        catalogue.add_support_rate(
            officer,
            kind=SupportKind.TRAVEL_PER_COURSE,
            amount=Decimal(200_000),
            effective_from=upcoming(-30),
            legal_basis="QĐ 12/2026/QĐ-UBND",
        )
        course = make_course(
            job_partners, seats=3, travel_support=True, fee_support=FeeSupport.REDUCTION
        )
        placements.refer(
            make_person(job_partners.hanoi.commune_x, name="Lê Văn Tám"), course, officer
        )
        db.session.commit()
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get("/training/courses").get_data(as_text=True)
    assert 'data-testid="course-row"' in page
    assert 'data-testid="seats-left">2<' in page
    assert "200.000" in page  # travel
    assert "chưa quy định mức" in page  # the fee reduction percentage is not set
    filtered = client.get("/training/courses?trade=cooking").get_data(as_text=True)
    assert 'data-testid="course-row"' not in filtered


def test_a_caseworker_reads_the_catalogue_but_does_not_keep_it(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners).id
    auth.login(job_partners.hanoi.caseworker_x)
    assert client.get("/training/providers").status_code == 200
    page = client.get(f"/training/providers/{job_partners.provider_id}").get_data(as_text=True)
    assert "/courses/new" not in page
    assert client.get(f"/training/courses/{course_id}").status_code == 200
    assert client.get("/training/providers/new").status_code == 403
    assert client.post("/training/providers/new", data=PROVIDER).status_code == 403
    assert client.get(f"/training/providers/{job_partners.provider_id}/edit").status_code == 403
    assert client.get(f"/training/courses/{course_id}/edit").status_code == 403
    assert client.post(f"/training/courses/{course_id}/seats", data={"seats": "9"}).status_code == (
        403
    )


def test_other_roles_get_403(client, auth, make_user, job_partners):
    for role in (Role.ADMIN, Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER):
        auth.login(make_user(role=role))
        for path in ("/training/providers", "/training/courses", "/training/providers/new"):
            assert client.get(path).status_code == 403, (role, path)
        auth.logout()


def test_another_provinces_catalogue_is_404(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners).id
    auth.login(job_partners.hue_officer)
    for path in (
        f"/training/providers/{job_partners.provider_id}",
        f"/training/providers/{job_partners.provider_id}/edit",
        f"/training/providers/{job_partners.provider_id}/courses/new",
        f"/training/courses/{course_id}",
        f"/training/courses/{course_id}/edit",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/training/courses/{course_id}/seats", data={"seats": "9"}).status_code == (
        404
    )
    listing = client.get("/training/providers").get_data(as_text=True)
    assert 'data-testid="provider-row"' not in listing


def test_a_rejected_course_form_keeps_what_was_typed(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    data = course_form(
        job_partners, title="Sửa xe máy", cost="bốn triệu", ends_on=upcoming(1).strftime("%d/%m/%Y")
    )
    response = client.post(f"/training/providers/{job_partners.provider_id}/courses/new", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="Sửa xe máy"' in page
    assert 'value="bốn triệu"' in page
    assert 'id="cost-errors"' in page
    # The service's rule (end before start) is refused next to its field too.
    response = client.post(
        f"/training/providers/{job_partners.provider_id}/courses/new",
        data={**data, "cost": "4.000.000"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="ends_on-errors"' in page
    assert 'value="4.000.000"' in page
    with app.app_context():
        assert db.session.scalar(select(Course.id).where(Course.title == "Sửa xe máy")) is None


def test_a_rejected_provider_form_keeps_what_was_typed(client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post("/training/providers/new", data={**PROVIDER, "name": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="name-errors"' in page
    assert 'value="Chị Lan, 0912 345 678"' in page


def test_an_officer_edits_a_provider_and_a_stale_save_is_refused(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    page = client.get(f"/training/providers/{job_partners.provider_id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in page
    data = {**PROVIDER, "name": "Trường Cao đẳng nghề Hà Nội", "kind": "vocational_school"}
    response = client.post(
        f"/training/providers/{job_partners.provider_id}/edit", data={**data, "version": "1"}
    )
    assert response.status_code == 302
    stale = client.post(
        f"/training/providers/{job_partners.provider_id}/edit",
        data={**data, "name": "Tên cũ", "version": "1"},
    )
    assert stale.status_code == 422
    assert 'value="Tên cũ"' in stale.get_data(as_text=True)
    with app.app_context():
        provider = db.session.get(TrainingProvider, job_partners.provider_id)
        assert (provider.name, provider.version) == ("Trường Cao đẳng nghề Hà Nội", 2)


def test_an_officer_edits_a_course(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners).id
    auth.login(job_partners.hanoi.officer)
    form = client.get(f"/training/courses/{course_id}/edit")
    assert form.status_code == 200
    assert 'value="Hàn điện cơ bản"' in form.get_data(as_text=True)
    data = course_form(job_partners, title="Hàn điện nâng cao", trade_code="welding", version="1")
    refused = client.post(f"/training/courses/{course_id}/edit", data={**data, "seats": "nhiều"})
    assert refused.status_code == 422
    assert 'value="Hàn điện nâng cao"' in refused.get_data(as_text=True)
    assert 'value="nhiều"' in refused.get_data(as_text=True)
    assert client.post(f"/training/courses/{course_id}/edit", data=data).status_code == 302
    with app.app_context():
        course = db.session.get(Course, course_id)
        assert (course.title, course.seats, course.commune_code) == (
            "Hàn điện nâng cao",
            25,
            job_partners.hanoi.commune_y,
        )


def test_seats_cannot_fall_below_those_taken(app, client, auth, job_partners):
    with app.app_context():
        course = make_course(job_partners, seats=3)
        officer = user(job_partners.hanoi.officer)
        for name in ("Nguyễn Văn An", "Trần Thị Bình"):
            placements.refer(make_person(job_partners.hanoi.commune_x, name=name), course, officer)
        db.session.commit()
        course_id, version = course.id, course.version
    auth.login(job_partners.hanoi.officer)
    refused = client.post(
        f"/training/courses/{course_id}/seats", data={"seats": "1", "version": str(version)}
    )
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'id="seats-errors"' in page
    assert "2 người đã có chỗ trong khóa học này" in page
    assert 'name="seats" type="text" value="1"' in page or 'value="1"' in page
    saved = client.post(
        f"/training/courses/{course_id}/seats", data={"seats": "5", "version": str(version)}
    )
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Course, course_id).seats == 5
    # The course page names the two people placed: both of the officer's province.
    page = client.get(f"/training/courses/{course_id}").get_data(as_text=True)
    assert page.count('data-testid="trainee-row"') == 2
    assert 'data-testid="seats-left">3<' in page


def test_the_course_page_shows_only_the_people_of_ones_communes(app, client, auth, job_partners):
    with app.app_context():
        course = make_course(job_partners, seats=3)
        officer = user(job_partners.hanoi.officer)
        placements.refer(
            make_person(job_partners.hanoi.commune_x, name="Người Xã X"), course, officer
        )
        placements.refer(
            make_person(job_partners.hanoi.commune_y, name="Người Xã Y"), course, officer
        )
        db.session.commit()
        course_id = course.id
    auth.login(job_partners.hanoi.caseworker_y)
    page = client.get(f"/training/courses/{course_id}").get_data(as_text=True)
    assert "Người Xã Y" in page and "Người Xã X" not in page
    assert 'data-testid="seats-left">1<' in page
