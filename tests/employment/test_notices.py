"""Training placements and job referrals: a step recorded by someone else tells the case's
caseworker, once; a step the caseworker records tells nobody; a hire's retention check
due the next working day reminds the caseworker in its own words."""

from datetime import date

from sqlalchemy import select

from reintegration.casework import tasks
from reintegration.employment.services import referrals
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.notifications.services import render_message
from reintegration.people.models import Case
from reintegration.training.models import Course, CourseLevel
from reintegration.training.services import catalogue, placements
from tests.employment.conftest import make_opening, make_person, user


def told() -> list[tuple[str, str, str]]:
    notices = db.session.scalars(select(Notification).order_by(Notification.id))
    return [(n.user.username, n.kind, n.subject_type) for n in notices]


def assigned_case(job_partners) -> Case:
    case = make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn", interests=["welding"])
    case.caseworker = user(job_partners.hanoi.caseworker_x)
    db.session.flush()
    db.session.execute(Notification.__table__.delete())
    return case


def a_course(job_partners) -> Course:
    from reintegration.training.models import TrainingProvider

    return catalogue.create_course(
        db.session.get(TrainingProvider, job_partners.provider_id),
        catalogue.CourseData(
            title="Hàn điện cơ bản", trade_code="welding", level=CourseLevel.ELEMENTARY,
            commune_code=job_partners.hanoi.commune_x, starts_on=date(2026, 4, 1),
            ends_on=date(2026, 6, 30), seats=10,
        ),
        user(job_partners.hanoi.officer),
    )  # fmt: skip


def test_a_placement_step_by_the_officer_tells_the_caseworker_once(app_ctx, job_partners):
    case = assigned_case(job_partners)
    officer = user(job_partners.hanoi.officer)
    placement = placements.refer(case, a_course(job_partners), officer, today=date(2026, 3, 2))
    placements.enroll(placement, officer, on=date(2026, 4, 1))
    assert told() == [
        ("canbo.x", "placement_changed", "Placement"),
        ("canbo.x", "placement_changed", "Placement"),
    ]
    first = db.session.scalars(select(Notification).order_by(Notification.id)).first()
    assert render_message(first) == (
        f"Nguyễn Văn Hàn (hồ sơ số {case.id}) đã được {officer.full_name} giới thiệu vào khóa "
        "học “Hàn điện cơ bản”."
    )
    assert first.link == f"/training/placements/{placement.id}"
    placements.drop(
        placement, user(job_partners.hanoi.caseworker_x), on=date(2026, 4, 2), reason="Ốm"
    )
    assert len(told()) == 2  # the caseworker's own step tells nobody


def test_a_referral_step_by_someone_else_tells_the_caseworker(app_ctx, job_partners):
    case = assigned_case(job_partners)
    officer = user(job_partners.hanoi.officer)
    referral = referrals.refer(case, make_opening(job_partners), officer, today=date(2026, 1, 10))
    referrals.record_interview(
        referral, user(job_partners.hanoi.caseworker_x), on=date(2026, 1, 20)
    )
    referrals.record_hire(referral, officer, start_on=date(2026, 1, 31))
    assert told() == [
        ("canbo.x", "referral_changed", "Referral"),
        ("canbo.x", "referral_changed", "Referral"),
    ]
    kinds = [n.params for n in db.session.scalars(select(Notification).order_by(Notification.id))]
    assert kinds[1]["job"] == "Thợ hàn — Công ty TNHH Cơ khí Đông Anh"


def test_a_retention_check_due_reminds_the_caseworker_once(app_ctx, job_partners):
    case = assigned_case(job_partners)
    caseworker = user(job_partners.hanoi.caseworker_x)
    referral = referrals.refer(
        case, make_opening(job_partners), caseworker, today=date(2026, 1, 10)
    )
    referrals.record_hire(referral, caseworker, start_on=date(2026, 1, 30))  # check 28/02 (Sat)
    db.session.commit()
    assert tasks.sweep_follow_ups(date(2026, 2, 26))["due_reminders"] == 0
    assert tasks.sweep_follow_ups(date(2026, 2, 27))["due_reminders"] == 1  # Friday
    assert tasks.sweep_follow_ups(date(2026, 2, 27))["due_reminders"] == 0
    (notice,) = db.session.scalars(select(Notification))
    assert (notice.user_id, notice.kind) == (caseworker.id, "retention_check_due")
    assert render_message(notice) == (
        f"Kiểm tra Nguyễn Văn Hàn (hồ sơ số {case.id}) còn làm việc tại Thợ hàn — Công ty TNHH "
        "Cơ khí Đông Anh: hạn kiểm tra duy trì việc làm là 28/02/2026."
    )
