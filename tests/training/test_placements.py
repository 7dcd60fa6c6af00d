"""Placements: seat limits, the workflow, support amounts, fitting courses, scope."""

from datetime import date
from decimal import Decimal

import pytest

from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.training.models import (
    CourseLevel,
    FeeSupport,
    PlacementStatus,
    SupportKind,
    TrainingProvider,
)
from reintegration.training.services import access, catalogue, fit, placements
from tests.employment.conftest import make_person, user


def new_course(job_partners, *, seats=2, **overrides):
    values = {
        "title": "Hàn điện cơ bản",
        "trade_code": "welding",
        "level": CourseLevel.UNDER_3_MONTHS,
        "commune_code": job_partners.hanoi.commune_x,
        "starts_on": date(2026, 4, 6),
        "ends_on": date(2026, 4, 17),
        "seats": seats,
        "cost": 3_000_000,
    }
    values.update(overrides)
    return catalogue.create_course(
        db.session.get(TrainingProvider, job_partners.provider_id),
        catalogue.CourseData(**values),
        user(job_partners.hanoi.officer),
    )


TODAY = date(2026, 3, 2)


def test_a_placement_past_the_seat_limit_is_refused(app, job_partners):
    with app.app_context():
        course = new_course(job_partners, seats=2)
        officer = user(job_partners.hanoi.officer)
        people = [make_person(job_partners.hanoi.commune_x, name=f"Học viên {n}") for n in range(3)]
        placements.refer(people[0], course, officer, today=TODAY)
        placements.refer(people[1], course, officer, today=TODAY)
        with pytest.raises(DomainError) as refused:
            placements.refer(people[2], course, officer, today=TODAY)
        assert refused.value.code == "full"
        assert catalogue.seats_left(course) == 0


def test_dropping_out_frees_the_seat(app, job_partners):
    with app.app_context():
        course = new_course(job_partners, seats=1)
        officer = user(job_partners.hanoi.officer)
        first = make_person(job_partners.hanoi.commune_x, name="Một")
        second = make_person(job_partners.hanoi.commune_x, name="Hai")
        placement = placements.refer(first, course, officer, today=TODAY)
        placements.drop(placement, officer, on=TODAY, reason="Đi làm xa")
        assert placements.refer(second, course, officer, today=TODAY).status == (
            PlacementStatus.REFERRED
        )


def test_the_workflow_checks_the_state_and_needs_a_certificate(app, job_partners):
    with app.app_context():
        course = new_course(job_partners)
        officer = user(job_partners.hanoi.officer)
        placement = placements.refer(make_person(job_partners.hanoi.commune_x, name="Một"), course,
                                     officer, today=TODAY)  # fmt: skip
        with pytest.raises(DomainError):
            placements.complete(placement, officer, on=TODAY, certificate_number="X")
        placements.enroll(placement, officer, on=date(2026, 4, 6))
        with pytest.raises(DomainError) as missing:
            placements.complete(placement, officer, on=date(2026, 4, 17), certificate_number="")
        assert missing.value.field == "certificate_number"
        placements.complete(placement, officer, on=date(2026, 4, 17), certificate_number="CC-1")
        assert placement.status == PlacementStatus.COMPLETED
        with pytest.raises(DomainError):
            placements.drop(placement, officer, on=date(2026, 4, 18), reason="?")


def test_fewer_seats_than_taken_is_refused(app, job_partners):
    with app.app_context():
        course = new_course(job_partners, seats=2)
        officer = user(job_partners.hanoi.officer)
        for n in range(2):
            placements.refer(
                make_person(job_partners.hanoi.commune_x, name=f"P{n}"),
                course,
                officer,
                today=TODAY,
            )
        with pytest.raises(DomainError):
            catalogue.change_seats(course, 1, officer)


def test_support_amounts_come_from_the_provinces_rates(app, job_partners):
    with app.app_context():
        officer = user(job_partners.hanoi.officer)
        for kind, amount in (
            (SupportKind.FEE_REDUCTION_PERCENT, Decimal(50)),
            (SupportKind.MEAL_PER_DAY, Decimal(30_000)),
            (SupportKind.TRAVEL_PER_COURSE, Decimal(200_000)),
        ):
            catalogue.add_support_rate(
                officer, kind=kind, amount=amount, effective_from=date(2026, 1, 1), legal_basis="QĐ"
            )
        course = new_course(job_partners, fee_support=FeeSupport.REDUCTION, meals_support=True,
                            travel_support=True)  # fmt: skip
        support = catalogue.support_for(course)
        # 06/04–17/04/2026: ten weekdays.
        assert (support.fee, support.meals, support.travel) == (1_500_000, 300_000, 200_000)
        exempt = new_course(job_partners, fee_support=FeeSupport.EXEMPTION)
        assert catalogue.support_for(exempt).fee == 3_000_000


def test_courses_that_fit_a_person(app, job_partners):
    with app.app_context():
        welding = new_course(job_partners)
        cooking = new_course(job_partners, title="Nấu ăn", trade_code="cooking")
        full = new_course(job_partners, title="Hàn nâng cao", seats=1)
        started = new_course(job_partners, title="Đã học", starts_on=date(2026, 2, 1))
        officer = user(job_partners.hanoi.officer)
        placements.refer(make_person(job_partners.hanoi.commune_x, name="Khác"), full, officer,
                         today=date(2026, 1, 5))  # fmt: skip
        case = make_person(job_partners.hanoi.commune_x, name="Muốn học hàn", interests=["welding"])
        fits = fit.courses_for(case, interests={"welding"}, skills=set(), preferred_communes=set(),
                               today=TODAY)  # fmt: skip
        ids = [f.course.id for f in fits]
        assert ids == [welding.id, cooking.id]
        assert full.id not in ids and started.id not in ids


def test_courses_stay_in_the_province(app, job_partners):
    with app.app_context():
        course = new_course(job_partners)
        assert access.find_course(course.id, user(job_partners.hanoi.caseworker_x)) is not None
        assert access.find_course(course.id, user(job_partners.hue_officer)) is None
        assert db.session.scalars(access.courses_query(user(job_partners.hue_officer))).all() == []


def test_people_under_18_on_release_come_first_on_a_course(app, job_partners):
    """Decree 49/2020 Art. 11: priority for people under 18; then by given name."""
    with app.app_context():
        course = new_course(job_partners, seats=3)
        officer = user(job_partners.hanoi.officer)
        an = make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn An")
        yen = make_person(job_partners.hanoi.commune_x, name="Lê Thị Yến")
        yen.minor_on_release = True
        for case in (an, yen):
            placements.refer(case, course, officer, today=TODAY)
        rows = db.session.scalars(access.placements_on_course_query(course, officer)).all()
        assert [p.case_id for p in rows] == [yen.id, an.id]
