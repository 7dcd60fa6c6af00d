"""``quarter_cases``: a small hand-built quarter of cases for the report figures, in two
communes of Hà Nội, for the first quarter of 2026 (built on 15/04/2026, so "overdue" is
judged on 01/04/2026).

Commune X: P1 received 10/01 on time (amnesty, A, extremely difficult); P2 received 05/02
late (sentence completed, B, Lao national); P3 received 20/12/2025 and still followed (C);
P4 received 01/11/2025 and closed 01/03 detained again; P5 closed 15/12/2025 (not followed).
Commune Y: P6 received 31/03 without a deadline (amnesty, unclassified); P7 only notified.
Follow-ups on P1's case: due 20/01 done; due 20/02 still due; due 31/03 missed; due 25/03
done 02/04; due 10/03 cancelled; due 05/04 (after the quarter).
Loans on P1's case: L1 submitted 15/01 (50 M), certified 25/01, approved 10/02 (40 M),
disbursed 15/02, first instalment due 15/03 (1.2 M) of which 0.5 M paid; L2 submitted
01/03 (30 M), declined 20/03; L3 submitted 01/12/2025 (20 M). Endorsed: L1 at 00:30 on
01/01 Vietnam time, L2 on 01/02; L3 rejected at 01:00 on 01/04 Vietnam time (after Q1).
The bank's deadline: L1 sent 27/01, due 30/01, decided late; L2 sent 18/03, due 23/03,
decided in time; L4 (submitted and certified in 2025) sent 25/03, due 30/03, still waiting.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from reintegration.accounts.models import Organisation
from reintegration.casework.models.follow_up import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.core.clock import add_months
from reintegration.employment.models import (
    Employer,
    JobLossReason,
    Opening,
    Referral,
    ReferralStatus,
    RetentionCheck,
)
from reintegration.extensions import db
from reintegration.loans.models import (
    BorrowerKind,
    LoanApplication,
    LoanInstalment,
    LoanPayment,
    LoanPurpose,
    LoanStatus,
    LoanTransition,
)
from reintegration.people.models import CaseStatus, Classification, CloseReason, ReleaseType
from reintegration.reports import periods
from reintegration.training.models import (
    Course,
    CourseLevel,
    Placement,
    PlacementStatus,
    ProviderKind,
    TrainingProvider,
)
from tests.api.conftest import api_as, token_for  # noqa: F401 (fixtures)
from tests.conftest import Hanoi
from tests.factories import HA_NOI, CaseFactory, PersonFactory, ReleaseFactory

Q1 = periods.Period(periods.PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31))
BUILT_ON = date(2026, 4, 15)


@dataclass
class QuarterCases:
    hanoi: Hanoi
    p1_case: int


def _case(
    commune,
    *,
    received=None,
    deadline=None,
    release_type=ReleaseType.SENTENCE_COMPLETED,
    classification=None,
    status=CaseStatus.ACTIVE,
    nationality="VN",
    **kw,
):
    person = PersonFactory(nationality=nationality)
    release = ReleaseFactory(person=person, release_type=release_type)
    return CaseFactory(person=person, release=release, commune_code=commune, received_on=received,
                       arrival_deadline=deadline, classification=classification, status=status,
                       **kw)  # fmt: skip


def _loan(case, **kw) -> LoanApplication:
    loan = LoanApplication(
        borrower_kind=BorrowerKind.INDIVIDUAL, case_id=case.id, commune_code=case.commune_code,
        organisation=Organisation.WOMENS_UNION, savings_group_name="Tổ Đông",
        purpose=LoanPurpose.PRODUCTION_BUSINESS, term_months=36, use_of_funds="Mua bò", **kw,
    )  # fmt: skip
    db.session.add(loan)
    db.session.flush()
    return loan


def _moved(loan, status, at):
    db.session.add(LoanTransition(application_id=loan.id, action="x", to_status=status, at=at))


@pytest.fixture
def quarter_cases(app, hanoi) -> QuarterCases:
    x, y = hanoi.commune_x, hanoi.commune_y
    with app.app_context():
        p1 = _case(
            x,
            received=date(2026, 1, 10),
            deadline=date(2026, 1, 12),
            residence_checked_on=date(2026, 1, 9),
            release_type=ReleaseType.AMNESTY,
            classification=Classification.A,
            extremely_difficult=True,
        )
        _case(
            x,
            received=date(2026, 2, 5),
            deadline=date(2026, 2, 3),
            # Checked by the police in time, though the person reported late.
            residence_checked_on=date(2026, 2, 2),
            classification=Classification.B,
            nationality="LA",
        )
        _case(
            x,
            received=date(2025, 12, 20),
            release_type=ReleaseType.CONDITIONAL_EARLY_RELEASE,
            classification=Classification.C,
        )
        _case(
            x,
            received=date(2025, 11, 1),
            status=CaseStatus.CLOSED,
            close_reason=CloseReason.DETAINED_AGAIN,
            closed_on=date(2026, 3, 1),
        )
        _case(
            x,
            received=date(2025, 10, 1),
            status=CaseStatus.CLOSED,
            close_reason=CloseReason.MOVED_AWAY,
            closed_on=date(2025, 12, 15),
        )
        _case(y, received=date(2026, 3, 31), release_type=ReleaseType.AMNESTY)
        _case(y, status=CaseStatus.NOTIFIED, notified_on=date(2026, 3, 30))
        for due, status, done in (
            (date(2026, 1, 20), FollowUpStatus.DONE, date(2026, 1, 20)),
            (date(2026, 2, 20), FollowUpStatus.DUE, None),
            (date(2026, 3, 31), FollowUpStatus.MISSED, None),
            (date(2026, 3, 25), FollowUpStatus.DONE, date(2026, 4, 2)),
            (date(2026, 3, 10), FollowUpStatus.CANCELLED, None),
            (date(2026, 4, 5), FollowUpStatus.DUE, None),
        ):
            db.session.add(
                FollowUp(
                    case_id=p1.id,
                    due_on=due,
                    kind=FollowUpKind.HOME_VISIT,
                    status=status,
                    done_on=done,
                )
            )
        l1 = _loan(
            p1,
            status=LoanStatus.REPAYING,
            amount_requested=50_000_000,
            submitted_on=date(2026, 1, 15),
            certified_on=date(2026, 1, 25),
            sent_to_bank_on=date(2026, 1, 27),
            bank_due_on=date(2026, 1, 30),
            bank_decided_on=date(2026, 2, 10),
            approved_amount=40_000_000,
            disbursed_on=date(2026, 2, 15),
        )
        l2 = _loan(
            p1,
            status=LoanStatus.DECLINED,
            amount_requested=30_000_000,
            submitted_on=date(2026, 3, 1),
            sent_to_bank_on=date(2026, 3, 18),
            bank_due_on=date(2026, 3, 23),
            bank_decided_on=date(2026, 3, 20),
        )
        _loan(
            p1,
            status=LoanStatus.SENT_TO_BANK,
            amount_requested=10_000_000,
            submitted_on=date(2025, 12, 1),
            certified_on=date(2025, 12, 20),
            sent_to_bank_on=date(2026, 3, 25),
            bank_due_on=date(2026, 3, 30),
        )
        l3 = _loan(
            p1,
            status=LoanStatus.SUBMITTED,
            amount_requested=20_000_000,
            submitted_on=date(2025, 12, 1),
        )
        _moved(l1, LoanStatus.ENDORSED, datetime(2025, 12, 31, 17, 30, tzinfo=UTC))
        _moved(l2, LoanStatus.ENDORSED, datetime(2026, 2, 1, 3, 0, tzinfo=UTC))
        _moved(l3, LoanStatus.REJECTED, datetime(2026, 3, 31, 18, 0, tzinfo=UTC))
        first = LoanInstalment(
            application_id=l1.id,
            number=1,
            due_on=date(2026, 3, 15),
            principal=1_000_000,
            interest=200_000,
            balance_after=39_000_000,
        )
        second = LoanInstalment(
            application_id=l1.id,
            number=2,
            due_on=date(2026, 4, 15),
            principal=1_000_000,
            interest=190_000,
            balance_after=38_000_000,
        )
        db.session.add_all([first, second])
        db.session.flush()
        db.session.add(
            LoanPayment(
                application_id=l1.id,
                instalment_id=first.id,
                paid_on=date(2026, 3, 20),
                amount=500_000,
            )
        )
        db.session.commit()  # fmt: skip
        return QuarterCases(hanoi, p1.id)


# --- Training and employment ------------------------------------------------------------------
# A second set, on cases of its own (so the figures above keep their numbers), in the same
# two communes, for the same quarter. Courses teach welding; the jobs are at one employer.
#
# Placements, commune X: T1 enrolled 15/12/2025, completed 20/02 with a certificate, and on a
# second course from 01/03; T2 enrolled 10/03, still studying; T3 enrolled 01/10/2025 and
# dropped 31/12/2025; T4 referred 05/01, never enrolled.
# Commune Y: T5 enrolled 05/01, completed 30/03 without a certificate; T6 enrolled 01/02,
# completed 02/04 (after the quarter).
# Hires (with the 1, 3 and 6 month retention checks a hire schedules), commune X:
# E1 from 15/10/2025, still working (3 months on 15/01, 6 months on 15/04); E2 from
# 30/09/2025, job lost 15/02 (6 months on 30/03); E3 from 10/03; E4 from 01/07/2025, job lost
# 10/12/2025 (6 months on 01/01). Commune Y: E5 referred, not hired; E6 from 31/10/2025, job
# lost 31/01 (3 months on 31/01: the day it ended, so not "still employed").


@dataclass
class WorkWorld:
    hanoi: Hanoi
    e1_person: int


def _placement(case, course, *, referred, enrolled=None, completed=None, certificate=None,
               dropped=None) -> None:  # fmt: skip
    status = (
        PlacementStatus.DROPPED if dropped else PlacementStatus.COMPLETED if completed
        else PlacementStatus.ENROLLED if enrolled else PlacementStatus.REFERRED
    )  # fmt: skip
    db.session.add(
        Placement(case_id=case.id, person_id=case.person_id, course_id=course.id,
                  trade_code=course.trade_code, status=status, referred_on=referred,
                  enrolled_on=enrolled, completed_on=completed, certificate_number=certificate,
                  dropped_on=dropped, drop_reason="Chuyển nơi ở" if dropped else None)
    )  # fmt: skip


def _hire(case, opening, *, start=None, lost=None, not_hired=None) -> None:
    """A referral as the referral services leave it: a hire has its retention checks 1, 3
    and 6 months after the first day of work (cancelled by a lost job if not done)."""
    status = (
        ReferralStatus.NOT_HIRED if not_hired else ReferralStatus.JOB_LOST if lost
        else ReferralStatus.HIRED
    )  # fmt: skip
    referral = Referral(opening_id=opening.id, case_id=case.id, person_id=case.person_id,
                        status=status, referred_on=date(2025, 6, 1), hired_on=start,
                        not_hired_on=not_hired, ended_on=lost,
                        end_reason=JobLossReason.RESIGNED if lost else None)  # fmt: skip
    db.session.add(referral)
    db.session.flush()
    if start is None:
        return
    for months in (1, 3, 6):
        due = add_months(start, months)
        cancelled = lost is not None and due > lost
        check = FollowUp(case_id=case.id, due_on=due, kind=FollowUpKind.RETENTION_CHECK,
                         status=FollowUpStatus.CANCELLED if cancelled else FollowUpStatus.DUE,
                         generated=False)  # fmt: skip
        db.session.add(check)
        db.session.flush()
        db.session.add(RetentionCheck(referral_id=referral.id, follow_up_id=check.id,
                                      months=months))  # fmt: skip


@pytest.fixture
def work_world(app, hanoi) -> WorkWorld:
    x, y = hanoi.commune_x, hanoi.commune_y
    with app.app_context():
        provider = TrainingProvider(
            name="Trường Trung cấp nghề Hà Nội",
            kind=ProviderKind.VOCATIONAL_SCHOOL,
            province_code=HA_NOI,
        )
        db.session.add(provider)
        db.session.flush()

        def course(starts, ends) -> Course:
            made = Course(provider_id=provider.id, title="Hàn điện", trade_code="welding",
                          level=CourseLevel.UNDER_3_MONTHS, commune_code=x, province_code=HA_NOI,
                          starts_on=starts, ends_on=ends, seats=20)  # fmt: skip
            db.session.add(made)
            db.session.flush()
            return made

        autumn = course(date(2025, 10, 1), date(2026, 4, 30))
        spring = course(date(2026, 3, 1), date(2026, 5, 31))
        t1 = _case(x, received=date(2025, 9, 1))
        _placement(t1, autumn, referred=date(2025, 12, 1), enrolled=date(2025, 12, 15),
                   completed=date(2026, 2, 20), certificate="CC-2026-001")  # fmt: skip
        _placement(t1, spring, referred=date(2026, 2, 25), enrolled=date(2026, 3, 1))
        _placement(_case(x, received=date(2025, 9, 1)), spring, referred=date(2026, 3, 1),
                   enrolled=date(2026, 3, 10))  # fmt: skip
        _placement(_case(x, received=date(2025, 9, 1)), autumn, referred=date(2025, 9, 20),
                   enrolled=date(2025, 10, 1), dropped=date(2025, 12, 31))  # fmt: skip
        _placement(_case(x, received=date(2025, 9, 1)), autumn, referred=date(2026, 1, 5))
        _placement(_case(y, received=date(2025, 9, 1)), autumn, referred=date(2026, 1, 2),
                   enrolled=date(2026, 1, 5), completed=date(2026, 3, 30))  # fmt: skip
        _placement(_case(y, received=date(2025, 9, 1)), autumn, referred=date(2026, 1, 20),
                   enrolled=date(2026, 2, 1), completed=date(2026, 4, 2),
                   certificate="CC-2026-002")  # fmt: skip

        employer = Employer(name="Công ty TNHH Cơ khí Đông Anh", tax_code="0101234567",
                            province_code=HA_NOI, commune_code=x)  # fmt: skip
        db.session.add(employer)
        db.session.flush()
        opening = Opening(employer_id=employer.id, title="Thợ hàn", trade_code="welding",
                          seats=10, commune_code=x, province_code=HA_NOI,
                          starts_on=date(2025, 6, 1))  # fmt: skip
        db.session.add(opening)
        db.session.flush()
        e1 = _case(x, received=date(2025, 5, 1))
        _hire(e1, opening, start=date(2025, 10, 15))
        _hire(_case(x, received=date(2025, 5, 1)), opening,
              start=date(2025, 9, 30), lost=date(2026, 2, 15))  # fmt: skip
        _hire(_case(x, received=date(2025, 5, 1)), opening, start=date(2026, 3, 10))
        _hire(_case(x, received=date(2025, 5, 1)), opening,
              start=date(2025, 7, 1), lost=date(2025, 12, 10))  # fmt: skip
        _hire(_case(y, received=date(2025, 5, 1)), opening, not_hired=date(2025, 6, 10))
        _hire(_case(y, received=date(2025, 5, 1)), opening,
              start=date(2025, 10, 31), lost=date(2026, 1, 31))  # fmt: skip
        db.session.commit()
        return WorkWorld(hanoi, e1.person_id)
