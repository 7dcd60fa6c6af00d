"""Referrals: hire → retention checks at 1, 3 and 6 calendar months; a lost job cancels
those not yet done; each transition checks the state."""

from datetime import date

import pytest
from sqlalchemy import select

from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.core.clock import add_months
from reintegration.core.exceptions import DomainError
from reintegration.employment.models import JobLossReason, ReferralStatus
from reintegration.employment.services import referrals
from reintegration.extensions import db
from tests.employment.conftest import make_opening, make_person, user


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2026, 8, 30), 6, date(2027, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
    ],
)
def test_calendar_months_clamp_to_the_month_end(start, months, due):
    assert add_months(start, months) == due


def test_a_hire_schedules_retention_checks_with_exact_dates(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(
            job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn", interests=["welding"]
        )
        caseworker = user(job_partners.hanoi.caseworker_x)
        referral = referrals.refer(case, opening, caseworker, today=date(2026, 1, 10))
        referrals.record_interview(referral, caseworker, on=date(2026, 1, 20))
        referrals.record_hire(referral, caseworker, start_on=date(2026, 1, 31))
        db.session.commit()
        rows = db.session.scalars(
            select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.due_on)
        ).all()
        assert [(f.due_on, f.kind, f.status, f.generated) for f in rows] == [
            (date(2026, 2, 28), FollowUpKind.RETENTION_CHECK, FollowUpStatus.DUE, False),
            (date(2026, 4, 30), FollowUpKind.RETENTION_CHECK, FollowUpStatus.DUE, False),
            (date(2026, 7, 31), FollowUpKind.RETENTION_CHECK, FollowUpStatus.DUE, False),
        ]
        assert [c.months for c in referral.retention_checks] == [1, 3, 6]
        assert referral.status == ReferralStatus.HIRED


def test_a_lost_job_cancels_the_checks_not_yet_done(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn")
        caseworker = user(job_partners.hanoi.caseworker_x)
        referral = referrals.refer(case, opening, caseworker, today=date(2026, 1, 10))
        first, *later = referrals.record_hire(referral, caseworker, start_on=date(2026, 2, 2))
        first.status = FollowUpStatus.DONE
        first.done_on = date(2026, 3, 2)
        cancelled = referrals.record_job_lost(
            referral, caseworker, on=date(2026, 3, 20), reason=JobLossReason.RESIGNED
        )
        db.session.commit()
        assert {f.id for f in cancelled} == {f.id for f in later}
        assert first.status == FollowUpStatus.DONE
        assert all(f.status == FollowUpStatus.CANCELLED for f in later)
        assert referral.status == ReferralStatus.JOB_LOST
        assert referral.end_reason == JobLossReason.RESIGNED


def test_transitions_check_the_state(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn")
        caseworker = user(job_partners.hanoi.caseworker_x)
        referral = referrals.refer(case, opening, caseworker, today=date(2026, 1, 10))
        with pytest.raises(DomainError):
            referrals.record_job_lost(
                referral, caseworker, on=date(2026, 3, 1), reason=JobLossReason.OTHER
            )
        referrals.record_not_hired(
            referral, caseworker, on=date(2026, 1, 20), reason="Thiếu kinh nghiệm"
        )
        with pytest.raises(DomainError):
            referrals.record_hire(referral, caseworker, start_on=date(2026, 2, 1))
        # Not hired frees the person for a new referral to the same opening.
        again = referrals.refer(case, opening, caseworker, today=date(2026, 2, 1))
        assert again.status == ReferralStatus.REFERRED


def test_hires_past_the_openings_seats_are_refused(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners, seats=1)
        caseworker = user(job_partners.hanoi.caseworker_x)
        first = make_person(job_partners.hanoi.commune_x, name="Một")
        second = make_person(job_partners.hanoi.commune_x, name="Hai")
        r1 = referrals.refer(first, opening, caseworker, today=date(2026, 1, 10))
        r2 = referrals.refer(second, opening, caseworker, today=date(2026, 1, 10))
        referrals.record_hire(r1, caseworker, start_on=date(2026, 2, 1))
        with pytest.raises(DomainError) as refused:
            referrals.record_hire(r2, caseworker, start_on=date(2026, 2, 1))
        assert refused.value.code == "full"


def test_a_caseworker_cannot_refer_a_case_outside_their_communes(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(job_partners.hanoi.commune_y, name="Ở Xã Y")
        with pytest.raises(DomainError) as refused:
            referrals.refer(
                case, opening, user(job_partners.hanoi.caseworker_x), today=date(2026, 1, 10)
            )
        assert refused.value.code == "forbidden"
