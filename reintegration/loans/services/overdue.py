"""What "overdue" means for a loan, defined once: the application pages, the lists, the
late-instalment alerts and the committees' reports all ask this module.

On a day D, an instalment is overdue when D is at least N days after its due date and the
payments made on or before D do not cover it, on a loan being repaid (disbursed or
repaying). N is the loan rule "An instalment is overdue this long after its due date" in
force on D (a setting, not a literal: 1 day is the bank's meaning, unpaid once its day has
passed). A loan is overdue when one of its instalments is.
"""

from datetime import date, timedelta

from sqlalchemy import Select, func, select

from reintegration.loans.models import (
    LoanApplication,
    LoanInstalment,
    LoanPayment,
    LoanStatus,
    RuleKey,
)
from reintegration.loans.services.rules import rule_value_on

# A loan whose instalments can be overdue.
BEING_REPAID = (LoanStatus.DISBURSED, LoanStatus.REPAYING)


def overdue_after_days(day: date) -> int:
    """N, the days after its due date from which an unpaid instalment is overdue on ``day``."""
    return int(rule_value_on(RuleKey.OVERDUE_AFTER_DAYS, day))


def overdue_instalments(day: date, *, late_by_days: int | None = None) -> Select:
    """Every instalment overdue on ``day``: rows (instalment_id, application_id, due_on,
    unpaid). ``late_by_days`` keeps only those at least that late (never fewer days than
    the definition: an alert is about instalments already overdue)."""
    after = overdue_after_days(day)
    if late_by_days is not None:
        after = max(after, late_by_days)
    paid = (
        select(LoanPayment.instalment_id, func.sum(LoanPayment.amount).label("paid"))
        .where(LoanPayment.paid_on <= day)
        .group_by(LoanPayment.instalment_id)
        .subquery()
    )
    unpaid = LoanInstalment.principal + LoanInstalment.interest - func.coalesce(paid.c.paid, 0)
    return (
        select(
            LoanInstalment.id.label("instalment_id"),
            LoanInstalment.application_id.label("application_id"),
            LoanInstalment.due_on.label("due_on"),
            unpaid.label("unpaid"),
        )
        .join(LoanApplication, LoanApplication.id == LoanInstalment.application_id)
        .outerjoin(paid, paid.c.instalment_id == LoanInstalment.id)
        .where(
            LoanApplication.status.in_(BEING_REPAID),
            LoanInstalment.due_on <= day - timedelta(days=after),
            unpaid > 0,
        )
    )
