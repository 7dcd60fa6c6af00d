"""A small hand-built world for the report figures, in two communes of Hà Nội, for the
first quarter of 2026 (built on 15/04/2026, so "overdue" is judged on 01/04/2026).

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
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from reintegration.accounts.models import Organisation
from reintegration.casework.models.follow_up import FollowUp, FollowUpKind, FollowUpStatus
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
from reintegration.reports import definitions as d
from tests.conftest import Hanoi
from tests.factories import CaseFactory, PersonFactory, ReleaseFactory

Q1 = d.Period(d.PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31))
BUILT_ON = date(2026, 4, 15)


@dataclass
class World:
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
    nationality="Việt Nam",
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
def world(app, hanoi) -> World:
    x, y = hanoi.commune_x, hanoi.commune_y
    with app.app_context():
        p1 = _case(
            x,
            received=date(2026, 1, 10),
            deadline=date(2026, 1, 12),
            release_type=ReleaseType.AMNESTY,
            classification=Classification.A,
            extremely_difficult=True,
        )
        _case(
            x,
            received=date(2026, 2, 5),
            deadline=date(2026, 2, 3),
            classification=Classification.B,
            nationality="Lào",
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
            bank_decided_on=date(2026, 2, 10),
            approved_amount=40_000_000,
            disbursed_on=date(2026, 2, 15),
        )
        l2 = _loan(
            p1,
            status=LoanStatus.DECLINED,
            amount_requested=30_000_000,
            submitted_on=date(2026, 3, 1),
            bank_decided_on=date(2026, 3, 20),
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
        return World(hanoi, p1.id)
