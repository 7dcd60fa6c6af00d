"""Placements through the pages: the courses that fit a person with the reasons, referring
within the seat limit, enrolment, completion or dropping out, and scope."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.training.models import Placement, PlacementStatus, ProviderKind
from reintegration.training.services import catalogue, placements
from tests.employment.conftest import make_person, user
from tests.factories import CaseFactory
from tests.training.factories import make_course, upcoming


def person_case(app, commune: int, name: str = "Phạm Văn Hùng") -> int:
    with app.app_context():
        case = make_person(commune, name=name)
        db.session.commit()
        return case.id


def refer(client, case_id: int, course_id: int):
    return client.post(f"/training/cases/{case_id}/refer", data={"course_id": course_id})


def only_placement(app, case_id: int) -> Placement:
    with app.app_context():
        return db.session.scalars(select(Placement).where(Placement.case_id == case_id)).one()


def test_the_courses_that_fit_the_person_with_the_reasons(app, client, auth, job_partners):
    with app.app_context():
        welding = make_course(job_partners).id
        cooking = make_course(job_partners, title="Nấu ăn", trade_code="cooking").id
        make_course(job_partners, title="Đã bắt đầu", starts_on=upcoming(-3))
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/training/cases/{case_id}/courses?trade=cooking")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    rows = [int(part.split('"')[0]) for part in html.split('data-testid="fit-row" data-id="')[1:]]
    assert rows == [cooking, welding]
    assert "muốn làm nghề Nấu ăn" in html or "wants to work in" in html
    assert "Đã bắt đầu" not in html
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case_viewed")
        ).all()[-1]
        assert event.detail["section"] == "training_courses"


def test_the_whole_flow_through_the_pages(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners).id
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.caseworker_x)
    response = refer(client, case_id, course_id)
    assert response.status_code == 302
    placement = only_placement(app, case_id)
    assert placement.status == PlacementStatus.REFERRED
    assert response.headers["Location"] == f"/training/placements/{placement.id}"
    page = client.get(f"/training/placements/{placement.id}").get_data(as_text=True)
    assert 'data-action="enroll"' in page and 'data-action="drop"' in page
    assert 'data-action="complete"' not in page

    start = upcoming(14).strftime("%d/%m/%Y")
    response = client.post(f"/training/placements/{placement.id}/enroll", data={"enroll-on": start})
    assert response.status_code == 302
    # Completion needs the certificate number; the date typed stays.
    end = upcoming(40).strftime("%d/%m/%Y")
    refused = client.post(
        f"/training/placements/{placement.id}/complete",
        data={"complete-on": end, "complete-certificate_number": ""},
    )
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert 'id="complete-certificate_number-errors"' in html
    assert f'value="{end}"' in html
    response = client.post(
        f"/training/placements/{placement.id}/complete",
        data={"complete-on": end, "complete-certificate_number": "HN-2026-0042"},
    )
    assert response.status_code == 302
    placement = only_placement(app, case_id)
    assert placement.status == PlacementStatus.COMPLETED
    assert (placement.enrolled_on, placement.completed_on) == (upcoming(14), upcoming(40))
    assert placement.certificate_number == "HN-2026-0042"

    section = client.get(f"/training/cases/{case_id}").get_data(as_text=True)
    assert 'data-status="completed"' in section
    assert "HN-2026-0042" in section
    # A completed placement takes no further step.
    again = client.post(
        f"/training/placements/{placement.id}/drop",
        data={"drop-on": end, "drop-reason": "Chuyển đi"},
    )
    assert again.status_code == 422
    assert only_placement(app, case_id).status == PlacementStatus.COMPLETED


def test_dropping_out_needs_a_reason_and_frees_the_seat(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners, seats=1).id
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.officer)
    refer(client, case_id, course_id)
    placement_id = only_placement(app, case_id).id
    today = upcoming(0).strftime("%d/%m/%Y")
    refused = client.post(
        f"/training/placements/{placement_id}/drop", data={"drop-on": today, "drop-reason": ""}
    )
    assert refused.status_code == 422
    assert 'id="drop-reason-errors"' in refused.get_data(as_text=True)
    response = client.post(
        f"/training/placements/{placement_id}/drop",
        data={"drop-on": today, "drop-reason": "Đi làm ăn xa"},
    )
    assert response.status_code == 302
    placement = only_placement(app, case_id)
    assert (placement.status, placement.drop_reason) == (PlacementStatus.DROPPED, "Đi làm ăn xa")
    other = person_case(app, job_partners.hanoi.commune_y, name="Đỗ Thị Mai")
    assert refer(client, other, course_id).status_code == 302


def test_a_placement_past_the_seat_limit_is_refused_through_the_page(
    app, client, auth, job_partners
):
    with app.app_context():
        course = make_course(job_partners, seats=1)
        placements.refer(
            make_person(job_partners.hanoi.commune_x, name="Người Đầu Tiên"),
            course,
            user(job_partners.hanoi.officer),
        )
        db.session.commit()
        course_id = course.id
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.caseworker_x)
    response = refer(client, case_id, course_id)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'data-testid="refer-error"' in html
    assert "Khóa học đã đủ" in html or "The course is full" in html
    with app.app_context():
        assert db.session.scalar(select(Placement.id).where(Placement.case_id == case_id)) is None


def test_out_of_scope_cases_and_courses_are_404(app, client, auth, job_partners):
    with app.app_context():
        course_id = make_course(job_partners).id
    case_x = person_case(app, job_partners.hanoi.commune_x)
    case_y = person_case(app, job_partners.hanoi.commune_y, name="Vũ Văn Nam")
    auth.login(job_partners.hanoi.caseworker_x)
    refer(client, case_x, course_id)
    placement_id = only_placement(app, case_x).id
    # Another commune's case, and its pages.
    for path in (f"/training/cases/{case_y}", f"/training/cases/{case_y}/courses"):
        assert client.get(path).status_code == 404, path
    assert refer(client, case_y, course_id).status_code == 404
    # A course that does not exist or lies in another province.
    assert refer(client, case_x, 999999).status_code == 404
    auth.logout()
    auth.login(job_partners.hanoi.caseworker_y)
    assert client.get(f"/training/placements/{placement_id}").status_code == 404
    assert (
        client.post(
            f"/training/placements/{placement_id}/enroll", data={"enroll-on": "01/01/2030"}
        ).status_code
        == 404
    )
    auth.logout()
    auth.login(job_partners.hue_officer)
    assert client.get(f"/training/cases/{case_x}").status_code == 404
    assert client.get(f"/training/placements/{placement_id}").status_code == 404


def test_a_course_of_another_province_cannot_be_referred_to(app, client, auth, job_partners):
    case_id = person_case(app, job_partners.hanoi.commune_x)
    with app.app_context():
        from reintegration.training.models import ProviderKind
        from reintegration.training.services import catalogue

        hue = catalogue.create_provider(
            user(job_partners.hue_officer),
            name="Trường nghề Huế",
            kind=ProviderKind.VOCATIONAL_SCHOOL,
        )
        db.session.commit()
        course_id = make_course(
            job_partners,
            provider_id=hue.id,
            officer=job_partners.hue_officer,
            commune_code=job_partners.hue_commune,
        ).id
    auth.login(job_partners.hanoi.caseworker_x)
    assert refer(client, case_id, course_id).status_code == 404


def test_roles_without_person_files_get_403(client, auth, make_user, job_partners):
    for role in (Role.ADMIN, Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER):
        auth.login(make_user(role=role))
        assert client.get("/training/cases/1").status_code == 403
        assert client.get("/training/cases/1/courses").status_code == 403
        assert client.post("/training/cases/1/refer", data={"course_id": 1}).status_code == 403
        assert client.get("/training/placements/1").status_code == 403
        assert client.post("/training/placements/1/enroll").status_code == 403
        auth.logout()


def test_reading_the_training_of_a_case_is_audited(app, client, auth, job_partners):
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.officer)
    assert client.get(f"/training/cases/{case_id}").status_code == 200
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "case_viewed")
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event.object_id == str(case_id) and event.detail["section"] == "training"


def test_a_persons_placement_under_another_case_stays_with_that_case(
    app, client, auth, job_partners
):
    """The same person released twice: the placement of the earlier case, in another
    commune, is neither listed nor reachable through the later case."""
    with app.app_context():
        course_id = make_course(job_partners).id
    earlier = person_case(app, job_partners.hanoi.commune_y, name="Lý Văn Tài")
    auth.login(job_partners.hanoi.caseworker_y)
    refer(client, earlier, course_id)
    placement_id = only_placement(app, earlier).id
    auth.logout()
    with app.app_context():
        person = db.session.get(Placement, placement_id).case.person
        later = CaseFactory(person=person, commune_code=job_partners.hanoi.commune_x)
        db.session.commit()
        later_id = later.id
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/training/cases/{later_id}").get_data(as_text=True)
    assert "Lý Văn Tài" in page
    assert f"/training/placements/{placement_id}" not in page
    assert client.get(f"/training/placements/{placement_id}").status_code == 404


def test_a_provider_that_no_longer_offers_courses_is_not_suggested(app, client, auth, job_partners):
    with app.app_context():
        welding = make_course(job_partners).id
        retired = catalogue.create_provider(
            user(job_partners.hanoi.officer),
            name="Trung tâm đã ngừng",
            kind=ProviderKind.VOCATIONAL_SCHOOL,
            commune_code=job_partners.hanoi.commune_x,
        )
        retired.active = False
        db.session.commit()
        make_course(job_partners, provider_id=retired.id, title="Khóa của trung tâm đã ngừng")
    case_id = person_case(app, job_partners.hanoi.commune_x)
    auth.login(job_partners.hanoi.caseworker_x)
    html = client.get(f"/training/cases/{case_id}/courses?trade=welding").get_data(as_text=True)
    assert f'data-testid="fit-row" data-id="{welding}"' in html
    assert "Khóa của trung tâm đã ngừng" not in html
