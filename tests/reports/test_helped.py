"""'People in extremely difficult circumstances helped' counts those flagged so for whom a
support measure was recorded in the period, not everyone flagged."""

from datetime import date

from reintegration.accounts.models import Organisation
from reintegration.extensions import db
from reintegration.loans.models import BorrowerKind, LoanApplication, LoanPurpose
from reintegration.reports import definitions
from reintegration.reports.periods import Period, PeriodKind
from tests.factories import CaseFactory

JANUARY = Period(PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31))


def loan(case, submitted_on: date) -> None:
    db.session.add(LoanApplication(
        borrower_kind=BorrowerKind.INDIVIDUAL, case_id=case.id, commune_code=case.commune_code,
        organisation=Organisation.WOMENS_UNION, savings_group_name="Tổ Đông",
        purpose=LoanPurpose.PRODUCTION_BUSINESS, term_months=36, use_of_funds="Mua bò",
        amount_requested=20_000_000, submitted_on=submitted_on,
    ))  # fmt: skip
    db.session.flush()


def test_helped_means_a_support_measure_in_the_period(app_ctx, hanoi):
    flagged = dict(extremely_difficult=True, commune_code=hanoi.commune_x,
                   received_on=date(2025, 12, 1))  # fmt: skip
    # Three flagged people: a loan asked in January, none, a loan asked in December.
    helped, _not_helped, helped_before = (CaseFactory(**flagged) for _ in range(3))
    db.session.flush()
    loan(helped, date(2026, 1, 20))
    loan(helped_before, date(2025, 12, 20))
    counts = definitions.compute(db.session, JANUARY, date(2026, 2, 1))
    assert counts["followed"] == {hanoi.commune_x: 3}
    assert counts["extremely_difficult"] == {hanoi.commune_x: 1}
